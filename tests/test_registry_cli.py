"""The registry commands: template, demo, match-report; errors without a traceback."""

from __future__ import annotations

import json

import pytest

import cli
from importers.registry_reference import DEFAULT_RAW_DIR
from importers.registry_schema import read_registry_tables
from importers.registry_template import write_registry

from .registry_fixtures import registry_tables

needs_raw = pytest.mark.skipif(not DEFAULT_RAW_DIR.exists(),
                               reason=f"raw DUO files not at {DEFAULT_RAW_DIR} (set REGIOGRAPH_RAW_DIR)")


def test_template_command(tmp_path, capsys):
    assert cli.main(["registry", "template", str(tmp_path / "t.xlsx")]) == 0
    assert "wrote" in capsys.readouterr().out
    assert "memberships" in read_registry_tables(tmp_path / "t.xlsx").tables


@needs_raw
def test_match_report_command(tmp_path, capsys):
    write_registry(registry_tables(), tmp_path / "reg")
    assert cli.main(["registry", "match-report", str(tmp_path / "reg"), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    status = {r["member"]: r["status"] for r in report["rows"]}
    assert status["Stichting Pallas"] == "matched" and status["Stichting Prisma"] == "pinned"
    assert status["Kinderopvang De Egel"] == "unmatched" and status["41246"] == "code"


def test_bad_registry_exits_2_with_message(tmp_path, capsys):
    tables = registry_tables()
    tables["partnerships"].loc[0, "kind"] = "netwerk"
    write_registry(tables, tmp_path / "reg")
    assert cli.main(["registry", "match-report", str(tmp_path / "reg")]) == 2
    err = capsys.readouterr().err
    assert "partnerships.csv, line 2, column 'kind'" in err and "netwerk" in err and "fix:" in err
    assert "Traceback" not in err


@needs_raw
def test_demo_command(tmp_path, capsys):
    assert cli.main(["registry", "demo", str(tmp_path / "demo"), "--seed", "3"]) == 0
    assert "SYNTHETIC" in capsys.readouterr().out
    tables = read_registry_tables(tmp_path / "demo")
    assert len(tables.table("partnerships")) > 200
