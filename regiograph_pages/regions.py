"""Regions: municipalities on a map by region scheme, partnership coverage, straddlers."""

from __future__ import annotations

import streamlit as st

from graph import regions_map, views
from graph.errors import RegiographError

from .common import cached, choice, empty_graph_notice, show_error, synthetic_banner, table

__all__ = ["TITLE", "render"]

TITLE = "Regions"
_NO_OVERLAY = "(no overlay)"


def render() -> None:
    """Draw the page (its state comes from and goes to the URL's query parameters)."""
    st.title("Regions and boundaries")
    synthetic_banner()
    try:
        schemes = cached(regions_map.region_schemes)
        members = cached(views.memberships)
    except RegiographError as error:
        show_error(error)
        return
    if not schemes:
        empty_graph_notice("municipalities in regions")
        return
    kinds = [_NO_OVERLAY] + views.partnership_kinds(members)
    c1, c2 = st.columns(2)
    with c1:
        scheme = choice("Region scheme", schemes, "scheme",
                        "arbeidsmarktregio" if "arbeidsmarktregio" in schemes else schemes[0])
    with c2:
        kind = choice("Overlay partnership coverage of kind", kinds, "coverage", _NO_OVERLAY)
    covered = len(cached(regions_map.coverage, kind)) if kind != _NO_OVERLAY else 0
    fig = cached(_figure, scheme, None if kind == _NO_OVERLAY else kind)
    st.plotly_chart(fig, width="stretch")
    if kind != _NO_OVERLAY:
        st.caption(f"Coverage overlay: ● municipality covered by at least one {kind} partnership "
                   f"({covered}), ✕ not covered ({len(regions_map.municipality_shapes()) - covered}).")

    st.subheader(f"Boards straddling {scheme} boundaries")
    straddling = cached(regions_map.straddlers, scheme)
    st.caption(f"{len(straddling)} boards have schools in two or more {scheme} regions.")
    table(straddling, "straddlers", what="boards", height=260)

    st.subheader("Two schemes compared")
    others = [s for s in schemes if s != scheme] or schemes
    other = choice(f"Compare {scheme} with", others, "compare", others[0])
    compared = cached(regions_map.compare_schemes, scheme, other)
    nested = int((compared["regions_b"] == 1).sum()) if len(compared) else 0
    st.caption(f"{nested} of {len(compared)} {scheme} regions lie within one {other} region; "
               "the others are split (largest share = part in the main one).")
    st.dataframe(compared, hide_index=True, width="stretch", height=260)


def warm() -> None:
    """Fill the cache with every scheme's map and tables (server start; ~0.2 s a scheme)."""
    schemes = cached(regions_map.region_schemes)
    for scheme in schemes:
        cached(_figure, scheme, None)
        cached(regions_map.straddlers, scheme)
        others = [s for s in schemes if s != scheme] or schemes
        cached(regions_map.compare_schemes, scheme, others[0])


def _figure(store, scheme: str, kind: str | None):
    """The map of one scheme (with one kind's coverage overlaid), kept in the cache."""
    assigned = regions_map.municipality_regions(store, scheme)
    categories = dict(zip(assigned["municipality"], assigned["region_name"]))
    overlay = None
    if kind:
        cover = regions_map.coverage(store, kind)
        overlay = {row.municipality: f"{row.partnerships} {kind}: {row.names}"
                   for row in cover.itertuples()}
    return regions_map.map_figure(categories, overlay=overlay,
                                  title=f"{scheme}: {assigned['region'].nunique()} regions")
