// FalkorDB: undirected shortestPath is not supported, and algo.SPpaths enumerates paths (slow
// from hubs when no path exists).  So first find the distance d by breadth-first levels
// (a level stops expanding once the target is found or max_hops is passed), then ask
// algo.SPpaths for one path of exactly that length.  Levels are walk sets; the first
// level holding the target is the distance.
MATCH (a {id: $from_id}), (b {id: $to_id})
WITH a, b, [a] AS l0, CASE WHEN a = b THEN 0 END AS d0
UNWIND CASE WHEN d0 IS NULL AND 1 <= $max_hops THEN l0 ELSE [null] END AS x1
OPTIONAL MATCH (x1)-[:MEMBER_OF|GOVERNS|OFFERED_BY]-(n1)
WITH a, b, d0, collect(DISTINCT n1) AS l1
WITH a, b, l1, CASE WHEN d0 IS NULL AND b IN l1 THEN 1 ELSE d0 END AS d1
UNWIND CASE WHEN d1 IS NULL AND 2 <= $max_hops THEN l1 ELSE [null] END AS x2
OPTIONAL MATCH (x2)-[:MEMBER_OF|GOVERNS|OFFERED_BY]-(n2)
WITH a, b, d1, collect(DISTINCT n2) AS l2
WITH a, b, l2, CASE WHEN d1 IS NULL AND b IN l2 THEN 2 ELSE d1 END AS d2
UNWIND CASE WHEN d2 IS NULL AND 3 <= $max_hops THEN l2 ELSE [null] END AS x3
OPTIONAL MATCH (x3)-[:MEMBER_OF|GOVERNS|OFFERED_BY]-(n3)
WITH a, b, d2, collect(DISTINCT n3) AS l3
WITH a, b, l3, CASE WHEN d2 IS NULL AND b IN l3 THEN 3 ELSE d2 END AS d3
UNWIND CASE WHEN d3 IS NULL AND 4 <= $max_hops THEN l3 ELSE [null] END AS x4
OPTIONAL MATCH (x4)-[:MEMBER_OF|GOVERNS|OFFERED_BY]-(n4)
WITH a, b, d3, collect(DISTINCT n4) AS l4
WITH a, b, l4, CASE WHEN d3 IS NULL AND b IN l4 THEN 4 ELSE d3 END AS d4
UNWIND CASE WHEN d4 IS NULL AND 5 <= $max_hops THEN l4 ELSE [null] END AS x5
OPTIONAL MATCH (x5)-[:MEMBER_OF|GOVERNS|OFFERED_BY]-(n5)
WITH a, b, d4, collect(DISTINCT n5) AS l5
WITH a, b, l5, CASE WHEN d4 IS NULL AND b IN l5 THEN 5 ELSE d4 END AS d5
UNWIND CASE WHEN d5 IS NULL AND 6 <= $max_hops THEN l5 ELSE [null] END AS x6
OPTIONAL MATCH (x6)-[:MEMBER_OF|GOVERNS|OFFERED_BY]-(n6)
WITH a, b, d5, collect(DISTINCT n6) AS l6
WITH a, b, l6, CASE WHEN d5 IS NULL AND b IN l6 THEN 6 ELSE d5 END AS d6
UNWIND CASE WHEN d6 IS NULL AND 7 <= $max_hops THEN l6 ELSE [null] END AS x7
OPTIONAL MATCH (x7)-[:MEMBER_OF|GOVERNS|OFFERED_BY]-(n7)
WITH a, b, d6, collect(DISTINCT n7) AS l7
WITH a, b, l7, CASE WHEN d6 IS NULL AND b IN l7 THEN 7 ELSE d6 END AS d7
UNWIND CASE WHEN d7 IS NULL AND 8 <= $max_hops THEN l7 ELSE [null] END AS x8
OPTIONAL MATCH (x8)-[:MEMBER_OF|GOVERNS|OFFERED_BY]-(n8)
WITH a, b, d7, collect(DISTINCT n8) AS l8
WITH a, b, l8, CASE WHEN d7 IS NULL AND b IN l8 THEN 8 ELSE d7 END AS d8
WITH a, b, d8 AS d WHERE d IS NOT NULL AND d > 0 AND d <= $max_hops
CALL algo.SPpaths({sourceNode: a, targetNode: b, relTypes: ['MEMBER_OF', 'GOVERNS', 'OFFERED_BY'], maxLen: d, relDirection: 'both', pathCount: 1}) YIELD path
RETURN length(path) AS hops, path
