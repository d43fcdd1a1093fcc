// title: Network changes between two dates
// question: Who joined or left which partnership between two dates, and who moved from one partnership to another of the same kind?
// param: from_date: date = "2022-01-01" -- the earlier day (YYYY-MM-DD)
// param: to_date: date = "today" -- the later day (YYYY-MM-DD or today)
// param: kind: str = "" -- only partnerships of this kind; empty for all
// columns: change, member_id, member_name, kind, from_partnership, to_partnership, valid_from, valid_to
MATCH (m)-[r:MEMBER_OF]->(p:Partnership)
WHERE ($kind = "" OR p.kind = $kind)
  AND (r.valid_from IS NULL OR date(r.valid_from) <= date($to_date))
  AND (r.valid_to IS NULL OR date(r.valid_to) >= date($to_date))
  AND r.valid_from IS NOT NULL AND date(r.valid_from) > date($from_date)
RETURN "joined" AS change, m.id AS member_id, m.name AS member_name, p.kind AS kind,
       "" AS from_partnership, p.id AS to_partnership, r.valid_from AS valid_from, r.valid_to AS valid_to
UNION ALL
MATCH (m)-[r:MEMBER_OF]->(p:Partnership)
WHERE ($kind = "" OR p.kind = $kind)
  AND (r.valid_from IS NULL OR date(r.valid_from) <= date($from_date))
  AND (r.valid_to IS NULL OR date(r.valid_to) >= date($from_date))
  AND r.valid_to IS NOT NULL AND date(r.valid_to) < date($to_date)
RETURN "left" AS change, m.id AS member_id, m.name AS member_name, p.kind AS kind,
       p.id AS from_partnership, "" AS to_partnership, r.valid_from AS valid_from, r.valid_to AS valid_to
UNION ALL
MATCH (m)-[r1:MEMBER_OF]->(a:Partnership), (m)-[r2:MEMBER_OF]->(b:Partnership)
WHERE a.kind = b.kind AND a.id <> b.id AND ($kind = "" OR a.kind = $kind)
  AND (r1.valid_from IS NULL OR date(r1.valid_from) <= date($from_date))
  AND r1.valid_to IS NOT NULL AND date(r1.valid_to) >= date($from_date)
  AND date(r1.valid_to) < date($to_date)
  AND r2.valid_from IS NOT NULL AND date(r2.valid_from) > date($from_date)
  AND date(r2.valid_from) <= date($to_date)
  AND (r2.valid_to IS NULL OR date(r2.valid_to) >= date($to_date))
RETURN "moved" AS change, m.id AS member_id, m.name AS member_name, a.kind AS kind,
       a.id AS from_partnership, b.id AS to_partnership, r2.valid_from AS valid_from, r1.valid_to AS valid_to
