"""Benchmark: every named query on the embedded FalkorDB store at national size.

The graph is the real DUO/CBS import plus the demo registry (``--data duo``, the default),
or the synthetic national-shaped reference plus the same demo registry generator
(``--data synthetic``).  Each query runs once to warm up, then ``--repeat`` times; the median and the
maximum are reported against the 300 ms target.  Naive baseline, in the same run: the
partnership overlap answered with one query per pair of partnerships.

Run:  .venv/bin/python bench/queries_bench.py [--data synthetic|duo] [--repeat 5]
          [--out bench/results/queries.md]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_MS = 300.0


def national_tables(data: str, seed: int = 42):
    """Answer (tables, description) of the national graph to measure on."""
    if data == "duo":
        from graph.load import read_sources
        result = read_sources(demo_registry=True, seed=seed)
        return result.tables, "real DUO/CBS import + demo registry (synthetic memberships)"
    from graph.synthetic import synthetic_national
    return synthetic_national(1.0, seed), "synthetic national-shaped reference + demo registry"


def member_boards(store) -> list[str]:
    """Answer the ids of boards with a membership, busiest first."""
    return [r[0] for r in store.read(
        "MATCH (b:Board)-[:MEMBER_OF]->(p:Partnership) "
        "RETURN b.id AS id, count(p) AS n ORDER BY n DESC, id").rows]


def example_params(store) -> dict[str, dict]:
    """Answer parameters for the queries that need ids: the busiest board, a random pair."""
    import random
    boards = member_boards(store)
    a, b = random.Random(7).sample(boards, 2)
    return {"neighbourhood": {"node_id": boards[0], "label": "Board", "depth": 2},
            "shortest_connection": {"from_id": a, "to_id": b}}


def shortest_spread(store, pairs: int = 20, seed: int = 3) -> list[tuple[str, str, float, int]]:
    """Answer (from, to, ms, hops) of shortest_connection for random board pairs."""
    import random
    from queries import run_query
    boards = member_boards(store)
    rng = random.Random(seed)
    out = []
    for _ in range(pairs):
        a, b = rng.sample(boards, 2)
        t0 = time.perf_counter()
        result = run_query(store, "shortest_connection", {"from_id": a, "to_id": b})
        out.append((a, b, (time.perf_counter() - t0) * 1000,
                    result.rows[0][0] if result.rows else -1))
    return out


def naive_overlap(store) -> tuple[int, float]:
    """Answer (queries, seconds) of the overlap computed with one query per partnership pair."""
    ids = [r[0] for r in store.read("MATCH (p:Partnership) RETURN p.id ORDER BY p.id").rows]
    started, count = time.perf_counter(), 0
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            store.read("MATCH (p1:Partnership {id: $a})<-[:MEMBER_OF]-(x)-[:MEMBER_OF]->"
                       "(p2:Partnership {id: $b}) RETURN count(DISTINCT x) AS shared",
                       {"a": a, "b": b})
            count += 1
    return count, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", choices=["synthetic", "duo"], default="duo")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "queries.md"))
    args = parser.parse_args()

    from graph.store import falkordb_server
    from graph.store.falkordb import FalkorDBStore
    from queries import list_queries, run_query

    data = args.data
    started = time.perf_counter()
    tables, described = national_tables(data)
    build_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as home:
        info = falkordb_server.start(Path(home))
        try:
            store = FalkorDBStore(info.host, info.port, graph="bench")
            store.ensure_schema()
            write = store.replace_graph(tables)
            nodes, rels = store.counts()
            params = example_params(store)
            rows = []
            for query in list_queries():
                p = params.get(query.name, {})
                result = run_query(store, query.name, p)  # warm-up
                times = []
                for _ in range(args.repeat):
                    t0 = time.perf_counter()
                    result = run_query(store, query.name, p)
                    times.append((time.perf_counter() - t0) * 1000)
                rows.append((query.name, statistics.median(times), max(times), len(result.rows), p))
            spread = shortest_spread(store)
            baseline = None if args.skip_baseline else naive_overlap(store)
            overlap_ms = next(r[1] for r in rows if r[0] == "partnership_overlap")
            store.drop()
            store.close()
        finally:
            falkordb_server.stop(Path(home))

    worst = max(r[2] for r in rows)
    lines = ["# Named-query benchmark (embedded FalkorDB)", "",
             f"Command: `.venv/bin/python bench/queries_bench.py --data {data} --repeat {args.repeat}`",
             f"Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; machine: "
             f"{platform.machine()}, Python {platform.python_version()}", "",
             f"Graph: {described}; built in {build_s:.1f} s, written in {write.seconds:.1f} s.",
             "Nodes: " + ", ".join(f"{k} {v:,}" for k, v in nodes.items()),
             "Relationships: " + ", ".join(f"{k} {v:,}" for k, v in rels.items()), "",
             f"Target: every named query <= {TARGET_MS:.0f} ms. "
             f"Result: worst run {worst:.1f} ms -> {'PASS' if worst <= TARGET_MS else 'FAIL'}.", "",
             "| query | median ms | max ms | rows | params |", "|---|---:|---:|---:|---|"]
    lines += [f"| {n} | {med:.1f} | {mx:.1f} | {cnt} | {p or ''} |" for n, med, mx, cnt, p in rows]
    spread_ms = sorted(x[2] for x in spread)
    lines += ["", f"shortest_connection over {len(spread)} random pairs of member boards "
              f"(default max_hops): median {statistics.median(spread_ms):.1f} ms, "
              f"p90 {spread_ms[int(0.9 * len(spread_ms)) - 1]:.1f} ms, max {spread_ms[-1]:.1f} ms; "
              f"hops found: {sorted(x[3] for x in spread)} (-1 = none within max_hops)."]
    if baseline:
        count, seconds = baseline
        lines += ["", "Naive baseline: partnership overlap as one query per pair of partnerships: "
                  f"{count:,} queries in {seconds:.1f} s, vs {overlap_ms:.1f} ms for the named "
                  f"query ({seconds * 1000 / overlap_ms:,.0f}x slower)."]
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
