"""The explorer's data shaping on the hand-built graph (tests/app_graph.py), on every store."""

from __future__ import annotations

import pandas as pd
import pytest

from graph import judgements, metric_views, neighbourhood, network_view, regions_map, views
from graph.errors import InputError

from .app_graph import load_app_graph


@pytest.fixture
def app_store(store):
    load_app_graph(store)
    return store


def test_memberships_and_overlaps(app_store):
    members = views.memberships(app_store)
    assert len(members) == 8
    assert set(views.partnership_kinds(members)) == {"rap", "samen-opleiden", "onderwijsregio"}
    pairs = views.overlap_pairs(members)
    got = {(r.a, r.b): (r.shared, r.jaccard) for r in pairs.itertuples()}
    assert got == {("P1", "P2"): (2, 0.5), ("P1", "P3"): (2, round(2 / 3, 3)),
                   ("P2", "P3"): (1, 0.25)}
    only_rap_so = views.overlap_pairs(members, ["rap", "samen-opleiden"])
    assert list(zip(only_rap_so["a"], only_rap_so["b"])) == [("P1", "P2")]
    matrix = views.overlap_matrix(pairs)
    assert matrix.shape == (3, 3)
    shared = views.shared_members(members, "P1", "P2")
    assert set(shared["member"]) == {"Board:10001", "Board:10002"}


def test_boards_in_several(app_store):
    members = views.memberships(app_store)
    several = views.boards_in_several(members, min_networks=2)
    assert dict(zip(several["board"], several["networks"])) == {"10002": 3, "10001": 2, "10003": 2}
    assert views.boards_in_several(members, kind="rap").empty


def test_sector_mix(app_store):
    members = views.memberships(app_store)
    mix = views.sector_mix(members).set_index("partnership")
    assert mix.loc["P1", "mix"] == "po+vo+mbo"
    assert mix.loc["P2", "mix"] == "po+vo+ho"
    matrix = views.sector_mixing_matrix(members)
    assert matrix.loc["po", "po"] == 2 and matrix.loc["vo", "vo"] == 3
    assert matrix.loc["po", "ho"] == 1 and matrix.loc["mbo", "ho"] == 0
    bridges = views.bridging_members(members, 4)
    assert list(bridges["member"]) == ["Board:10002", "Board:10001"]  # reach po, vo, mbo, ho


def test_overview_and_synthetic(app_store):
    counts = views.overview_counts(app_store)
    assert int(counts[(counts.kind == "node") & (counts.name == "Board")]["count"].iloc[0]) == 4
    assert views.synthetic_sources(app_store) == ["demo-registry"]
    sectors = views.sector_counts(app_store).set_index("sector")
    assert sectors.loc["po", "schools"] == 2 and sectors.loc["ho", "teacher colleges"] == 1


def test_regions(app_store):
    assert regions_map.region_schemes(app_store) == ["arbeidsmarktregio", "provincie"]
    assigned = regions_map.municipality_regions(app_store, "arbeidsmarktregio")
    assert dict(zip(assigned.municipality, assigned.region)) == {
        "GM0363": "arbeidsmarktregio:AM01", "GM0375": "arbeidsmarktregio:AM02",
        "GM0392": "arbeidsmarktregio:AM02"}
    cover = regions_map.coverage(app_store).set_index("municipality")
    assert cover.loc["GM0392", "partnerships"] == 2 and cover.loc["GM0375", "partnerships"] == 1
    assert "GM0363" not in cover.index
    assert list(regions_map.coverage(app_store, "rap")["municipality"]) == ["GM0375", "GM0392"]
    straddling = regions_map.straddlers(app_store, "arbeidsmarktregio")
    assert list(straddling["board"]) == ["10001"]
    assert regions_map.straddlers(app_store, "provincie").empty
    compared = regions_map.compare_schemes(app_store, "provincie", "arbeidsmarktregio")
    assert compared.iloc[0]["regions_b"] == 2
    shapes = regions_map.municipality_shapes()
    assert len(shapes) == 342 and shapes["GM0392"]["name"] == "Haarlem"
    fig = regions_map.map_figure(dict(zip(assigned.municipality, assigned.region_name)))
    assert {t.name for t in fig.data} >= {"Groot Amsterdam", "Zuid-Kennemerland en IJmond", "none"}


