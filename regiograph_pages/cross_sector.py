"""Cross-sector: how po, so, vo, mbo and teacher colleges meet in partnerships."""

from __future__ import annotations

import plotly.express as px
import streamlit as st

from graph import views

from .common import cached, choice, memberships_or_notice, param, set_params, \
    synthetic_banner, table

__all__ = ["TITLE", "render"]

TITLE = "Cross-sector"


def render() -> None:
    """Draw the page (its state comes from and goes to the URL's query parameters)."""
    st.title("Cross-sector links")
    synthetic_banner()
    members = memberships_or_notice()
    if members is None:
        return
    kinds = ["(all kinds)"] + views.partnership_kinds(members)
    kind = choice("Partnership kind", kinds, "kind", "(all kinds)")
    selected = None if kind == "(all kinds)" else kind

    left, right = st.columns([1, 1])
    with left:
        st.subheader("Sector mixing matrix")
        st.caption("Cell = partnerships that have members of both sectors; the diagonal = "
                   "partnerships with a member of that sector.")
        matrix = cached(_shaped, selected, "matrix")
        if matrix.empty:
            st.info("No sectors known for these members.")
        else:
            fig = px.imshow(matrix, text_auto=True, color_continuous_scale="Blues")
            fig.update_layout(height=420, margin={"l": 0, "r": 0, "t": 10})
            st.plotly_chart(fig, width="stretch")
    mix = cached(_shaped, selected, "mix")
    with right:
        st.subheader("Partnerships by sector mix")
        if len(mix):
            counts = mix["mix"].value_counts().rename_axis("mix").reset_index(name="partnerships")
            fig = px.bar(counts, x="partnerships", y="mix", orientation="h")
            fig.update_layout(height=420, margin={"l": 0, "r": 0, "t": 10},
                              yaxis={"categoryorder": "total ascending"})
            st.plotly_chart(fig, width="stretch")
    st.subheader("Sector mix per partnership")
    table(mix, "mix", what="partnerships", height=300)

    st.subheader("Bridging boards and colleges")
    minimum = st.slider("Reaching at least this many sectors", 2, 7, param("min_sectors", 3, int),
                        key="w_min_sectors")
    set_params(min_sectors=int(minimum))
    bridges = cached(_shaped, selected, "bridges", int(minimum))
    st.caption(f"{len(bridges)} members whose partnerships reach {minimum}+ sectors.")
    table(bridges, "bridges", what="members")


def warm() -> None:
    """Fill the cache with the page's tables for every kind at the defaults (server start)."""
    for kind in [None, *views.partnership_kinds(cached(views.memberships))]:
        cached(_shaped, kind, "matrix")
        cached(_shaped, kind, "mix")
        cached(_shaped, kind, "bridges", 3)


def _shaped(store, kind: str | None, what: str, minimum: int = 2):
    """The page's tables for one partnership kind (kept in the cache, cheap on a rerun)."""
    members = cached(views.memberships)
    if kind:
        members = members[members["kind"] == kind]
    if what == "matrix":
        return views.sector_mixing_matrix(members)
    if what == "mix":
        return views.sector_mix(members)
    return views.bridging_members(members, minimum)
