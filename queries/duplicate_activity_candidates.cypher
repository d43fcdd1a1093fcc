// title: Candidate duplicate activities
// question: Which activities with the same function are run by different partnerships that share members, in overlapping periods?
// param: function: str = "" -- only this function (werven, matchen, opleiden, begeleiden, professionaliseren); empty for all
// param: min_shared: int = 1 -- smallest number of members the two partnerships share
// param: as_of: date = "today" -- count members whose memberships are valid on this date; empty for all memberships ever
// columns: activity_a, title_a, partnership_a, activity_b, title_b, partnership_b, function, shared_members
MATCH (p1:Partnership)<-[m1:MEMBER_OF]-(x)-[m2:MEMBER_OF]->(p2:Partnership)
WHERE p1.id <> p2.id
  AND ($as_of = '' OR ((m1.valid_from IS NULL OR m1.valid_from <= $as_of) AND (m1.valid_to IS NULL OR m1.valid_to >= $as_of)
                   AND (m2.valid_from IS NULL OR m2.valid_from <= $as_of) AND (m2.valid_to IS NULL OR m2.valid_to >= $as_of)))
WITH p1, p2, count(DISTINCT x) AS shared
WHERE shared >= $min_shared
MATCH (p1)-[:RUNS]->(a1:Activity)
WHERE $function = '' OR a1.function = $function
MATCH (p2)-[:RUNS]->(a2:Activity)
WHERE a2.function = a1.function AND a1.id < a2.id
  AND (a1.start IS NULL OR a2.end IS NULL OR a1.start <= a2.end)
  AND (a2.start IS NULL OR a1.end IS NULL OR a2.start <= a1.end)
RETURN a1.id AS activity_a, a1.title AS title_a, p1.id AS partnership_a,
       a2.id AS activity_b, a2.title AS title_b, p2.id AS partnership_b,
       a1.function AS function, shared AS shared_members
ORDER BY shared_members DESC, activity_a, activity_b
