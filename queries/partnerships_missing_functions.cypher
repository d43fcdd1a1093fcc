// title: Partnerships missing one of the five functions
// question: Which partnerships run no activity for one or more of the five functions (werven, matchen, opleiden, begeleiden, professionaliseren)?
// param: kind: str = "" -- only partnerships of this kind; empty for all
// columns: partnership_id, partnership_name, kind, functions_present, missing_functions
MATCH (p:Partnership)
WHERE $kind = '' OR p.kind = $kind
UNWIND ['werven', 'matchen', 'opleiden', 'begeleiden', 'professionaliseren'] AS f
OPTIONAL MATCH (p)-[:RUNS]->(a:Activity)
WHERE a.function = f
WITH p, f, count(a) AS n
WITH p, collect(CASE WHEN n = 0 THEN f END) AS missing, sum(CASE WHEN n > 0 THEN 1 ELSE 0 END) AS present
WHERE size(missing) > 0
RETURN p.id AS partnership_id, p.name AS partnership_name, p.kind AS kind,
       present AS functions_present, missing AS missing_functions
ORDER BY functions_present, partnership_id
