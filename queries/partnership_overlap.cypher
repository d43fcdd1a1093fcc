// title: Partnerships that share members
// question: Which pairs of partnerships share members, who are those shared members, and how large is the overlap (Jaccard)?
// param: kind: str = "" -- only pairs where both partnerships are of this kind (rap, samen-opleiden, onderwijsregio, ...); empty for all
// param: min_shared: int = 1 -- smallest number of shared members to report
// param: as_of: date = "today" -- count memberships valid on this date; empty for all memberships ever
// columns: partnership_a, name_a, kind_a, partnership_b, name_b, kind_b, shared, members_a, members_b, jaccard, shared_members
MATCH (p1:Partnership)<-[m1:MEMBER_OF]-(x)-[m2:MEMBER_OF]->(p2:Partnership)
WHERE p1.id < p2.id
  AND ($kind = '' OR (p1.kind = $kind AND p2.kind = $kind))
  AND ($as_of = '' OR ((m1.valid_from IS NULL OR m1.valid_from <= $as_of) AND (m1.valid_to IS NULL OR m1.valid_to >= $as_of)
                   AND (m2.valid_from IS NULL OR m2.valid_from <= $as_of) AND (m2.valid_to IS NULL OR m2.valid_to >= $as_of)))
WITH p1, p2, collect(DISTINCT x.id) AS shared_ids, collect(DISTINCT coalesce(x.name, x.id)) AS shared_names
WHERE size(shared_ids) >= $min_shared
MATCH (p1)<-[n1:MEMBER_OF]-(y1)
WHERE $as_of = '' OR ((n1.valid_from IS NULL OR n1.valid_from <= $as_of) AND (n1.valid_to IS NULL OR n1.valid_to >= $as_of))
WITH p1, p2, shared_ids, shared_names, count(DISTINCT y1) AS size_a
MATCH (p2)<-[n2:MEMBER_OF]-(y2)
WHERE $as_of = '' OR ((n2.valid_from IS NULL OR n2.valid_from <= $as_of) AND (n2.valid_to IS NULL OR n2.valid_to >= $as_of))
WITH p1, p2, shared_ids, shared_names, size_a, count(DISTINCT y2) AS size_b
RETURN p1.id AS partnership_a, p1.name AS name_a, p1.kind AS kind_a,
       p2.id AS partnership_b, p2.name AS name_b, p2.kind AS kind_b,
       size(shared_ids) AS shared, size_a AS members_a, size_b AS members_b,
       1.0 * size(shared_ids) / (size_a + size_b - size(shared_ids)) AS jaccard,
       shared_names AS shared_members
ORDER BY jaccard DESC, shared DESC, partnership_a, partnership_b
