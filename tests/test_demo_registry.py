"""The demo registry: deterministic, sized like the real field, labelled synthetic, going
through the real reader, with the real examples of the seeds."""

from __future__ import annotations

import pytest

from graph.tables import GraphTables
from importers.demo_registry import (DEMO_SOURCE, demo_registry_result, demo_registry_tables,
                                     onderwijsregio_coverage, write_demo_registry)
from importers.registry import read_registry
from importers.registry_reference import DEFAULT_RAW_DIR, read_raw_reference

pytestmark = pytest.mark.skipif(not DEFAULT_RAW_DIR.exists(),
                                reason=f"raw DUO files not at {DEFAULT_RAW_DIR} (set REGIOGRAPH_RAW_DIR)")


@pytest.fixture(scope="module")
def ref():
    return read_raw_reference()


@pytest.fixture(scope="module")
def demo(ref):
    return demo_registry_tables(ref, seed=7)


def test_deterministic(ref, demo):
    again = demo_registry_tables(ref, seed=7)
    assert all(demo[k].equals(again[k]) for k in demo)
    other = demo_registry_tables(ref, seed=8)
    assert not other["memberships"].equals(demo["memberships"])


def test_sized_like_the_real_field(demo):
    kinds = demo["partnerships"]["kind"].value_counts().to_dict()
    assert 68 <= kinds["rap"] <= 74
    assert kinds["samen-opleiden"] == 75
    assert kinds["onderwijsregio"] == 50
    assert kinds["transfercentrum"] >= 5 and kinds["vervangingspool"] >= 5
    assert set(demo["activities"]["function"]) == {"werven", "matchen", "opleiden", "begeleiden",
                                                   "professionaliseren"}


def test_onderwijsregio_coverage_near_published_figures(ref, demo):
    cov = onderwijsregio_coverage(ref, demo)
    assert abs(cov["po"] - 0.97) < 0.01
    assert abs(cov["vo"] - 0.98) < 0.015
    assert abs(cov["mbo"] - 0.90) < 0.02


def test_real_examples_and_seed_names(demo):
    parts = demo["partnerships"].set_index("id")
    assert parts.loc["rap-zuid-kennemerland", "name"] == "RAP-regio Zuid-Kennemerland"
    assert parts.loc["rtc-de-beurs", "kind"] == "transfercentrum"
    acts = demo["activities"]
    zk = acts[acts["partnership"] == "rap-zuid-kennemerland"]
    assert set(zk["programme_line"]) == {"Doelgroepenbeleid", "Opleiding en scholing",
                                        "Arbeidsvoorwaarden", "Anders organiseren"}
    names = set(parts["name"])
    assert {"Opleidingsschool SAMEN", "Partnerschap Vista", "Gelderse Onderwijsvallei"} <= names
    beurs = demo["memberships"][demo["memberships"]["partnership"] == "rtc-de-beurs"]
    assert len(beurs) == 8 and set(beurs["valid_to"]) == {"2021-07-31"}


def test_labelled_near_duplicates(demo):
    acts = demo["activities"]
    groups = acts.dropna(subset=["demo_duplicate_group"]).groupby("demo_duplicate_group")
    assert len(groups) >= 20
    for _, group in groups:
        assert len(group) >= 2 and group["partnership"].nunique() == len(group)
        assert group["function"].nunique() == 1


def _areas_and_members(demo):
    areas = demo["coverage"].groupby("partnership")["area"].agg(set).to_dict()
    mem = demo["memberships"].copy()
    truth = mem.get("note", "").fillna("").astype(str).str.extract(r"board (\S+)")[0] \
        if "note" in mem else None
    if truth is not None:
        mem["member"] = truth.fillna(mem["member"])
    members = mem.groupby("partnership")["member"].agg(set).to_dict()
    return areas, members


