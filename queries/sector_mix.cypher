// title: Sector mix per partnership
// question: How many members of each partnership are active in po, so (sbo/so/vso), vo, mbo and ho (teacher colleges)?
// param: kind: str = "" -- only partnerships of this kind; empty for all
// param: as_of: date = "today" -- count memberships valid on this date; empty for all memberships ever
// columns: partnership_id, partnership_name, kind, members, po, so, vo, mbo, ho, sectors
MATCH (p:Partnership)<-[m:MEMBER_OF]-(x)
WHERE ($kind = '' OR p.kind = $kind)
  AND ($as_of = '' OR ((m.valid_from IS NULL OR m.valid_from <= $as_of) AND (m.valid_to IS NULL OR m.valid_to >= $as_of)))
OPTIONAL MATCH (x)-[:GOVERNS]->(s:School)
OPTIONAL MATCH (c:TeacherCollege)-[:OFFERED_BY]->(x)
WITH p, x, collect(DISTINCT s.sector) AS school_sectors, count(c) AS colleges
WITH p, x, school_sectors
     + CASE WHEN colleges > 0 OR x.croho IS NOT NULL THEN ['ho'] ELSE [] END
     + CASE WHEN x.sector IS NOT NULL THEN [x.sector] ELSE [] END AS raw_sectors
UNWIND CASE WHEN size(raw_sectors) = 0 THEN ['none'] ELSE raw_sectors END AS raw
WITH DISTINCT p, x, CASE WHEN raw IN ['sbo', 'so', 'vso'] THEN 'so' ELSE raw END AS sector
WITH p, count(DISTINCT x.id) AS member_count,
     count(DISTINCT CASE WHEN sector = 'po' THEN x.id END) AS n_po,
     count(DISTINCT CASE WHEN sector = 'so' THEN x.id END) AS n_so,
     count(DISTINCT CASE WHEN sector = 'vo' THEN x.id END) AS n_vo,
     count(DISTINCT CASE WHEN sector = 'mbo' THEN x.id END) AS n_mbo,
     count(DISTINCT CASE WHEN sector = 'ho' THEN x.id END) AS n_ho
RETURN p.id AS partnership_id, p.name AS partnership_name, p.kind AS kind, member_count AS members,
       n_po AS po, n_so AS so, n_vo AS vo, n_mbo AS mbo, n_ho AS ho,
       CASE WHEN n_po > 0 THEN 1 ELSE 0 END + CASE WHEN n_so > 0 THEN 1 ELSE 0 END
       + CASE WHEN n_vo > 0 THEN 1 ELSE 0 END + CASE WHEN n_mbo > 0 THEN 1 ELSE 0 END
       + CASE WHEN n_ho > 0 THEN 1 ELSE 0 END AS sectors
ORDER BY sectors DESC, members DESC, partnership_id
