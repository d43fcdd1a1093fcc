// title: Shortest connection between two organisations
// question: How are these two organisations connected through memberships, governance and teacher colleges, in as few steps as possible?
// param: from_id: str -- id of the first organisation (board number, vestigingscode, teacher college or organisation id)
// param: to_id: str -- id of the second organisation
// param: max_hops: int = 6 -- longest connection to look for (1 to 8)
// columns: hops, path
MATCH (a {id: $from_id}), (b {id: $to_id})
MATCH p = (a)-[*1..8]-(b)
WHERE a <> b AND length(p) <= $max_hops
RETURN length(p) AS hops, p AS path
ORDER BY hops
LIMIT 1
