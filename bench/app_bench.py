"""Benchmark: the explorer's page timings at national size (Streamlit AppTest, in process).

Loads a national-size graph into a private embedded FalkorDB server:

- ``--data real``: the bundled real data + the labelled demo registry through
  ``graph.load.load_graph`` (needs the DUO importers, ``importers.import_all``);
- ``--data synthetic`` (the default when the importers are not installed): a generated
  graph of the same shape - the 342 real municipalities, 1,500 boards, 9,000 schools, 200
  teacher colleges, provincie/arbeidsmarktregio/corop/onderwijsregio schemes, 235
  partnerships with ~5k memberships and coverage, 1,500 activities - with the real metrics
  (graph.metrics) written back.

Then, per page: the first run with empty caches (cold, store already up), a warm rerun and
one widget interaction, each timed; plus the largest network drawing (node cap 1,500).
Targets (issue 5): first page <= 3 s after the store is up; each warm interaction <= 500 ms.

Run:  .venv/bin/python bench/app_bench.py [--data real|synthetic] [--out bench/results/app.md]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

SEED = 7
SECTOR_SHARE = [("po", 0.62), ("so", 0.08), ("vo", 0.2), ("mbo", 0.05), ("ho", 0.05)]
KINDS = [("rap", 70), ("samen-opleiden", 75), ("onderwijsregio", 50), ("transfercentrum", 20),
         ("vervangingspool", 20)]
FUNCTIONS = ("werven", "matchen", "opleiden", "begeleiden", "professionaliseren")
TITLES = ["Zij-instromers werven", "Werving zij-instromers", "Matchen van invallers",
          "Startende leraren begeleiden", "Inductieprogramma starters", "Opleiden in de school",
          "Professionalisering van mentoren", "Regionale invalpool", "Studenten stage matchen",
          "Leiderschap professionaliseren"]


def synthetic_tables():
    """Answer GraphTables of a national-size generated graph (deterministic, seeded)."""
    from sklearn.cluster import KMeans

    from graph.regions_map import municipality_shapes
    from graph.tables import GraphTables

    rng = random.Random(SEED)
    common = {"source": "bench-synthetic", "source_date": "2025-01-01", "synthetic": True}

    def frame(rows):
        return pd.DataFrame([{**r, **common} for r in rows])

    shapes = municipality_shapes()
    codes = sorted(shapes)
    xy = [shapes[c]["centre"] for c in codes]
    t = GraphTables()
    t.add_nodes("Municipality", frame([{"id": c, "name": shapes[c]["name"], "code": c[2:]}
                                       for c in codes]))
    regions, part_of, muni_region = [], [], {}
    for scheme, n in (("provincie", 12), ("arbeidsmarktregio", 35), ("corop", 40),
                      ("onderwijsregio", 50)):
        labels = KMeans(n_clusters=n, n_init=3, random_state=SEED).fit_predict(xy)
        for i in range(n):
            regions.append({"id": f"{scheme}:R{i:02d}", "scheme": scheme, "code": f"R{i:02d}",
                            "name": f"{scheme} {i:02d}"})
        for code, label in zip(codes, labels):
            part_of.append({"start": code, "end": f"{scheme}:R{label:02d}"})
            muni_region.setdefault(scheme, {})[code] = f"{scheme}:R{label:02d}"
    t.add_nodes("Region", frame(regions))
    t.add_relationships("PART_OF", "Municipality", "Region", frame(part_of))
    near = {c: sorted(codes, key=lambda d: (shapes[d]["centre"][0] - shapes[c]["centre"][0]) ** 2
                      + (shapes[d]["centre"][1] - shapes[c]["centre"][1]) ** 2)[:4] for c in codes}
    boards, schools, governs, located = [], [], [], []
    board_home = {}
    for i in range(1500):
        sector = rng.choices([s for s, _ in SECTOR_SHARE], [w for _, w in SECTOR_SHARE])[0]
        bid = f"{40000 + i:05d}"
        home = rng.choice(codes)
        board_home[bid] = (home, sector)
        boards.append({"id": bid, "name": f"Stichting {sector.upper()} {shapes[home]['name']} {i}",
                       "sectors": [sector]})
    board_ids = list(board_home)
    for i in range(9000):
        bid = rng.choice(board_ids)
        home, sector = board_home[bid]
        muni = home if rng.random() < 0.8 else rng.choice(near[home])
        sid = f"S{i:05d}"
        schools.append({"id": sid, "name": f"School {i} {shapes[muni]['name']}", "sector": sector,
                        "municipality_code": muni, "pupils": rng.randint(40, 1200)})
        governs.append({"start": bid, "end": sid})
        located.append({"start": sid, "end": muni})
    t.add_nodes("Board", frame(boards))
    t.add_nodes("School", frame(schools))
    t.add_relationships("GOVERNS", "Board", "School", frame(governs))
    t.add_relationships("LOCATED_IN", "School", "Municipality", frame(located))
    ho_boards = [b for b, (_, s) in board_home.items() if s == "ho"]
    colleges, offered_by, offered_in = [], [], []
    for i in range(200):
        bid = rng.choice(ho_boards)
        cid = f"TC{i:03d}"
        colleges.append({"id": cid, "name": f"Lerarenopleiding {i}", "programme": "pabo"})
        offered_by.append({"start": cid, "end": bid})
        offered_in.append({"start": cid, "end": board_home[bid][0]})
    t.add_nodes("TeacherCollege", frame(colleges))
    t.add_relationships("OFFERED_BY", "TeacherCollege", "Board", frame(offered_by))
    t.add_relationships("OFFERED_IN", "TeacherCollege", "Municipality", frame(offered_in))
    by_region: dict[str, list[str]] = {}
    for bid, (home, _) in board_home.items():
        by_region.setdefault(muni_region["arbeidsmarktregio"][home], []).append(bid)
    region_ids = sorted(by_region)
    partnerships, members, covers, activities, runs = [], [], [], [], []
    n = 0
    for kind, count in KINDS:
        for j in range(count):
            pid = f"P{n:03d}"
            n += 1
            region = region_ids[(j + n) % len(region_ids)]
            partnerships.append({"id": pid, "name": f"{kind} {j:02d}", "kind": kind})
            pool = by_region[region] + rng.sample(board_ids, 3)
            chosen = rng.sample(pool, min(len(pool), rng.randint(12, 30)))
            for k, bid in enumerate(chosen):
                members.append({"start": bid, "end": pid, "role": "penvoerder" if k == 0 else
                                "partner"})
            covers.append({"start": pid, "end": region})
            for a in range(rng.randint(4, 9)):
                aid = f"{pid}-A{a}"
                activities.append({"id": aid, "title": rng.choice(TITLES),
                                   "function": rng.choice(FUNCTIONS),
                                   "description": "Activiteit in de regio voor leraren",
                                   "start": "2024-01-01", "end": "2025-12-31"})
                runs.append({"start": pid, "end": aid})
    college_members = [{"start": f"TC{i:03d}", "end": f"P{70 + i % 75:03d}", "role": "opleiding"}
                       for i in range(200)]
    t.add_nodes("Partnership", frame(partnerships))
    t.add_nodes("Activity", frame(activities))
    t.add_relationships("MEMBER_OF", "Board", "Partnership", frame(members))
    t.add_relationships("MEMBER_OF", "TeacherCollege", "Partnership", frame(college_members))
    t.add_relationships("COVERS", "Partnership", "Region", frame(covers))
    t.add_relationships("RUNS", "Partnership", "Activity", frame(runs))
    t.add_nodes("Source", frame([{"id": "bench-synthetic", "title": "Synthetic national-size graph",
                                  "date": "2025-01-01", "publisher": "regiograph bench"}]))
    return t


def load(store, data: str) -> str:
    """Load the benchmark graph; answer a one-line description of it."""
    if data == "real":
        from graph.load import load_graph
        report = load_graph(store, demo_registry=True)
        return "bundled real data + demo registry: " + report.summary().splitlines()[1]
    from graph import metrics
    store.replace_graph(synthetic_tables())
    report = metrics.compute_metrics(store, seed=42)
    metrics.write_metrics(store, report)
    nodes, rels = store.counts()
    return (f"synthetic national-size graph: {sum(nodes.values()):,} nodes, "
            f"{sum(rels.values()):,} relationships ({', '.join(f'{k} {v:,}' for k, v in nodes.items())})")


def _script(url_path: str) -> None:
    from regiograph_pages import run_page
    run_page(url_path)


#: page -> (URL query, interaction: (widget kind, key, value))
SCENARIOS = {
    "overview": ({}, ("selectbox", "w_kind", "samen-opleiden")),
    "overlaps": ({}, ("multiselect", "w_kinds", ["rap", "samen-opleiden"])),
    "duplicates": ({}, ("slider", "w_min_text", 0.5)),
    "cross-sector": ({}, ("selectbox", "w_kind", "rap")),
    "regions": ({}, ("selectbox", "w_scheme", "corop")),
    "explorer": ({"q": "", "depth": "1"}, ("slider", "w_depth", 2)),
    "metrics": ({}, ("selectbox", "w_metric", "degree")),
    "console": ({"query": "partnership_overlap", "run": "1"}, ("number_input", "w_cap", 50)),
    "data": ({}, ("checkbox", "w_demo", False)),
}


def _interact(at, kind: str, key: str, value):
    widget = getattr(at, kind)(key=key)
    return widget.set_value(value)


def time_pages(store, busiest_board: str) -> list[dict]:
    from streamlit.testing.v1 import AppTest

    from regiograph_pages import common
    rows = []
    for path, (query, action) in SCENARIOS.items():
        common.use_store(lambda: store)  # empty caches: the first run is cold
        if path == "explorer":
            query = {**query, "q": busiest_board}  # the board in most partnerships, by its code
        at = AppTest.from_function(_script, args=(path,), default_timeout=120)
        at.query_params.update(query)
        started = time.perf_counter()
        at.run()
        cold = time.perf_counter() - started
        problems = [e.value for e in at.exception] + [e.value for e in at.error]
        started = time.perf_counter()
        at.run()
        warm = time.perf_counter() - started
        interaction = float("nan")
        if action is not None:
            _interact(at, *action)
            started = time.perf_counter()
            at.run()
            interaction = time.perf_counter() - started
            problems += [e.value for e in at.exception] + [e.value for e in at.error]
        rows.append({"page": path, "cold_s": cold, "warm_s": warm,
                     "interaction": f"{action[1]} -> {action[2]}" if action else "-",
                     "interaction_s": interaction, "problems": "; ".join(map(str, problems))[:120]})
        print(f"{path:13s} cold {cold:6.3f} s  warm {warm:6.3f} s  interaction {interaction:6.3f} s"
              + (f"  PROBLEMS: {rows[-1]['problems']}" if problems else ""), flush=True)
    return rows


def time_big_drawing(store) -> dict:
    """Time the neighbourhood + pyvis drawing of a big hub at the default node cap."""
    from graph import neighbourhood, network_view
    region = store.read("MATCH (r:Region {scheme: 'provincie'})<-[:PART_OF]-(m) "
                        "RETURN r.id AS id, count(m) AS n ORDER BY n DESC LIMIT 1").rows[0][0]
    started = time.perf_counter()
    sub = neighbourhood.neighbourhood(store, "Region", region, depth=3, cap=1500)
    fetch = time.perf_counter() - started
    started = time.perf_counter()
    page = network_view.network_html(sub, colour_by="sector", size_by="betweenness")
    draw = time.perf_counter() - started
    return {"root": region, "nodes": len(sub), "edges": len(sub.edges), "capped": sub.capped,
            "fetch_s": fetch, "html_s": draw, "html_kb": len(page) / 1024}


_TITLES = {"overview": "Key findings", "overlaps": "Partnership overlaps",
           "duplicates": "Duplicate activities", "cross-sector": "Cross-sector links",
           "regions": "Regions and boundaries", "explorer": "Network explorer",
           "metrics": "Network metrics", "console": "Cypher console", "data": "Data and provenance"}
_MENU = {"overlaps": "Overlaps", "duplicates": "Duplicates", "cross-sector": "Cross-sector",
         "regions": "Regions", "explorer": "Network explorer", "metrics": "Metrics",
         "console": "Cypher console", "data": "Data", "overview": "Overview"}
_OBSERVE = """() => {
    window.__lastMutation = performance.now();
    window.__lastVisible = window.__lastMutation;
    if (!window.__observer) {
        // a canvas's children are its fallback content (the data grid keeps its
        // accessibility table there); they are never drawn, so they are no visible change
        const hidden = (r) => {
            const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
            if (!el) return false;
            if (el.tagName === 'CANVAS') return r.type === 'childList';
            return !!el.closest('canvas');
        };
        window.__observer = new MutationObserver((records) => {
            const now = performance.now();
            window.__lastMutation = now;
            if (records.some((r) => !hidden(r))) window.__lastVisible = now;
        });
        window.__observer.observe(document.body, {subtree: true, childList: true, attributes: true,
                                                  characterData: true});
    }
    return performance.now();
}"""
_QUIET_MS = 1000
#: warm visits of every page after the first one (the median is reported)
WARM_ROUNDS = 3


def _settled(page, started_ms: float) -> tuple[float, float]:
    """Wait until the page has not changed for a second; answer seconds from start to the
    last change and to the last visible change (so the quiet second itself is not counted)."""
    page.wait_for_function(
        f"() => performance.now() - window.__lastMutation > {_QUIET_MS} && "
        "document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0",
        timeout=120_000, polling=100)
    last, visible = page.evaluate("() => [window.__lastMutation, window.__lastVisible]")
    return (last - started_ms) / 1000, (visible - started_ms) / 1000


def _first_page(page, url: str) -> tuple[float, float]:
    """Open ``url`` and answer seconds from the navigation start to its last (visible) change."""
    page.goto(url, wait_until="commit")
    page.wait_for_load_state("domcontentloaded")
    page.evaluate(_OBSERVE)
    page.get_by_text(_TITLES["overview"]).first.wait_for(timeout=60_000)
    return _settled(page, 0.0)


def time_browser(home: str, graph: str) -> dict:
    """Time the app in Debian's chromium: first page on a fresh `regiograph serve`, then a
    click on each page in the menu (the first visit, then WARM_ROUNDS warm visits), then the
    first page again in a new browser context (empty browser cache) on the running server."""
    import signal
    import socket
    import statistics
    import subprocess
    import urllib.request

    from playwright.sync_api import sync_playwright
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = dict(os.environ, REGIOGRAPH_HOME=home, REGIOGRAPH_GRAPH=graph)
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", "import sys, cli; sys.exit(cli.main(sys.argv[1:]))",
                             "serve", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    out: dict = {"pages": []}
    url = f"http://127.0.0.1:{port}/"
    try:
        while True:
            try:
                urllib.request.urlopen(f"{url}_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        out["up_s"] = time.perf_counter() - started
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            out["first"] = _first_page(page, url)
            visits: dict[str, list[tuple[float, float]]] = {path: [] for path in _MENU}
            for _ in range(1 + WARM_ROUNDS):
                for path, label in _MENU.items():
                    started_ms = page.evaluate(_OBSERVE)
                    page.get_by_test_id("stSidebarNav").get_by_text(label, exact=True).click()
                    page.get_by_text(_TITLES[path]).first.wait_for(timeout=60_000)
                    visits[path].append(_settled(page, started_ms))
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            out["first_running"] = _first_page(context.new_page(), url)
            browser.close()
        for path, times in visits.items():
            warm = times[1:]
            out["pages"].append({
                "page": path, "first": times[0],
                "warm": statistics.median(t[0] for t in warm),
                "warm_visible": statistics.median(t[1] for t in warm),
                "warm_max_visible": max(t[1] for t in warm)})
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    print(f"first page on a fresh server: {out['first'][0]:.3f} s (visible {out['first'][1]:.3f} s); "
          f"in a new browser on the running server: {out['first_running'][0]:.3f} s "
          f"(visible {out['first_running'][1]:.3f} s)", flush=True)
    for row in out["pages"]:
        print(f"{row['page']:13s} first visit {row['first'][0]:.3f} s  warm median "
              f"{row['warm']:.3f} s  visible {row['warm_visible']:.3f} s "
              f"(max {row['warm_max_visible']:.3f} s)", flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", choices=["real", "synthetic", "auto"], default="auto")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "app.md"))
    parser.add_argument("--no-browser", action="store_true",
                        help="skip the timings in chromium (needs /usr/bin/chromium)")
    args = parser.parse_args()
    data = args.data
    if data == "auto":
        try:
            from importers import import_all  # noqa: F401
            data = "real"
        except ImportError:
            data = "synthetic"
    from graph.store import falkordb_server
    from graph.store.falkordb import FalkorDBStore
    with tempfile.TemporaryDirectory() as home:
        os.environ["REGIOGRAPH_HOME"] = home
        info = falkordb_server.start(Path(home))
        try:
            store = FalkorDBStore(info.host, info.port, graph="app_bench")
            store.ensure_schema()
            started = time.perf_counter()
            described = load(store, data)
            load_s = time.perf_counter() - started
            print(described, f"(loaded in {load_s:.1f} s)", flush=True)
            name = store.read("MATCH (b:Board)-[:MEMBER_OF]->(p:Partnership) "
                              "RETURN b.id AS id, count(p) AS n ORDER BY n DESC, id LIMIT 1").rows[0][0]
            rows = time_pages(store, name)
            big = time_big_drawing(store)
            print(big, flush=True)
            store.close()
            browser = {}
            if os.path.exists("/usr/bin/chromium") and not args.no_browser:
                browser = time_browser(home, "app_bench")
        finally:
            falkordb_server.stop(Path(home))
    _write(Path(args.out), data, described, rows, big, browser)


def _write(out: Path, data: str, described: str, rows: list[dict], big: dict,
           browser: dict) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    cold_max = max(r["cold_s"] for r in rows)
    warm = [r["interaction_s"] for r in rows if r["interaction_s"] == r["interaction_s"]]
    lines = [
        "# Explorer page timings at national size",
        "",
        f"Command: `.venv/bin/python bench/app_bench.py --data {data}`  ",
        f"Machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"load average (1 min) at the end of the run {os.getloadavg()[0]:.1f} (other processes "
        "share the cores: timings vary by +-30% between runs)  ",
        f"Graph: {described}",
        "",
        "Measured with Streamlit's AppTest in process (server-side script time; the browser's "
        "drawing time is not included). *cold* = first run of the page with empty caches (store "
        "already up), *warm* = rerun, *interaction* = one widget change then rerun.",
        "",
        "| page | cold (s) | warm (s) | interaction | interaction (s) | problems |",
        "|---|---:|---:|---|---:|---|",
    ]
    for r in rows:
        lines.append(f"| {r['page']} | {r['cold_s']:.3f} | {r['warm_s']:.3f} | {r['interaction']} | "
                     f"{r['interaction_s']:.3f} | {r['problems'] or '-'} |")
    lines += [
        "",
        f"Slowest cold page: {cold_max:.2f} s (target <= 3 s: {'met' if cold_max <= 3 else 'NOT met'}). "
        f"Slowest interaction: {max(warm):.3f} s (target <= 0.5 s: "
        f"{'met' if max(warm) <= 0.5 else 'NOT met'}).",
        "",
        f"Largest drawing: neighbourhood of {big['root']} at depth 3 with the default node cap 1,500: "
        f"{big['nodes']:,} nodes, {big['edges']:,} relationships, capped={big['capped']}; fetch "
        f"{big['fetch_s']:.3f} s, pyvis HTML {big['html_s']:.3f} s ({big['html_kb']:.0f} KB, vis.js "
        "inlined). Physics stabilisation is bounded at 200 iterations and switched off afterwards.",
        "",
    ]
    if browser:
        first, first_visible = browser["first"]
        running, running_visible = browser["first_running"]
        lines += [
            "## In the browser (Debian chromium, headless, driven by Playwright)",
            "",
            f"`regiograph serve` started fresh on the loaded graph (server up in {browser['up_s']:.1f} s). "
            "Time from the navigation start (first page) or the menu click to the last change of the "
            "page (a MutationObserver; the page then stays unchanged for 1 s), so it includes the "
            "websocket round trip and the drawing. *visible* ignores changes inside a `<canvas>` "
            "(the data grid rewrites its accessibility table, which is never drawn, ~0.3 s after "
            "it has painted). Each page is visited once (*first visit*: the server cache may "
            "still be cold, the browser loads the page's JavaScript chunks, e.g. plotly's 4.7 MB) "
            f"and then {WARM_ROUNDS} more times (*warm*: the median).",
            "",
            "| step | to last change (s) | to last visible change (s) |",
            "|---|---:|---:|",
            f"| first page (overview), browser opened as soon as the server answered | {first:.3f} | "
            f"{first_visible:.3f} |",
            f"| first page (overview) in a new browser (empty cache), server running | {running:.3f} | "
            f"{running_visible:.3f} |",
            "",
            "| page | first visit (s) | first visit, visible (s) | warm median (s) | "
            "warm median, visible (s) | warm max, visible (s) |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for r in browser["pages"]:
            lines.append(f"| {r['page']} | {r['first'][0]:.3f} | {r['first'][1]:.3f} | "
                         f"{r['warm']:.3f} | {r['warm_visible']:.3f} | {r['warm_max_visible']:.3f} |")
        slow = [r["page"] for r in browser["pages"] if r["warm_visible"] > 0.5]
        slow_any = [r["page"] for r in browser["pages"] if r["warm"] > 0.5]
        lines += [
            "",
            f"First page in the browser: {first_visible:.2f} s on a fresh server, "
            f"{running_visible:.2f} s in a new browser on a running server (target <= 3 s: "
            f"{'met' if max(first_visible, running_visible) <= 3 else 'NOT met'}; includes "
            "loading Streamlit's own JavaScript). Warm page switches (median, visible): "
            f"{min(r['warm_visible'] for r in browser['pages']):.2f}-"
            f"{max(r['warm_visible'] for r in browser['pages']):.2f} s; above 0.5 s: "
            f"{', '.join(slow) if slow else 'none'} (target <= 0.5 s: {'NOT met' if slow else 'met'}). "
            "Counting the data grid's invisible update too: "
            f"{min(r['warm'] for r in browser['pages']):.2f}-{max(r['warm'] for r in browser['pages']):.2f} s; "
            f"above 0.5 s: {', '.join(slow_any) if slow_any else 'none'}.",
            ""]
    out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
