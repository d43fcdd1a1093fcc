// title: Schools in no Onderwijsregio
// question: Which school locations are in no Onderwijsregio: neither the school nor its board is a member of one (as the published 97% po / 98% vo / 90% mbo coverage counts), or, by area, no Onderwijsregio covers their municipality?
// param: basis: str = "membership" -- "membership" (the school or its board is a member of an Onderwijsregio) or "area" (an Onderwijsregio covers the school's municipality)
// param: sector: str = "" -- only this sector (po, sbo, so, vso, vo, mbo); empty for all
// param: as_of: date = "today" -- count memberships valid on this date (basis membership); empty for all memberships ever
// columns: school_id, school_name, sector, municipality_id, municipality_name, board_id
OPTIONAL MATCH (p:Partnership {kind: 'onderwijsregio'})<-[m:MEMBER_OF]-(x)
WHERE $basis = 'membership'
  AND ($as_of = '' OR ((m.valid_from IS NULL OR m.valid_from <= $as_of) AND (m.valid_to IS NULL OR m.valid_to >= $as_of)))
WITH collect(DISTINCT x.id) AS member_ids
MATCH (b:Board)-[:GOVERNS]->(s:School)-[:LOCATED_IN]->(mun:Municipality)
WHERE $basis = 'membership' AND ($sector = '' OR s.sector = $sector)
  AND NOT b.id IN member_ids AND NOT s.id IN member_ids
RETURN s.id AS school_id, s.name AS school_name, s.sector AS sector, mun.id AS municipality_id,
       mun.name AS municipality_name, b.id AS board_id
ORDER BY municipality_id, school_id
UNION ALL
MATCH (mun:Municipality)
WHERE $basis = 'area'
OPTIONAL MATCH (mun)-[:PART_OF]->(r:Region {scheme: 'onderwijsregio'})
OPTIONAL MATCH (mun)<-[:COVERS]-(p:Partnership {kind: 'onderwijsregio'})
WITH mun, count(r) + count(p) AS covering
WHERE covering = 0
MATCH (s:School)-[:LOCATED_IN]->(mun)
WHERE $sector = '' OR s.sector = $sector
OPTIONAL MATCH (b:Board)-[:GOVERNS]->(s)
RETURN s.id AS school_id, s.name AS school_name, s.sector AS sector, mun.id AS municipality_id,
       mun.name AS municipality_name, b.id AS board_id
ORDER BY municipality_id, school_id
