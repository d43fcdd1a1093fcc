"""Registry -> store -> registry round trip, and the as-of / changes queries, on each store."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from graph.tables import GraphTables
from importers.registry import read_registry
from importers.registry_export import export_registry
from importers.registry_template import write_registry

from .registry_fixtures import reference, registry_tables

QUERIES = Path(__file__).resolve().parents[1] / "queries"


def _load(store, tmp_path, fmt="csv"):
    target = tmp_path / ("reg.xlsx" if fmt == "xlsx" else "reg")
    write_registry(registry_tables(), target)
    result = read_registry(target, reference=reference(), source="registry", source_date="2025-01-01")
    store.replace_graph(GraphTables.combine([reference(), result.tables]))
    return result


def _norm(frame: pd.DataFrame, table: str) -> list[tuple]:
    from importers.registry_template import registry_columns
    frame = frame.reindex(columns=registry_columns(table)).fillna("").astype(str)
    if "target_groups" in frame.columns:
        frame["target_groups"] = frame["target_groups"].map(
            lambda v: ", ".join(s.strip() for s in v.split(",") if s.strip()))
    return sorted(map(tuple, frame.values.tolist()))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_round_trip_keeps_everything(store, tmp_path, fmt):
    _load(store, tmp_path, fmt)
    back = export_registry(store, "registry")
    original = registry_tables()
    for table, frame in original.items():
        assert _norm(back[table], table) == _norm(frame, table), table
    # and the exported tables read again give the same graph tables
    write_registry(back, tmp_path / "again")
    again = read_registry(tmp_path / "again", reference=reference(), source_date="2025-01-01")
    first = read_registry(tmp_path / ("reg.xlsx" if fmt == "xlsx" else "reg"),
                          reference=reference(), source_date="2025-01-01")
    assert again.tables.counts() == first.tables.counts()


def test_members_linked_in_store(store, tmp_path):
    _load(store, tmp_path)
    rows = store.read("MATCH (b:Board)-[r:MEMBER_OF]->(p:Partnership) "
                      "RETURN b.id AS board, p.id AS p, r.match_status AS status "
                      "ORDER BY board, p").rows
    assert rows == [["13622", "rap-a", "matched"], ["40114", "sop-x", "pinned"],
                    ["41246", "rap-a", "code"], ["41246", "rap-b", "matched"],
                    ["41853", "rap-a", "matched"]]
    # rap partnerships are regions too: Municipality PART_OF rap:<id>
    regions = store.read("MATCH (m:Municipality)-[:PART_OF]->(r:Region) WHERE r.scheme = 'rap' "
                         "RETURN r.id AS region, m.id AS municipality ORDER BY region, municipality").rows
    assert regions == [["rap:rap-a", "GM0392"], ["rap:rap-a", "GM0394"],
                       ["rap:rap-b", "GM0392"], ["rap:rap-b", "GM0453"]]


def _query(name: str) -> str:
    return (QUERIES / f"{name}.cypher").read_text(encoding="utf-8")


def _as_of(store, date, kind=""):
    result = store.read(_query("network_as_of"), {"date": date, "kind": kind})
    return sorted((r["partnership_id"], r["member_id"]) for r in result.records())


def test_network_as_of(store, tmp_path):
    _load(store, tmp_path)
    assert _as_of(store, "2021-06-01", "rap") == [
        ("rap-a", "41246"), ("rap-a", "41853"), ("rap-a", "org-gemeente-haarlem")]
    assert _as_of(store, "2022-12-31", "rap") == [
        ("rap-a", "41246"), ("rap-a", "41853"), ("rap-a", "org-gemeente-haarlem")]
    assert _as_of(store, "2023-06-01", "rap") == [
        ("rap-a", "13622"), ("rap-a", "41853"), ("rap-a", "org-gemeente-haarlem"),
        ("rap-b", "41246")]
    assert ("sop-x", "32JK00") in _as_of(store, "2021-06-01")
    assert ("sop-x", "32JK00") not in _as_of(store, "2022-06-01")


def test_network_changes(store, tmp_path):
    _load(store, tmp_path)
    result = store.read(_query("network_changes"),
                        {"from_date": "2022-06-01", "to_date": "2023-06-01", "kind": ""})
    got = sorted((r["change"], r["member_id"], r["from_partnership"], r["to_partnership"])
                 for r in result.records())
    assert got == [("joined", "13622", "", "rap-a"), ("joined", "41246", "", "rap-b"),
                   ("left", "41246", "rap-a", ""), ("moved", "41246", "rap-a", "rap-b")]
    none = store.read(_query("network_changes"),
                      {"from_date": "2023-06-01", "to_date": "2024-06-01", "kind": ""})
    assert none.rows == []
    school = store.read(_query("network_changes"),
                        {"from_date": "2020-06-01", "to_date": "2022-06-01", "kind": "samen-opleiden"})
    assert sorted((r["change"], r["member_id"]) for r in school.records()) == []
    school = store.read(_query("network_changes"),
                        {"from_date": "2021-06-01", "to_date": "2022-06-01", "kind": "samen-opleiden"})
    assert [(r["change"], r["member_id"]) for r in school.records()] == [("left", "32JK00")]
