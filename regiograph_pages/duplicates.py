"""Duplicates: candidate pairs of activities that may be the same, judged by the user."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from graph import judgements
from graph.errors import RegiographError

from .common import refresh, cached, empty_graph_notice, param, set_params, show_error, synthetic_banner

TITLE = "Duplicates"
_VERDICT_LABELS = {"duplicate": "Duplicate", "not-duplicate": "Not a duplicate"}


def _candidates(store, min_score: float) -> pd.DataFrame:
    from graph.duplicates import candidate_pairs  # graph/duplicates.py (analyses)
    return candidate_pairs(store, min_score=min_score)


def render() -> None:
    st.title("Duplicate activities")
    synthetic_banner()
    min_score = st.slider("Smallest score", 0.0, 1.0, param("min_score", 0.3, float), 0.05,
                          key="w_min_score")
    set_params(min_score=min_score)
    try:
        pairs = cached(_candidates, float(min_score))
        judged = judgements.judgements(_store())
    except ImportError as error:
        show_error(RegiographError("duplicate detection (graph/duplicates.py) is not installed",
                                   value=str(error), fix="update regiograph"))
        return
    except RegiographError as error:
        show_error(error)
        return
    if pairs is None or len(pairs) == 0:
        empty_graph_notice("candidate duplicate activities")
        return
    verdicts = {(r.activity_a, r.activity_b): r.verdict for r in judged.itertuples()}
    a_col, b_col = _id_columns(pairs)
    shown = pairs.copy()
    shown["verdict"] = [verdicts.get(tuple(sorted((str(a), str(b)))), "")
                        for a, b in zip(shown[a_col], shown[b_col])]
    hide = st.checkbox("Hide judged pairs", value=param("hide", "0") == "1", key="w_hide")
    set_params(hide="1" if hide else None)
    if hide:
        shown = shown[shown["verdict"] == ""]
    st.caption(f"{len(pairs)} candidate pairs, {len(verdicts)} judged "
               f"({sum(v == 'duplicate' for v in verdicts.values())} duplicates).")
    st.dataframe(shown, hide_index=True, width="stretch", height=300)
    if shown.empty:
        return
    labels = [f"#{i + 1}: {a} ⇄ {b}" for i, (a, b) in enumerate(zip(shown[a_col], shown[b_col]))]
    pick = st.selectbox("Compare", range(len(shown)), format_func=lambda i: labels[i], key="w_pair")
    row = shown.iloc[pick]
    _side_by_side(row, a_col, b_col)
    note = st.text_input("Note (optional)", key="w_note")
    c1, c2, c3 = st.columns([1, 1, 4])
    for col, verdict in ((c1, "duplicate"), (c2, "not-duplicate")):
        if col.button(_VERDICT_LABELS[verdict], key=f"judge_{verdict}"):
            try:
                judgements.record_judgement(_store(), str(row[a_col]), str(row[b_col]), verdict,
                                            note)
            except RegiographError as error:
                show_error(error)
            else:
                refresh()
                st.rerun()
    if row["verdict"]:
        c3.info(f"Judged: {_VERDICT_LABELS.get(row['verdict'], row['verdict'])}")


def _store():
    from .common import get_store
    return get_store()


def _id_columns(pairs: pd.DataFrame) -> tuple[str, str]:
    for a, b in (("activity_a", "activity_b"), ("a", "b"), ("a_id", "b_id"), ("id_a", "id_b")):
        if a in pairs.columns and b in pairs.columns:
            return a, b
    raise RegiographError("candidate pairs have no activity id columns",
                          value=", ".join(pairs.columns), fix="update regiograph")


def _side_by_side(row: pd.Series, a_col: str, b_col: str) -> None:
    left, right = st.columns(2)
    fields_a = {k[:-2] if k.endswith("_a") else k: v for k, v in row.items() if k.endswith("_a")}
    fields_b = {k[:-2] if k.endswith("_b") else k: v for k, v in row.items() if k.endswith("_b")}
    with left:
        st.markdown(f"**Activity {row[a_col]}**")
        st.table(pd.Series(fields_a, name="A").astype(str))
    with right:
        st.markdown(f"**Activity {row[b_col]}**")
        st.table(pd.Series(fields_b, name="B").astype(str))
    reasons = {k: v for k, v in row.items() if not k.endswith(("_a", "_b")) and k != "verdict"}
    st.markdown("**Why this pair:** " + "; ".join(f"{k}: {v}" for k, v in reasons.items()))
