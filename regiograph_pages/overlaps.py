"""Overlaps: which partnerships share members, with a drill-down to the shared members."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import streamlit as st

from graph import views

from .common import cached, choice, memberships_or_notice, param, set_params, \
    synthetic_banner, table

__all__ = ["TITLE", "render"]

TITLE = "Overlaps"


def render() -> None:
    """Draw the page (its state comes from and goes to the URL's query parameters)."""
    st.title("Partnership overlaps")
    synthetic_banner()
    members = memberships_or_notice()
    if members is None:
        return
    kinds = views.partnership_kinds(members)
    c1, c2, c3 = st.columns([2, 1, 1])
    with c1:
        chosen = st.multiselect("Partnership kinds", kinds, key="w_kinds",
                                default=[k for k in param("kinds", "", str).split(",") if k in kinds])
        set_params(kinds=chosen)
    with c2:
        measure = choice("Cell value", ["shared", "jaccard"], "measure", "shared")
    with c3:
        limit = st.number_input("Partnerships in heatmap", 5, 120, param("top", 30, int),
                                step=5, key="w_top")
        set_params(top=int(limit))
    pairs = cached(_pairs, tuple(chosen))
    st.caption(f"{len(pairs)} partnership pairs share at least one member"
               + (f" (kinds: {', '.join(chosen)})" if chosen else " (all kinds)") + ".")
    if pairs.empty:
        st.info("No partnerships of these kinds share members.")
        return
    matrix = views.overlap_matrix(pairs, limit=int(limit), value=measure)
    fig = px.imshow(matrix, color_continuous_scale="Reds", aspect="auto",
                    labels={"color": measure})
    fig.update_layout(height=max(420, 16 * len(matrix) + 160), margin={"l": 0, "r": 0, "t": 10})
    st.plotly_chart(fig, width="stretch")

    st.subheader("Pairs")
    shown = table(pairs, "pairs", what="pairs", height=280)
    current = param("pair")
    if current and len(shown) < len(pairs):  # a pair from the URL beyond the first rows
        a_b = current.split("|", 1)
        extra = pairs[(pairs["a"] == a_b[0]) & (pairs["b"] == a_b[-1])]
        if len(extra) and not ((shown["a"] == a_b[0]) & (shown["b"] == a_b[-1])).any():
            shown = pd.concat([shown, extra])
    labels = [f"{r.a_name} ⇄ {r.b_name} ({r.shared} shared)" for r in shown.itertuples()]
    keys = [f"{r.a}|{r.b}" for r in shown.itertuples()]
    picked = st.selectbox("Shared members of", range(len(keys)), key="w_pair",
                          index=keys.index(current) if current in keys else 0,
                          format_func=lambda i: labels[i])
    a, b = keys[picked].split("|")
    set_params(pair=keys[picked])
    st.dataframe(views.shared_members(members, a, b), hide_index=True, width="stretch")

    st.subheader("Boards in several networks")
    k1, k2 = st.columns(2)
    with k1:
        kind = choice("Of kind", ["(any kind)"] + kinds, "board_kind", "rap" if "rap" in kinds
                      else "(any kind)")
    with k2:
        minimum = st.number_input("At least this many networks", 2, 20,
                                  param("min_networks", 2, int), key="w_min")
        set_params(min_networks=int(minimum))
    boards = views.boards_in_several(members, None if kind == "(any kind)" else kind, int(minimum))
    st.caption(f"{len(boards)} boards")
    table(boards, "boards", what="boards")


def warm() -> None:
    """Fill the cache with what the page needs at its defaults (server start)."""
    cached(_pairs, ())


def _pairs(store, kinds: tuple[str, ...]):
    return views.overlap_pairs(cached(views.memberships), list(kinds))
