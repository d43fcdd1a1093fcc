// title: Municipalities in no Onderwijsregio
// question: Which municipalities does no Onderwijsregio cover, and how many school locations lie there?
// columns: municipality_id, municipality_name, schools
MATCH (m:Municipality)
OPTIONAL MATCH (m)-[:PART_OF]->(r:Region {scheme: 'onderwijsregio'})
OPTIONAL MATCH (m)<-[:COVERS]-(p:Partnership {kind: 'onderwijsregio'})
WITH m, count(r) + count(p) AS covering
WHERE covering = 0
OPTIONAL MATCH (s:School)-[:LOCATED_IN]->(m)
RETURN m.id AS municipality_id, m.name AS municipality_name, count(s) AS schools
ORDER BY schools DESC, municipality_id
