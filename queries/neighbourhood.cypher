// title: Neighbourhood of a node
// question: What lies within a few steps of this board, school, partnership, municipality or region?
// param: node_id: str -- id of the start node (board number, vestigingscode, GM code, region id such as arbeidsmarktregio:AM01, partnership id)
// param: label: str = "" -- label of the start node when ids could clash (Board, School, Partnership, ...); empty for any
// param: depth: int = 2 -- how many steps out (1 to 3)
// param: limit: int = 500 -- most neighbours to return (nearest first)
// columns: node_id, labels, name, distance
MATCH (origin {id: $node_id})
WHERE $label = '' OR $label IN labels(origin)
MATCH path = (origin)-[*1..3]-(n)
WHERE n <> origin AND length(path) <= $depth
WITH n, min(length(path)) AS hops
RETURN n.id AS node_id, labels(n) AS labels, coalesce(n.name, n.title, n.id) AS name, hops AS distance
ORDER BY distance, node_id
LIMIT $limit
