// Neo4j: shortestPath with an undirected, type-restricted pattern (the bound cannot be a parameter).
MATCH (a {id: $from_id}), (b {id: $to_id})
MATCH p = shortestPath((a)-[:MEMBER_OF|GOVERNS|OFFERED_BY*..8]-(b))
WITH p WHERE length(p) <= $max_hops
RETURN length(p) AS hops, p AS path
