"""Drawing a :class:`~graph.neighbourhood.Subgraph` as a self-contained pyvis (vis.js) page.

The pyvis ``Network`` is filled from node and edge lists directly (``net.nodes`` /
``net.edges``), never with ``from_nx`` or ``add_edge``, whose per-edge rescans take 20-40 s
at 10k nodes.  vis.js is inlined (no CDN), physics stabilisation is bounded by an iteration
count and switched off once done, so even a capped 1,500-node view settles in seconds.
"""

from __future__ import annotations

import html
import math
import re
from typing import Any

from .neighbourhood import Subgraph, display_name, node_sector

__all__ = ["COLOUR_BY", "PALETTE", "legend", "legend_html", "network_html", "node_colour_key"]

COLOUR_BY = ("kind", "sector")

#: Colours per node kind (label) and per sector; everything else is grey.
PALETTE: dict[str, dict[str, str]] = {
    "kind": {
        "Board": "#1f77b4", "School": "#aec7e8", "TeacherCollege": "#9467bd",
        "Municipality": "#7f7f7f", "Region": "#bcbd22", "Partnership": "#d62728",
        "Organisation": "#ff9896", "Activity": "#2ca02c", "Person": "#e377c2",
        "Source": "#c7c7c7",
    },
    "sector": {
        "po": "#1f77b4", "sbo": "#17becf", "so": "#9edae5", "vso": "#8c564b",
        "vo": "#ff7f0e", "mbo": "#2ca02c", "ho": "#9467bd", "mixed": "#e377c2",
        "none": "#c7c7c7",
    },
}
_OTHER = "#c7c7c7"
_MAX_ITERATIONS = 200


def node_colour_key(node, colour_by: str) -> str:
    """Answer the legend entry a node falls under (its label or its sector)."""
    return node.label if colour_by == "kind" else node_sector(node)


def _size(value: Any, low: float, high: float) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return 10.0
    if math.isnan(v) or high <= low:
        return 14.0
    return 8.0 + 32.0 * (v - low) / (high - low)


def _title(node) -> str:
    lines = [f"{node.label}: {display_name(node)}"]
    for key, value in sorted(node.properties.items()):
        if key in ("name", "title"):
            continue
        text = str(value)
        lines.append(f"{key}: {text[:80]}")
    return "\n".join(lines[:18])


def legend(sub: Subgraph, colour_by: str = "kind") -> dict[str, str]:
    """Answer the legend of a drawing: entry -> colour, for the entries present."""
    palette = PALETTE.get(colour_by, {})
    keys = sorted({node_colour_key(n, colour_by) for n in sub.nodes.values()})
    return {k: palette.get(k, _OTHER) for k in keys}


def network_html(sub: Subgraph, *, colour_by: str = "kind", size_by: str | None = None,
                 height: int = 620, physics_iterations: int = _MAX_ITERATIONS) -> str:
    """Answer a standalone HTML page drawing ``sub`` (vis.js inlined, works offline).

    ``colour_by`` is ``kind`` or ``sector``; ``size_by`` a numeric node property (e.g. a
    metric) that scales node size.  ``height`` is the drawing's; a 120 px details box under
    it shows the properties of a clicked node.  Cost: linear in nodes + edges; ~50 ms for 1,500 nodes.
    """
    from pyvis.network import Network  # lazily: only the app draws networks

    palette = PALETTE.get(colour_by, {})
    values = []
    if size_by:
        for n in sub.nodes.values():
            try:
                values.append(float(n.properties.get(size_by)))
            except (TypeError, ValueError):
                pass
    low, high = (min(values), max(values)) if values else (0.0, 0.0)
    nodes = []
    for node in sub.nodes.values():
        key = node_colour_key(node, colour_by)
        item = {
            "id": node.id, "label": display_name(node)[:40], "title": _title(node),
            "color": palette.get(key, _OTHER), "shape": "dot",
            "size": _size(node.properties.get(size_by), low, high) if size_by else 12.0,
        }
        if node.id == sub.root:
            item.update(borderWidth=4, shape="star", size=max(item["size"], 24.0))
        nodes.append(item)
    edges = [{"from": r.start, "to": r.end, "title": r.type, "label": "",
              "arrows": "to", "color": "#b0b0b0", "width": 1} for r in sub.edges]
    net = Network(height=f"{height}px", width="100%", directed=True, cdn_resources="in_line")
    net.nodes, net.edges = nodes, edges
    net.node_ids = [n["id"] for n in nodes]
    net.node_map = {n["id"]: n for n in nodes}
    net.options = {
        "physics": {
            "enabled": True, "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -40, "springLength": 90},
            "stabilization": {"enabled": True, "iterations": int(physics_iterations),
                              "updateInterval": 25, "fit": True},
            "maxVelocity": 40, "minVelocity": 1,
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False},
        "edges": {"smooth": False},
        "nodes": {"font": {"size": 12}},
    }
    page = net.generate_html()
    return _offline(page)


_REMOTE_TAG = re.compile(r"<(link|script)\b[^>]*(https?://)[^>]*>(\s*</script>)?", re.S)


_DETAILS = """
        <div id="regiograph-details" style="font:12px sans-serif;white-space:pre-wrap;
             padding:6px 8px;border-top:1px solid #ddd;height:110px;overflow:auto;color:#333">Click a node to see its details here.</div>
    </body>"""

_ON_CLICK = """network.once('stabilizationIterationsDone', function () {
                      network.setOptions({physics: {enabled: false}}); });
                  network.on('click', function (params) {
                      var box = document.getElementById('regiograph-details');
                      if (!box) { return; }
                      if (params.nodes.length) { box.textContent = nodes.get(params.nodes[0]).title; }
                      else { box.textContent = 'Click a node to see its details here.'; }
                  });
                  return network;"""


def _offline(page: str) -> str:
    """Remove every remote <link>/<script> (bootstrap CDN), stop physics once stable, and
    show the details of a clicked node under the drawing (as text, never as HTML)."""
    page = _REMOTE_TAG.sub("", page)
    page = page.replace("return network;", _ON_CLICK, 1)
    return page.replace("</body>", _DETAILS, 1)


def legend_html(entries: dict[str, str]) -> str:
    """Answer a small HTML legend (coloured dots with their names)."""
    items = "".join(
        f'<span style="margin-right:14px;white-space:nowrap">'
        f'<span style="display:inline-block;width:11px;height:11px;border-radius:6px;'
        f'background:{colour};margin-right:4px"></span>{html.escape(name)}</span>'
        for name, colour in entries.items())
    return f'<div style="font-size:0.85rem;line-height:1.8">{items}</div>'

