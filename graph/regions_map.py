"""Region schemes on a map: which municipality lies in which region, coverage, straddlers.

The map is drawn from the bundled municipality boundaries (``data/raw/cartomap-gemeenten-2025``,
RD New metres) as
plain filled x/y polygons with plotly, so it renders offline without a tile server.
Cost at national size: 342 municipalities; each function is one or two read queries.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from .store.base import GraphStore

__all__ = ["GEOJSON_PATH", "municipality_shapes", "region_schemes", "municipality_regions",
           "coverage", "straddlers", "compare_schemes", "map_figure"]

#: The bundled municipality boundaries (CBS/PDOK via cartomap, RD New; see its SOURCE.md).
GEOJSON_PATH = (Path(__file__).resolve().parent.parent / "data" / "raw" / "cartomap-gemeenten-2025"
                / "gemeente_2025_rd.geojson")

#: Qualitative colours cycled over regions (neighbours may repeat; hover names the region).
_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
            "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39",
            "#7b4173", "#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363", "#6baed6",
            "#fd8d3c", "#74c476", "#9e9ac8"]
_NONE = "#e8e8e8"


@lru_cache(maxsize=2)
def municipality_shapes(path: str | None = None) -> dict[str, dict[str, Any]]:
    """Answer code -> {name, rings (list of [(x, y), ...]), centre (x, y)} from the GeoJSON."""
    with open(path or GEOJSON_PATH, encoding="utf-8") as fh:
        data = json.load(fh)
    shapes = {}
    for feature in data["features"]:
        props, geom = feature["properties"], feature["geometry"]
        polygons = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        rings = [poly[0] for poly in polygons]  # outer rings; the holes do not matter here
        biggest = max(rings, key=len)
        cx = sum(p[0] for p in biggest) / len(biggest)
        cy = sum(p[1] for p in biggest) / len(biggest)
        shapes[props["statcode"]] = {"name": props["statnaam"], "rings": rings, "centre": (cx, cy)}
    return shapes


def region_schemes(store: GraphStore) -> list[str]:
    """Answer the region schemes present in the graph, with municipalities in them."""
    result = store.read("MATCH (m:Municipality)-[:PART_OF]->(r:Region) "
                        "RETURN r.scheme AS scheme, count(m) AS n ORDER BY scheme")
    return [row[0] for row in result.rows if row[0]]


def municipality_regions(store: GraphStore, scheme: str) -> pd.DataFrame:
    """Answer municipality, municipality_name, region, region_name for one scheme."""
    result = store.read(
        "MATCH (m:Municipality)-[:PART_OF]->(r:Region) WHERE r.scheme = $scheme "
        "RETURN m.id AS municipality, m.name AS municipality_name, r.id AS region, "
        "coalesce(r.name, r.code) AS region_name ORDER BY municipality", {"scheme": scheme})
    return pd.DataFrame(result.rows, columns=["municipality", "municipality_name", "region",
                                              "region_name"])


def coverage(store: GraphStore, kind: str | None = None) -> pd.DataFrame:
    """Answer per municipality the partnerships (of ``kind``) that cover it.

    A partnership covers a municipality directly (COVERS Municipality) or through a region
    the municipality is PART_OF (COVERS Region).  Columns: municipality, partnerships
    (count), names.  Municipalities covered by none are absent.
    """
    params = {"kind": kind}
    where = "WHERE $kind IS NULL OR p.kind = $kind "
    direct = store.read("MATCH (p:Partnership)-[:COVERS]->(m:Municipality) " + where +
                        "RETURN m.id AS municipality, p.id AS partnership, p.name AS name", params)
    via = store.read("MATCH (p:Partnership)-[:COVERS]->(r:Region)<-[:PART_OF]-(m:Municipality) "
                     + where + "RETURN m.id AS municipality, p.id AS partnership, p.name AS name",
                     params)
    frame = pd.DataFrame(direct.rows + via.rows, columns=["municipality", "partnership", "name"])
    if frame.empty:
        return pd.DataFrame(columns=["municipality", "partnerships", "names"])
    frame = frame.drop_duplicates(["municipality", "partnership"])
    return (frame.groupby("municipality", as_index=False)
            .agg(partnerships=("partnership", "nunique"),
                 names=("name", lambda s: "; ".join(sorted(str(x) for x in s)))))


def straddlers(store: GraphStore, scheme: str, min_regions: int = 2) -> pd.DataFrame:
    """Answer boards whose schools lie in ``min_regions`` or more regions of ``scheme``.

    Schools count through their municipality (PART_OF) and, for postcode areas such as
    SWV, directly (IN_AREA).  Columns: board, board_name, regions, schools (summed over its
    regions), region_names (with the schools in each).  Aggregated in Cypher per (board,
    region): two queries, ~70 ms at national size.
    """
    tail = ("WHERE r.scheme = $scheme RETURN b.id AS board, b.name AS board_name, r.id AS region, "
            "coalesce(r.name, r.code) AS region_name, count(DISTINCT s) AS schools")
    via_municipality = store.read(
        "MATCH (b:Board)-[:GOVERNS]->(s:School)-[:LOCATED_IN]->(:Municipality)-[:PART_OF]->(r:Region) "
        + tail, {"scheme": scheme})
    via_area = store.read("MATCH (b:Board)-[:GOVERNS]->(s:School)-[:IN_AREA]->(r:Region) " + tail,
                          {"scheme": scheme})
    columns = ["board", "board_name", "regions", "schools", "region_names"]
    frame = pd.DataFrame(via_municipality.rows + via_area.rows,
                         columns=["board", "board_name", "region", "region_name", "schools"])
    if frame.empty:
        return pd.DataFrame(columns=columns)
    frame = frame.groupby(["board", "board_name", "region", "region_name"], as_index=False,
                          dropna=False)["schools"].max()
    frame["label"] = frame["region_name"].astype(str) + " (" + frame["schools"].astype(str) + ")"
    grouped = (frame.sort_values(["board", "schools"], ascending=[True, False])
               .groupby("board", as_index=False)
               .agg(board_name=("board_name", "first"), regions=("region", "nunique"),
                    schools=("schools", "sum"), region_names=("label", "; ".join)))
    grouped = grouped[grouped["regions"] >= min_regions]
    return grouped[columns].sort_values(["regions", "schools", "board"],
                                        ascending=[False, False, True], ignore_index=True)


def compare_schemes(store: GraphStore, scheme_a: str, scheme_b: str) -> pd.DataFrame:
    """Answer per region of ``scheme_a`` how its municipalities fall into ``scheme_b``.

    Columns: region, region_name, municipalities, regions_b (how many regions of b it
    touches), largest_share (share of its municipalities in its main b region), regions_b_names.
    A region nests in b when regions_b is 1.
    """
    a = municipality_regions(store, scheme_a)
    b = municipality_regions(store, scheme_b)
    columns = ["region", "region_name", "municipalities", "regions_b", "largest_share",
               "regions_b_names"]
    if a.empty or b.empty:
        return pd.DataFrame(columns=columns)
    both = a.merge(b[["municipality", "region", "region_name"]], on="municipality",
                   suffixes=("", "_b"))
    rows = []
    for (region, name), group in both.groupby(["region", "region_name"]):
        counts = group["region_name_b"].value_counts()
        rows.append({"region": region, "region_name": name,
                     "municipalities": group["municipality"].nunique(),
                     "regions_b": int(group["region_b"].nunique()),
                     "largest_share": round(float(counts.iloc[0]) / len(group), 3),
                     "regions_b_names": "; ".join(f"{k} ({v})" for k, v in counts.items())})
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["regions_b", "largest_share"], ascending=[False, True],
                             ignore_index=True)


@lru_cache(maxsize=1024)
def _outline_cached(path: str, code: str):
    import numpy as np
    rings = municipality_shapes(path)[code]["rings"]
    xs, ys = [], []
    for ring in rings:
        xs.extend(p[0] for p in ring)
        ys.extend(p[1] for p in ring)
        xs.append(float("nan"))  # a gap between rings
        ys.append(float("nan"))
    return np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)


def _outline(shapes: dict, code: str):
    """Answer (x, y) arrays of a municipality's rings separated by NaN gaps."""
    if shapes is municipality_shapes():
        return _outline_cached(None, code)
    import numpy as np
    xs, ys = [], []
    for ring in shapes[code]["rings"]:
        xs.extend([p[0] for p in ring] + [float("nan")])
        ys.extend([p[1] for p in ring] + [float("nan")])
    return np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)


