"""Cross-check at national size: each named query's answer equals the same answer computed
directly in pandas/NetworkX from the source tables (every named query is checked).

The tables are the synthetic national-shaped reference plus the real demo registry
generator (graph/synthetic.py); when the DUO importers are available
(``importers.import_all``) the same checks also run on the real import + demo registry.
Marked slow (national size, ~30 s).
"""

from __future__ import annotations

import random
from collections import defaultdict

import networkx as nx
import pandas as pd
import pytest

from graph.model import FUNCTIONS
from queries import list_queries, run_query

pytestmark = pytest.mark.slow
D = "2024-06-01"
SO = {"sbo": "so", "so": "so", "vso": "so"}


def _national_tables(kind: str):
    if kind == "duo":
        from graph.load import read_sources
        return read_sources(demo_registry=True).tables
    from graph.synthetic import synthetic_national
    return synthetic_national(1.0, seed=42)


@pytest.fixture(scope="module", params=["synthetic", "duo"])
def national(request, falkordb_server_info):
    from graph.store.falkordb import FalkorDBStore
    tables = _national_tables(request.param)
    store = FalkorDBStore(falkordb_server_info.host, falkordb_server_info.port,
                          graph=f"crosscheck_{request.param}")
    store.ensure_schema()
    store.replace_graph(tables)
    yield store, Source(tables)
    store.drop()
    store.close()


class Source:
    """The source tables with the joins the expected answers need."""

    def __init__(self, tables):
        self.t = tables
        frames = []
        for rel in tables.relationships:
            if rel.type == "MEMBER_OF":
                frames.append(rel.rows.assign(member_label=rel.start_label))
        mem = pd.concat(frames, ignore_index=True)
        for col in ("valid_from", "valid_to"):
            if col not in mem:
                mem[col] = None
        mem = mem.rename(columns={"start": "member", "end": "partnership"})
        mem["key"] = mem["member_label"] + ":" + mem["member"]
        parts = tables.node_table("Partnership").set_index("id")
        mem["kind"] = mem["partnership"].map(parts["kind"])
        self.members = mem
        self.parts = parts
        self.governs = tables.rel_table("GOVERNS", "Board", "School")
        self.located = dict(zip(*[tables.rel_table("LOCATED_IN", "School", "Municipality")[c]
                                  for c in ("start", "end")]))
        schools = tables.node_table("School")
        self.sector = dict(zip(schools["id"], schools["sector"]))
        part_of = tables.rel_table("PART_OF", "Municipality", "Region")
        regions = tables.node_table("Region").set_index("id")
        part_of = part_of.assign(scheme=part_of["end"].map(regions["scheme"]))
        self.part_of = part_of
        self.covers_mun = tables.rel_table("COVERS", "Partnership", "Municipality")
        self.covers_reg = tables.rel_table("COVERS", "Partnership", "Region")
        self.runs = tables.rel_table("RUNS", "Partnership", "Activity")
        self.activities = tables.node_table("Activity").set_index("id")
        self.offered_by = tables.rel_table("OFFERED_BY", "TeacherCollege", "Board")

    def valid(self, as_of: str) -> pd.DataFrame:
        m = self.members
        if not as_of:
            return m
        vf, vt = m["valid_from"], m["valid_to"]
        ok = (vf.isna() | (vf.fillna("") <= as_of)) & (vt.isna() | (vt.fillna("9999") >= as_of))
        return m[ok]

    def region_of(self, scheme: str) -> dict[str, str]:
        rows = self.part_of[self.part_of["scheme"] == scheme]
        return dict(zip(rows["start"], rows["end"]))

    def member_sectors(self, keys) -> dict[str, set[str]]:
        schools_of = defaultdict(set)
        for b, s in zip(self.governs["start"], self.governs["end"]):
            schools_of[b].add(s)
        colleges_of = set(self.offered_by["end"])
        out = {}
        for key in keys:
            label, node = key.split(":", 1)
            secs = set()
            if label == "Board":
                secs |= {SO.get(self.sector[s], self.sector[s]) for s in schools_of[node]
                         if isinstance(self.sector.get(s), str)}
                if node in colleges_of:
                    secs.add("ho")
            elif label == "TeacherCollege":
                secs.add("ho")
            elif label == "School" and isinstance(self.sector.get(node), str):
                secs.add(SO.get(self.sector[node], self.sector[node]))
            out[key] = secs
        return out


