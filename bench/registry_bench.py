"""Benchmark: the partnership registry at national size (the demo registry on the real data).

Measures, on the project's own import of the bundled data:

- generating the demo registry (``demo_registry_tables``) and writing it as CSV and XLSX;
- reading it back through the real reader (``read_registry``: schema checks, semantic
  checks, member matching) from CSV and from XLSX;
- the match report (``registry_match_report``);
- the as-of and changes queries on an embedded FalkorDB holding DUO + demo registry.

Run:  .venv/bin/python bench/registry_bench.py [--out bench/results/registry.md] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _time(fn, repeat):
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        value = fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs), value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="regiograph-bench-"))
    os.environ["REGIOGRAPH_HOME"] = str(home)
    from graph.store import falkordb_server
    from graph.store.falkordb import FalkorDBStore
    from graph.tables import GraphTables
    from importers import import_all
    from importers.demo_registry import demo_registry_tables
    from importers.registry import read_registry
    from importers.registry_report import registry_match_report
    from importers.registry_template import write_registry
    from queries import run_query

    ref = import_all().tables
    rows = []
    t, tables = _time(lambda: demo_registry_tables(ref, seed=42), args.repeat)
    n = sum(len(v) for v in tables.values())
    rows.append(("generate demo registry", t, f"{n:,} registry rows"))
    work = Path(tempfile.mkdtemp())
    t, _ = _time(lambda: write_registry(tables, work / "csv"), args.repeat)
    rows.append(("write CSV files", t, ""))
    t, _ = _time(lambda: write_registry(tables, work / "demo.xlsx"), args.repeat)
    rows.append(("write XLSX workbook", t, ""))
    t, result = _time(lambda: read_registry(work / "csv", reference=ref, source_date="2025-06-01"), args.repeat)
    nodes, rels = result.tables.counts()
    rows.append(("read CSV (checks + matching)", t, f"{sum(nodes.values()):,} nodes, {sum(rels.values()):,} relationships"))
    t, _ = _time(lambda: read_registry(work / "demo.xlsx", reference=ref, source_date="2025-06-01"), args.repeat)
    rows.append(("read XLSX (checks + matching)", t, ""))
    t, report = _time(lambda: registry_match_report(work / "csv", reference=ref), args.repeat)
    rows.append(("match report", t, ", ".join(f"{k} {v}" for k, v in report["status"].value_counts().items())))
    info = falkordb_server.start(home)
    try:
        store = FalkorDBStore(info.host, info.port, graph="bench")
        store.ensure_schema()
        t, rep = _time(lambda: store.replace_graph(GraphTables.combine([ref, result.tables])), 1)
        rows.append(("write DUO + registry to FalkorDB", t, f"{rep.rows:,} rows"))
        for name, params in (("network_as_of", {"date": "2024-01-01"}),
                             ("network_changes", {"from_date": "2022-06-01", "to_date": "2023-06-01"})):
            t, res = _time(lambda: run_query(store, name, params), args.repeat)
            rows.append((f"query {name}", t, f"{len(res.rows):,} rows"))
        store.drop()
        store.close()
    finally:
        falkordb_server.stop(home)
    lines = ["# Registry benchmark", "",
             f"Command: `.venv/bin/python bench/registry_bench.py --repeat {args.repeat}` "
             f"(median of {args.repeat}; {platform.processor() or platform.machine()}, "
             f"{os.cpu_count()} cores, Python {platform.python_version()})", "",
             "| step | seconds | notes |", "|---|---:|---|"]
    lines += [f"| {a} | {b:.2f} | {c} |" for a, b, c in rows]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
