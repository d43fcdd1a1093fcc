// title: Partnerships with teacher colleges and the regions they serve
// question: Which partnerships include a teacher college (directly or through its board), and which regions do those colleges serve through them?
// param: kind: str = "" -- only partnerships of this kind (e.g. samen-opleiden); empty for all
// param: scheme: str = "arbeidsmarktregio" -- region scheme of the regions served
// columns: partnership_id, partnership_name, kind, colleges, college_names, regions, region_names
MATCH (p:Partnership)<-[:MEMBER_OF]-(x)
WHERE $kind = '' OR p.kind = $kind
OPTIONAL MATCH (c1:TeacherCollege)-[:OFFERED_BY]->(x)
WITH p, x, collect(DISTINCT c1) AS offered
WITH p, CASE WHEN x.croho IS NOT NULL THEN offered + [x] ELSE offered END AS college_list
UNWIND college_list AS c
WITH p, collect(DISTINCT c.id) AS college_ids,
     collect(DISTINCT coalesce(c.name, c.programme, c.id) + ' (' + coalesce(c.city, '?') + ')') AS names
OPTIONAL MATCH (p)<-[:MEMBER_OF]-(:Board)-[:GOVERNS]->(:School)-[:LOCATED_IN]->(:Municipality)-[:PART_OF]->(r1:Region {scheme: $scheme})
WITH p, college_ids, names, collect(DISTINCT r1) AS via_members
OPTIONAL MATCH (p)-[:COVERS]->(:Municipality)-[:PART_OF]->(r2:Region {scheme: $scheme})
WITH p, college_ids, names, via_members, collect(DISTINCT r2) AS via_coverage
UNWIND CASE WHEN size(via_members) + size(via_coverage) = 0 THEN [null] ELSE via_members + via_coverage END AS r
WITH p, college_ids, names, collect(DISTINCT r.id) AS region_ids, collect(DISTINCT coalesce(r.name, r.id)) AS region_name_list
RETURN p.id AS partnership_id, p.name AS partnership_name, p.kind AS kind, size(college_ids) AS colleges,
       names AS college_names, size(region_ids) AS regions, region_name_list AS region_names
ORDER BY colleges DESC, partnership_id