def _sets(frame, group, item):
    out = defaultdict(set)
    for g, i in zip(frame[group], frame[item]):
        out[g].add(i)
    return out


def test_partnership_overlap(national):
    store, src = national
    sets = _sets(src.valid(D), "partnership", "key")
    want = set()
    ids = sorted(sets)
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            shared = len(sets[a] & sets[b])
            if shared:
                want.add((a, b, shared, len(sets[a]), len(sets[b]),
                          round(shared / len(sets[a] | sets[b]), 9)))
    got = {(r["partnership_a"], r["partnership_b"], r["shared"], r["members_a"], r["members_b"],
            round(r["jaccard"], 9)) for r in run_query(store, "partnership_overlap",
                                                      {"as_of": D}).records()}
    assert want and got == want


@pytest.mark.parametrize("kind", ["rap", "samen-opleiden", "onderwijsregio"])
def test_boards_in_networks_of_kind(national, kind):
    store, src = national
    m = src.valid(D)
    m = m[(m["member_label"] == "Board") & (m["kind"] == kind)]
    want = {(b, len(ps)) for b, ps in _sets(m, "member", "partnership").items() if len(ps) >= 2}
    got = {(r["board_id"], r["networks"]) for r in run_query(
        store, "boards_in_networks_of_kind", {"kind": kind, "as_of": D}).records()}
    assert got == want


def test_boards_in_many_networks(national):
    store, src = national
    m = src.valid(D)
    m = m[m["member_label"] == "Board"]
    want = {(b, len(ps)) for b, ps in _sets(m, "member", "partnership").items() if len(ps) >= 3}
    got = {(r["board_id"], r["networks"]) for r in run_query(
        store, "boards_in_many_networks", {"as_of": D}).records()}
    assert want and got == want


@pytest.mark.parametrize("scheme", ["arbeidsmarktregio", "provincie", "swv-po"])
def test_boundary_straddlers(national, scheme):
    store, src = national
    if scheme.startswith("swv"):
        area = src.t.rel_table("IN_AREA", "School", "Region")
        area_of = defaultdict(set)
        for s, r in zip(area["start"], area["end"]):
            if r.startswith(scheme + ":"):
                area_of[s].add(r)
    else:
        region = src.region_of(scheme)
        area_of = {s: {region[m]} for s, m in src.located.items() if m in region}
    regions, schools = defaultdict(set), defaultdict(set)
    for b, s in zip(src.governs["start"], src.governs["end"]):
        if area_of.get(s):
            regions[b] |= area_of[s]
            schools[b].add(s)
    want = {(b, len(rs), len(schools[b])) for b, rs in regions.items() if len(rs) >= 2}
    got = {(r["board_id"], r["regions"], r["schools"]) for r in run_query(
        store, "boundary_straddlers", {"scheme": scheme}).records()}
    assert want and got == want


def test_partnerships_spanning_regions(national):
    store, src = national
    region = src.region_of("provincie")
    schools_of = _sets(src.governs, "start", "end")
    boards = src.members[src.members["member_label"] == "Board"]
    regions = defaultdict(set)
    for p, b in zip(boards["partnership"], boards["member"]):
        regions[p] |= {region[src.located[s]] for s in schools_of.get(b, ())
                       if src.located.get(s) in region}
    for p, m in zip(src.covers_mun["start"], src.covers_mun["end"]):
        if m in region:
            regions[p].add(region[m])
    want = {(p, len(rs)) for p, rs in regions.items() if len(rs) >= 2}
    got = {(r["partnership_id"], r["regions"]) for r in run_query(
        store, "partnerships_spanning_regions", {"scheme": "provincie"}).records()}
    assert got == want


