"""Overview: what is in the graph, where it came from, and the key findings."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from graph import views
from graph.errors import RegiographError

from .common import cached, choice, empty_graph_notice, get_store, show_error, synthetic_banner

__all__ = ["TITLE", "render"]

TITLE = "Overview"


def render() -> None:
    """Draw the page (its state comes from and goes to the URL's query parameters).

    The small summary tables are static ``st.table``s: the first page then does not load
    the interactive grid's JavaScript (~1.2 MB, ~0.5 s in the browser).
    """
    st.title("regiograph — overview")
    synthetic_banner()
    try:
        counts = cached(views.overview_counts)
        sectors = cached(views.sector_counts)
        sources = cached(_sources)
        members = cached(views.memberships)
    except RegiographError as error:
        show_error(error)
        return
    if counts.empty:
        empty_graph_notice("data")
        return
    nodes = counts[counts["kind"] == "node"]
    cols = st.columns(min(6, max(1, len(nodes))))
    for i, row in enumerate(nodes.itertuples()):
        cols[i % len(cols)].metric(row.name, f"{row.count:,}")
    left, right = st.columns(2)
    with left:
        st.subheader("By sector")
        _static(sectors)
    with right:
        st.subheader("Relationships")
        _static(counts[counts["kind"] == "relationship"][["name", "count"]])
    st.subheader("Sources")
    if sources:
        _static(pd.DataFrame(sources))
    else:
        st.caption("No Source nodes: provenance is unknown for this graph.")
    st.subheader("Key findings")
    _findings(members)
    st.caption(f"Store: {get_store().describe()}")


def _static(frame: pd.DataFrame) -> None:
    """A small table as a static ``st.table``, indexed by its first column."""
    st.table(frame.set_index(frame.columns[0]) if len(frame.columns) > 1 else frame)


def warm() -> None:
    """Fill the cache with the page's tables (server start)."""
    for fn in (views.overview_counts, views.sector_counts, views.memberships):
        cached(fn)
    cached(_sources)


def _sources(store):
    return store.sources()


def _findings(members) -> None:
    if members.empty:
        st.write("No partnerships loaded yet, so there are no overlaps to report. "
                 "Load a registry on the Data page.")
        return
    kinds = views.partnership_kinds(members)
    kind = choice("Findings for partnership kind", kinds, "kind", "rap" if "rap" in kinds
                  else kinds[0])
    pairs = views.overlap_pairs(members)
    several = views.boards_in_several(members, kind=kind)
    anywhere = views.boards_in_several(members, min_networks=3)
    mix = views.sector_mix(members)
    n_partnerships = members["partnership"].nunique()
    st.markdown(
        f"- **{n_partnerships}** partnerships with **{members['member'].nunique()}** distinct members.\n"
        f"- **{len(pairs)}** partnership pairs share members"
        + (f"; the largest overlap is {pairs.iloc[0]['a_name']} / {pairs.iloc[0]['b_name']} "
           f"({pairs.iloc[0]['shared']} shared)" if len(pairs) else "") + ".\n"
        f"- **{len(several)}** boards sit in two or more {kind} partnerships; **{len(anywhere)}** boards "
        "sit in three or more networks overall.\n"
        f"- **{int((mix['sectors'] >= 3).sum()) if len(mix) else 0}** partnerships join three "
        "or more sectors.")
    _page_links()


def _page_links() -> None:
    cols = st.columns(5)
    targets = [("overlaps", "Overlaps"), ("duplicates", "Duplicates"), ("cross-sector", "Cross-sector"),
               ("regions", "Regions"), ("explorer", "Network explorer")]
    from . import PAGE_OBJECTS
    for col, (key, label) in zip(cols, targets):
        page = PAGE_OBJECTS.get(key)
        if page is not None:
            col.page_link(page, label=f"{label} →")
