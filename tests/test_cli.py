"""The CLI: documented, helpful, and errors without tracebacks."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

import cli

ROOT = Path(__file__).resolve().parent.parent


def _command_paths(group: click.Group, prefix: str = "regiograph") -> list[str]:
    paths = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        paths.append(path)
        if isinstance(command, click.Group):
            paths.extend(_command_paths(command, path))
    return paths


def test_every_cli_command_is_documented():
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    headings = set(re.findall(r"^### (regiograph[\w -]*)$", text, flags=re.M))
    missing = [p for p in _command_paths(cli.cli) if p not in headings]
    assert not missing, f"undocumented in docs/cli.md: {missing}"


@pytest.mark.parametrize("path", _command_paths(cli.cli))
def test_every_command_has_help(path):
    args = path.split()[1:] + ["--help"]
    out = subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], capture_output=True,
                         text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "Usage:" in out.stdout


def test_bad_param_is_one_clear_message(regiograph_home, falkordb_server_info):
    out = subprocess.run([sys.executable, str(ROOT / "cli.py"), "query", "RETURN 1",
                          "--param", "novalue"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert "name=value" in out.stderr and "novalue" in out.stderr


def test_write_through_query_is_refused(regiograph_home, falkordb_server_info):
    out = subprocess.run([sys.executable, str(ROOT / "cli.py"), "query",
                          "CREATE (:Board {id: 'x'})"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 2
    assert "refused a write" in out.stderr and "Traceback" not in out.stderr


def test_bad_file_exits_2_with_file_line_column_and_fix(regiograph_home, falkordb_server_info,
                                                        tmp_path):
    from tests.test_load import PO_FILE, _copy_data, _duplicate_key
    data = _copy_data(tmp_path)
    _duplicate_key(data)  # the same vestigingscode on lines 11 and 12
    po = data / PO_FILE
    out = subprocess.run([sys.executable, str(ROOT / "cli.py"), "import", "--all", "--no-metrics",
                          "--data-dir", str(data)], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert po.name in out.stderr and "line 12" in out.stderr
    assert "VESTIGINGSCODE" in out.stderr and "fix:" in out.stderr


def test_stats_never_shows_neo4j_credentials(monkeypatch):
    secret = "s3cret-Passw0rd"
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    monkeypatch.setenv("NEO4J_USERNAME", "neo4j")
    monkeypatch.setenv("NEO4J_PASSWORD", secret)
    out = subprocess.run([sys.executable, str(ROOT / "cli.py"), "stats"], capture_output=True,
                         text=True, cwd=ROOT)
    assert out.returncode == 2, out.stderr
    assert secret not in out.stdout + out.stderr
    assert "127.0.0.1" in out.stderr and "Traceback" not in out.stderr