def map_figure(categories: dict[str, str], *, overlay: dict[str, str] | None = None,
               title: str = "", height: int = 640, shapes: dict | None = None):
    """Answer a plotly figure of the municipalities filled by category (region name).

    ``categories`` maps GM code -> category (municipalities missing from it are grey,
    "none").  ``overlay`` maps GM code -> hover text of a marker drawn at the municipality's
    centre (e.g. the partnerships covering it).  One trace per category, so the legend
    lists the regions.  Cost: ~342 polygons, ~50 ms.
    """
    import plotly.graph_objects as go  # lazily: only the app draws maps

    import numpy as np

    shapes = shapes or municipality_shapes()
    groups: dict[str, list[str]] = {}
    for code in shapes:
        groups.setdefault(categories.get(code) or "none", []).append(code)
    names = sorted(k for k in groups if k != "none") + (["none"] if "none" in groups else [])
    fig = go.Figure()
    for i, category in enumerate(names):
        xs = np.concatenate([_outline(shapes, code)[0] for code in groups[category]])
        ys = np.concatenate([_outline(shapes, code)[1] for code in groups[category]])
        colour = _NONE if category == "none" else _COLOURS[i % len(_COLOURS)]
        fig.add_trace(go.Scatter(x=xs, y=ys, fill="toself", mode="lines", name=category,
                                 line={"color": "white", "width": 0.5}, fillcolor=colour,
                                 hoveron="fills", hoverinfo="name"))
    codes = list(shapes)
    hover = [f"{shapes[c]['name']} ({c})<br>{categories.get(c) or 'none'}"
             + (f"<br>{overlay[c]}" if overlay and c in overlay else "") for c in codes]
    marker = {"size": 4, "color": "rgba(0,0,0,0.35)"}
    if overlay is not None:
        marker = {"size": [7 if c in overlay else 5 for c in codes],
                  "symbol": ["circle" if c in overlay else "x" for c in codes],
                  "color": ["#000000" if c in overlay else "#d62728" for c in codes]}
    fig.add_trace(go.Scatter(x=[shapes[c]["centre"][0] for c in codes],
                             y=[shapes[c]["centre"][1] for c in codes], mode="markers",
                             marker=marker, text=hover, hoverinfo="text", showlegend=False,
                             name="municipalities"))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1)
    fig.update_layout(title=title, height=height, margin={"l": 0, "r": 0, "t": 40, "b": 0},
                      plot_bgcolor="white", legend={"font": {"size": 10}})
    return fig
