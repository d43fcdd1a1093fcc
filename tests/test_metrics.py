"""Golden answers of the network metrics on hand-built graphs (worked out by hand).

Board co-membership network of tests/golden_graph.py as of 2024-06-01 (weights = shared
partnerships):  10001-10002 3, 10001-10003 2, 10002-10003 2, 10003-10004 2, 10001-10004 1,
10002-10004 1, 10001-10005 1, 10002-10005 1, 10004-10007 1.
Hop betweenness (unnormalised): 10004 = 4 (it alone links 10007), 10001 = 10002 = 1.5;
normalised by (n-1)(n-2)/2 = 10: 0.4 and 0.15.
"""

from __future__ import annotations

import json

import networkx as nx
import pytest

from graph.metrics import betweenness, communities, compute_metrics, write_metrics
from graph.projections import board_network, fetch_memberships, partnership_network
from tests.golden_graph import GOLDEN_DATE, golden_tables, two_cluster_tables


@pytest.fixture
def golden(store):
    store.replace_graph(golden_tables())
    return store


def test_board_network_projection(golden):
    graph = board_network(fetch_memberships(golden, GOLDEN_DATE))
    weights = {tuple(sorted((a, b))): d["weight"] for a, b, d in graph.edges(data=True)}
    assert weights == {
        ("10001", "10002"): 3, ("10001", "10003"): 2, ("10002", "10003"): 2,
        ("10003", "10004"): 2, ("10001", "10004"): 1, ("10002", "10004"): 1,
        ("10001", "10005"): 1, ("10002", "10005"): 1, ("10004", "10007"): 1}
    assert "10006" not in graph  # no membership


def test_partnership_network_projection(golden):
    graph = partnership_network(fetch_memberships(golden, GOLDEN_DATE))
    weights = {tuple(sorted((a, b))): d["weight"] for a, b, d in graph.edges(data=True)}
    assert weights == {("OR1", "R1"): 3, ("OR1", "R2"): 2, ("OR1", "SO1"): 2, ("R1", "SO1"): 2,
                       ("R1", "R2"): 1, ("OR1", "P5"): 1, ("P5", "R2"): 1}
    assert graph.edges["OR1", "R1"]["jaccard"] == pytest.approx(0.75)
    ever = partnership_network(fetch_memberships(golden, ""))
    assert ever.edges["R1", "R2"]["weight"] == 2  # 10001's ended membership counts


def test_board_metrics(golden):
    report = compute_metrics(golden, as_of=GOLDEN_DATE, seed=7)
    b = report.boards.set_index("id")
    assert b["degree"].to_dict() == {"10001": 4, "10002": 4, "10003": 3, "10004": 4,
                                     "10005": 2, "10007": 1}
    assert b["strength"].to_dict() == {"10001": 7.0, "10002": 7.0, "10003": 6.0, "10004": 5.0,
                                       "10005": 2.0, "10007": 1.0}
    assert b["betweenness"].round(6).to_dict() == {"10001": 0.15, "10002": 0.15, "10003": 0.0,
                                                   "10004": 0.4, "10005": 0.0, "10007": 0.0}
    assert list(b.index[b["articulation_point"]]) == ["10004"]
    assert report.board_bridges == [("10004", "10007")]
    eig = b["eigenvector"]
    assert eig["10001"] == pytest.approx(eig["10002"])  # symmetric positions
    assert eig.idxmin() == "10007"
    p = report.partnerships.set_index("id")
    assert p["degree"].to_dict() == {"OR1": 4, "P5": 2, "R1": 3, "R2": 3, "SO1": 2}
    assert p["strength"].to_dict() == {"OR1": 8.0, "P5": 2.0, "R1": 6.0, "R2": 4.0, "SO1": 4.0}
    assert not p["articulation_point"].any() and report.partnership_bridges == []
    assert report.params["as_of"] == GOLDEN_DATE and report.params["seed"] == 7


@pytest.mark.parametrize("backend", ["igraph", "networkx"])
def test_communities_match_regions_on_two_clusters(store, backend):
    store.replace_graph(two_cluster_tables())
    report = compute_metrics(store, as_of="", seed=1, backend=backend)
    b = report.boards.set_index("id")
    left = {b.loc[f"2000{i}", "community"] for i in range(1, 5)}
    right = {b.loc[f"2000{i}", "community"] for i in range(5, 9)}
    assert len(left) == 1 and len(right) == 1 and left != right
    assert sorted(b.index[b["articulation_point"]]) == ["20004", "20005"]
    assert report.board_bridges == [("20004", "20005")]
    assert b["betweenness"].idxmax() in ("20004", "20005")
    assert b.loc["20004", "eigenvector"] == pytest.approx(b.loc["20005", "eigenvector"])
    amr = report.agreement["arbeidsmarktregio"]
    assert amr["ari"] == pytest.approx(1.0) and amr["nmi"] == pytest.approx(1.0)
    assert amr["boards"] == 8
    rap = report.agreement["rap"]  # no rap Regions: falls back to the rap partnerships G1/G2
    assert rap["ari"] == pytest.approx(1.0)
    assert report.modularity["boards"] > 0.3


def test_write_metrics_back(golden):
    report = compute_metrics(golden, as_of=GOLDEN_DATE, seed=3)
    written = write_metrics(golden, report)
    assert written == {"Board": 6, "Partnership": 5}
    row = golden.read("MATCH (b:Board {id: '10004'}) RETURN b.betweenness AS bt, "
                      "b.articulation_point AS ap, b.degree AS d, b.community AS c").records()[0]
    assert row["bt"] == pytest.approx(0.4) and row["ap"] is True and row["d"] == 4
    assert isinstance(row["c"], int)
    assert golden.read("MATCH (b:Board {id: '10006'}) RETURN b.degree AS d").scalar() is None
    source = golden.read("MATCH (s:Source {id: 'regiograph-metrics'}) RETURN s.params AS p").scalar()
    assert json.loads(source)["seed"] == 3
    # a second run with fewer memberships clears values of boards that left the network
    later = compute_metrics(golden, as_of="2019-06-01")
    write_metrics(golden, later)
    assert golden.read("MATCH (b:Board {id: '10004'}) RETURN b.degree AS d").scalar() is None
    assert golden.read("MATCH (b:Board {id: '10001'}) RETURN b.degree AS d").scalar() == 0


def test_igraph_betweenness_equals_networkx_exact():
    graph = nx.gnm_random_graph(300, 1500, seed=5)
    for a, b in graph.edges:
        graph.edges[a, b]["weight"] = 1 + (a * b) % 3
    fast = betweenness(graph, backend="igraph")
    exact = nx.betweenness_centrality(graph, normalized=True)
    assert max(abs(fast[n] - exact[n]) for n in graph) < 1e-9


def test_sampled_betweenness_is_seeded_and_close():
    graph = nx.connected_watts_strogatz_graph(400, 8, 0.1, seed=3)
    one = betweenness(graph, k=200, seed=11)
    two = betweenness(graph, k=200, seed=11)
    assert one == two
    exact = betweenness(graph)
    top_exact = set(sorted(exact, key=exact.get, reverse=True)[:20])
    top_sampled = set(sorted(one, key=one.get, reverse=True)[:20])
    assert len(top_exact & top_sampled) >= 12


def test_louvain_is_seeded():
    graph = nx.connected_caveman_graph(6, 5)
    assert communities(graph, seed=4)[0] == communities(graph, seed=4)[0]
    groups = communities(graph, seed=4)[0]
    assert len(set(groups.values())) == 6
