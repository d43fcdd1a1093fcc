// title: Boards straddling region boundaries
// question: Which boards have schools in more than one region of a scheme (e.g. in two arbeidsmarktregio's)?
// param: scheme: str = "arbeidsmarktregio" -- region scheme (provincie, arbeidsmarktregio, corop, rmc, onderwijsgebied, swv-po, swv-vo, rap, onderwijsregio); municipality schemes are reached through LOCATED_IN/PART_OF, postcode areas (swv-po, swv-vo) through IN_AREA
// param: min_regions: int = 2 -- smallest number of regions to report
// columns: board_id, board_name, regions, schools, region_ids, region_names
MATCH (b:Board)-[:GOVERNS]->(s:School)-[:LOCATED_IN]->(:Municipality)-[:PART_OF]->(r:Region {scheme: $scheme})
WITH b, collect(DISTINCT r.id) AS ids, collect(DISTINCT coalesce(r.name, r.id)) AS names, count(DISTINCT s) AS school_count
WHERE size(ids) >= $min_regions
RETURN b.id AS board_id, b.name AS board_name, size(ids) AS regions, school_count AS schools,
       ids AS region_ids, names AS region_names
ORDER BY regions DESC, schools DESC, board_id
UNION ALL
MATCH (b:Board)-[:GOVERNS]->(s:School)-[:IN_AREA]->(r:Region {scheme: $scheme})
WITH b, collect(DISTINCT r.id) AS ids, collect(DISTINCT coalesce(r.name, r.id)) AS names, count(DISTINCT s) AS school_count
WHERE size(ids) >= $min_regions
RETURN b.id AS board_id, b.name AS board_name, size(ids) AS regions, school_count AS schools,
       ids AS region_ids, names AS region_names
ORDER BY regions DESC, schools DESC, board_id
