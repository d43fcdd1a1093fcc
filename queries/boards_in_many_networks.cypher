// title: Boards in many networks
// question: Which boards are members of many networks overall, and of which kinds?
// param: min_networks: int = 3 -- smallest number of networks (of any kind) to report
// param: as_of: date = "today" -- count memberships valid on this date; empty for all memberships ever
// columns: board_id, board_name, networks, kinds, partnership_names
MATCH (b:Board)-[m:MEMBER_OF]->(p:Partnership)
WHERE $as_of = '' OR ((m.valid_from IS NULL OR m.valid_from <= $as_of) AND (m.valid_to IS NULL OR m.valid_to >= $as_of))
WITH b, collect(DISTINCT p.id) AS ids, collect(DISTINCT p.kind) AS kind_list, collect(DISTINCT p.name) AS names
WHERE size(ids) >= $min_networks
RETURN b.id AS board_id, b.name AS board_name, size(ids) AS networks, kind_list AS kinds,
       names AS partnership_names
ORDER BY networks DESC, board_id
