// title: Network as of a date
// question: Which boards, schools, colleges and organisations were members of which partnership on a given date?
// param: date: date = "today" -- the day to look at (YYYY-MM-DD or today); a membership counts from valid_from up to and including valid_to
// param: kind: str = "" -- only partnerships of this kind (rap, samen-opleiden, onderwijsregio, ...); empty for all
// columns: partnership_id, partnership_name, kind, member_id, member_name, role, valid_from, valid_to
MATCH (m)-[r:MEMBER_OF]->(p:Partnership)
WHERE (r.valid_from IS NULL OR date(r.valid_from) <= date($date))
  AND (r.valid_to IS NULL OR date(r.valid_to) >= date($date))
  AND ($kind = "" OR p.kind = $kind)
RETURN p.id AS partnership_id, p.name AS partnership_name, p.kind AS kind,
       m.id AS member_id, m.name AS member_name, r.role AS role,
       r.valid_from AS valid_from, r.valid_to AS valid_to
ORDER BY partnership_id, member_id
