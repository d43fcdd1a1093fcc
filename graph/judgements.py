"""Users' judgements of candidate duplicate activities, kept in the graph.

A judgement is a ``JUDGED`` relationship from one Activity to the other with ``verdict``
(``duplicate`` or ``not-duplicate``), ``judged_at`` (ISO timestamp) and an optional
``note`` (see :mod:`graph.model`).  The pair is stored in one direction (smaller id first)
so judging it again replaces the earlier verdict.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pandas as pd

from .errors import InputError
from .store.base import GraphStore

__all__ = ["VERDICTS", "record_judgement", "judgements", "clear_judgement"]

VERDICTS = ("duplicate", "not-duplicate")
_SOURCE = "user-judgement"


def _ordered(a: str, b: str) -> tuple[str, str]:
    return (a, b) if str(a) <= str(b) else (b, a)


def record_judgement(store: GraphStore, activity_a: str, activity_b: str, verdict: str,
                     note: str = "") -> None:
    """Keep the verdict on the pair (a, b) in the graph, replacing an earlier one.

    Raises :class:`~graph.errors.InputError` for an unknown verdict or an activity that is
    not in the graph.  Cost: two small write queries.
    """
    if verdict not in VERDICTS:
        raise InputError("unknown verdict", value=verdict, fix=f"use one of {', '.join(VERDICTS)}")
    a, b = _ordered(activity_a, activity_b)
    found = store.read("MATCH (x:Activity) WHERE x.id IN $ids RETURN count(x) AS n",
                       {"ids": [a, b]}).scalar()
    if int(found or 0) != len({a, b}):
        raise InputError("activity not in the graph", value=f"{a}, {b}",
                         fix="re-run the duplicate search after the last import")
    now = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    store.write("MATCH (x:Activity {id: $a})-[j:JUDGED]-(y:Activity {id: $b}) DELETE j",
                {"a": a, "b": b})
    store.write(
        "MATCH (x:Activity {id: $a}), (y:Activity {id: $b}) "
        "CREATE (x)-[j:JUDGED]->(y) SET j.verdict = $verdict, j.judged_at = $now, "
        "j.note = $note, j.source = $source, j.source_date = $day",
        {"a": a, "b": b, "verdict": verdict, "now": now, "note": note or "",
         "source": _SOURCE, "day": now[:10]})


def clear_judgement(store: GraphStore, activity_a: str, activity_b: str) -> None:
    """Forget the verdict on the pair (a, b)."""
    a, b = _ordered(activity_a, activity_b)
    store.write("MATCH (x:Activity {id: $a})-[j:JUDGED]-(y:Activity {id: $b}) DELETE j",
                {"a": a, "b": b})


def judgements(store: GraphStore) -> pd.DataFrame:
    """Answer every judgement: activity_a, activity_b, verdict, judged_at, note."""
    result = store.read(
        "MATCH (x:Activity)-[j:JUDGED]->(y:Activity) RETURN x.id AS activity_a, "
        "y.id AS activity_b, j.verdict AS verdict, j.judged_at AS judged_at, j.note AS note "
        "ORDER BY judged_at DESC")
    return pd.DataFrame(result.rows, columns=["activity_a", "activity_b", "verdict",
                                              "judged_at", "note"])
