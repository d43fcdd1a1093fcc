"""Reading a registry back out of a graph store, as the tables a user would supply.

:func:`export_registry` answers the five registry tables (see
:mod:`importers.registry_schema`) for everything a store holds from one registry source, so
``registry files -> store -> registry files`` keeps every value.  Members come back as the
user wrote them (``member_given`` on MEMBER_OF), areas likewise (``area_given`` on COVERS).
Write them with :func:`importers.registry_template.write_registry`.  All queries are in the
common Cypher subset.  Cost: five queries, ~50 ms for a national registry.
"""

from __future__ import annotations

import pandas as pd

from graph.store.base import GraphStore

from .registry_template import registry_columns

__all__ = ["export_registry", "REGISTRY_EXPORT_QUERIES"]

REGISTRY_EXPORT_QUERIES: dict[str, str] = {
    "partnerships": (
        "MATCH (p:Partnership) WHERE p.source = $source "
        "RETURN p.id AS id, p.name AS name, p.kind AS kind, p.status AS status, "
        "p.sector AS sector, p.area AS area, p.website AS website, p.reference AS source "
        "ORDER BY id"),
    "memberships": (
        "MATCH (m)-[r:MEMBER_OF]->(p:Partnership) WHERE r.source = $source "
        "RETURN p.id AS partnership, coalesce(r.member_given, m.id) AS member, "
        "r.member_type AS member_type, r.organisation_kind AS organisation_kind, "
        "r.role AS role, r.valid_from AS valid_from, r.valid_to AS valid_to, r.pin AS pin, "
        "r.note AS note ORDER BY partnership, member"),
    "activities": (
        "MATCH (p:Partnership)-[:RUNS]->(a:Activity) WHERE a.source = $source "
        "RETURN a.id AS id, p.id AS partnership, a.title AS title, "
        "a.description AS description, a.function AS function, "
        "a.programme_line AS programme_line, a.target_groups AS target_groups, a.area AS area, "
        "a.start AS `start`, a.end AS `end`, a.demo_duplicate_group AS demo_duplicate_group "
        "ORDER BY id"),
    "coverage": (
        "MATCH (p:Partnership)-[c:COVERS]->(x) WHERE c.source = $source "
        "RETURN p.id AS partnership, coalesce(c.area_given, x.id) AS area, "
        "c.area_name AS area_name ORDER BY partnership, area"),
    "contacts": (
        "MATCH (c:Person)-[:CONTACT_FOR]->(p:Partnership) WHERE c.source = $source "
        "RETURN c.id AS id, p.id AS partnership, c.name AS name, c.role AS role, "
        "c.organisation AS organisation ORDER BY id"),
}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def export_registry(store: GraphStore, source: str = "registry") -> dict[str, pd.DataFrame]:
    """Answer the registry tables (table name -> DataFrame of strings, empty value = "")
    of what ``store`` holds from registry ``source``."""
    out = {}
    for table, cypher in REGISTRY_EXPORT_QUERIES.items():
        result = store.read(cypher, {"source": source})
        frame = pd.DataFrame([[_text(v) for v in row] for row in result.rows],
                             columns=result.columns)
        out[table] = frame.reindex(columns=registry_columns(table), fill_value="")
    return out
