"""Golden answers of every named query on the hand-built graph of tests/golden_graph.py.

Each expected value is worked out by hand from the docstring of golden_graph; the same
test runs on every store.
"""

from __future__ import annotations

import pytest

from queries import list_queries, run_query
from tests.golden_graph import GOLDEN_DATE, golden_tables

D = {"as_of": GOLDEN_DATE}


@pytest.fixture
def golden(store):
    store.replace_graph(golden_tables())
    return store


def _rows(store, name, **params):
    return run_query(store, name, params).records()


def test_every_query_has_a_golden_test():
    from pathlib import Path
    source = "".join(p.read_text(encoding="utf-8") for p in Path(__file__).parent.glob("test_*.py"))
    missing = [q.name for q in list_queries() if f'"{q.name}"' not in source]
    assert not missing, f"named queries without a golden test: {missing}"


def test_partnership_overlap(golden):
    rows = _rows(golden, "partnership_overlap", **D)
    got = [(r["partnership_a"], r["partnership_b"], r["shared"], r["members_a"], r["members_b"],
            round(r["jaccard"], 4)) for r in rows]
    assert got == [
        ("OR1", "R1", 3, 4, 3, 0.75),
        ("OR1", "R2", 2, 4, 3, 0.4),
        ("R1", "SO1", 2, 3, 4, 0.4),
        ("OR1", "SO1", 2, 4, 4, 0.3333),
        ("P5", "R2", 1, 2, 3, 0.25),
        ("OR1", "P5", 1, 4, 2, 0.2),
        ("R1", "R2", 1, 3, 3, 0.2),
    ]
    assert sorted(rows[0]["shared_members"]) == ["Bestuur 1", "Bestuur 2", "Bestuur 3"]
    rap = _rows(golden, "partnership_overlap", kind="rap", **D)
    assert [(r["partnership_a"], r["partnership_b"], r["shared"]) for r in rap] == [("R1", "R2", 1)]
    ever = _rows(golden, "partnership_overlap", kind="rap", as_of="")
    assert [(r["shared"], r["members_b"], round(r["jaccard"], 4)) for r in ever] == [(2, 4, 0.4)]
    assert _rows(golden, "partnership_overlap", min_shared=3, **D)[0]["partnership_b"] == "R1"
    assert len(_rows(golden, "partnership_overlap", min_shared=3, **D)) == 1


def test_boards_in_networks_of_kind(golden):
    rows = _rows(golden, "boards_in_networks_of_kind", kind="rap", **D)
    assert [(r["board_id"], r["kind"], r["networks"], sorted(r["partnership_ids"])) for r in rows] \
        == [("10003", "rap", 2, ["R1", "R2"])]
    ever = _rows(golden, "boards_in_networks_of_kind", kind="rap", as_of="")
    assert [r["board_id"] for r in ever] == ["10001", "10003"]
    every_kind = _rows(golden, "boards_in_networks_of_kind", kind="", **D)
    assert [(r["board_id"], r["kind"]) for r in every_kind] == [("10003", "rap")]


def test_boards_in_many_networks(golden):
    rows = _rows(golden, "boards_in_many_networks", **D)
    assert [(r["board_id"], r["networks"]) for r in rows] == [
        ("10001", 3), ("10002", 3), ("10003", 3), ("10004", 3)]
    assert sorted(rows[3]["kinds"]) == ["onderwijsregio", "rap", "transfercentrum"]
    assert _rows(golden, "boards_in_many_networks", min_networks=4, **D) == []


def test_boundary_straddlers(golden):
    rows = _rows(golden, "boundary_straddlers", scheme="arbeidsmarktregio")
    assert [(r["board_id"], r["regions"], r["schools"], sorted(r["region_ids"])) for r in rows] == [
        ("10001", 2, 2, ["arbeidsmarktregio:AM01", "arbeidsmarktregio:AM02"]),
        ("10003", 2, 2, ["arbeidsmarktregio:AM01", "arbeidsmarktregio:AM02"])]
    prov = _rows(golden, "boundary_straddlers", scheme="provincie")
    assert [(r["board_id"], sorted(r["region_names"])) for r in prov] == [
        ("10003", ["Friesland", "Groningen"])]
    swv = _rows(golden, "boundary_straddlers", scheme="swv-po")
    assert [(r["board_id"], r["regions"]) for r in swv] == [("10001", 2)]