def test_rap_so_coincidence(national):
    store, src = national
    m = src.valid(D)
    rap = _sets(m[m["kind"] == "rap"], "partnership", "key")
    in_so = set(m[m["kind"] == "samen-opleiden"]["key"])
    want = {(p, len(ks), len(ks & in_so)) for p, ks in rap.items()}
    got = {(r["partnership_id"], r["members"], r["members_in_other"]) for r in run_query(
        store, "rap_so_coincidence", {"as_of": D}).records()}
    assert want and got == want


def _uncovered(src) -> set[str]:
    covered = set(src.part_of[src.part_of["scheme"] == "onderwijsregio"]["start"])
    kinds = src.parts["kind"]
    cov = src.covers_mun[src.covers_mun["start"].map(kinds) == "onderwijsregio"]
    covered |= set(cov["end"])
    return set(src.t.node_table("Municipality")["id"]) - covered


def test_schools_and_municipalities_without_onderwijsregio(national):
    store, src = national
    gaps = _uncovered(src)
    want = {s for s, m in src.located.items() if m in gaps}
    got = {r["school_id"] for r in run_query(store, "schools_without_onderwijsregio",
                                             {"basis": "area"}).records()}
    assert got == want
    m = src.valid(D)
    members = set(m[m["kind"] == "onderwijsregio"]["member"])
    want = {s for b, s in zip(src.governs["start"], src.governs["end"])
            if b not in members and s not in members and s in src.located}
    got = {r["school_id"] for r in run_query(store, "schools_without_onderwijsregio",
                                             {"as_of": D}).records()}
    assert want and got == want
    counts = defaultdict(int)
    for s, m in src.located.items():
        counts[m] += 1
    got_m = {(r["municipality_id"], r["schools"]) for r in run_query(
        store, "municipalities_without_onderwijsregio").records()}
    assert got_m == {(m, counts[m]) for m in gaps}


def test_partnerships_missing_functions(national):
    store, src = national
    fn = src.activities["function"]
    present = defaultdict(set)
    for p, a in zip(src.runs["start"], src.runs["end"]):
        present[p].add(fn[a])
    want = {(p, len(present[p])) for p in src.parts.index if len(present[p]) < len(FUNCTIONS)}
    got = {(r["partnership_id"], r["functions_present"]) for r in run_query(
        store, "partnerships_missing_functions").records()}
    assert want and got == want


@pytest.mark.parametrize("scheme", ["onderwijsregio", "arbeidsmarktregio"])
def test_regions_missing_functions(national, scheme):
    store, src = national
    fn = src.activities["function"]
    funcs = defaultdict(set)
    for p, a in zip(src.runs["start"], src.runs["end"]):
        funcs[p].add(fn[a])
    region = src.region_of(scheme)
    present = defaultdict(set)
    for p, m in zip(src.covers_mun["start"], src.covers_mun["end"]):
        if m in region:
            present[region[m]] |= funcs[p]
    for p, r in zip(src.covers_reg["start"], src.covers_reg["end"]):
        present[r] |= funcs[p]
    regions = src.t.node_table("Region")
    all_regions = set(regions[regions["scheme"] == scheme]["id"])
    want = {(r, len(present[r])) for r in all_regions if len(present[r]) < len(FUNCTIONS)}
    got = {(r["region_id"], r["functions_present"]) for r in run_query(
        store, "regions_missing_functions", {"scheme": scheme}).records()}
    assert got == want


