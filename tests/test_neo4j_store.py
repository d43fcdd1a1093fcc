"""The Neo4j store's own parts that need no server: configuration from the environment,
connection failures, driver errors -> project errors, driver values -> graph values, plans.

The store's behaviour against a real Neo4j 5 is checked by tests/test_store_contract.py
(the ``store`` fixture runs it on Neo4j when ``NEO4J_URI`` is set).
"""

from __future__ import annotations

import socket

import pytest

from graph.errors import ConfigError, QueryError, StoreError
from graph.store.base import GraphNode, GraphPath, GraphRelationship
from graph.store.neo4j import Neo4jStore, _convert, _entity_id, driver_error, plan_text

neo4j = pytest.importorskip("neo4j")

PASSWORD = "s3cret-Pa55"
ENV = ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE")


@pytest.fixture
def clean_env(monkeypatch):
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens once the socket is closed


# -- configuration and connecting ---------------------------------------------------------
def test_missing_uri_is_a_config_error_with_a_fix(clean_env):
    with pytest.raises(ConfigError) as caught:
        Neo4jStore.from_env()
    assert "NEO4J_URI" in str(caught.value) and caught.value.fix


def test_user_without_password_names_the_user_from_neo4j_user(clean_env):
    clean_env.setenv("NEO4J_URI", "bolt://127.0.0.1:7687")
    clean_env.setenv("NEO4J_USER", "analist")
    with pytest.raises(ConfigError) as caught:
        Neo4jStore.from_env()
    assert "NEO4J_PASSWORD" in str(caught.value) and "analist" in str(caught.value)


def test_unsupported_scheme_is_a_config_error(clean_env):
    clean_env.setenv("NEO4J_URI", "http://db.example.org:7474")
    clean_env.setenv("NEO4J_USERNAME", "neo4j")
    clean_env.setenv("NEO4J_PASSWORD", PASSWORD)
    with pytest.raises(ConfigError) as caught:
        Neo4jStore.from_env()
    assert "bolt://" in caught.value.fix and PASSWORD not in str(caught.value)


@pytest.mark.parametrize("scheme", ["bolt", "neo4j"])
def test_unreachable_server_is_a_store_error_without_the_password(clean_env, scheme):
    port = _closed_port()
    clean_env.setenv("NEO4J_URI", f"{scheme}://127.0.0.1:{port}")
    clean_env.setenv("NEO4J_USERNAME", "neo4j")
    clean_env.setenv("NEO4J_PASSWORD", PASSWORD)
    clean_env.setenv("NEO4J_DATABASE", "regio")
    with pytest.raises(StoreError) as caught:
        Neo4jStore.from_env(connection_timeout=2)
    text = str(caught.value)
    assert f"{scheme}://127.0.0.1:{port}/regio" in text
    assert PASSWORD not in text and "NEO4J_URI" in caught.value.fix


# -- driver errors ------------------------------------------------------------------------
def _server_error(code: str, message: str):
    """Answer the exception the driver builds from a server FAILURE with ``code``."""
    error_class = neo4j.exceptions.Neo4jError
    hydrate = getattr(error_class, "_hydrate_neo4j", None) or getattr(error_class, "hydrate")
    return hydrate(code=code, message=message)


@pytest.mark.parametrize("code, kind, words", [
    ("Neo.ClientError.Security.Unauthorized", StoreError, "user name or password"),
    ("Neo.ClientError.Security.AuthenticationRateLimit", StoreError, "too many wrong"),
    ("Neo.ClientError.Statement.SyntaxError", QueryError, "not valid"),
    ("Neo.ClientError.Statement.AccessMode", QueryError, "read-only"),
    ("Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration", QueryError, "timeout"),
    ("Neo.ClientError.Database.DatabaseNotFound", StoreError, "no database 'regio'"),
    ("Neo.ClientError.Statement.ParameterMissing", QueryError, "parameter"),
    ("Neo.ClientError.Statement.TypeError", QueryError, "rejected"),
])
def test_server_errors_become_project_errors(code, kind, words):
    exc = _server_error(code, f"something failed for password {PASSWORD}")
    error = driver_error(exc, "neo4j bolt://db:7687/regio", "neo4j", PASSWORD, "regio")
    assert isinstance(error, kind)
    assert words in str(error) and error.fix
    assert PASSWORD not in str(error)


def test_other_exceptions_pass_through():
    error = ValueError("not the driver's")
    assert driver_error(error, "neo4j bolt://db:7687/neo4j") is error


# -- values -------------------------------------------------------------------------------
def _hydrator():
    """Answer the driver's own Bolt graph hydrator (what turns server data into Node etc.)."""
    import importlib
    for module in ("neo4j._codec.hydration.bolt.v1.hydration_handler",  # driver 6
                   "neo4j._codec.hydration.v1.hydration_handler"):       # driver 5
        try:
            return importlib.import_module(module)._GraphHydrator()
        except (ImportError, AttributeError):
            continue
    pytest.skip("this neo4j driver version has no Bolt graph hydrator where expected")


