// title: Links between sectors
// question: How often do members of two sectors (po, so, vo, mbo, ho) sit together in a partnership?
// param: kind: str = "" -- only partnerships of this kind; empty for all
// param: as_of: date = "today" -- count memberships valid on this date; empty for all memberships ever
// columns: sector_a, sector_b, links, member_pairs, partnerships
MATCH (p:Partnership)<-[m:MEMBER_OF]-(x)
WHERE ($kind = '' OR p.kind = $kind)
  AND ($as_of = '' OR ((m.valid_from IS NULL OR m.valid_from <= $as_of) AND (m.valid_to IS NULL OR m.valid_to >= $as_of)))
OPTIONAL MATCH (x)-[:GOVERNS]->(s:School)
OPTIONAL MATCH (c:TeacherCollege)-[:OFFERED_BY]->(x)
WITH p, x, collect(DISTINCT s.sector) AS school_sectors, count(c) AS colleges
WITH p, x, school_sectors
     + CASE WHEN colleges > 0 OR x.croho IS NOT NULL THEN ['ho'] ELSE [] END
     + CASE WHEN x.sector IS NOT NULL THEN [x.sector] ELSE [] END AS raw_sectors
UNWIND raw_sectors AS raw
WITH DISTINCT p, x, CASE WHEN raw IN ['sbo', 'so', 'vso'] THEN 'so' ELSE raw END AS sector
WITH p, x, collect(sector) AS member_sectors
WITH p, collect(id(x)) AS ids, collect(member_sectors) AS sector_lists
UNWIND range(0, size(ids) - 2) AS i
UNWIND range(i + 1, size(ids) - 1) AS j
UNWIND sector_lists[i] AS sa
UNWIND sector_lists[j] AS sb
WITH DISTINCT p, CASE WHEN ids[i] < ids[j] THEN toString(ids[i]) + '-' + toString(ids[j]) ELSE toString(ids[j]) + '-' + toString(ids[i]) END AS pair,
     CASE WHEN sa <= sb THEN sa ELSE sb END AS s1, CASE WHEN sa <= sb THEN sb ELSE sa END AS s2
RETURN s1 AS sector_a, s2 AS sector_b, count(*) AS links,
       count(DISTINCT pair) AS member_pairs, count(DISTINCT p) AS partnerships
ORDER BY links DESC, sector_a, sector_b