def test_labelled_duplicates_are_candidates_by_the_rule(demo):
    """Every labelled pair is run by partnerships sharing a member or a municipality (else
    the issue's rule could never propose it)."""
    areas, members = _areas_and_members(demo)
    acts = demo["activities"].dropna(subset=["demo_duplicate_group"])
    pairs = 0
    for _, group in acts.groupby("demo_duplicate_group"):
        pids = list(group["partnership"])
        for i, p in enumerate(pids):
            for q in pids[i + 1:]:
                pairs += 1
                assert areas.get(p, set()) & areas.get(q, set()) or \
                    members.get(p, set()) & members.get(q, set()), (p, q)
    assert pairs >= 60


def test_same_aim_in_the_same_area_is_labelled(demo):
    """No unlabelled copies: two activities with the same template (title with its area taken
    out) in partnerships covering a common municipality share a duplicate group."""
    areas, _ = _areas_and_members(demo)
    acts = demo["activities"].copy()
    acts["aim"] = [t.replace(a, "{r}") if a else t for t, a in zip(acts["title"], acts["area"])]
    checked = 0
    for _, same in acts.groupby(["function", "aim"]):
        rows = list(same.itertuples(index=False))
        for i, x in enumerate(rows):
            for y in rows[i + 1:]:
                if x.partnership != y.partnership and areas.get(x.partnership, set()) & areas.get(y.partnership, set()):
                    checked += 1
                    assert isinstance(x.demo_duplicate_group, str) and \
                        x.demo_duplicate_group == y.demo_duplicate_group, (x.id, y.id)
    assert checked >= 20  # the injected groups' unreworded copies at least


def test_history_has_joins_leaves_and_moves(demo):
    mem = demo["memberships"]
    rap = mem[mem["partnership"].str.startswith("rap-")]
    assert (rap["valid_to"] != "").sum() > 20 and (rap["valid_from"] > "2020-01-01").sum() > 20
    left = rap[rap["valid_to"] == "2022-12-31"][["member"]]
    joined = rap[rap["valid_from"] == "2023-01-01"][["member"]]
    assert len(left.merge(joined)) > 5  # moved between RAP regions


def test_goes_through_the_real_reader_and_is_synthetic(ref, tmp_path):
    files = write_demo_registry(ref, tmp_path / "demo.xlsx", seed=7)
    result = read_registry(*files, reference=ref, source=DEMO_SOURCE, synthetic=True,
                           source_date="2025-06-01")
    direct = demo_registry_result(ref, seed=7)
    assert result.tables.counts() == direct.tables.counts()
    assert direct.sources[0].synthetic and direct.sources[0].name == DEMO_SOURCE
    for table in direct.tables.nodes + direct.tables.relationships:
        assert table.rows["synthetic"].eq(True).all()
        assert table.rows["source"].eq(DEMO_SOURCE).all()
    regions = direct.tables.node_table("Region")
    assert set(regions["scheme"]) == {"rap", "onderwijsregio"}


def test_demo_in_store(store, ref):
    result = demo_registry_result(ref, seed=7)
    store.replace_graph(GraphTables.combine([ref, result.tables]))
    rows = store.read("MATCH (b:Board)-[r:MEMBER_OF]->(p:Partnership {id: 'rap-zuid-kennemerland'}) "
                      "RETURN count(b) AS n, min(r.synthetic) AS s").rows
    assert rows[0][0] > 5 and rows[0][1] is True


def test_on_the_projects_own_import():
    """The same generator on importers.import_all()'s tables (all sectors incl. mbo)."""
    from importers import import_all
    ref = import_all().tables
    tables = demo_registry_tables(ref, seed=42)
    cov = onderwijsregio_coverage(ref, tables)
    assert abs(cov["po"] - 0.97) < 0.01 and abs(cov["vo"] - 0.98) < 0.01 and abs(cov["mbo"] - 0.90) < 0.02
    assert (tables["memberships"]["member"].astype(str) != "nan").all()