def test_driver_graph_values_become_graph_values():
    h = _hydrator()
    uuid = "7b1e8c1e-0000-4000-8000-000000000001"
    board = h.hydrate_node(17, ["Board"], {"id": "00745", "sectors": ["po"]},
                           f"4:{uuid}:17")
    school = h.hydrate_node(23, ["School"], {"id": "00AA00"}, f"4:{uuid}:23")
    rel = h.hydrate_relationship(5, 17, 23, "GOVERNS", {"source": "duo"}, f"5:{uuid}:5",
                                 f"4:{uuid}:17", f"4:{uuid}:23")
    unbound = h.hydrate_unbound_relationship(5, "GOVERNS", {"source": "duo"}, f"5:{uuid}:5")
    path = h.hydrate_path([board, school], [unbound], [1, 1])
    value = _convert([board, {"r": rel}, path, neo4j.time.Date(2024, 8, 1)])
    node, holder, graph_path, date = value
    assert node == GraphNode(17, ("Board",), {"id": "00745", "sectors": ["po"]})
    assert holder["r"] == GraphRelationship(5, "GOVERNS", 17, 23, {"source": "duo"})
    assert isinstance(graph_path, GraphPath)
    assert [n.id for n in graph_path.nodes] == [17, 23]
    assert graph_path.relationships[0] == GraphRelationship(5, "GOVERNS", 17, 23,
                                                            {"source": "duo"})
    assert date == "2024-08-01"


def test_entity_ids_are_stable_without_a_legacy_id():
    h = _hydrator()
    node = h.hydrate_node(0, ["Board"], {}, "some-opaque-element-id")
    again = h.hydrate_node(0, ["Board"], {}, "some-opaque-element-id")
    assert _entity_id(node) == _entity_id(again) >= 0


# -- plans --------------------------------------------------------------------------------
def test_plan_text_shows_operators_details_and_estimates_indented():
    plan = {  # the shape of summary.plan for EXPLAIN over Bolt on Neo4j 5
        "operatorType": "ProduceResults@neo4j",
        "identifiers": ["b"],
        "args": {"Details": "b", "EstimatedRows": 1.0, "planner": "COST",
                 "runtime": "PIPELINED", "planner-version": "5.26"},
        "children": [{
            "operatorType": "NodeUniqueIndexSeek@neo4j",
            "identifiers": ["b"],
            "args": {"Details": "UNIQUE b:Board(id) WHERE id = $id", "EstimatedRows": 1.0},
            "children": [],
        }],
    }
    assert plan_text(plan) == ("ProduceResults | b | ~1 rows\n"
                               "    NodeUniqueIndexSeek | UNIQUE b:Board(id) WHERE id = $id"
                               " | ~1 rows")
    assert plan_text(None) == ""
    http_shape = {"operatorType": "Create@neo4j", "arguments": {"Details": "(n:Board)"}}
    assert plan_text(http_shape) == "Create | (n:Board)"


# -- against a real Neo4j 5 (NEO4J_URI set) -------------------------------------------------
NEEDS_NEO4J = "NEO4J_URI is not set: no Neo4j 5 server on this machine (set NEO4J_URI, " \
              "NEO4J_USERNAME, NEO4J_PASSWORD to run the Neo4j store tests)"


@pytest.fixture
def neo4j_store():
    """A Neo4j store on the database of the environment, emptied (skipped without one)."""
    import os
    if not os.environ.get("NEO4J_URI"):
        pytest.skip(NEEDS_NEO4J)
    store = Neo4jStore.from_env()
    store.drop()
    yield store
    store.close()


def test_ensure_schema_creates_a_uniqueness_constraint_per_label(neo4j_store):
    from graph.model import NODES
    neo4j_store.ensure_schema()
    neo4j_store.ensure_schema()  # idempotent
    rows = neo4j_store.read("SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties "
                            "RETURN type, labelsOrTypes, properties").rows
    unique_on_id = {labels[0] for kind, labels, props in rows
                    if "UNIQUE" in kind and props == ["id"]}
    assert set(NODES) <= unique_on_id


def test_duplicate_ids_roll_the_whole_replace_back(neo4j_store):
    import pandas as pd
    from graph.tables import GraphTables
    good = GraphTables()
    good.add_nodes("Board", pd.DataFrame([{"id": "00745", "source": "s", "source_date": "d"}]))
    neo4j_store.replace_graph(good)
    bad = GraphTables()
    bad.add_nodes("Board", pd.DataFrame([{"id": "41234", "source": "s", "source_date": "d"}] * 2))
    with pytest.raises(QueryError):
        neo4j_store.replace_graph(bad)
    assert neo4j_store.read("MATCH (b:Board) RETURN b.id AS id").rows == [["00745"]]


def test_wrong_password_is_a_store_error_without_the_password(neo4j_store, monkeypatch):
    if not neo4j_store.username:
        pytest.skip("the server runs without authentication: every password is accepted")
    wrong = "definitely-not-the-password-" + PASSWORD
    monkeypatch.setenv("NEO4J_PASSWORD", wrong)
    monkeypatch.setenv("NEO4J_USERNAME", neo4j_store.username)
    with pytest.raises(StoreError) as caught:
        Neo4jStore.from_env()
    assert "password" in str(caught.value) and wrong not in str(caught.value)


def test_unknown_database_is_a_store_error(neo4j_store):
    with pytest.raises(StoreError) as caught:
        Neo4jStore.from_env(database="no-such-database-regiograph")
    assert "NEO4J_DATABASE" in caught.value.fix


def test_describe_names_host_and_database_only(neo4j_store):
    text = neo4j_store.describe()
    assert text.startswith("neo4j ") and text.endswith("/" + neo4j_store.database)
    assert (neo4j_store._password or "\0") not in text


def test_schema_write_in_a_read_transaction_is_a_read_only_refusal():
    # Neo4j answers a schema command in a READ transaction with a Security code whose
    # message says the user is "restricted to READ": that is the read-only refusal the
    # console reports, not a missing privilege
    exc = _server_error("Neo.ClientError.Security.Forbidden",
                        "Schema operations are not allowed for user 'neo4j' with roles "
                        "[admin] restricted to READ.")
    error = driver_error(exc, "neo4j bolt://db:7687/regio", "neo4j", PASSWORD, "regio")
    assert isinstance(error, QueryError) and "refused" in str(error)
