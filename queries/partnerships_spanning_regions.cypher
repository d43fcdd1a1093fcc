// title: Partnerships spanning several regions
// question: Which partnerships reach into several arbeidsmarktregio's or provinces, through the municipalities they cover and the schools of their member boards?
// param: scheme: str = "arbeidsmarktregio" -- region scheme to count (arbeidsmarktregio, provincie, corop, ...)
// param: kind: str = "" -- only partnerships of this kind; empty for all
// param: min_regions: int = 2 -- smallest number of regions to report
// columns: partnership_id, partnership_name, kind, regions, region_ids, region_names
MATCH (p:Partnership)
WHERE $kind = '' OR p.kind = $kind
OPTIONAL MATCH (p)<-[:MEMBER_OF]-(:Board)-[:GOVERNS]->(:School)-[:LOCATED_IN]->(:Municipality)-[:PART_OF]->(r1:Region {scheme: $scheme})
WITH p, collect(DISTINCT r1) AS via_members
OPTIONAL MATCH (p)-[:COVERS]->(:Municipality)-[:PART_OF]->(r2:Region {scheme: $scheme})
WITH p, via_members, collect(DISTINCT r2) AS via_coverage
UNWIND via_members + via_coverage AS r
WITH p, collect(DISTINCT r.id) AS ids, collect(DISTINCT coalesce(r.name, r.id)) AS names
WHERE size(ids) >= $min_regions
RETURN p.id AS partnership_id, p.name AS partnership_name, p.kind AS kind, size(ids) AS regions,
       ids AS region_ids, names AS region_names
ORDER BY regions DESC, partnership_id
