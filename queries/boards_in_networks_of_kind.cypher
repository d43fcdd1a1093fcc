// title: Boards in several networks of one kind
// question: Which boards sit in two or more networks of the same kind (e.g. two RAP regions)?
// param: kind: str = "rap" -- partnership kind (rap, samen-opleiden, onderwijsregio, ...); empty for every kind
// param: min_networks: int = 2 -- smallest number of networks of that kind to report
// param: as_of: date = "today" -- count memberships valid on this date; empty for all memberships ever
// columns: board_id, board_name, kind, networks, partnership_ids, partnership_names
MATCH (b:Board)-[m:MEMBER_OF]->(p:Partnership)
WHERE ($kind = '' OR p.kind = $kind)
  AND ($as_of = '' OR ((m.valid_from IS NULL OR m.valid_from <= $as_of) AND (m.valid_to IS NULL OR m.valid_to >= $as_of)))
WITH b, p.kind AS network_kind, collect(DISTINCT p.id) AS ids, collect(DISTINCT p.name) AS names
WHERE size(ids) >= $min_networks
RETURN b.id AS board_id, b.name AS board_name, network_kind AS kind, size(ids) AS networks,
       ids AS partnership_ids, names AS partnership_names
ORDER BY networks DESC, kind, board_id
