"""Finding nodes and their neighbourhoods, as node and edge lists the network view draws.

A :class:`Subgraph` is a dict of :class:`~graph.store.base.GraphNode` by internal id and a
list of :class:`~graph.store.base.GraphRelationship`.  It is built breadth-first with one
read query per depth level (never one query per node), and stops at a node cap so a hub
(a province, a big SWV) cannot flood the view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from .errors import QueryError
from .store.base import GraphNode, GraphPath, GraphRelationship, GraphStore

__all__ = ["Subgraph", "search_nodes", "find_node", "neighbourhood", "subgraph_from_rows",
           "display_name", "node_sector"]

DEFAULT_NODE_CAP = 1500
#: Search hits of these kinds come first (networks before their members).
_SEARCH_ORDER = {label: i for i, label in enumerate(
    ("Partnership", "Region", "Board", "TeacherCollege", "Municipality", "School",
     "Organisation", "Activity", "Person", "Source"))}


@dataclass
class Subgraph:
    """Nodes (by internal id) and relationships to draw; ``capped`` when the cap cut it."""

    nodes: dict[int, GraphNode] = field(default_factory=dict)
    edges: list[GraphRelationship] = field(default_factory=list)
    capped: bool = False
    cap: int = DEFAULT_NODE_CAP
    root: int | None = None

    def __len__(self) -> int:
        return len(self.nodes)


def display_name(node: GraphNode) -> str:
    """Answer a node's human name: its ``name`` or ``title``, else its ``id``."""
    props = node.properties
    return str(props.get("name") or props.get("title") or props.get("id") or node.id)


def node_sector(node: GraphNode) -> str:
    """Answer a node's sector (school sector, a board's first sector, ``ho`` for colleges)."""
    props = node.properties
    if node.label == "TeacherCollege":
        return "ho"
    if props.get("sector"):
        return str(props["sector"])
    sectors = props.get("sectors")
    if isinstance(sectors, (list, tuple)) and sectors:
        return str(sectors[0]) if len(sectors) == 1 else "mixed"
    return "none"


def search_nodes(store: GraphStore, text: str, labels: Iterable[str] | None = None,
                 limit: int = 25) -> list[GraphNode]:
    """Answer nodes whose name/title contains ``text`` or whose id equals it (case-insensitive).

    Exact id matches come first.  Cost: one scan of ~15k nodes, ~10-30 ms.
    """
    text = (text or "").strip().lower()
    if not text:
        return []
    result = store.read(
        "MATCH (n) WHERE toLower(n.id) = $q OR toLower(coalesce(n.name, n.title, '')) CONTAINS $q "
        "RETURN n LIMIT $limit", {"q": text, "limit": int(limit) * 4})
    wanted = set(labels or [])
    nodes = [row[0] for row in result.rows
             if isinstance(row[0], GraphNode) and (not wanted or row[0].label in wanted)]
    nodes.sort(key=lambda n: (str(n.properties.get("id", "")).lower() != text,
                              display_name(n).lower() != text,
                              _SEARCH_ORDER.get(n.label, len(_SEARCH_ORDER)),
                              len(display_name(n)), display_name(n)))
    return nodes[:limit]


def find_node(store: GraphStore, label: str, node_id: str) -> GraphNode | None:
    """Answer the node with ``label`` and ``id`` (``None`` when there is none)."""
    if not label.isidentifier():
        raise QueryError("not a node label", value=label, fix="use a label of the graph model")
    result = store.read(f"MATCH (n:`{label}` {{id: $id}}) RETURN n", {"id": str(node_id)})
    return result.rows[0][0] if result.rows else None


def neighbourhood(store: GraphStore, label: str, node_id: str, depth: int = 1,
                  cap: int = DEFAULT_NODE_CAP) -> Subgraph:
    """Answer the nodes within ``depth`` hops of (label, id), at most ``cap`` of them.

    One query per level: ``MATCH (a)-[r]-(b) WHERE id(a) IN $frontier``, limited to twice
    the room left under the cap.  When a level would pass the cap (or hits that limit), the
    nodes already found are kept, ``capped`` is set and the walk stops.  Cost at national size: depth 2 from a board ~20-50 ms; a province ~100 ms.
    """
    start = find_node(store, label, node_id)
    sub = Subgraph(cap=cap)
    if start is None:
        return sub
    sub.nodes[start.id] = start
    sub.root = start.id
    frontier = [start.id]
    seen_edges: set[int] = set()
    for _ in range(max(0, int(depth))):
        if not frontier:
            break
        # at most twice the room left (rows also lead back to nodes already found):
        # bounds what a hub sends back and the client has to parse
        limit = (int(cap) - len(sub.nodes)) * 2 + 1
        result = store.read(
            "MATCH (a)-[r]-(b) WHERE id(a) IN $ids RETURN r, b LIMIT $limit",
            {"ids": frontier, "limit": limit})
        next_frontier = []
        pending: list[GraphRelationship] = []
        for rel, node in result.rows:
            if node.id not in sub.nodes:
                if len(sub.nodes) >= cap:
                    sub.capped = True
                    continue
                sub.nodes[node.id] = node
                next_frontier.append(node.id)
            pending.append(rel)
        if len(result.rows) >= limit:
            sub.capped = True
        for rel in pending:
            if rel.id not in seen_edges and rel.start in sub.nodes and rel.end in sub.nodes:
                seen_edges.add(rel.id)
                sub.edges.append(rel)
        if sub.capped:
            break
        frontier = next_frontier
    return sub


def _collect(value: Any, nodes: dict[int, GraphNode], rels: dict[int, GraphRelationship]) -> None:
    if isinstance(value, GraphNode):
        nodes[value.id] = value
    elif isinstance(value, GraphRelationship):
        rels[value.id] = value
    elif isinstance(value, GraphPath):
        for n in value.nodes:
            nodes[n.id] = n
        for r in value.relationships:
            rels[r.id] = r
    elif isinstance(value, (list, tuple)):
        for v in value:
            _collect(v, nodes, rels)
    elif isinstance(value, dict):
        for v in value.values():
            _collect(v, nodes, rels)


def subgraph_from_rows(store: GraphStore, rows: list[list[Any]],
                       cap: int = DEFAULT_NODE_CAP) -> Subgraph:
    """Answer the nodes, relationships and paths found anywhere in query ``rows``.

    Relationship end points that were not returned themselves are fetched in one query.
    Answers an empty subgraph when the rows hold no graph values.
    """
    nodes: dict[int, GraphNode] = {}
    rels: dict[int, GraphRelationship] = {}
    for row in rows:
        _collect(row, nodes, rels)
    missing = sorted({e for r in rels.values() for e in (r.start, r.end)} - set(nodes))
    if missing:
        result = store.read("MATCH (n) WHERE id(n) IN $ids RETURN n", {"ids": missing})
        for (node,) in result.rows:
            nodes[node.id] = node
    sub = Subgraph(cap=cap)
    for node_id in list(nodes)[:cap]:
        sub.nodes[node_id] = nodes[node_id]
    sub.capped = len(nodes) > cap
    sub.edges = [r for r in rels.values() if r.start in sub.nodes and r.end in sub.nodes]
    return sub
