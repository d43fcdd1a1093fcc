"""Exporting query answers: plain values, CSV (safe for spreadsheets), JSON, text tables.

Graph values (nodes, relationships, paths) are turned into plain dicts first so every
format shows the same thing on both stores.  CSV cells that a spreadsheet would run as a
formula (starting with ``= + - @``, tab or carriage return) are prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .store.base import GraphNode, GraphPath, GraphRelationship, QueryResult

__all__ = ["plain", "neutralise_cell", "to_csv", "to_json", "to_text_table"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def plain(value: Any) -> Any:
    """Answer ``value`` with graph values replaced by JSON-ready dicts."""
    if isinstance(value, GraphNode):
        return {"_labels": list(value.labels), **value.properties}
    if isinstance(value, GraphRelationship):
        return {"_type": value.type, **value.properties}
    if isinstance(value, GraphPath):
        return {"_nodes": [plain(n) for n in value.nodes],
                "_relationships": [plain(r) for r in value.relationships]}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def _cell(value: Any) -> str:
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, float) and value.is_integer():
        return repr(value)
    return str(value)


def neutralise_cell(text: str) -> str:
    """Answer ``text`` made inert for spreadsheets (a leading ``'`` before a formula start)."""
    if text and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def to_csv(result: QueryResult, *, neutralise: bool = True) -> str:
    """Answer the result as CSV text (header + rows), formula cells neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.rows:
        cells = [_cell(v) for v in row]
        writer.writerow([neutralise_cell(c) for c in cells] if neutralise else cells)
    return buffer.getvalue()


def to_json(result: QueryResult) -> str:
    """Answer ``{"columns": [...], "rows": [{column: value}, ...]}`` as JSON text."""
    rows = [{c: plain(v) for c, v in zip(result.columns, row)} for row in result.rows]
    payload: dict[str, Any] = {"columns": result.columns, "rows": rows}
    if result.truncated:
        payload["truncated"] = True
    return json.dumps(payload, ensure_ascii=False, indent=2, default=str)


def to_text_table(result: QueryResult, *, max_width: int = 60) -> str:
    """Answer the result as an aligned text table for a terminal."""
    cells = [[_cell(v) for v in row] for row in result.rows]
    cells = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in row]
             for row in cells]
    widths = [len(c) for c in result.columns]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row)]
    line = "  ".join(c.ljust(w) for c, w in zip(result.columns, widths))
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(c.ljust(w) for c, w in zip(row, widths)) for row in cells]
    footer = f"({len(cells)} row{'s' if len(cells) != 1 else ''}"
    footer += ", truncated by the row cap)" if result.truncated else ")"
    return "\n".join([line, rule, *body, footer])
