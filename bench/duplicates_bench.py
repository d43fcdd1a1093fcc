"""Benchmark: precision and recall of duplicate-activity detection on the demo registry.

The demo registry (importers/demo_registry.py, importers/demo_activities.py) labels every
pair of activities that is the same aim in the same area, run by partnerships sharing
members or municipalities, with one ``demo_duplicate_group`` (the injected reworded
near-duplicates, the identical Zuid-Kennemerland / Haarlemmermeer applications, and any
template the generator had to reuse in one area); every other activity pair counts as a
non-duplicate.  The graph is the real DUO/CBS import + demo registry with ``--data duo``,
else the synthetic national-shaped reference + the same generator.  Each ``--seeds`` value
is a separate registry (other partnerships, members, activities and labels).  Reports per
seed: precision/recall/F1 per score threshold of :func:`graph.duplicates.find_duplicates`
and at its defaults, the recall of the graph rules alone (same function, overlapping
partnerships and periods, text ignored), the label checks (labelled pairs the rules cannot
propose, unlabelled candidate pairs with identical titles), and the time taken.  No
threshold is chosen here: the detector's defaults are reported as they are.

Run:  .venv/bin/python bench/duplicates_bench.py [--data duo|synthetic]
          [--seeds 42,7,99] [--out FILE]   (default: bench/results/duplicates_duo.md
          with duo data, bench/results/duplicates.md with synthetic)
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def measure(data: str, seed: int) -> dict:
    """Answer the measurements of one demo registry (``seed``) on ``data``."""
    from graph.duplicates import evaluate, fetch_activities, find_duplicates, labelled_pairs
    from graph.store import falkordb_server
    from graph.store.falkordb import FalkorDBStore
    from queries_bench import national_tables

    tables, described = national_tables(data, seed=seed)
    with tempfile.TemporaryDirectory() as home:
        info = falkordb_server.start(Path(home))
        try:
            store = FalkorDBStore(info.host, info.port, graph="dups")
            store.ensure_schema()
            store.replace_graph(tables)
            activities = fetch_activities(store)
            truth = labelled_pairs(activities)
            started = time.perf_counter()
            found = find_duplicates(store, min_text=0.0)
            seconds = time.perf_counter() - started
            default = find_duplicates(store)
            store.drop()
            store.close()
        finally:
            falkordb_server.stop(Path(home))
    rules = {(c.activity_a, c.activity_b) for c in found}
    same_title = {(c.activity_a, c.activity_b) for c in found
                  if (c.title_a or "").strip().lower() == (c.title_b or "").strip().lower()}
    return {"described": described, "activities": len(activities), "truth": truth,
            "groups": activities["label"].dropna().nunique(), "seconds": seconds,
            "rules": rules, "table": evaluate(found, truth, thresholds=THRESHOLDS),
            "default": evaluate(default, truth, thresholds=(0.0,)).iloc[0],
            "same_title_unlabelled": len(same_title - truth), "not_by_rule": len(truth - rules)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", choices=["synthetic", "duo"], default="duo")
    parser.add_argument("--seeds", default="42,7,99", help="demo registry seeds, comma-separated")
    parser.add_argument("--out", default=None,
                        help="default bench/results/duplicates_duo.md (duo) or duplicates.md (synthetic)")
    args = parser.parse_args()

    data = args.data
    seeds = [int(s) for s in args.seeds.split(",") if s.strip()]
    runs = {seed: measure(data, seed) for seed in seeds}
    first = runs[seeds[0]]
    lines = ["# Duplicate-activity detection: precision and recall on the demo registry", "",
             f"Command: `.venv/bin/python bench/duplicates_bench.py --data {data} --seeds {args.seeds}`",
             f"Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; Python "
             f"{platform.python_version()}", "",
             f"Graph: {first['described']}, one demo registry per seed. Ground truth: "
             "activities sharing `demo_duplicate_group` (the same aim in the same area, run by "
             "partnerships that share members or municipalities); every other pair of "
             "activities is a labelled non-duplicate. Detector defaults as shipped (min_text=0.3, "
             "weights 0.6 text + 0.2 stated-area match + 0.2 partnership overlap); no threshold "
             "was chosen on these labels.", "",
             "| seed | activities | groups | labelled pairs | labelled pairs the rules cannot propose "
             "| unlabelled candidates with identical titles | rule pairs (recall) | time |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for seed, r in runs.items():
        lines.append(f"| {seed} | {r['activities']:,} | {r['groups']} | {len(r['truth'])} | {r['not_by_rule']} "
                     f"| {r['same_title_unlabelled']} | {len(r['rules']):,} "
                     f"({len(r['rules'] & r['truth']) / max(1, len(r['truth'])):.3f}) | {r['seconds']:.2f} s |")
    lines += ["", "Defaults (min_text=0.3, any score):", "",
              "| seed | predicted | hits | precision | recall | F1 |", "|---:|---:|---:|---:|---:|---:|"]
    for seed, r in runs.items():
        d = r["default"]
        lines.append(f"| {seed} | {int(d['predicted'])} | {int(d['hits'])} | {d['precision']:.3f} | "
                     f"{d['recall']:.3f} | {d['f1']:.3f} |")
    for seed, r in runs.items():
        lines += ["", f"Per score threshold, seed {seed}:", "",
                  "| threshold | predicted | hits | precision | recall | F1 |",
                  "|---:|---:|---:|---:|---:|---:|"]
        lines += [f"| {x.threshold:.1f} | {x.predicted} | {x.hits} | {x.precision:.3f} | "
                  f"{x.recall:.3f} | {x.f1:.3f} |" for x in r["table"].itertuples()]
    out = Path(args.out or ROOT / "bench" / "results" / ("duplicates_duo.md" if data == "duo" else "duplicates.md"))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
