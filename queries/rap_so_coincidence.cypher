// title: Where RAP and Samen Opleiden coincide
// question: Per RAP region, what share of its members is also in a Samen Opleiden partnership, and in which ones?
// param: kind: str = "rap" -- kind of the regions to report on
// param: other_kind: str = "samen-opleiden" -- kind of the partnerships to compare with
// param: as_of: date = "today" -- count memberships valid on this date; empty for all memberships ever
// columns: partnership_id, partnership_name, members, members_in_other, share, other_partnerships, other_ids
MATCH (p:Partnership {kind: $kind})<-[m:MEMBER_OF]-(x)
WHERE $as_of = '' OR ((m.valid_from IS NULL OR m.valid_from <= $as_of) AND (m.valid_to IS NULL OR m.valid_to >= $as_of))
WITH p, collect(DISTINCT x) AS member_list
UNWIND member_list AS x
OPTIONAL MATCH (x)-[m2:MEMBER_OF]->(q:Partnership {kind: $other_kind})
WHERE $as_of = '' OR ((m2.valid_from IS NULL OR m2.valid_from <= $as_of) AND (m2.valid_to IS NULL OR m2.valid_to >= $as_of))
WITH p, size(member_list) AS member_count, x, collect(DISTINCT q) AS qs
WITH p, member_count, sum(CASE WHEN size(qs) > 0 THEN 1 ELSE 0 END) AS in_other, collect(qs) AS q_lists
UNWIND q_lists AS q_list
UNWIND CASE WHEN size(q_list) = 0 THEN [null] ELSE q_list END AS q
WITH p, member_count, in_other, q, count(*) AS shared
ORDER BY shared DESC, q.id
WITH p, member_count, in_other,
     collect(CASE WHEN q IS NULL THEN null ELSE coalesce(q.name, q.id) + ' (' + toString(shared) + ')' END) AS others,
     collect(q.id) AS q_ids
RETURN p.id AS partnership_id, p.name AS partnership_name, member_count AS members,
       in_other AS members_in_other, 1.0 * in_other / member_count AS share,
       others AS other_partnerships, q_ids AS other_ids
ORDER BY share DESC, partnership_id