def test_partnerships_spanning_regions(golden):
    rows = _rows(golden, "partnerships_spanning_regions", scheme="provincie")
    assert [(r["partnership_id"], r["regions"]) for r in rows] == [
        ("OR1", 2), ("P5", 2), ("R1", 2), ("R2", 2)]
    amr = _rows(golden, "partnerships_spanning_regions", scheme="arbeidsmarktregio")
    assert [r["partnership_id"] for r in amr] == ["OR1", "R1", "R2", "SO1"]
    rap = _rows(golden, "partnerships_spanning_regions", scheme="provincie", kind="rap")
    assert [r["partnership_id"] for r in rap] == ["R1", "R2"]


def test_rap_so_coincidence(golden):
    rows = _rows(golden, "rap_so_coincidence", **D)
    got = [(r["partnership_id"], r["members"], r["members_in_other"], round(r["share"], 4),
            r["other_partnerships"], r["other_ids"]) for r in rows]
    assert got == [("R1", 3, 2, 0.6667, ["SO Alpha (2)"], ["SO1"]),
                   ("R2", 3, 0, 0.0, [], [])]


def test_schools_without_onderwijsregio(golden):
    # by membership: OR1's members 10001-10004 cover S1-S6; 10006 and 10007 are in none
    rows = _rows(golden, "schools_without_onderwijsregio", **D)
    assert [(r["school_id"], r["municipality_id"], r["board_id"]) for r in rows] == [
        ("S7", "GM0004", "10006"), ("S8", "GM0004", "10007")]
    assert _rows(golden, "schools_without_onderwijsregio", sector="mbo", **D) == []
    assert len(_rows(golden, "schools_without_onderwijsregio", as_of="2019-06-01")) == 8
    # by area: GM0001 (Region onderwijsregio:OR1) and GM0002 (COVERS) are covered
    rows = _rows(golden, "schools_without_onderwijsregio", basis="area")
    assert [(r["school_id"], r["municipality_id"], r["board_id"]) for r in rows] == [
        ("S2", "GM0003", "10001"), ("S6", "GM0003", "10004"), ("S5", "GM0004", "10003"),
        ("S7", "GM0004", "10006"), ("S8", "GM0004", "10007")]
    mbo = _rows(golden, "schools_without_onderwijsregio", basis="area", sector="mbo")
    assert [r["school_id"] for r in mbo] == ["S6"]


def test_municipalities_without_onderwijsregio(golden):
    rows = _rows(golden, "municipalities_without_onderwijsregio")
    assert [(r["municipality_id"], r["municipality_name"], r["schools"]) for r in rows] == [
        ("GM0004", "Delta", 3), ("GM0003", "Gamma", 2)]


def test_partnerships_missing_functions(golden):
    rows = _rows(golden, "partnerships_missing_functions")
    got = [(r["partnership_id"], r["functions_present"], sorted(r["missing_functions"]))
           for r in rows]
    assert got == [
        ("P5", 0, sorted(["werven", "matchen", "opleiden", "begeleiden", "professionaliseren"])),
        ("R1", 2, ["begeleiden", "matchen", "professionaliseren"]),
        ("R2", 2, ["begeleiden", "opleiden", "professionaliseren"]),
        ("SO1", 2, ["begeleiden", "matchen", "opleiden"]),
    ]
    assert [r["partnership_id"] for r in _rows(golden, "partnerships_missing_functions",
                                               kind="rap")] == ["R1", "R2"]


def test_regions_missing_functions(golden):
    amr = _rows(golden, "regions_missing_functions", scheme="arbeidsmarktregio")
    assert [(r["region_id"], r["functions_present"], sorted(r["missing_functions"])) for r in amr] \
        == [("arbeidsmarktregio:AM02", 2, ["begeleiden", "opleiden", "professionaliseren"])]
    prov = _rows(golden, "regions_missing_functions", scheme="provincie")  # PV21 via SO1 COVERS
    assert [(r["region_id"], r["functions_present"], sorted(r["missing_functions"])) for r in prov] \
        == [("provincie:PV21", 3, ["begeleiden", "opleiden"])]
    ovr = _rows(golden, "regions_missing_functions")
    assert [(r["region_id"], r["functions_present"]) for r in ovr] == [("onderwijsregio:OR1", 2)]


def test_sector_mix(golden):
    rows = _rows(golden, "sector_mix", **D)
    got = [(r["partnership_id"], r["members"], r["po"], r["so"], r["vo"], r["mbo"], r["ho"],
            r["sectors"]) for r in rows]
    assert got == [
        ("OR1", 4, 2, 1, 1, 1, 0, 4),
        ("SO1", 4, 1, 0, 1, 0, 2, 3),
        ("R1", 3, 2, 1, 1, 0, 0, 3),
        ("R2", 3, 1, 1, 0, 1, 0, 3),
        ("P5", 2, 1, 0, 0, 1, 0, 2),
    ]


