"""Network metrics of the board co-membership and partnership overlap networks.

Per node: degree, strength (sum of edge weights), betweenness (brokers; hop-based,
normalised as NetworkX does), eigenvector centrality (weighted), Louvain community
(weighted, seeded), articulation point (bool).  Per network: bridges, modularity, and for
the board network how well communities match official regions (adjusted Rand index and
NMI against onderwijsregio, rap and arbeidsmarktregio).

Backends: ``"igraph"`` (default when installed) computes exact betweenness, Louvain,
articulation points and bridges in C; ``"networkx"`` uses NetworkX (exact betweenness, or
sampled with ``k=`` pivots and ``seed=``).  Exact betweenness is the same on both
(tests/test_metrics.py checks it).  Cost at national size (~1.5k boards, ~40k edges):
~1-2 s with igraph; NetworkX exact betweenness takes minutes there.

:func:`compute_metrics` answers a :class:`MetricsReport`; :func:`write_metrics` writes the
node values back as properties (``Board.betweenness``, ``Partnership.community``, ...) and
a ``Source`` node ``regiograph-metrics`` holding the parameters used.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pandas as pd

from .errors import ConfigError
from .projections import (board_network, board_regions, fetch_memberships,
                          partnership_network, resolve_as_of)

__all__ = [
    "METRIC_PROPERTIES",
    "METRICS_SOURCE",
    "REGION_SCHEMES_COMPARED",
    "MetricsReport",
    "betweenness",
    "betweenness_pivots",
    "communities",
    "node_metrics",
    "region_agreement",
    "compute_metrics",
    "write_metrics",
]

METRICS_SOURCE = "regiograph-metrics"
METRIC_PROPERTIES = ("degree", "strength", "betweenness", "eigenvector", "community",
                     "articulation_point")
REGION_SCHEMES_COMPARED = ("onderwijsregio", "rap", "arbeidsmarktregio")
#: exact betweenness when nodes x edges stays below this (national size: ~6e7, ~1 s in igraph)
EXACT_WORK_LIMIT = 2e8
#: pivots of sampled betweenness when the graph is too big for exact and ``k`` is not given
DEFAULT_PIVOTS = 500


@dataclass
class MetricsReport:
    """What :func:`compute_metrics` found, with the parameters and timings."""

    params: dict[str, Any]
    boards: pd.DataFrame
    partnerships: pd.DataFrame
    board_bridges: list[tuple[str, str]] = field(default_factory=list)
    partnership_bridges: list[tuple[str, str]] = field(default_factory=list)
    modularity: dict[str, float] = field(default_factory=dict)
    agreement: dict[str, dict[str, float]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        """Answer a few lines for the CLI: sizes, modularity, region agreement, timings."""
        lines = [f"boards: {len(self.boards)} nodes, {len(self.board_bridges)} bridges; "
                 f"partnerships: {len(self.partnerships)} nodes, "
                 f"{len(self.partnership_bridges)} bridges"]
        lines += [f"modularity {name}: {value:.3f}" for name, value in self.modularity.items()]
        lines += [f"communities vs {scheme}: ARI {v['ari']:.3f}, NMI {v['nmi']:.3f} "
                  f"({int(v['boards'])} boards)" for scheme, v in self.agreement.items()]
        lines.append("seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in self.seconds.items()))
        return "\n".join(lines)


def _backend(backend: str) -> str:
    if backend not in ("auto", "igraph", "networkx"):
        raise ConfigError("unknown metrics backend", value=backend,
                          fix="use 'auto', 'igraph' or 'networkx'")
    if backend == "networkx":
        return backend
    try:
        import igraph  # noqa: F401
    except ImportError:
        if backend == "igraph":
            raise ConfigError("the igraph backend needs python-igraph",
                              fix="pip install igraph (it is in the project dependencies)") from None
        return "networkx"
    return "igraph"


def _to_igraph(graph: nx.Graph):
    import igraph as ig
    nodes = list(graph.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    g = ig.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in graph.edges])
    g.es["weight"] = [float(d.get("weight", 1.0)) for _, _, d in graph.edges(data=True)]
    return g, nodes


def betweenness_pivots(graph: nx.Graph, k: int | None) -> int | None:
    """Answer the pivots to sample: ``k`` if given, ``None`` (exact) when the graph is small
    enough (nodes x edges <= :data:`EXACT_WORK_LIMIT`), else :data:`DEFAULT_PIVOTS`."""
    n = graph.number_of_nodes()
    if k is not None:
        return k if k < n else None
    if n * graph.number_of_edges() <= EXACT_WORK_LIMIT:
        return None
    return DEFAULT_PIVOTS if DEFAULT_PIVOTS < n else None


def betweenness(graph: nx.Graph, *, k: int | None = None, seed: int = 42,
                backend: str = "auto") -> dict[Any, float]:
    """Answer normalised hop-based betweenness per node.

    ``k`` set (or chosen by :func:`betweenness_pivots` for a big graph): Brandes' pivot
    sampling from ``k`` seeded random sources, scaled by n/k (approximate).  Otherwise
    exact.  igraph (when available) computes both in C; its exact values equal NetworkX's
    exact values (tests/test_metrics.py).  Cost: exact ~1 s at national size in igraph
    (minutes in NetworkX); sampled k=500 ~5-10 s at ten times national size.
    """
    import random as _random
    n = graph.number_of_nodes()
    pivots = betweenness_pivots(graph, k)
    if _backend(backend) == "networkx":
        if pivots is None:
            return nx.betweenness_centrality(graph, normalized=True)
        return nx.betweenness_centrality(graph, k=pivots, seed=seed, normalized=True)
    g, nodes = _to_igraph(graph)
    if not nodes:
        return {}
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    if pivots is None:
        raw = g.betweenness(directed=False)
    else:
        sources = _random.Random(seed).sample(range(n), pivots)
        raw = g.betweenness(directed=False, sources=sources)
        scale *= n / pivots
    return {node: value * scale for node, value in zip(nodes, raw)}


def communities(graph: nx.Graph, *, seed: int = 42, resolution: float = 1.0,
                backend: str = "auto") -> tuple[dict[Any, int], float]:
    """Answer (node -> community number, modularity) by weighted Louvain, seeded.

    Communities are numbered 0.. by decreasing size, then by smallest member, so the
    numbering is stable for the same partition.
    """
    if graph.number_of_nodes() == 0:
        return {}, 0.0
    if _backend(backend) == "igraph":
        import igraph as ig
        g, nodes = _to_igraph(graph)
        ig.set_random_number_generator(random.Random(seed))
        try:
            clustering = g.community_multilevel(weights="weight", resolution=resolution)
        finally:
            ig.set_random_number_generator(random)
        groups = [{nodes[i] for i in members} for members in clustering]
    else:
        groups = nx.community.louvain_communities(graph, weight="weight", seed=seed,
                                                  resolution=resolution)
    groups = sorted(groups, key=lambda c: (-len(c), min(map(str, c))))
    membership = {node: number for number, group in enumerate(groups) for node in group}
    if graph.number_of_edges() == 0:
        return membership, 0.0
    quality = nx.community.modularity(graph, groups, weight="weight", resolution=resolution)
    return membership, float(quality)


def _eigenvector(graph: nx.Graph) -> dict[Any, float]:
    if graph.number_of_edges() == 0:
        return {node: 0.0 for node in graph}
    try:
        return nx.eigenvector_centrality_numpy(graph, weight="weight", max_iter=1000)
    except (nx.NetworkXException, ArithmeticError, ValueError):
        return nx.eigenvector_centrality(graph, weight="weight", max_iter=1000, tol=1e-6)


def _cut_structure(graph: nx.Graph, backend: str) -> tuple[set, list[tuple]]:
    if _backend(backend) == "igraph":
        g, nodes = _to_igraph(graph)
        points = {nodes[i] for i in g.articulation_points()}
        bridges = [tuple(sorted((nodes[g.es[e].source], nodes[g.es[e].target]), key=str))
                   for e in g.bridges()]
    else:
        points = set(nx.articulation_points(graph))
        bridges = [tuple(sorted(edge, key=str)) for edge in nx.bridges(graph)]
    return points, sorted(bridges)


def node_metrics(graph: nx.Graph, *, seed: int = 42, k: int | None = None,
                 resolution: float = 1.0, backend: str = "auto"
                 ) -> tuple[pd.DataFrame, list[tuple], float, dict[str, float]]:
    """Answer (per-node metrics frame, bridges, modularity, seconds per metric) of ``graph``.

    The frame has ``id`` and :data:`METRIC_PROPERTIES`, sorted by id.
    """
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    degree = dict(graph.degree())
    strength = dict(graph.degree(weight="weight"))
    seconds["degree"] = time.perf_counter() - started
    started = time.perf_counter()
    between = betweenness(graph, k=k, seed=seed, backend=backend)
    seconds["betweenness"] = time.perf_counter() - started
    started = time.perf_counter()
    eigen = _eigenvector(graph)
    seconds["eigenvector"] = time.perf_counter() - started
    started = time.perf_counter()
    membership, quality = communities(graph, seed=seed, resolution=resolution, backend=backend)
    seconds["communities"] = time.perf_counter() - started
    started = time.perf_counter()
    points, bridges = _cut_structure(graph, backend)
    seconds["cuts"] = time.perf_counter() - started
    frame = pd.DataFrame({
        "id": list(graph.nodes),
        "degree": [int(degree[n]) for n in graph.nodes],
        "strength": [float(strength[n]) for n in graph.nodes],
        "betweenness": [float(between.get(n, 0.0)) for n in graph.nodes],
        "eigenvector": [abs(float(eigen.get(n, 0.0))) for n in graph.nodes],
        "community": [int(membership.get(n, -1)) for n in graph.nodes],
        "articulation_point": [n in points for n in graph.nodes],
    }, columns=["id", *METRIC_PROPERTIES])
    return frame.sort_values("id").reset_index(drop=True), bridges, quality, seconds


def region_agreement(boards: pd.DataFrame, regions: dict[str, str]) -> dict[str, float]:
    """Answer ARI and NMI of board communities against ``regions`` (board -> region).

    Only boards with both a community and a region count; ``boards`` says how many.
    """
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
    labelled = boards[boards["id"].isin(regions.keys())]
    if len(labelled) < 2:
        return {"ari": float("nan"), "nmi": float("nan"), "boards": float(len(labelled))}
    truth = [regions[b] for b in labelled["id"]]
    found = list(labelled["community"])
    return {"ari": float(adjusted_rand_score(truth, found)),
            "nmi": float(normalized_mutual_info_score(truth, found)),
            "boards": float(len(labelled))}


def compute_metrics(store, *, seed: int = 42, k: int | None = None,
                    as_of: str | dt.date | None = None, resolution: float = 1.0,
                    backend: str = "auto",
                    schemes: tuple[str, ...] = REGION_SCHEMES_COMPARED) -> MetricsReport:
    """Answer the metrics of both networks projected from ``store``.

    ``as_of``: memberships valid on that date (default today; ``""`` = all ever);
    ``seed``: Louvain and sampled betweenness; ``k``: sample ``k`` pivots for betweenness
    (``None`` = exact when nodes x edges <= EXACT_WORK_LIMIT, else DEFAULT_PIVOTS pivots);
    ``resolution``: Louvain resolution; ``backend``: auto/igraph/networkx;
    ``schemes``: region schemes the board communities are compared with.
    Cost at national size: ~1-3 s (igraph backend).
    """
    started = time.perf_counter()
    used_backend = _backend(backend)
    params = {"seed": seed, "k": k, "as_of": resolve_as_of(as_of), "resolution": resolution,
              "backend": used_backend,
              "computed_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
    memberships = fetch_memberships(store, params["as_of"])
    seconds = {"fetch": time.perf_counter() - started}
    started = time.perf_counter()
    boards_graph = board_network(memberships)
    partnerships_graph = partnership_network(memberships)
    seconds["project"] = time.perf_counter() - started
    for name, g in (("boards", boards_graph), ("partnerships", partnerships_graph)):
        pivots = betweenness_pivots(g, k)
        params[f"{name}_betweenness"] = "exact" if pivots is None else f"sampled k={pivots}"
    boards, board_bridges, board_q, board_s = node_metrics(
        boards_graph, seed=seed, k=k, resolution=resolution, backend=used_backend)
    partnerships, p_bridges, p_q, p_s = node_metrics(
        partnerships_graph, seed=seed, k=k, resolution=resolution, backend=used_backend)
    seconds.update({f"boards_{key}": value for key, value in board_s.items()})
    seconds.update({f"partnerships_{key}": value for key, value in p_s.items()})
    started = time.perf_counter()
    agreement = {}
    for scheme in schemes:
        regions = board_regions(store, scheme)
        if regions:
            agreement[scheme] = region_agreement(boards, regions)
    seconds["agreement"] = time.perf_counter() - started
    return MetricsReport(params, boards, partnerships, board_bridges, p_bridges,
                         {"boards": board_q, "partnerships": p_q}, agreement, seconds)


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    out = []
    for record in frame.to_dict("records"):
        row = {"id": str(record["id"]), "metrics_source": METRICS_SOURCE}
        for name in METRIC_PROPERTIES:
            value = record[name]
            row[name] = value.item() if hasattr(value, "item") else value
        out.append(row)
    return out


def write_metrics(store, report: MetricsReport) -> dict[str, int]:
    """Write the report's node metrics back as properties and record the parameters used.

    Earlier metric values are cleared first (nodes that left a network keep none).  A
    ``Source`` node ``regiograph-metrics`` holds the parameters as JSON (``params``) and the
    region agreement (``agreement``).  Answers rows written per label.
    """
    clear = ", ".join(f"n.{name} = null" for name in (*METRIC_PROPERTIES, "metrics_source"))
    written = {}
    for label, frame in (("Board", report.boards), ("Partnership", report.partnerships)):
        store.write(f"MATCH (n:{label}) WHERE n.metrics_source = $source SET {clear}",
                    {"source": METRICS_SOURCE})
        written[label] = store.set_node_properties(label, _rows(frame))
    today = dt.date.today().isoformat()
    store.write(
        "MERGE (s:Source {id: $id}) SET s.title = $title, s.date = $date, s.publisher = $publisher, "
        "s.params = $params, s.agreement = $agreement, s.source = $id, s.source_date = $date, "
        "s.rows = $rows",
        {"id": METRICS_SOURCE, "title": "Network metrics (board co-membership, partnership overlap)",
         "date": today, "publisher": "regiograph", "params": json.dumps(report.params, sort_keys=True),
         "agreement": json.dumps(report.agreement, sort_keys=True),
         "rows": int(sum(written.values()))})
    return written
