"""Shared fixtures: a real FalkorDB server started for the test run, and a Neo4j store
when ``NEO4J_URI`` is set.

``store`` is parametrized over both engines, so every test that takes it runs on each
store with the same golden answers.  Each test gets an empty graph: a fresh graph key on
FalkorDB, an emptied database on Neo4j.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from graph.store import falkordb_server

ENGINES = ["falkordb", "neo4j"]
NEO4J_SKIP = "NEO4J_URI is not set: no Neo4j 5 server on this machine (set NEO4J_URI, " \
             "NEO4J_USERNAME, NEO4J_PASSWORD to run the Neo4j store tests)"


@pytest.fixture(scope="session")
def regiograph_home(tmp_path_factory) -> Path:
    """A private REGIOGRAPH_HOME for the whole run (its own embedded server)."""
    home = tmp_path_factory.mktemp("regiograph_home")
    os.environ["REGIOGRAPH_HOME"] = str(home)
    return home


@pytest.fixture(scope="session")
def falkordb_server_info(regiograph_home):
    """Start a real FalkorDB server for the test run; stop it by PID at the end."""
    info = falkordb_server.start(regiograph_home)
    yield info
    falkordb_server.stop(regiograph_home)


def _falkordb_store(info):
    from graph.store.falkordb import FalkorDBStore
    return FalkorDBStore(info.host, info.port, graph=f"test_{uuid.uuid4().hex[:10]}")


def _neo4j_store():
    if not os.environ.get("NEO4J_URI"):
        pytest.skip(NEO4J_SKIP)
    from graph.store.neo4j import Neo4jStore
    store = Neo4jStore.from_env()
    store.write("MATCH (n) DETACH DELETE n")
    return store


@pytest.fixture(params=ENGINES)
def store(request):
    """An empty graph store of each engine (Neo4j skipped without NEO4J_URI)."""
    if request.param == "neo4j":
        s = _neo4j_store()
    else:
        s = _falkordb_store(request.getfixturevalue("falkordb_server_info"))
    s.ensure_schema()
    yield s
    if request.param == "falkordb":
        s.drop()
    s.close()


@pytest.fixture
def falkordb_store(falkordb_server_info):
    """An empty FalkorDB store only (for tests of FalkorDB-specific behaviour)."""
    s = _falkordb_store(falkordb_server_info)
    yield s
    s.drop()
    s.close()
