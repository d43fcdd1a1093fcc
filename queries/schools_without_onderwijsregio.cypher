// title: Schools in no Onderwijsregio
// question: Which school locations lie in a municipality that no Onderwijsregio covers?
// param: sector: str = "" -- only this sector (po, sbo, so, vso, vo, mbo); empty for all
// columns: school_id, school_name, sector, municipality_id, municipality_name, board_id
MATCH (m:Municipality)
OPTIONAL MATCH (m)-[:PART_OF]->(r:Region {scheme: 'onderwijsregio'})
OPTIONAL MATCH (m)<-[:COVERS]-(p:Partnership {kind: 'onderwijsregio'})
WITH m, count(r) + count(p) AS covering
WHERE covering = 0
MATCH (s:School)-[:LOCATED_IN]->(m)
WHERE $sector = '' OR s.sector = $sector
OPTIONAL MATCH (b:Board)-[:GOVERNS]->(s)
RETURN s.id AS school_id, s.name AS school_name, s.sector AS sector, m.id AS municipality_id,
       m.name AS municipality_name, b.id AS board_id
ORDER BY municipality_id, school_id
