// title: Candidate duplicate activities
// question: Which activities with the same function are run by different partnerships that share members, in overlapping periods?
// param: function: str = "" -- only this function (werven, matchen, opleiden, begeleiden, professionaliseren); empty for all
// param: min_shared: int = 1 -- smallest number of members the two partnerships share
// param: as_of: date = "today" -- count members whose memberships are valid on this date; empty for all memberships ever
// columns: activity_a, title_a, partnership_a, activity_b, title_b, partnership_b, function, shared_members
MATCH (p1:Partnership)-[:RUNS]->(a:Activity)
WHERE $function = '' OR a.function = $function
WITH p1, collect(a) AS acts
MATCH (p1)<-[m1:MEMBER_OF]-(x)-[m2:MEMBER_OF]->(p2:Partnership)
WHERE p1.id < p2.id
  AND ($as_of = '' OR ((m1.valid_from IS NULL OR m1.valid_from <= $as_of) AND (m1.valid_to IS NULL OR m1.valid_to >= $as_of)
                   AND (m2.valid_from IS NULL OR m2.valid_from <= $as_of) AND (m2.valid_to IS NULL OR m2.valid_to >= $as_of)))
WITH p1, acts, p2, count(DISTINCT x) AS shared
WHERE shared >= $min_shared
MATCH (p2)-[:RUNS]->(a2:Activity)
UNWIND acts AS a1
WITH p1, p2, shared, a1, a2
WHERE a1.function = a2.function
  AND (a1.start IS NULL OR a2.end IS NULL OR a1.start <= a2.end)
  AND (a2.start IS NULL OR a1.end IS NULL OR a2.start <= a1.end)
WITH shared,
     CASE WHEN a1.id < a2.id THEN a1 ELSE a2 END AS act_a, CASE WHEN a1.id < a2.id THEN a2 ELSE a1 END AS act_b,
     CASE WHEN a1.id < a2.id THEN p1 ELSE p2 END AS part_a, CASE WHEN a1.id < a2.id THEN p2 ELSE p1 END AS part_b
RETURN act_a.id AS activity_a, act_a.title AS title_a, part_a.id AS partnership_a,
       act_b.id AS activity_b, act_b.title AS title_b, part_b.id AS partnership_b,
       act_a.function AS function, shared AS shared_members
ORDER BY shared_members DESC, activity_a, activity_b