def test_search_and_neighbourhood(app_store):
    found = neighbourhood.search_nodes(app_store, "kennemerland")
    assert {n.properties["id"] for n in found} == {"P1", "P3", "10002", "arbeidsmarktregio:AM02"}
    assert neighbourhood.search_nodes(app_store, "10003")[0].properties["id"] == "10003"
    sub = neighbourhood.neighbourhood(app_store, "Board", "10001", depth=1)
    ids = {n.properties["id"] for n in sub.nodes.values()}
    assert ids == {"10001", "01AA00", "01AB00", "P1", "P2"}
    assert len(sub.edges) == 4 and not sub.capped
    capped = neighbourhood.neighbourhood(app_store, "Board", "10001", depth=3, cap=6)
    assert capped.capped and len(capped) == 6
    html = network_view.network_html(sub, colour_by="sector", size_by="betweenness")
    assert "vis.Network" in html
    assert 'src="http' not in html and 'href="http' not in html  # works offline
    assert "stabilizationIterationsDone" in html
    assert network_view.legend(sub, "kind") == {
        k: network_view.PALETTE["kind"][k] for k in ("Board", "Partnership", "School")}


def test_subgraph_from_rows(app_store):
    result = app_store.read("MATCH (b:Board {id: '10001'})-[r:MEMBER_OF]->(p) RETURN r")
    sub = neighbourhood.subgraph_from_rows(app_store, result.rows)
    assert len(sub) == 3 and len(sub.edges) == 2  # end points fetched


def test_judgements_kept_in_graph(app_store):
    judgements.record_judgement(app_store, "A2", "A1", "duplicate", "same aim")
    judgements.record_judgement(app_store, "A1", "A2", "not-duplicate")
    judged = judgements.judgements(app_store)
    assert list(zip(judged.activity_a, judged.activity_b, judged.verdict)) == [
        ("A1", "A2", "not-duplicate")]
    with pytest.raises(InputError):
        judgements.record_judgement(app_store, "A1", "A9", "duplicate")
    with pytest.raises(InputError):
        judgements.record_judgement(app_store, "A1", "A2", "maybe")


def test_metric_views(app_store):
    boards = metric_views.metric_table(app_store, "Board")
    numeric, categorical = metric_views.metric_columns(boards, "Board")
    assert numeric == ["betweenness", "degree"] and categorical == ["community"]
    assert metric_views.stored_metrics_run(app_store)["agreement"]["arbeidsmarktregio"]["ari"] == 0.25
    regions = metric_views.board_main_region(app_store, "arbeidsmarktregio")
    assert dict(zip(regions.board, regions.region))["10003"] == "arbeidsmarktregio:AM02"
    score = metric_views.community_agreement(boards, "community", regions)
    assert score["boards"] == 3


def test_result_frame(app_store):
    result = app_store.read("MATCH (b:Board) RETURN b, b.id AS id ORDER BY id LIMIT 2")
    frame = views.result_frame(result)
    assert list(frame.columns) == ["b", "id"] and '"_labels": ["Board"]' in frame.iloc[0, 0]
    assert isinstance(frame, pd.DataFrame)


def test_synthetic_without_source_node(app_store):
    """The banner's answer does not depend on a loader having written a Source node."""
    app_store.write("MATCH (s:Source {id: 'demo-registry'}) DELETE s")
    assert views.synthetic_sources(app_store) == ["demo-registry"]
    app_store.write("MATCH (n) WHERE n.synthetic = true SET n.synthetic = false")
    assert views.synthetic_sources(app_store) == []
