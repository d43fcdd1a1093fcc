"""The embedded FalkorDB server: started by us, shared, persistent, stopped by PID."""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest

from graph.errors import StoreError
from graph.store import falkordb_server
from graph.store.falkordb import FalkorDBStore
from graph.tables import GraphTables


def _tables(n: int) -> GraphTables:
    tables = GraphTables()
    tables.add_nodes("Board", pd.DataFrame({
        "id": [f"{i:05d}" for i in range(n)], "name": [f"Stichting {i}" for i in range(n)],
        "source": "test", "source_date": "2025-01-01"}))
    return tables


@pytest.fixture
def home(tmp_path):
    yield tmp_path
    falkordb_server.stop(tmp_path)


def test_start_binds_loopback_and_status_reports_it(home):
    info = falkordb_server.start(home)
    assert info.host == "127.0.0.1"
    assert falkordb_server.status(home) == info
    listening = open("/proc/net/tcp").read().lower()
    port_hex = f":{info.port:04X}".lower()
    lines = [line for line in listening.splitlines() if port_hex in line.split()[1]]
    assert lines and all(line.split()[1].startswith("0100007f") for line in lines)


def test_second_start_reuses_the_running_server(home):
    first = falkordb_server.start(home)
    second = falkordb_server.start(home)
    assert second.pid == first.pid and second.port == first.port


def test_another_process_shares_the_same_server(home):
    info = falkordb_server.start(home)
    code = ("from graph.store import falkordb_server as s; i = s.start(); "
            "print(i.pid, i.port)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "REGIOGRAPH_HOME": str(home)}, check=True)
    assert out.stdout.split() == [str(info.pid), str(info.port)]


def test_stale_pid_file_is_replaced(home):
    base = home / "falkordb"
    base.mkdir(parents=True)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (base / "server.pid").write_text(str(dead.pid))
    (base / "server.port").write_text("1")
    assert falkordb_server.status(home) is None
    info = falkordb_server.start(home)
    assert info.pid != dead.pid
    assert falkordb_server.status(home) == info


def test_graph_survives_a_restart(home):
    info = falkordb_server.start(home)
    store = FalkorDBStore(info.host, info.port, graph="keep")
    store.replace_graph(_tables(25))
    store.close()
    assert falkordb_server.stop(home) is True
    assert falkordb_server.status(home) is None
    info = falkordb_server.start(home)
    store = FalkorDBStore(info.host, info.port, graph="keep")
    assert store.counts()[0] == {"Board": 25}
    store.close()


def test_stop_when_not_running_says_so(home):
    assert falkordb_server.stop(home) is False


def test_unreachable_server_is_a_store_error():
    with pytest.raises(StoreError) as caught:
        FalkorDBStore("127.0.0.1", 1)
    assert "regiograph store start" in str(caught.value)
