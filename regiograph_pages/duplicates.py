"""Duplicates: candidate pairs of activities that may be the same, judged by the user."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from graph import judgements, views
from graph.errors import RegiographError
from graph.model import FUNCTIONS

from .common import cached, choice, empty_graph_notice, get_store, param, refresh, set_params, \
    show_error, synthetic_banner, table

__all__ = ["TITLE", "render"]

TITLE = "Duplicates"
_VERDICT_LABELS = {"duplicate": "Duplicate", "not-duplicate": "Not a duplicate"}
_ALL = "(every function)"


_FLOOR = 0.2  # candidates are computed once at this similarity and filtered on the page


def _candidates(store) -> tuple[pd.DataFrame, dict]:
    """Candidate pairs as a table, and their reasons by pair (graph/duplicates.py).

    Computed once per graph (~1 s at national size) and kept in the cache.
    """
    from graph.duplicates import find_duplicates
    found = find_duplicates(store, min_text=_FLOOR)
    rows, reasons = [], {}
    for c in found:
        rows.append({"activity_a": c.activity_a, "title_a": c.title_a,
                     "partnership_a": c.partnership_a, "activity_b": c.activity_b,
                     "title_b": c.title_b, "partnership_b": c.partnership_b,
                     "function": c.function, "score": round(c.score, 3),
                     "text_similarity": round(c.text_similarity, 3),
                     "overlap": round(c.overlap_score, 3),
                     "shared_members": len(c.shared_members)})
        reasons[(c.activity_a, c.activity_b)] = c.reasons
    return pd.DataFrame(rows), reasons


def warm() -> None:
    """Fill the cache with the candidate pairs (server start; ~1 s at national size)."""
    cached(_candidates)


def render() -> None:
    """Draw the page (its state comes from and goes to the URL's query parameters)."""
    st.title("Duplicate activities")
    synthetic_banner()
    c1, c2 = st.columns(2)
    with c1:
        min_text = st.slider("Smallest text similarity", _FLOOR, 1.0,
                             max(_FLOOR, param("min_text", 0.3, float)), 0.05, key="w_min_text")
        set_params(min_text=min_text)
    with c2:
        function = choice("Function", [_ALL, *FUNCTIONS], "function", _ALL)
    try:
        with st.spinner("Comparing activities (once per graph, ~1-2 s at national size) ..."):
            pairs, reasons = cached(_candidates)
        judged = judgements.judgements(get_store())
    except ImportError as error:
        show_error(RegiographError("duplicate detection (graph/duplicates.py) is not installed",
                                   value=str(error), fix="update regiograph"))
        return
    except RegiographError as error:
        show_error(error)
        return
    if not pairs.empty:
        pairs = pairs[pairs["text_similarity"] >= min_text - 1e-9]
        if function != _ALL:
            pairs = pairs[pairs["function"] == function]
    if pairs.empty:
        empty_graph_notice("candidate duplicate activities at this similarity")
        return
    verdicts = {tuple(sorted((r.activity_a, r.activity_b))): r.verdict for r in judged.itertuples()}
    shown = pairs.copy()
    shown["verdict"] = [verdicts.get(tuple(sorted((a, b))), "")
                        for a, b in zip(shown["activity_a"], shown["activity_b"])]
    hide = st.checkbox("Hide judged pairs", value=param("hide", "0") == "1", key="w_hide")
    set_params(hide="1" if hide else None)
    if hide:
        shown = shown[shown["verdict"] == ""].reset_index(drop=True)
    st.caption(f"{len(pairs)} candidate pairs, ranked by score; {len(verdicts)} judged "
               f"({sum(v == 'duplicate' for v in verdicts.values())} as duplicate).")
    shown = table(shown, "pairs", what="pairs", height=300)
    if shown.empty:
        return
    labels = [f"#{i + 1}: {r.title_a} ⇄ {r.title_b} ({r.score:.2f})"
              for i, r in enumerate(shown.itertuples())]
    pick = st.selectbox("Compare", range(len(shown)), format_func=lambda i: labels[i],
                        key="w_pair")
    row = shown.iloc[pick]
    a, b = str(row["activity_a"]), str(row["activity_b"])
    details = views.activity_details(get_store(), [a, b])
    left, right = st.columns(2)
    for col, activity in ((left, a), (right, b)):
        with col:
            st.markdown(f"**{activity}**")
            st.table(details.get(activity, pd.Series(dtype=str)).astype(str))
    st.markdown("**Why this pair:** " + "; ".join(reasons.get((a, b), [])))
    note = st.text_input("Note (optional)", key="w_note")
    b1, b2, b3 = st.columns([1, 1, 4])
    for col, verdict in ((b1, "duplicate"), (b2, "not-duplicate")):
        if col.button(_VERDICT_LABELS[verdict], key=f"judge_{verdict}"):
            try:
                judgements.record_judgement(get_store(), a, b, verdict, note)
            except RegiographError as error:
                show_error(error)
            else:
                refresh()
                st.rerun()
    if row["verdict"]:
        b3.info(f"Judged: {_VERDICT_LABELS.get(row['verdict'], row['verdict'])}")
