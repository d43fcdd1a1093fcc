"""Graph stores: the :class:`GraphStore` seam and :func:`open_store` to get one.

``open_store()`` answers the Neo4j store when ``NEO4J_URI`` is set or
``REGIOGRAPH_STORE=neo4j``, else the embedded FalkorDB store (starting its server when
needed).  Store modules are imported lazily so the other's driver need not be installed.
"""

from __future__ import annotations

import os

from .base import GraphStore, QueryResult, WriteReport

__all__ = ["GraphStore", "QueryResult", "WriteReport", "open_store", "store_kind"]


def store_kind(kind: str | None = None) -> str:
    """Answer which store to use: ``kind`` if given, else from the environment."""
    kind = kind or os.environ.get("REGIOGRAPH_STORE")
    if not kind:
        kind = "neo4j" if os.environ.get("NEO4J_URI") else "falkordb"
    if kind not in ("falkordb", "neo4j"):
        from ..errors import ConfigError
        raise ConfigError("unknown store", value=kind, fix="use 'falkordb' or 'neo4j'")
    return kind


def open_store(kind: str | None = None, **options) -> GraphStore:
    """Answer a connected store of ``kind`` ("falkordb" or "neo4j"; default from the env)."""
    kind = store_kind(kind)
    if kind == "neo4j":
        from .neo4j import Neo4jStore
        return Neo4jStore.from_env(**options)
    from .falkordb import FalkorDBStore
    return FalkorDBStore.embedded(**options)