def test_sector_mix_and_pairs(national):
    store, src = national
    m = src.valid(D)
    sets = _sets(m, "partnership", "key")
    secs = src.member_sectors(set(m["key"]))
    want = set()
    for p, keys in sets.items():
        counts = {s: sum(1 for k in keys if s in secs[k]) for s in ("po", "so", "vo", "mbo", "ho")}
        want.add((p, len(keys), *counts.values()))
    got = {(r["partnership_id"], r["members"], r["po"], r["so"], r["vo"], r["mbo"], r["ho"])
           for r in run_query(store, "sector_mix", {"as_of": D}).records()}
    assert got == want
    links, pairs, parts = defaultdict(int), defaultdict(set), defaultdict(set)
    for p, keys in sets.items():
        ks = sorted(k for k in keys if secs[k])
        for i, a in enumerate(ks):
            for b in ks[i + 1:]:
                combos = {tuple(sorted((x, y))) for x in secs[a] for y in secs[b]}
                pair = tuple(sorted((a.split(":", 1)[1], b.split(":", 1)[1])))
                for combo in combos:
                    links[combo] += 1
                    pairs[combo].add(pair)
                    parts[combo].add(p)
    want_pairs = {(a, b, links[(a, b)], len(pairs[(a, b)]), len(parts[(a, b)])) for a, b in links}
    got_pairs = {(r["sector_a"], r["sector_b"], r["links"], r["member_pairs"], r["partnerships"])
                 for r in run_query(store, "sector_pairs", {"as_of": D}).records()}
    assert got_pairs == want_pairs


def test_teacher_college_partnerships(national):
    store, src = national
    offered = _sets(src.offered_by, "end", "start")
    colleges = defaultdict(set)
    for p, label, node in zip(src.members["partnership"], src.members["member_label"],
                              src.members["member"]):
        if label == "TeacherCollege":
            colleges[p].add(node)
        colleges[p] |= offered.get(node, set()) if label == "Board" else set()
    want = {(p, len(cs)) for p, cs in colleges.items() if cs}
    got = {(r["partnership_id"], r["colleges"]) for r in run_query(
        store, "teacher_college_partnerships").records()}
    assert want and got == want


def test_duplicate_activity_candidates(national):
    store, src = national
    sets = _sets(src.valid(D), "partnership", "key")
    runs = _sets(src.runs, "start", "end")
    acts = src.activities

    def text(v):
        return v if isinstance(v, str) and v else None

    want = set()
    ids = sorted(sets)
    for i, p in enumerate(ids):
        for q in ids[i + 1:]:
            shared = len(sets[p] & sets[q])
            if not shared:
                continue
            for a in runs.get(p, ()):
                for b in runs.get(q, ()):
                    if acts.at[a, "function"] != acts.at[b, "function"]:
                        continue
                    sa, ea = text(acts.at[a, "start"]), text(acts.at[a, "end"])
                    sb, eb = text(acts.at[b, "start"]), text(acts.at[b, "end"])
                    if (sa and eb and sa > eb) or (sb and ea and sb > ea):
                        continue
                    want.add((min(a, b), max(a, b), shared))
    got = {(r["activity_a"], r["activity_b"], r["shared_members"]) for r in run_query(
        store, "duplicate_activity_candidates", {"as_of": D}).records()}
    assert want and got == want


def _undirected(src, types=None) -> nx.Graph:
    graph = nx.Graph()
    for rel in src.t.relationships:
        if types is None or rel.type in types:
            graph.add_edges_from((f"{rel.start_label}:{a}", f"{rel.end_label}:{b}")
                                 for a, b in zip(rel.rows["start"], rel.rows["end"]))
    return graph


def test_neighbourhood(national):
    store, src = national
    graph = _undirected(src)
    board = sorted(set(src.members[src.members["member_label"] == "Board"]["member"]))[0]
    dist = nx.single_source_shortest_path_length(graph, f"Board:{board}", cutoff=2)
    want = {(k.split(":", 1)[1], d) for k, d in dist.items() if d > 0}
    got = {(r["node_id"], r["distance"]) for r in run_query(
        store, "neighbourhood", {"node_id": board, "label": "Board", "depth": 2,
                                 "limit": 100000}).records()}
    assert got == want


