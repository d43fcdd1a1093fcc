"""The production store: Neo4j 5 through the official ``neo4j`` driver.

Reached with ``NEO4J_URI`` (``bolt://``, ``neo4j://`` or ``neo4j+s://`` - nothing assumes a
local server), ``NEO4J_USERNAME`` (``NEO4J_USER`` is accepted too), ``NEO4J_PASSWORD`` and
``NEO4J_DATABASE`` (default ``neo4j``).  The database is named on every session.

Reads run in managed read transactions (``session.execute_read``), so the server refuses
any write; writes run in managed write transactions.  A whole-graph replace is one explicit
transaction (delete everything, write the tables, commit): readers see the previous graph
until the commit, and any error rolls it back.  After a bulk write the query caches are
cleared, because Neo4j otherwise keeps plans made on stale statistics (graph-stores.md: one
query took 13 s instead of 0.19 s).

Licences: the driver is Apache-2.0; the Neo4j Community server is GPLv3.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from typing import Any, Callable, Iterable
from urllib.parse import urlsplit

from ..errors import ConfigError, QueryError, StoreError
from ..model import NODES
from ..tables import GraphTables
from .base import (DEFAULT_BATCH_SIZE, GraphNode, GraphPath, GraphRelationship, GraphStore,
                   QueryResult, WriteReport, source_removal, write_tables)

__all__ = ["Neo4jStore", "DEFAULT_DATABASE", "plan_text", "driver_error"]

DEFAULT_DATABASE = "neo4j"
_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_URI_FIX = ("set NEO4J_URI to bolt://host:7687, neo4j://host:7687 or neo4j+s://<id>.databases."
            "neo4j.io (Aura)")

# The driver logs server notifications (e.g. "unknown label" when counting a label that has
# no nodes yet) and transaction retries at WARNING.  Without any handler Python would print
# them on stderr; a NullHandler keeps them quiet unless the application configures logging.
logging.getLogger("neo4j").addHandler(logging.NullHandler())


def _driver_module():
    try:
        import neo4j
    except ImportError:
        raise StoreError("the Neo4j store needs the official neo4j driver",
                         fix="pip install neo4j") from None
    return neo4j


# -- values -----------------------------------------------------------------------------
def _entity_id(entity: Any) -> int:
    """Answer the integer id of a driver Node/Relationship.

    Neo4j 5 element ids look like ``4:<database uuid>:<legacy id>``; the last part is the
    legacy integer id (what ``id(n)`` answers in Cypher).  Other forms get a stable 63-bit
    hash of the element id, so the same element always gets the same number.
    """
    element_id = str(getattr(entity, "element_id", "") or "")
    tail = element_id.rsplit(":", 1)[-1]
    if tail.isdigit():
        return int(tail)
    digest = hashlib.blake2b(element_id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def _convert(value: Any) -> Any:
    """Answer ``value`` with driver graph and temporal values replaced by the project's.

    Nodes, relationships and paths become :class:`GraphNode`, :class:`GraphRelationship`
    and :class:`GraphPath` (also inside lists and maps); temporal values become ISO strings
    (the model stores dates as ISO strings, so both stores answer the same).
    """
    neo4j = _driver_module()
    graph = neo4j.graph
    if isinstance(value, graph.Node):
        return GraphNode(_entity_id(value), tuple(sorted(value.labels)), dict(value.items()))
    if isinstance(value, graph.Relationship):
        return GraphRelationship(_entity_id(value), str(value.type),
                                 _entity_id(value.start_node), _entity_id(value.end_node),
                                 dict(value.items()))
    if isinstance(value, graph.Path):
        return GraphPath(tuple(_convert(n) for n in value.nodes),
                         tuple(_convert(r) for r in value.relationships))
    if isinstance(value, list):
        return [_convert(v) for v in value]
    if isinstance(value, dict):
        return {k: _convert(v) for k, v in value.items()}
    if isinstance(value, (neo4j.time.Date, neo4j.time.DateTime, neo4j.time.Time,
                          neo4j.time.Duration)):
        return value.iso_format()
    return value


def plan_text(plan: dict[str, Any] | None, depth: int = 0) -> str:
    """Answer a Neo4j plan (the ``summary.plan`` dict of an EXPLAIN) as indented text.

    One operator per line, children indented by four spaces, with the operator's details
    and the planner's row estimate, e.g. ``NodeByLabelScan | n:Board | ~749 rows``.
    """
    if not plan:
        return ""
    # Bolt answers the operator's arguments under "args" (the HTTP API under "arguments")
    arguments = plan.get("args") or plan.get("arguments") or {}
    parts = [str(plan.get("operatorType", "?")).split("@", 1)[0]]
    details = arguments.get("Details") or arguments.get("details")
    if details:
        parts.append(str(details))
    estimate = arguments.get("EstimatedRows")
    if estimate is not None:
        parts.append(f"~{float(estimate):.0f} rows")
    lines = ["    " * depth + " | ".join(parts)]
    for child in plan.get("children") or []:
        lines.append(plan_text(child, depth + 1))
    return "\n".join(lines)


def _scrub(text: str, password: str | None) -> str:
    if password and len(password) >= 3:
        text = text.replace(password, "***")
    return text


def driver_error(exc: Exception, where: str, username: str | None = None,
                 password: str | None = None, database: str = DEFAULT_DATABASE) -> Exception:
    """Answer the project error for an exception of the ``neo4j`` driver.

    ``where`` is the store's credential-free description; ``password`` is scrubbed from any
    text shown.  Errors that are already the project's, and exceptions that are not the
    driver's, are answered unchanged.
    """
    if isinstance(exc, (StoreError, QueryError, ConfigError)):
        return exc
    neo4j = _driver_module()
    errors = neo4j.exceptions
    code = str(getattr(exc, "code", "") or "")
    text = _scrub(str(getattr(exc, "message", None) or exc), password)
    lowered = text.lower()
    if isinstance(exc, errors.AuthError) or code.startswith("Neo.ClientError.Security.Unauth"):
        return StoreError(f"Neo4j ({where}) refused the user name or password",
                          value=username,
                          fix="check NEO4J_USERNAME (or NEO4J_USER) and NEO4J_PASSWORD")
    if code == "Neo.ClientError.Security.AuthenticationRateLimit":
        return StoreError(f"Neo4j ({where}) refused the login after too many wrong passwords",
                          value=username,
                          fix="wait a few seconds, then check NEO4J_USERNAME and NEO4J_PASSWORD")
    if isinstance(exc, (errors.ServiceUnavailable, errors.SessionExpired)):
        return StoreError(f"cannot reach Neo4j ({where})", value=text,
                          fix="check that the server runs and NEO4J_URI is right; " + _URI_FIX)
    if isinstance(exc, errors.ConfigurationError):
        return ConfigError("the Neo4j driver rejected its configuration", value=text,
                           fix=_URI_FIX)
    if "TimedOut" in code or ("Terminated" in code and "timeout" in lowered):
        return QueryError("the query took longer than its timeout", value=text,
                          fix="narrow the query (LIMIT, fewer hops) or raise the timeout")
    if (code in ("Neo.ClientError.Statement.AccessMode", "Neo.ClientError.Cluster.NotALeader",
                 "Neo.ClientError.General.ForbiddenOnReadOnlyDatabase")
            or "read access mode" in lowered or "restricted to read" in lowered):
        return QueryError("the store refused a write in a read-only query", value=text,
                          fix="the console and named queries are read-only; use "
                              "`regiograph import` to change the graph")
    if code == "Neo.ClientError.Database.DatabaseNotFound":
        return StoreError(f"Neo4j has no database {database!r}", value=text,
                          fix="set NEO4J_DATABASE to an existing database (default neo4j)")
    if code.startswith("Neo.ClientError.Security."):
        return StoreError(f"the Neo4j user may not do this ({where})", value=text,
                          fix="grant the user the needed privileges or use another user")
    if isinstance(exc, errors.CypherSyntaxError) or code == "Neo.ClientError.Statement.SyntaxError":
        return QueryError("the Cypher is not valid", value=text,
                          fix="check the Cypher (see docs/queries.md for the supported subset)")
    if code == "Neo.ClientError.Statement.ParameterMissing":
        return QueryError("the query needs a parameter that was not given", value=text,
                          fix="pass it with --param name=value")
    if isinstance(exc, errors.Neo4jError):
        return QueryError("Neo4j rejected the query", value=text or code,
                          fix="check the Cypher and its parameters "
                              "(see docs/queries.md for the supported subset)")
    if isinstance(exc, errors.DriverError):
        return StoreError(f"the Neo4j driver failed ({where})", value=text,
                          fix="retry; if it persists check the server and NEO4J_URI")
    return exc


# -- the store --------------------------------------------------------------------------
class Neo4jStore(GraphStore):
    """A graph in one database of a Neo4j 5 server (or cluster, or Aura)."""

    engine = "neo4j"

    def __init__(self, uri: str, username: str | None = None, password: str | None = None,
                 database: str = DEFAULT_DATABASE, **driver_options: Any) -> None:
        """Connect and check the connection, credentials and database with one tiny read.

        ``driver_options`` go to ``neo4j.GraphDatabase.driver`` (e.g.
        ``max_connection_pool_size``, ``connection_timeout``).  Cost: one round trip.
        """
        neo4j = _driver_module()
        self.uri = uri
        self.username = username
        self.database = database or DEFAULT_DATABASE
        self._password = password or ""
        scheme = urlsplit(uri).scheme.lower()
        if scheme not in _SCHEMES:
            raise ConfigError("NEO4J_URI has an unsupported scheme", value=self.describe(),
                              fix=_URI_FIX)
        auth = (username or "", password or "") if (username or password) else None
        try:
            self._driver = neo4j.GraphDatabase.driver(uri, auth=auth, **driver_options)
        except Exception as exc:
            raise self._error(exc) from None
        try:
            self._check()
        except Exception:
            self._driver.close()
            raise

    def _check(self) -> None:
        """Run ``RETURN 1`` once on the database (auto-commit, so no retries): fails fast
        on an unreachable server, wrong credentials or a missing database."""
        try:
            with self._session(False) as session:
                session.run("RETURN 1 AS ok").consume()
        except Exception as exc:
            raise self._error(exc) from None

    @classmethod
    def from_env(cls, uri: str | None = None, username: str | None = None,
                 password: str | None = None, database: str | None = None,
                 **driver_options: Any) -> "Neo4jStore":
        """Answer a store from ``NEO4J_URI``, ``NEO4J_USERNAME`` (or ``NEO4J_USER``),
        ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE``; arguments given here win over the env."""
        env = os.environ
        uri = uri or env.get("NEO4J_URI")
        if not uri:
            raise ConfigError("NEO4J_URI is not set", fix=_URI_FIX)
        username = username or env.get("NEO4J_USERNAME") or env.get("NEO4J_USER")
        password = password if password is not None else env.get("NEO4J_PASSWORD")
        if username and not password:
            raise ConfigError(f"NEO4J_PASSWORD is not set for user {username!r}",
                              fix="export NEO4J_PASSWORD=... (the password of that user)")
        database = database or env.get("NEO4J_DATABASE") or DEFAULT_DATABASE
        return cls(uri, username, password, database, **driver_options)

    def describe(self) -> str:
        """Answer ``neo4j scheme://host:port/database`` (never the user name or password)."""
        parts = urlsplit(self.uri)
        try:
            host = parts.hostname or ""
            port = f":{parts.port}" if parts.port else ""
        except ValueError:  # a malformed port
            host, port = parts.hostname or "?", ""
        return f"neo4j {parts.scheme or '?'}://{host}{port}/{self.database}"

    def __repr__(self) -> str:
        return f"Neo4jStore({self.describe()!r})"

    # -- sessions and errors ------------------------------------------------------------
    def _session(self, write: bool):
        neo4j = _driver_module()
        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        return self._driver.session(database=self.database, default_access_mode=mode)

    def _error(self, exc: Exception) -> Exception:
        """Answer the project error for a driver error (the password never shown)."""
        return driver_error(exc, self.describe(), self.username, self._password,
                            self.database)

    def _call(self, write: bool, work: Callable[[Any], Any]) -> Any:
        """Run ``work(tx)`` in a managed transaction and answer its result."""
        try:
            with self._session(write) as session:
                run = session.execute_write if write else session.execute_read
                return run(work)
        except Exception as exc:
            raise self._error(exc) from None

    # -- queries ------------------------------------------------------------------------
    def read(self, cypher: str, params: dict[str, Any] | None = None, *,
             timeout_ms: int | None = None, row_cap: int | None = None) -> QueryResult:
        """Run ``cypher`` in a managed read transaction; the server refuses any write.

        ``timeout_ms`` becomes the transaction timeout (the server stops the query and a
        :class:`QueryError` is raised); ``row_cap`` stops reading after that many rows
        (the rest is discarded on the server) and sets ``truncated``.
        """
        neo4j = _driver_module()
        started = time.perf_counter()

        def work(tx):
            result = tx.run(cypher, params or {})
            keys = list(result.keys())
            rows: list[list[Any]] = []
            truncated = False
            for record in result:
                if row_cap is not None and len(rows) >= row_cap:
                    truncated = True
                    break
                rows.append([_convert(v) for v in record.values()])
            return keys, rows, truncated

        if timeout_ms is not None:
            work = neo4j.unit_of_work(timeout=max(timeout_ms, 1) / 1000.0)(work)
        keys, rows, truncated = self._call(False, work)
        return QueryResult(keys, rows, (time.perf_counter() - started) * 1000, truncated)

    def write(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        """Run ``cypher`` in a managed write transaction and answer its rows."""
        started = time.perf_counter()

        def work(tx):
            result = tx.run(cypher, params or {})
            keys = list(result.keys())
            return keys, [[_convert(v) for v in record.values()] for record in result]

        keys, rows = self._call(True, work)
        return QueryResult(keys, rows, (time.perf_counter() - started) * 1000, False)

    def explain(self, cypher: str, params: dict[str, Any] | None = None) -> str:
        """Answer Neo4j's plan for ``cypher`` (``EXPLAIN``: planned, never run) as text."""
        neo4j = _driver_module()
        try:
            with self._session(True) as session:
                summary = session.run(neo4j.Query("EXPLAIN " + cypher), params or {}).consume()
        except Exception as exc:
            raise self._error(exc) from None
        return plan_text(summary.plan)

    # -- schema and bulk writes ---------------------------------------------------------
    def ensure_schema(self) -> None:
        """Create a uniqueness constraint (with its index) on ``id`` for every label.

        Idempotent (``IF NOT EXISTS``).  Cost: one schema transaction per label, ~10 ms each.
        """
        for label in NODES:
            self.write(f"CREATE CONSTRAINT IF NOT EXISTS FOR (n:`{label}`) "
                       "REQUIRE n.id IS UNIQUE")
        try:
            self.write("CALL db.awaitIndexes(300)")
        except QueryError:
            pass  # older servers or restricted users: constraints still get built

    def _in_one_transaction(self, body: Callable[[Callable[[str, dict], Any]], WriteReport]
                            ) -> WriteReport:
        """Run ``body(run)`` in one explicit write transaction; commit, or roll back on error."""
        try:
            with self._session(True) as session:
                tx = session.begin_transaction()
                try:
                    report = body(lambda cypher, params: tx.run(cypher, params).consume())
                    tx.commit()
                except BaseException:
                    try:
                        if not tx.closed():
                            tx.rollback()
                    except Exception:  # the connection broke; the server rolls back itself
                        pass
                    raise
        except Exception as exc:
            raise self._error(exc) from None
        self._clear_query_caches()
        return report

    def _clear_query_caches(self) -> None:
        """Drop cached plans made on the old statistics (tolerated when not allowed)."""
        try:
            self.write("CALL db.clearQueryCaches()")
        except (QueryError, StoreError):
            pass

    def replace_graph(self, tables: GraphTables, *,
                      batch_size: int = DEFAULT_BATCH_SIZE) -> WriteReport:
        """Replace the whole database's graph by ``tables`` in one transaction.

        Everything is deleted in batches of ``batch_size`` nodes and the tables are
        CREATEd, all inside one transaction: readers see the previous graph until the
        commit and an error rolls everything back.  Then the query caches are cleared.
        Cost at national size (~15k nodes, ~40k relationships): a few seconds (the driver
        writes 4k-20k rows/s); the transaction holds the whole change in server memory.
        """
        self.ensure_schema()

        def body(run):
            while True:
                summary = run("MATCH (n) WITH n LIMIT $batch DETACH DELETE n",
                              {"batch": batch_size})
                if summary.counters.nodes_deleted < batch_size:
                    break
            return write_tables(run, tables, batch_size=batch_size, merge=False)

        return self._in_one_transaction(body)

    def replace_sources(self, tables: GraphTables, sources: Iterable[str], *,
                        batch_size: int = DEFAULT_BATCH_SIZE) -> WriteReport:
        """Replace what came from ``sources`` by ``tables`` (MERGE on ``id``), in one transaction.

        Relationships whose ``source`` is in ``sources`` are deleted, and nodes of those
        sources that ``tables`` no longer has (relationships of other sources to re-imported
        nodes survive); then ``tables`` are MERGEd.
        Cost: proportional to the sources' size, ~1-3 s for a national dataset.
        """
        self.ensure_schema()
        names = sorted(set(sources))

        def body(run):
            for cypher, params in source_removal(tables, names):
                run(cypher, params)
            return write_tables(run, tables, batch_size=batch_size, merge=True)

        return self._in_one_transaction(body)

    def drop(self, batch_size: int = 10_000) -> None:
        """Delete every node and relationship of the database (constraints stay).

        Used by tests.  Each batch is its own transaction, so this is not atomic.
        """
        while True:
            result = self.write("MATCH (n) WITH n LIMIT $batch DETACH DELETE n "
                                "RETURN count(*) AS deleted", {"batch": batch_size})
            if (result.scalar() or 0) < batch_size:
                break

    def close(self) -> None:
        """Close the driver and its connection pool."""
        try:
            self._driver.close()
        except Exception:
            pass
