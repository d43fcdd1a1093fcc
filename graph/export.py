"""Exporting query answers safely: CSV that a spreadsheet will not run as formulas.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a
formula by Excel/LibreOffice ("CSV injection").  :func:`safe_csv` prefixes such text cells
with a single quote, so they open as text.  Numbers stay numbers.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .store.base import GraphNode, GraphPath, GraphRelationship

__all__ = ["FORMULA_PREFIXES", "neutralise", "plain_value", "plain_frame", "safe_csv"]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Answer ``value`` with a leading ``'`` when it is text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def plain_value(value: Any) -> Any:
    """Answer a table-friendly value: nodes as ``Label:id``, relationships as their type."""
    if isinstance(value, GraphNode):
        return f"{value.label}:{value.properties.get('id', value.id)}"
    if isinstance(value, GraphRelationship):
        return f"[{value.type}]"
    if isinstance(value, GraphPath):
        return " -> ".join(plain_value(n) for n in value.nodes)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(plain_value(v)) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}={plain_value(v)}" for k, v in value.items())
    return value


def plain_frame(columns: list[str], rows: list[list[Any]]) -> pd.DataFrame:
    """Answer query rows as a DataFrame of plain values (graph values turned into text)."""
    return pd.DataFrame([[plain_value(v) for v in row] for row in rows], columns=columns)


def safe_csv(frame: pd.DataFrame) -> bytes:
    """Answer ``frame`` as UTF-8 CSV bytes with formula-like cells neutralised.

    Column names are neutralised too.  Cost: linear in cells.
    """
    clean = frame.copy()
    clean.columns = [neutralise(str(c)) for c in clean.columns]
    for column in clean.columns:
        if clean[column].dtype == object or pd.api.types.is_string_dtype(clean[column]):
            clean[column] = clean[column].map(neutralise)
    return clean.to_csv(index=False).encode("utf-8")