def test_shortest_connection(national):
    store, src = national
    graph = _undirected(src, {"MEMBER_OF", "GOVERNS", "OFFERED_BY"})
    boards = sorted(set(src.members[src.members["member_label"] == "Board"]["member"]))
    rng = random.Random(5)
    checked = 0
    pairs = [tuple(rng.sample(boards, 2)) for _ in range(4)]
    for a in rng.sample(boards, 4):  # and pairs known to be 2 or 4 steps apart
        ring = nx.single_source_shortest_path_length(graph, f"Board:{a}", cutoff=4)
        near = sorted(k for k, d in ring.items() if d in (2, 4) and k.startswith("Board:"))
        if near:
            pairs.append((a, rng.choice(near).split(":", 1)[1]))
    for a, b in pairs:
        try:
            want = nx.shortest_path_length(graph, f"Board:{a}", f"Board:{b}")
        except nx.NetworkXNoPath:
            want = None
        rows = run_query(store, "shortest_connection", {"from_id": a, "to_id": b,
                                                        "max_hops": 4}).records()
        got = rows[0]["hops"] if rows else None
        assert got == (want if want is not None and want <= 4 else None), (a, b)
        checked += got is not None
    assert checked, "no pair within 4 hops: pick other pairs"


def test_network_as_of(national):
    store, src = national
    m = src.valid(D)
    want = set(zip(m["partnership"], m["member"]))
    got = {(r["partnership_id"], r["member_id"]) for r in run_query(
        store, "network_as_of", {"date": D}).records()}
    assert got == want


def test_network_changes(national):
    from collections import Counter
    store, src = national
    f, t = "2022-01-01", "2024-01-01"
    m = src.members
    vf, vt = m["valid_from"].where(m["valid_from"].notna(), None), m["valid_to"].where(
        m["valid_to"].notna(), None)
    want = Counter()
    rows = list(zip(m["member"], m["partnership"], m["kind"], vf, vt))
    for member, p, kind, start, end in rows:
        if start is not None and start > f and start <= t and (end is None or end >= t):
            want[("joined", member, "", p)] += 1
        if end is not None and end < t and end >= f and (start is None or start <= f):
            want[("left", member, p, "")] += 1
    by_member = defaultdict(list)
    for row in rows:
        by_member[row[0]].append(row)
    for member, items in by_member.items():
        for _, a, ka, s1, e1 in items:
            for _, b, kb, s2, e2 in items:
                if ka == kb and a != b and (s1 is None or s1 <= f) and e1 is not None \
                        and f <= e1 < t and s2 is not None and f < s2 <= t \
                        and (e2 is None or e2 >= t):
                    want[("moved", member, a, b)] += 1
    got = Counter((r["change"], r["member_id"], r["from_partnership"], r["to_partnership"])
                  for r in run_query(store, "network_changes",
                                     {"from_date": f, "to_date": t}).records())
    assert want and got == want


def test_metrics_match_networkx_on_the_source_tables(national):
    from graph.metrics import compute_metrics
    store, src = national
    m = src.valid(D)
    boards = m[m["member_label"] == "Board"]
    graph = nx.Graph()
    graph.add_nodes_from(set(boards["member"]))
    for _, group in boards.groupby("partnership"):
        ids = sorted(set(group["member"]))
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                w = graph.get_edge_data(a, b, {"weight": 0})["weight"]
                graph.add_edge(a, b, weight=w + 1)
    report = compute_metrics(store, as_of=D, seed=1)
    got = report.boards.set_index("id")
    assert set(got.index) == set(graph.nodes)
    assert got["degree"].to_dict() == dict(graph.degree())
    assert got["strength"].to_dict() == {n: float(v) for n, v in graph.degree(weight="weight")}
    exact = nx.betweenness_centrality(graph, normalized=True)
    assert max(abs(got.at[n, "betweenness"] - exact[n]) for n in graph) < 1e-9
    assert set(got.index[got["articulation_point"]]) == set(nx.articulation_points(graph))
    assert sorted(report.board_bridges) == sorted(tuple(sorted(e)) for e in nx.bridges(graph))


def test_every_query_is_cross_checked():
    source = open(__file__, encoding="utf-8").read().split("def test_every_query_is_cross")[0]
    missing = [q.name for q in list_queries() if f'"{q.name}"' not in source]
    assert missing == [], missing
