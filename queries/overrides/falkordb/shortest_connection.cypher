// FalkorDB: undirected shortestPath is not supported; algo.SPpaths with relDirection 'both' is.
MATCH (a {id: $from_id}), (b {id: $to_id})
CALL algo.SPpaths({sourceNode: a, targetNode: b, relTypes: ['MEMBER_OF', 'GOVERNS', 'OFFERED_BY'], maxLen: $max_hops, relDirection: 'both', pathCount: 1}) YIELD path
RETURN length(path) AS hops, path
