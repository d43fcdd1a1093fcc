// title: Regions missing one of the five functions
// question: In which regions of a scheme does no partnership covering (part of) the region run an activity for one of the five functions?
// param: scheme: str = "onderwijsregio" -- region scheme (onderwijsregio, rap, arbeidsmarktregio, provincie, ...)
// columns: region_id, region_name, functions_present, missing_functions
MATCH (r:Region {scheme: $scheme})
UNWIND ['werven', 'matchen', 'opleiden', 'begeleiden', 'professionaliseren'] AS f
OPTIONAL MATCH (r)<-[:PART_OF]-(:Municipality)<-[:COVERS]-(:Partnership)-[:RUNS]->(a1:Activity)
WHERE a1.function = f
WITH r, f, count(a1) AS n1
OPTIONAL MATCH (r)<-[:COVERS]-(:Partnership)-[:RUNS]->(a2:Activity)
WHERE a2.function = f
WITH r, f, n1, count(a2) AS n2
WITH r, f, n1 + n2 AS n
WITH r, collect(CASE WHEN n = 0 THEN f END) AS missing, sum(CASE WHEN n > 0 THEN 1 ELSE 0 END) AS present
WHERE size(missing) > 0
RETURN r.id AS region_id, coalesce(r.name, r.id) AS region_name, present AS functions_present,
       missing AS missing_functions
ORDER BY functions_present, region_id
