"""Plain tables of nodes and relationships: what importers produce and stores consume.

An importer never talks to a store.  It returns a :class:`GraphTables`: for each label a
:class:`NodeTable` (a DataFrame with an ``id`` column and property columns) and for each
relationship type and end labels a :class:`RelTable` (``start``/``end`` id columns plus
properties).  Every row has ``source`` and ``source_date``.

Tables from several importers are combined with :meth:`GraphTables.combine`: nodes with the
same label and id are merged (the first table's non-empty values win, later tables fill the
gaps), relationships are de-duplicated on (type, start, end).  Cost at national size
(~15k nodes, ~40k relationships): a few tens of milliseconds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Iterable

import pandas as pd

from .model import COMMON_PROPERTIES

__all__ = ["NodeTable", "RelTable", "GraphTables", "clean_value", "records", "row_lists"]


def clean_value(value: Any) -> Any:
    """Answer ``value`` as a store-safe Python value (``None`` for NaN/NA/empty string)."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, str):
        return value if value != "" else None
    if hasattr(value, "item") and not isinstance(value, (list, tuple, dict)):
        try:
            return clean_value(value.item())  # numpy scalar -> Python scalar
        except (ValueError, AttributeError):
            return value
    if isinstance(value, (list, tuple)):
        # Neo4j refuses to store a list holding null ("Collections containing null values
        # can not be stored in properties"): empty items are dropped, on every store alike
        items = (clean_value(v) for v in value)
        return [v for v in items if v is not None]
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Answer the rows of ``frame`` as dicts with empty values dropped (not stored as null)."""
    columns = list(frame.columns)
    out = []
    for row in frame.itertuples(index=False, name=None):
        item = {}
        for column, value in zip(columns, row):
            value = clean_value(value)
            if value is not None:
                item[column] = value
        out.append(item)
    return out


def _fast_clean(value: Any) -> Any:
    kind = type(value)
    if kind is str:
        return value or None
    if kind is float:
        return None if value != value else value
    if kind is int or kind is bool or value is None:
        return value
    return clean_value(value)


def row_lists(frame: pd.DataFrame, columns: list[str]) -> list[list[Any]]:
    """Answer the rows of ``frame[columns]`` as lists of plain Python values.

    Empty values (NaN, NA, empty strings) become ``None`` and numpy scalars Python scalars,
    exactly as :func:`records` does, but column by column: ~0.3 s for the ~50k rows of
    the national graph (3x faster than :func:`records`).
    """
    cols = [[_fast_clean(v) for v in frame[c].astype(object).tolist()] for c in columns]
    return [list(row) for row in zip(*cols)]


@dataclass
class NodeTable:
    """Nodes of one label: ``rows`` has an ``id`` column, ``source``, ``source_date``, properties."""

    label: str
    rows: pd.DataFrame

    def __post_init__(self) -> None:
        missing = {"id", *COMMON_PROPERTIES} - set(self.rows.columns)
        if missing:
            raise ValueError(f"NodeTable {self.label}: missing columns {sorted(missing)}")


@dataclass
class RelTable:
    """Relationships of one type between two labels: ``start``, ``end`` ids and properties."""

    type: str
    start_label: str
    end_label: str
    rows: pd.DataFrame

    def __post_init__(self) -> None:
        missing = {"start", "end", *COMMON_PROPERTIES} - set(self.rows.columns)
        if missing:
            raise ValueError(f"RelTable {self.type}: missing columns {sorted(missing)}")

    @property
    def signature(self) -> tuple[str, str, str]:
        """Answer ``(type, start_label, end_label)``."""
        return (self.type, self.start_label, self.end_label)


@dataclass
class GraphTables:
    """A whole graph (or one source's part of it) as tables."""

    nodes: list[NodeTable] = field(default_factory=list)
    relationships: list[RelTable] = field(default_factory=list)

    # -- building -------------------------------------------------------------------------
    def add_nodes(self, label: str, rows: pd.DataFrame) -> None:
        """Append a node table (may repeat a label; :meth:`combine` merges them)."""
        self.nodes.append(NodeTable(label, rows))

    def add_relationships(self, rel_type: str, start_label: str, end_label: str,
                          rows: pd.DataFrame) -> None:
        """Append a relationship table."""
        self.relationships.append(RelTable(rel_type, start_label, end_label, rows))

    @classmethod
    def combine(cls, parts: Iterable["GraphTables"]) -> "GraphTables":
        """Answer one GraphTables with one table per label and per relationship signature.

        Nodes with the same (label, id) are merged: earlier tables win, later ones fill
        empty properties.  Relationships are de-duplicated on (type, start, end), first wins.
        """
        node_frames: dict[str, list[pd.DataFrame]] = {}
        rel_frames: dict[tuple[str, str, str], list[pd.DataFrame]] = {}
        for part in parts:
            for table in part.nodes:
                node_frames.setdefault(table.label, []).append(table.rows)
            for rel in part.relationships:
                rel_frames.setdefault(rel.signature, []).append(rel.rows)
        out = cls()
        for label, frames in node_frames.items():
            frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
            if frame["id"].duplicated().any():
                frame = frame.groupby("id", sort=False, as_index=False).first()
            out.add_nodes(label, frame.reset_index(drop=True))
        for (rel_type, start, end), frames in rel_frames.items():
            frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
            frame = frame.drop_duplicates(subset=["start", "end"], keep="first")
            out.add_relationships(rel_type, start, end, frame.reset_index(drop=True))
        return out

    # -- reading --------------------------------------------------------------------------
    def node_table(self, label: str) -> pd.DataFrame:
        """Answer all rows of ``label`` (an empty frame when there are none)."""
        frames = [t.rows for t in self.nodes if t.label == label]
        if not frames:
            return pd.DataFrame(columns=["id", *COMMON_PROPERTIES])
        return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]

    def rel_table(self, rel_type: str, start_label: str | None = None,
                  end_label: str | None = None) -> pd.DataFrame:
        """Answer all rows of ``rel_type`` (optionally only between the given labels)."""
        frames = [r.rows for r in self.relationships if r.type == rel_type
                  and (start_label is None or r.start_label == start_label)
                  and (end_label is None or r.end_label == end_label)]
        if not frames:
            return pd.DataFrame(columns=["start", "end", *COMMON_PROPERTIES])
        return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]

    def labels(self) -> list[str]:
        """Answer the labels present, in first-seen order."""
        return list(dict.fromkeys(t.label for t in self.nodes))

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Answer (rows per label, rows per relationship type)."""
        nodes: dict[str, int] = {}
        rels: dict[str, int] = {}
        for t in self.nodes:
            nodes[t.label] = nodes.get(t.label, 0) + len(t.rows)
        for r in self.relationships:
            rels[r.type] = rels.get(r.type, 0) + len(r.rows)
        return nodes, rels

    def sources(self) -> set[str]:
        """Answer the dataset names found in the ``source`` columns."""
        found: set[str] = set()
        for frame in [t.rows for t in self.nodes] + [r.rows for r in self.relationships]:
            found.update(str(s) for s in frame["source"].dropna().unique())
        return found

    def dangling(self) -> list[tuple[RelTable, pd.DataFrame]]:
        """Answer, per relationship table, the rows whose start or end node is not in the tables."""
        ids = {t.label: set() for t in self.nodes}
        for t in self.nodes:
            ids[t.label].update(t.rows["id"].astype(str))
        found = []
        for rel in self.relationships:
            starts = ids.get(rel.start_label, set())
            ends = ids.get(rel.end_label, set())
            bad = rel.rows[~rel.rows["start"].astype(str).isin(starts)
                           | ~rel.rows["end"].astype(str).isin(ends)]
            if len(bad):
                found.append((rel, bad))
        return found
