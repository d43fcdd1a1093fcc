// Neo4j: shortestPath with an undirected, type-restricted pattern (the bound cannot be a parameter).
// a <> b is checked in a WITH before shortestPath: Neo4j raises an error (not an empty answer)
// when shortestPath gets the same start and end node (dbms.cypher.forbid_shortestpath_common_nodes).
// ORDER BY/LIMIT 1 as in the shared text: one answer even when an id names two nodes.
MATCH (a {id: $from_id}), (b {id: $to_id})
WITH a, b WHERE a <> b
MATCH p = shortestPath((a)-[:MEMBER_OF|GOVERNS|OFFERED_BY*..8]-(b))
WITH p WHERE length(p) <= $max_hops
RETURN length(p) AS hops, p AS path
ORDER BY hops
LIMIT 1
