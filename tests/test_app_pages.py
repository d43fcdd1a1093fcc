"""Every explorer page under Streamlit's AppTest, on a real store with the hand-built graph.

Each test renders one page (no exception), checks its key elements and drives one widget.
The console tests also show the store refusing writes with the graph unchanged.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from regiograph_pages import common

from .app_graph import load_app_graph

TIMEOUT = 60


@pytest.fixture
def app_store(store):
    load_app_graph(store)
    common.use_store(lambda: store)
    yield store
    common.use_store(None)


def _script(url_path: str) -> None:
    from regiograph_pages import run_page
    run_page(url_path)


def page(url_path: str, **query: str) -> AppTest:
    at = AppTest.from_function(_script, args=(url_path,), default_timeout=TIMEOUT)
    at.query_params.update(query)
    return at.run()


def texts(at: AppTest) -> str:
    parts = [e.value for e in at.markdown] + [e.value for e in at.caption] + \
            [e.value for e in at.warning] + [e.value for e in at.info] + \
            [e.value for e in at.title] + [e.value for e in at.subheader]
    return "\n".join(str(p) for p in parts)


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def test_app_entry_point(app_store):
    at = ok(AppTest.from_file("../app.py", default_timeout=TIMEOUT).run())
    assert at.title[0].value == "regiograph — overview"
    assert "falkordb://" in " ".join(c.value for c in at.sidebar.caption) or \
        app_store.engine != "falkordb"


def test_overview(app_store):
    at = ok(page("overview"))
    assert any("Synthetic data loaded" in w.value for w in at.warning)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Board"] == "4" and metrics["Partnership"] == "3" and metrics["Source"] == "3"
    assert "**3** partnerships" in texts(at)
    assert "**0** boards sit in two or more rap partnerships" in texts(at)
    assert len(at.table) >= 3  # sectors, relationships, sources (static tables)
    assert {"schools", "boards"} <= set(at.table[0].value.columns)
    at.selectbox(key="w_kind").set_value("onderwijsregio").run()
    ok(at)
    assert "**0** boards sit in two or more onderwijsregio partnerships" in texts(at)
    assert at.query_params["kind"] == "onderwijsregio"


def test_overlaps(app_store):
    at = ok(page("overlaps"))
    assert "3 partnership pairs share at least one member" in texts(at)
    at.multiselect(key="w_kinds").set_value(["rap", "samen-opleiden"]).run()
    ok(at)
    assert "1 partnership pairs share at least one member" in texts(at)
    assert at.query_params["kinds"] == "rap,samen-opleiden"
    shared = at.dataframe[1].value
    assert set(shared["member"]) == {"Board:10001", "Board:10002"}


def test_overlaps_from_url(app_store):
    at = ok(page("overlaps", kinds="rap,onderwijsregio", min_networks="2", board_kind="rap"))
    assert at.multiselect(key="w_kinds").value == ["rap", "onderwijsregio"]
    assert "1 partnership pairs" in texts(at)


def test_cross_sector(app_store):
    at = ok(page("cross-sector"))
    assert "Sector mixing matrix" in texts(at)
    mix = at.dataframe[0].value.set_index("partnership")
    assert mix.loc["P1", "mix"] == "po+vo+mbo"
    at.selectbox(key="w_kind").set_value("rap").run()
    ok(at)
    assert list(at.dataframe[0].value["partnership"]) == ["P1"]
    assert at.query_params["kind"] == "rap"


def test_regions(app_store):
    at = ok(page("regions"))
    assert at.selectbox(key="w_scheme").value == "arbeidsmarktregio"
    assert "1 boards have schools in two or more arbeidsmarktregio regions" in texts(at)
    straddling = at.dataframe[0].value
    assert list(straddling["board"]) == ["10001"]
    at.selectbox(key="w_coverage").set_value("rap").run()
    ok(at)
    assert "covered by at least one rap partnership (2)" in texts(at)
    assert at.query_params["coverage"] == "rap"


def test_explorer(app_store):
    at = ok(page("explorer", q="Primair"))
    assert at.selectbox(key="w_node").value == 0
    assert "5 nodes, 4 relationships." in texts(at)
    assert at.query_params["node"] == "Board:10001"
    at.slider(key="w_depth").set_value(2).run()
    ok(at)
    assert "nodes" in texts(at) and at.query_params["depth"] == "2"
    at.number_input(key="w_cap").set_value(50).run()
    at.slider(key="w_depth").set_value(4).run()
    ok(at)


def test_explorer_cap_message(app_store):
    at = ok(page("explorer", q="10001", depth="3", cap="5"))
    assert any("more than 5 nodes" in w.value for w in at.warning)
    assert "5 nodes," in texts(at)
    at.number_input(key="w_cap").set_value(500).run()
    ok(at)
    assert not any("more than" in w.value for w in at.warning)


def test_metrics(app_store):
    at = ok(page("metrics"))
    assert at.selectbox(key="w_metric").value == "betweenness"
    ranked = at.dataframe[0].value
    assert list(ranked["id"])[:2] == ["10002", "10001"]
    at.selectbox(key="w_metric").set_value("degree").run()
    ok(at)
    assert at.query_params["metric"] == "degree"
    agreement = at.dataframe[1].value
    assert list(agreement["scheme"]) == ["arbeidsmarktregio"] and agreement["ari"][0] == 0.25


def test_duplicates_judge_pair(app_store):
    pytest.importorskip("graph.duplicates", reason="graph/duplicates.py (analyses) not merged yet")
    at = ok(page("duplicates"))
    pairs = at.dataframe[0].value
    assert ("A1", "A2") in set(zip(pairs["activity_a"], pairs["activity_b"])) or \
        ("A2", "A1") in set(zip(pairs["activity_a"], pairs["activity_b"]))
    assert "Why this pair:** same function: werven" in texts(at)
    at.button(key="judge_duplicate").click().run()
    ok(at)
    judged = app_store.read("MATCH (:Activity)-[j:JUDGED]->(:Activity) RETURN j.verdict").rows
    assert judged == [["duplicate"]]
    assert "1 judged (1 as duplicate)" in texts(at)


def test_data_page(app_store, tmp_path):
    at = ok(page("data"))
    sources = at.dataframe[0].value
    assert set(sources["dataset"]) == {"duo-test", "demo-registry", "regiograph-metrics"}
    assert at.get("download_button")  # the registry template
    from importers.registry_template import write_template
    files = write_template(tmp_path / "registry")  # CSV files with one example row each
    at.file_uploader(key="w_upload").set_value(
        [(f.name, f.read_bytes(), "text/csv") for f in files]).run()
    at.button(key="check").click().run()
    ok(at)
    assert any("The registry is valid" in s.value for s in at.success)
    report = at.dataframe[1].value
    assert {"partnership", "member", "status", "score"} <= set(report.columns)


def test_data_page_rejects_bad_registry(app_store, tmp_path):
    at = ok(page("data"))
    bad = b"id;name;kind\nP1;RAP X;rap\n"  # wrong delimiter, missing columns
    at.file_uploader(key="w_upload").set_value([("partnerships.csv", bad, "text/csv")]).run()
    at.button(key="check").click().run()
    assert not at.exception
    assert at.error and "partnerships.csv" in at.error[0].value


def _count(store) -> tuple[int, int]:
    return (store.read("MATCH (n) RETURN count(n)").scalar(),
            store.read("MATCH ()-[r]->() RETURN count(r)").scalar())


def test_console_cypher_runs_and_shows_graph(app_store):
    at = ok(page("console", mode="cypher",
                 cypher="MATCH (b:Board)-[r:MEMBER_OF]->(p:Partnership) RETURN b, r, p, b.name AS name"))
    at.button(key="run").click().run()
    ok(at)
    assert "7 rows" in texts(at)  # seven boards memberships (TC1 is a college)
    assert len(at.tabs) == 2  # table and graph
    at.button(key="explain").click().run()
    ok(at)
    assert at.code


def test_console_row_cap_notice(app_store):
    at = ok(page("console", mode="cypher", cap="2", cypher="MATCH (n) RETURN n.id AS id"))
    at.button(key="run").click().run()
    ok(at)
    assert any("row cap cut the answer" in w.value for w in at.warning)
    assert len(at.dataframe[0].value) == 2


WRITES = [
    "CREATE (n:Board {id: 'x'}) RETURN n",
    "MERGE (n:Board {id: '10001'}) SET n.name = 'hacked' RETURN n",
    "MATCH (n:Board {id: '10001'}) SET n.name = 'hacked'",
    "MATCH (n:Board {id: '10001'}) DETACH DELETE n",
    "MATCH (n:Board) DELETE n",
    "CALL db.idx.fulltext.createNodeIndex('Board', 'name')",
    "CREATE INDEX FOR (n:Board) ON (n.name)",
]


@pytest.mark.parametrize("cypher", WRITES)
def test_console_refuses_writes(app_store, cypher):
    before = _count(app_store)
    name_before = app_store.read("MATCH (b:Board {id: '10001'}) RETURN b.name").scalar()
    at = page("console", mode="cypher", cypher=cypher)
    at.button(key="run").click().run()
    assert not at.exception
    assert at.error, "the console must show the store's refusal"
    assert "refused" in at.error[0].value or "rejected" in at.error[0].value
    assert _count(app_store) == before
    assert app_store.read("MATCH (b:Board {id: '10001'}) RETURN b.name").scalar() == name_before
    if app_store.engine == "falkordb":
        indexes = app_store.read("CALL db.indexes() YIELD label, properties "
                                 "RETURN label, properties")
        assert all("name" not in (props or []) for _, props in indexes.rows)


def test_console_named_query(app_store):
    at = ok(page("console", query="partnership_overlap"))
    assert at.selectbox(key="w_query").value is not None
    at.button(key="run").click().run()
    ok(at)
    frame = at.dataframe[0].value
    pairs = {(a, b): s for a, b, s in zip(frame["partnership_a"], frame["partnership_b"],
                                           frame["shared"])}
    assert pairs == {("P1", "P2"): 2, ("P1", "P3"): 2, ("P2", "P3"): 1}
    at.number_input(key="w_partnership_overlap_min_shared").set_value(2).run()
    at.button(key="run").click().run()
    ok(at)
    assert len(at.dataframe[0].value) == 2
    assert at.query_params["p_min_shared"] == "2"
    csv = at.get("download_button")[0]
    assert csv is not None


def test_console_timeout(app_store):
    slow = "UNWIND range(1, 50000000) AS x WITH x WHERE x % 7 = 0 RETURN count(x) AS n"
    at = ok(page("console", mode="cypher", timeout="100", cypher=slow))
    at.button(key="run").click().run()
    assert not at.exception
    assert at.error and "timeout" in at.error[0].value.lower()


def test_console_from_url_runs_named_query(app_store):
    """A console URL with run=1 reproduces the answer without clicking."""
    at = ok(page("console", query="partnership_overlap", p_min_shared="2", run="1"))
    assert len(at.dataframe[0].value) == 2
    assert at.number_input(key="w_partnership_overlap_min_shared").value == 2


def test_data_page_imports_bundled_data(app_store):
    """The Import button runs the same pipeline as `regiograph import --all` (real data)."""
    at = ok(page("data"))
    at.checkbox(key="w_demo").uncheck().run()
    at.button(key="import").click().run(timeout=300)
    ok(at)
    assert any(s.value == "Imported." for s in at.success)
    boards = app_store.read("MATCH (b:Board) RETURN count(b)").scalar()
    assert boards > 1000  # the national DUO boards replaced the hand-built graph
    assert app_store.read("MATCH (p:Partnership) RETURN count(p)").scalar() == 0


def _long_table_script() -> None:
    import pandas as pd

    from regiograph_pages.common import table
    table(pd.DataFrame({"rank": range(250)}), "demo", what="rows")


def test_long_table_shows_first_rows_with_show_all_toggle():
    at = AppTest.from_function(_long_table_script, default_timeout=TIMEOUT).run()
    ok(at)
    assert list(at.dataframe[0].value["rank"]) == list(range(200))
    assert "Show all 250 rows" in at.checkbox(key="w_all_demo").label
    at.checkbox(key="w_all_demo").check().run()
    assert len(at.dataframe[0].value) == 250
    assert at.query_params["all_demo"] == "1"


def test_long_table_from_url_shows_all():
    at = AppTest.from_function(_long_table_script, default_timeout=TIMEOUT)
    at.query_params["all_demo"] = "1"
    ok(at.run())
    assert len(at.dataframe[0].value) == 250


def test_warm_all_fills_every_page_cache(app_store, monkeypatch):
    from regiograph_pages import PAGES, warm_all

    assert warm_all() == []
    asked = []
    read = app_store.read
    monkeypatch.setattr(app_store, "read", lambda text, *a, **k: asked.append(text) or
                        read(text, *a, **k))
    for url_path in PAGES:  # every page at its defaults, warm: only the graph token is read
        if url_path not in ("console", "data"):  # these read the store on purpose
            ok(page(url_path))
    token = ("MATCH (s:Source) RETURN collect(", "MATCH (n) RETURN count(n)",
             "MATCH ()-[r]->() RETURN count(r)",
             # asked on every run on purpose: the judgements and the compared pair's details
             "MATCH (x:Activity)-[j:JUDGED]", "MATCH (a:Activity) WHERE a.id IN $ids")
    assert asked and not [q for q in asked if not q.startswith(token)], asked


def test_warm_start_gives_up_when_no_server_answers():
    import socket
    import time

    from regiograph_pages.warm_start import warm_start
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    started = time.monotonic()
    assert warm_start(f"http://127.0.0.1:{port}", wait_s=0.5) is False
    assert time.monotonic() - started < 5
