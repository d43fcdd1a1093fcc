"""`regiograph duplicates` and `regiograph metrics` on the golden graph (FalkorDB)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from cli import cli
from graph.store.falkordb import FalkorDBStore
from tests.golden_graph import golden_tables

ENV = {"REGIOGRAPH_GRAPH": "cli_analyses", "NEO4J_URI": "", "REGIOGRAPH_STORE": "falkordb"}


def _load(info):
    store = FalkorDBStore(info.host, info.port, graph="cli_analyses")
    store.replace_graph(golden_tables())
    return store


def test_duplicates_command(falkordb_server_info):
    store = _load(falkordb_server_info)
    try:
        out = CliRunner().invoke(cli, ["duplicates", "--as-of", "2024-06-01", "--format", "json"],
                                 env=ENV)
        assert out.exit_code == 0, out.output
        rows = json.loads(out.output)["rows"]
        assert [(r["activity_a"], r["activity_b"]) for r in rows] == [("A01", "A02")]
        assert "same function: werven" in rows[0]["reasons"]
    finally:
        store.drop()
        store.close()


def test_metrics_command_writes_back(falkordb_server_info):
    store = _load(falkordb_server_info)
    try:
        out = CliRunner().invoke(cli, ["metrics", "--as-of", "2024-06-01", "--seed", "5"], env=ENV)
        assert out.exit_code == 0, out.output
        assert "boards: 6 nodes, 1 bridges" in out.output
        assert store.read("MATCH (b:Board {id: '10004'}) RETURN b.articulation_point").scalar() is True
    finally:
        store.drop()
        store.close()
