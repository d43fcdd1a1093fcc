"""Reading the metrics written back to the graph, and comparing communities with regions.

:mod:`graph.metrics` computes degree, strength, betweenness, eigenvector, communities ...
and writes them as node properties.  Here the app reads them back as tables: any property
of a label that the graph model does not document is treated as a metric.  Cost: one query
per label (~1k boards, ~300 partnerships at national size), ~20 ms.
"""

from __future__ import annotations

import pandas as pd

from .model import COMMON_PROPERTIES, NODES
from .store.base import GraphStore

__all__ = ["metric_table", "metric_columns", "board_main_region", "community_agreement",
           "stored_metrics_run"]


def metric_table(store: GraphStore, label: str = "Board") -> pd.DataFrame:
    """Answer every ``label`` node's properties as a table (id, name and metric columns)."""
    spec = NODES[label]
    result = store.read(f"MATCH (n:`{spec.label}`) RETURN properties(n) AS p")
    frame = pd.DataFrame([row[0] for row in result.rows])
    if frame.empty:
        return pd.DataFrame(columns=["id", "name"])
    if "name" not in frame.columns:
        frame["name"] = frame.get("title", frame["id"])
    return frame


def metric_columns(frame: pd.DataFrame, label: str = "Board") -> tuple[list[str], list[str]]:
    """Answer (numeric metric columns, categorical metric columns such as communities).

    A metric column is a property the graph model does not document for ``label``.
    """
    documented = set(NODES[label].properties) | set(COMMON_PROPERTIES) | {
        "id", "name", "title", "metrics_source"}
    numeric, categorical = [], []
    for column in frame.columns:
        if column in documented:
            continue
        values = frame[column].dropna()
        if values.empty:
            continue
        if "community" in column.lower() or "cluster" in column.lower():
            categorical.append(column)
        elif pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            numeric.append(column)
        elif values.map(lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)).all():
            numeric.append(column)
    return sorted(numeric), sorted(categorical)


def board_main_region(store: GraphStore, scheme: str) -> pd.DataFrame:
    """Answer per board the region of ``scheme`` where most of its schools lie.

    Columns: board, region, schools.  Cost: one query over GOVERNS/LOCATED_IN, ~30 ms.
    """
    result = store.read(
        "MATCH (b:Board)-[:GOVERNS]->(:School)-[:LOCATED_IN]->(:Municipality)-[:PART_OF]->(r:Region) "
        "WHERE r.scheme = $scheme RETURN b.id AS board, r.id AS region, count(*) AS schools",
        {"scheme": scheme})
    frame = pd.DataFrame(result.rows, columns=["board", "region", "schools"])
    if frame.empty:
        return frame
    frame = frame.sort_values(["board", "schools", "region"], ascending=[True, False, True])
    return frame.drop_duplicates("board").reset_index(drop=True)


def community_agreement(frame: pd.DataFrame, community: str,
                        regions: pd.DataFrame) -> dict[str, float]:
    """Answer how well communities match regions: adjusted Rand index, NMI, boards compared.

    ``frame`` has ``id`` and the ``community`` column; ``regions`` is
    :func:`board_main_region`.  Only boards with both are compared.
    """
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    both = frame[["id", community]].dropna().merge(regions, left_on="id", right_on="board")
    if len(both) < 2:
        return {"ari": float("nan"), "nmi": float("nan"), "boards": len(both)}
    truth = both["region"].astype(str)
    found = both[community].astype(str)
    return {"ari": round(float(adjusted_rand_score(truth, found)), 3),
            "nmi": round(float(normalized_mutual_info_score(truth, found)), 3),
            "boards": len(both)}


def stored_metrics_run(store: GraphStore) -> dict:
    """Answer the parameters and region agreement the last metrics run stored.

    :func:`graph.metrics.write_metrics` keeps them as JSON on the ``regiograph-metrics``
    Source node.  Answers ``{"params": {...}, "agreement": {scheme: {ari, nmi, boards}}}``
    (empty dicts when metrics were never computed).
    """
    import json

    result = store.read("MATCH (s:Source {id: 'regiograph-metrics'}) "
                        "RETURN s.params AS params, s.agreement AS agreement, s.date AS date")
    if not result.rows:
        return {"params": {}, "agreement": {}, "date": None}
    params, agreement, day = result.rows[0]
    try:
        return {"params": json.loads(params or "{}"), "agreement": json.loads(agreement or "{}"),
                "date": day}
    except ValueError:
        return {"params": {}, "agreement": {}, "date": day}
