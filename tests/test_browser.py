"""The explorer in a real headless browser: Debian's chromium driven by Playwright.

Starts ``regiograph serve`` on a free loopback port against a FalkorDB graph loaded with the
hand-built test graph, visits every page, runs a named query in the console and checks its
rows, and saves a screenshot of each page to tests/_artifacts/.  Skipped only when
/usr/bin/chromium is missing (install it with ``apt-get install -y chromium``).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from .app_graph import load_app_graph

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "_artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM),
                       reason=f"{CHROMIUM} is missing: run `apt-get install -y chromium`"),
]

#: url path -> text that must appear on the page
PAGES = {
    "overview": "regiograph — overview",
    "overlaps": "Partnership overlaps",
    "duplicates": "Duplicate activities",
    "cross-sector": "Cross-sector links",
    "regions": "Regions and boundaries",
    "explorer": "Network explorer",
    "metrics": "Network metrics",
    "console": "Cypher console",
    "data": "Data and provenance",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served_app(falkordb_server_info):
    """``regiograph serve`` on a free port, on a graph holding the hand-built test graph."""
    from graph.store.falkordb import FalkorDBStore
    graph = f"browser_{uuid.uuid4().hex[:8]}"
    store = FalkorDBStore(falkordb_server_info.host, falkordb_server_info.port, graph=graph)
    store.ensure_schema()
    load_app_graph(store)
    port = _free_port()
    env = dict(os.environ, REGIOGRAPH_GRAPH=graph, REGIOGRAPH_STORE="falkordb",
               STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = open(ARTIFACTS / "serve.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-c", "import sys, cli; sys.exit(cli.main(sys.argv[1:]))",
         "serve", "--port", str(port)], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True)  # its own process group: `serve` starts streamlit as a child
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"regiograph serve did not come up; see {log.name}")
            time.sleep(0.3)
        yield url
    finally:
        _stop_group(proc)
        log.close()
        store.drop()
        store.close()


def _stop_group(proc: subprocess.Popen) -> None:
    """Stop `serve` and the streamlit it started (their own process group), by its id."""
    import signal
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(10)
    except subprocess.TimeoutExpired:
        pass
    except ProcessLookupError:
        return
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # streamlit may linger; nothing else is in the group
    except ProcessLookupError:
        pass
    proc.wait(10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def _open(browser, url: str):
    page = browser.new_page(viewport={"width": 1400, "height": 1700})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url, wait_until="domcontentloaded")
    return page, errors


def _settle(page, text: str) -> None:
    page.get_by_text(text, exact=False).first.wait_for(timeout=30_000)
    # wait until Streamlit has finished running the script
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " || !document.querySelector('[data-testid=\"stStatusWidget\"]').innerText.includes('Running')",
        timeout=30_000)
    # and until lazily loaded elements (tables, charts) have replaced their placeholders
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0",
        timeout=30_000)
    page.wait_for_timeout(1000)


def _no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, \
        page.locator('[data-testid="stException"]').first.inner_text()


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page(served_app, browser, path):
    # the default page (overview) is served at the root
    page, errors = _open(browser, f"{served_app}/{'' if path == 'overview' else path}")
    try:
        _settle(page, PAGES[path])
        _no_exception(page)
        assert page.get_by_text("Page not found").count() == 0
        if path != "data":
            assert page.get_by_text("Synthetic data loaded").count() >= 1
        if path == "regions":
            page.locator(".js-plotly-plot").first.wait_for(timeout=20_000)
        page.screenshot(path=str(ARTIFACTS / f"{path}.png"), full_page=True)
        assert not errors, errors
    finally:
        page.close()


def test_explorer_draws_network(served_app, browser):
    page, errors = _open(browser, f"{served_app}/explorer?q=Primair&depth=1")
    try:
        _settle(page, "5 nodes, 4 relationships.")
        frame = page.frame_locator("iframe").first
        canvas = frame.locator("canvas").first
        canvas.wait_for(timeout=20_000)
        page.wait_for_timeout(2500)  # physics stabilisation is bounded (200 iterations)
        # click the start node (a star in the middle of the fitted drawing): its details show
        details = frame.locator("#regiograph-details")
        box = canvas.bounding_box()
        found = False
        for dx, dy in [(0, 0)] + [(x, y) for x in range(-60, 61, 20) for y in range(-60, 61, 20)]:
            canvas.click(position={"x": box["width"] / 2 + dx, "y": box["height"] / 2 + dy})
            if "Board: Stichting Primair Haarlem-Amsterdam" in details.inner_text():
                found = True
                break
            if details.inner_text().startswith(("Board:", "School:", "Partnership:")):
                found = True  # another node of the neighbourhood: details shown as well
                break
        assert found, details.inner_text()
        page.screenshot(path=str(ARTIFACTS / "explorer-network.png"), full_page=True)
        assert not errors, errors
    finally:
        page.close()


def test_console_runs_named_query(served_app, browser):
    page, errors = _open(browser, f"{served_app}/console?query=partnership_overlap")
    try:
        _settle(page, "Which pairs of partnerships share members")
        page.get_by_role("button", name="Run").click()
        _settle(page, "3 rows in")
        _no_exception(page)
        grid = page.locator('[data-testid="stDataFrame"]').first
        grid.wait_for(timeout=20_000)
        page.screenshot(path=str(ARTIFACTS / "console-named-query.png"), full_page=True)
        assert "run=1" in page.url and "query=partnership_overlap" in page.url
        # the result table is a canvas grid: check its rows through the CSV download
        with page.expect_download() as info:
            page.get_by_role("button", name="Download CSV").click()
        text = Path(info.value.path()).read_text(encoding="utf-8")
        lines = text.strip().splitlines()
        assert lines[0].startswith("partnership_a,name_a,kind_a,partnership_b")
        assert len(lines) == 4
        assert any(line.startswith("P1,RAP Zuid-Kennemerland,rap,P2,") for line in lines)
        assert not errors, errors
    finally:
        page.close()


def test_console_refuses_write_in_browser(served_app, browser):
    page, _ = _open(browser, f"{served_app}/console?mode=cypher&cypher=CREATE%20(n:Board%20%7Bid:'x'%7D)")
    try:
        _settle(page, "Cypher console")
        page.get_by_role("button", name="Run").click()
        page.get_by_text("refused a write").first.wait_for(timeout=20_000)
        page.screenshot(path=str(ARTIFACTS / "console-refused.png"), full_page=True)
    finally:
        page.close()


def test_console_csv_neutralises_formulas(served_app, browser):
    cypher = "RETURN '=HYPERLINK(\"http://x\")' AS a, '+1' AS b, '-2' AS c, '@SUM(A1)' AS d, 'ok' AS e"
    from urllib.parse import quote
    page, errors = _open(browser, f"{served_app}/console?mode=cypher&cypher={quote(cypher)}&run=1")
    try:
        _settle(page, "1 rows in")
        with page.expect_download() as info:
            page.get_by_role("button", name="Download CSV").click()
        lines = Path(info.value.path()).read_text(encoding="utf-8").strip().splitlines()
        assert lines[0] == "a,b,c,d,e"
        assert lines[1] == "\"'=HYPERLINK(\"\"http://x\"\")\",'+1,'-2,'@SUM(A1),ok"
        assert not errors, errors
    finally:
        page.close()
