"""Benchmark: parsing the whole bundled national data (``importers.import_all``), no store.

Measures
- cold: a fresh Python process that imports the package and runs ``import_all()`` once
  (what ``regiograph import --all`` pays before it writes), wall time incl. interpreter and
  pandas start-up, and separately the ``import_all()`` call inside that process;
- warm: ``import_all()`` repeated in one process (median and max of ``--repeat`` runs).

Target (issue 2): parsing well under 10 s; aim < 4 s.

Run:  .venv/bin/python bench/parse_bench.py [--repeat 5] [--out bench/results/parse.md]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_CHILD = """
import time
started = time.perf_counter()
from importers import import_all
imported = time.perf_counter()
result = import_all()
done = time.perf_counter()
print(f"{imported - started:.3f} {done - imported:.3f}")
"""


def _cold() -> tuple[float, float, float]:
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _CHILD], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.split()
    return time.perf_counter() - started, float(out[0]), float(out[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()

    load_before = os.getloadavg()[0]
    cold_wall, cold_imports, cold_parse = _cold()
    from importers import default_data_dir, import_all
    warm, cpu = [], []
    for _ in range(args.repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = import_all()
        warm.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    nodes, rels = result.tables.counts()
    size = sum(p.stat().st_size for p in default_data_dir().rglob("*") if p.is_file())
    lines = [
        "# Parse benchmark: `import_all()` on the bundled national data",
        "",
        f"Command: `.venv/bin/python bench/parse_bench.py --repeat {args.repeat}"
        + (f" --out {args.out}`" if args.out else "`"),
        "",
        f"Machine: {platform.platform()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs. Data folder: {size / 1e6:.1f} MB (all bundled files).",
        f"1-minute load average before/after the run: {load_before:.1f} / {os.getloadavg()[0]:.1f} "
        "(other processes share the machine; a load above the CPU count slows every number).",
        "",
        "| measurement | seconds |",
        "|---|---|",
        f"| cold process, wall (interpreter + imports + parse) | {cold_wall:.2f} |",
        f"| cold process, package imports (pandas, rapidfuzz, ...) | {cold_imports:.2f} |",
        f"| cold process, `import_all()` | {cold_parse:.2f} |",
        f"| warm `import_all()`, median of {args.repeat} | {statistics.median(warm):.2f} |",
        f"| warm `import_all()`, min of {args.repeat} | {min(warm):.2f} |",
        f"| warm `import_all()`, max of {args.repeat} | {max(warm):.2f} |",
        f"| warm `import_all()`, CPU time (process), median of {args.repeat} | {statistics.median(cpu):.2f} |",
        "",
        "Target: well under 10 s, aim < 4 s (issue 2).",
        "",
        "Rows produced: " + ", ".join(f"{k} {v:,}" for k, v in nodes.items()) + "; "
        + ", ".join(f"{k} {v:,}" for k, v in rels.items()) + ".",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
