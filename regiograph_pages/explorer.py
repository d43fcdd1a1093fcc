"""Network explorer: find any node by name or code and draw its neighbourhood."""

from __future__ import annotations

import streamlit as st

from graph import neighbourhood as nb
from graph import network_view
from graph.errors import RegiographError

from .common import embed_html, cached, choice, param, set_params, show_error, synthetic_banner

__all__ = ["TITLE", "render"]

TITLE = "Network explorer"
_SIZE_METRICS = ("(none)", "degree", "strength", "betweenness", "eigenvector", "pupils")


def render() -> None:
    """Draw the page (its state comes from and goes to the URL's query parameters)."""
    st.title("Network explorer")
    synthetic_banner()
    query = st.text_input("Search a board, school, college, partnership or region by name or code",
                          value=param("q", ""), key="w_q")
    set_params(q=query.strip())
    try:
        found = cached(nb.search_nodes, query.strip(), None, 25) if query.strip() else []
    except RegiographError as error:
        show_error(error)
        return
    if not query.strip():
        st.caption("Type part of a name (e.g. 'Haarlem') or a code (a board number, "
                   "vestigingscode, `arbeidsmarktregio:AM12`).")
        return
    if not found:
        st.warning(f"Nothing found for '{query}'.")
        return
    keys = [f"{n.label}:{n.properties.get('id')}" for n in found]
    current = param("node")
    picked = st.selectbox("Node", range(len(found)), key="w_node",
                          index=keys.index(current) if current in keys else 0,
                          format_func=lambda i: f"{nb.display_name(found[i])} — {keys[i]}")
    set_params(node=keys[picked])
    label, node_id = keys[picked].split(":", 1)

    c1, c2, c3, c4 = st.columns(4)
    with c1:
        depth = st.slider("Depth", 1, 4, param("depth", 1, int), key="w_depth")
    with c2:
        cap = st.number_input("Node cap", 5, 5000, param("cap", nb.DEFAULT_NODE_CAP, int),
                              step=250, key="w_cap")
    with c3:
        colour_by = choice("Colour by", list(network_view.COLOUR_BY), "colour", "kind")
    with c4:
        size_by = choice("Size by", list(_SIZE_METRICS), "size", "(none)")
    set_params(depth=int(depth), cap=int(cap))
    try:
        sub = cached(nb.neighbourhood, label, node_id, int(depth), int(cap))
    except RegiographError as error:
        show_error(error)
        return
    if sub.capped:
        st.warning(f"The neighbourhood at depth {depth} has more than {cap:,} nodes: only the "
                   f"first {len(sub):,} are drawn. Lower the depth or raise the node cap "
                   "(vis.js gets slow above ~1,500 nodes).")
    st.caption(f"{len(sub):,} nodes, {len(sub.edges):,} relationships.")
    html = network_view.network_html(sub, colour_by=colour_by,
                                     size_by=None if size_by == "(none)" else size_by)
    st.markdown(network_view.legend_html(network_view.legend(sub, colour_by)),
                unsafe_allow_html=True)
    embed_html(html, 640 + 130)

    st.subheader("Node details")
    ordered = sorted(sub.nodes.values(), key=lambda n: (n.id != sub.root, n.label,
                                                        nb.display_name(n)))
    pick = st.selectbox("Show the properties of", range(len(ordered)), key="w_detail",
                        format_func=lambda i: f"{ordered[i].label}: {nb.display_name(ordered[i])}")
    node = ordered[pick]
    details = [{"property": k, "value": str(v)} for k, v in sorted(node.properties.items())]
    st.dataframe(details, hide_index=True, width="stretch")
    neighbours = [r for r in sub.edges if node.id in (r.start, r.end)]
    st.caption(f"{len(neighbours)} relationships of this node in the drawing. "
               "Hover or click a node in the drawing to see its properties.")
