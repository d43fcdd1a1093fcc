"""Metrics: brokers and communities of the co-membership network, against official regions."""

from __future__ import annotations

import plotly.express as px
import streamlit as st

from graph import metric_views
from graph.errors import RegiographError
from graph.regions_map import region_schemes

from .common import cached, choice, empty_graph_notice, param, set_params, show_error, \
    synthetic_banner

__all__ = ["TITLE", "render"]

TITLE = "Metrics"


def warm() -> None:
    """Fill the cache with the board metrics (server start)."""
    cached(metric_views.metric_table, "Board")
    stored = cached(metric_views.stored_metrics_run)
    if not stored["agreement"]:
        for scheme in cached(region_schemes):
            cached(metric_views.board_main_region, scheme)


def render() -> None:
    """Draw the page (its state comes from and goes to the URL's query parameters)."""
    st.title("Network metrics")
    synthetic_banner()
    label = choice("Nodes", ["Board", "Partnership"], "label", "Board", widget=st.radio,
                   horizontal=True)
    try:
        frame = cached(metric_views.metric_table, label)
    except RegiographError as error:
        show_error(error)
        return
    numeric, categorical = metric_views.metric_columns(frame, label)
    if frame.empty or not (numeric or categorical):
        empty_graph_notice(f"metrics on {label} nodes (they are computed after each import "
                           "with `regiograph metrics`)")
        return
    st.subheader("Brokers and central members")
    if numeric:
        default = "betweenness" if "betweenness" in numeric else numeric[0]
        metric = choice("Rank by", numeric, "metric", default)
        top = st.slider("Show the top", 5, 100, param("top", 20, int), key="w_top")
        set_params(top=int(top))
        ranked = frame.dropna(subset=[metric]).sort_values(metric, ascending=False).head(int(top))
        fig = px.bar(ranked, x=metric, y="name", orientation="h", hover_data=["id"])
        fig.update_layout(height=max(300, 22 * len(ranked) + 80), margin={"l": 0, "r": 0, "t": 10},
                          yaxis={"categoryorder": "total ascending", "title": ""})
        st.plotly_chart(fig, width="stretch")
        st.dataframe(ranked[["id", "name"] + numeric + categorical], hide_index=True,
                     width="stretch", height=260)
    if categorical and label == "Board":
        st.subheader("Communities against official regions")
        community = choice("Community property", categorical, "community", categorical[0])
        sizes = frame[community].value_counts().rename_axis("community") \
            .reset_index(name="boards")
        st.caption(f"{len(sizes)} communities; largest {int(sizes['boards'].max())} boards.")
        stored = cached(metric_views.stored_metrics_run)
        rows = [{"scheme": scheme, **score} for scheme, score in stored["agreement"].items()]
        source = "computed with the metrics (graph/metrics.py)"
        if not rows:  # no stored agreement: place boards in the region of most of their schools
            source = "boards placed in the region of most of their schools"
            for scheme in cached(region_schemes):
                regions = cached(metric_views.board_main_region, scheme)
                rows.append({"scheme": scheme,
                             **metric_views.community_agreement(frame, community, regions)})
        if rows:
            st.dataframe(rows, hide_index=True, width="stretch")
            st.caption("Adjusted Rand index and NMI: 1 = communities equal the regions, "
                       f"0 = no better than chance ({source}).")
        if stored["params"]:
            st.caption("Metrics parameters: " + ", ".join(
                f"{k}={v}" for k, v in sorted(stored["params"].items())))
        fig = px.bar(sizes.head(40), x="community", y="boards")
        fig.update_layout(height=300, margin={"l": 0, "r": 0, "t": 10}, xaxis={"type": "category"})
        st.plotly_chart(fig, width="stretch")