def test_sector_pairs(golden):
    rows = _rows(golden, "sector_pairs", **D)
    got = [(r["sector_a"], r["sector_b"], r["links"], r["member_pairs"], r["partnerships"])
           for r in rows]
    assert got == [
        ("po", "vo", 5, 2, 3),
        ("mbo", "po", 4, 3, 3),
        ("ho", "po", 2, 2, 1),
        ("ho", "vo", 2, 2, 1),
        ("mbo", "so", 2, 1, 2),
        ("po", "po", 2, 1, 2),
        ("po", "so", 2, 1, 2),
        ("so", "vo", 2, 1, 2),
        ("ho", "ho", 1, 1, 1),
        ("mbo", "vo", 1, 1, 1),
    ]
    rap = _rows(golden, "sector_pairs", kind="rap", **D)
    assert [(r["sector_a"], r["sector_b"], r["links"]) for r in rap] == [
        ("po", "vo", 2), ("mbo", "po", 1), ("mbo", "so", 1), ("po", "po", 1), ("po", "so", 1),
        ("so", "vo", 1)]


def test_teacher_college_partnerships(golden):
    rows = _rows(golden, "teacher_college_partnerships")
    assert len(rows) == 1
    row = rows[0]
    assert (row["partnership_id"], row["colleges"], row["regions"]) == ("SO1", 2, 2)
    assert sorted(row["college_names"]) == ["Lerarenopleiding Beta (Beta)", "Pabo Alpha (Alpha)"]
    assert sorted(row["region_names"]) == ["Noord", "Zuid"]
    prov = _rows(golden, "teacher_college_partnerships", scheme="provincie")
    assert prov[0]["region_names"] == ["Groningen"]
    assert _rows(golden, "teacher_college_partnerships", kind="rap") == []


def test_neighbourhood(golden):
    one = _rows(golden, "neighbourhood", node_id="10006", depth=1)
    assert [(r["node_id"], r["distance"]) for r in one] == [("S7", 1)]
    assert one[0]["labels"] == ["School"]
    three = _rows(golden, "neighbourhood", node_id="10006", label="Board", depth=3)
    assert [(r["node_id"], r["distance"]) for r in three] == [
        ("S7", 1), ("GM0004", 2), ("R2", 3), ("S5", 3), ("S8", 3),
        ("arbeidsmarktregio:AM02", 3), ("provincie:PV21", 3)]
    assert _rows(golden, "neighbourhood", node_id="10006", label="School") == []
    capped = _rows(golden, "neighbourhood", node_id="10006", depth=3, limit=2)
    assert [r["node_id"] for r in capped] == ["S7", "GM0004"]


def _path_ids(path):
    return [n.properties["id"] for n in path.nodes]


def test_shortest_connection(golden):
    rows = _rows(golden, "shortest_connection", from_id="10004", to_id="10002")
    assert [(r["hops"], _path_ids(r["path"])) for r in rows] == [(2, ["10004", "OR1", "10002"])]
    far = _rows(golden, "shortest_connection", from_id="10004", to_id="T1")
    assert far[0]["hops"] == 5
    assert _path_ids(far[0]["path"])[0] == "10004" and _path_ids(far[0]["path"])[-1] == "T1"
    assert _rows(golden, "shortest_connection", from_id="10007", to_id="T1") == []  # 7 > 6
    assert _rows(golden, "shortest_connection", from_id="10007", to_id="T1",
                 max_hops=8)[0]["hops"] == 7
    # 10006 only governs a school that is in no partnership: no organisational connection
    assert _rows(golden, "shortest_connection", from_id="10006", to_id="10001") == []


def test_duplicate_activity_candidates(golden):
    rows = _rows(golden, "duplicate_activity_candidates", **D)
    assert [(r["activity_a"], r["activity_b"], r["partnership_a"], r["partnership_b"],
             r["function"], r["shared_members"]) for r in rows] == [
        ("A01", "A02", "R1", "SO1", "werven", 2),
        ("A06", "A08", "R2", "OR1", "matchen", 2)]
    assert [r["activity_a"] for r in _rows(golden, "duplicate_activity_candidates",
                                           function="matchen", **D)] == ["A06"]
    assert _rows(golden, "duplicate_activity_candidates", min_shared=3, **D) == []
    ever = _rows(golden, "duplicate_activity_candidates", as_of="")  # 10001 still in R2
    assert [(r["activity_a"], r["shared_members"]) for r in ever] == [("A06", 3), ("A01", 2)]
