"""Benchmark: full import of the bundled national data into the embedded store.

Measures, in one run on a private embedded FalkorDB server (and on Neo4j when NEO4J_URI
is set):

- wall time of ``regiograph import --all`` without and with the demo registry (parse +
  write + metrics), run as a child process so its peak RSS is measured too;
- write throughput (rows/s) of the batched ``UNWIND $rows`` writer;
- the same rows written row by row (one MERGE per row, the naive baseline) and the ratio.

Targets (issue 2): full import <= 10 s wall; writes >= 50k rows/s on FalkorDB; peak
memory <= 500 MB.

Run:  .venv/bin/python bench/import_bench.py [--out bench/results/import.md]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _child_import(home: str, extra: list[str]) -> tuple[float, float]:
    """Run ``regiograph import --all`` in a child; answer (wall seconds, peak RSS MB)."""
    env = {**os.environ, "REGIOGRAPH_HOME": home}
    env.pop("NEO4J_URI", None)
    started = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "cli.py"), "import", "--all", *extra],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, peak_kb / 1024


def _row_by_row(store, tables) -> tuple[int, float]:
    """Write every node and relationship with one MERGE query per row (the naive way)."""
    from graph.tables import records
    rows = 0
    started = time.perf_counter()
    for table in tables.nodes:
        for row in records(table.rows):
            sets = ", ".join(f"n.`{k}` = $`{k}`" for k in row if k != "id")
            store.write(f"MERGE (n:`{table.label}` {{id: $id}})" + (f" SET {sets}" if sets else ""),
                        row)
            rows += 1
    for rel in tables.relationships:
        for row in records(rel.rows):
            props = {k: v for k, v in row.items() if k not in ("start", "end")}
            sets = ", ".join(f"r.`{k}` = $p_{i}" for i, k in enumerate(props))
            params = {"start": row["start"], "end": row["end"],
                      **{f"p_{i}": v for i, v in enumerate(props.values())}}
            store.write(f"MATCH (a:`{rel.start_label}` {{id: $start}}) "
                        f"MATCH (b:`{rel.end_label}` {{id: $end}}) "
                        f"MERGE (a)-[r:`{rel.type}`]->(b)" + (f" SET {sets}" if sets else ""),
                        params)
            rows += 1
    return rows, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "import.md"))
    parser.add_argument("--skip-baseline", action="store_true")
    args = parser.parse_args()

    from graph.load import read_sources
    from graph.store import falkordb_server
    from graph.store.falkordb import FalkorDBStore

    lines = ["# Import benchmark", "",
             f"Command: `.venv/bin/python bench/import_bench.py`  ",
             f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
             f"{time.strftime('%Y-%m-%d')}, load average at start "
             f"{os.getloadavg()[0]:.1f}", ""]
    with tempfile.TemporaryDirectory() as home:
        wall, peak = _child_import(home, ["--no-metrics"])
        wall_m, peak_m = _child_import(home, [])
        wall_d, peak_d = _child_import(home, ["--demo-registry"])
        lines += ["## Full import, child process (`regiograph import --all`)", "",
                  "| what | wall s | peak RSS MB | target |", "|---|---|---|---|",
                  f"| bundled real data, no metrics | {wall:.2f} | {peak:.0f} | <= 10 s, <= 500 MB |",
                  f"| bundled real data + metrics | {wall_m:.2f} | {peak_m:.0f} | <= 10 s, <= 500 MB |",
                  f"| + demo registry + metrics | {wall_d:.2f} | {peak_d:.0f} | |", ""]

        info = falkordb_server.start(home)
        started = time.perf_counter()
        result = read_sources(None)
        parse_s = time.perf_counter() - started
        tables = result.tables
        store = FalkorDBStore(info.host, info.port, graph="bench")
        store.ensure_schema()
        report = store.replace_graph(tables)
        rate = report.rows / report.seconds
        lines += ["## Batched writer on FalkorDB (in-process)", "",
                  f"- parse all bundled files: {parse_s:.2f} s",
                  f"- write {report.rows:,} rows (nodes {sum(report.nodes.values()):,}, "
                  f"relationships {sum(report.relationships.values()):,}) in {report.seconds:.2f} s "
                  f"= **{rate:,.0f} rows/s** (target >= 50,000), batch_size 1000", ""]
        if not args.skip_baseline:
            naive = FalkorDBStore(info.host, info.port, graph="bench_naive")
            naive.ensure_schema()
            rows, seconds = _row_by_row(naive, tables)
            naive_rate = rows / seconds
            lines += ["## Naive baseline: one MERGE query per row", "",
                      f"- {rows:,} rows in {seconds:.2f} s = {naive_rate:,.0f} rows/s",
                      f"- batched writer is **{rate / naive_rate:.1f}x** faster", ""]
            naive.drop()
        store.drop()
        if os.environ.get("NEO4J_URI"):
            from graph.store.neo4j import Neo4jStore
            with Neo4jStore.from_env() as neo:
                neo.ensure_schema()
                rep = neo.replace_graph(tables)
                lines += ["## Neo4j", "", f"- {rep.rows:,} rows in {rep.seconds:.2f} s = "
                          f"{rep.rows / rep.seconds:,.0f} rows/s", ""]
        else:
            lines += ["## Neo4j", "", "Not measured: NEO4J_URI is not set (no Neo4j server can be "
                      "installed on this machine).", ""]
        falkordb_server.stop(home)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
