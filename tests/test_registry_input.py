"""Every bad-input case of the registry: a clear InputError naming file/sheet, line, column,
value and fix, raised by the reader before anything could reach a store."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from graph.errors import InputError
from importers.registry import read_registry
from importers.registry_schema import read_registry_tables
from importers.registry_template import write_registry, write_template

from .registry_fixtures import reference, registry_tables


def _csv(tmp_path, change=None):
    tables = registry_tables()
    if change:
        change(tables)
    folder = tmp_path / "reg"
    write_registry(tables, folder)
    return folder


def _err(path, **kw) -> InputError:
    with pytest.raises(InputError) as info:
        read_registry(path, reference=reference(), source_date="2025-01-01", **kw)
    return info.value


def _set(table, row, column, value):
    def change(t):
        t[table].loc[row, column] = value
    return change


def test_good_registry_reads(tmp_path):
    result = read_registry(_csv(tmp_path), reference=reference(), source_date="2025-01-01")
    nodes, rels = result.tables.counts()
    assert nodes["Partnership"] == 3 and rels["MEMBER_OF"] == 8


@pytest.mark.parametrize("table,row,column,value,line,fix", [
    ("partnerships", 1, "kind", "rap-regio", 3, "use one of"),
    ("memberships", 0, "role", "voorzitter", 2, "penvoerder"),
    ("activities", 1, "function", "werving", 3, "werven"),
    ("memberships", 0, "valid_from", "01-01-2020", 2, "YYYY-MM-DD"),
    ("memberships", 0, "pin", "bestuur 41246", 2, "board:41246"),
])
def test_value_not_allowed(tmp_path, table, row, column, value, line, fix):
    err = _err(_csv(tmp_path, _set(table, row, column, value)))
    assert err.file.endswith(f"{table}.csv") and err.line == line and err.column == column
    assert err.value == value and fix in err.fix


def test_reversed_dates(tmp_path):
    err = _err(_csv(tmp_path, _set("memberships", 0, "valid_to", "2019-12-31")))
    assert (err.line, err.column, err.value) == (2, "valid_to", "2019-12-31")
    assert "before valid_from" in err.message and "swap" in err.fix
    err = _err(_csv(tmp_path, _set("activities", 0, "end", "2020-01-01")))
    assert (err.line, err.column) == (2, "end")


def test_impossible_date(tmp_path):
    err = _err(_csv(tmp_path, _set("memberships", 1, "valid_from", "2023-02-30")))
    assert (err.line, err.column, err.value) == (3, "valid_from", "2023-02-30")


def test_duplicate_ids(tmp_path):
    err = _err(_csv(tmp_path, _set("partnerships", 2, "id", "rap-a")))
    assert err.file.endswith("partnerships.csv") and (err.line, err.column, err.value) == (4, "id", "rap-a")
    assert "line 2" in err.message
    err = _err(_csv(tmp_path, _set("activities", 1, "id", "a1")))
    assert err.file.endswith("activities.csv") and err.line == 3


def test_member_twice(tmp_path):
    err = _err(_csv(tmp_path, _set("memberships", 2, "member", "41246")))
    assert (err.line, err.column) == (4, "member") and "one row per member" in err.fix


def test_two_rows_for_the_same_board(tmp_path):
    # "41246" on line 2 and "Stichting Pallas" (matched to 41246) in the same partnership
    err = _err(_csv(tmp_path, _set("memberships", 1, "partnership", "rap-a")))
    assert (err.line, err.column, err.value) == (3, "member", "Stichting Pallas")
    assert "board 41246" in err.message and "line 2" in err.message


def test_same_area_twice(tmp_path):
    err = _err(_csv(tmp_path, _set("coverage", 1, "area", "Haarlem")))
    assert (err.line, err.column, err.value) == (3, "area", "Haarlem") and "GM0392" in err.message


def test_unknown_partnership(tmp_path):
    err = _err(_csv(tmp_path, _set("memberships", 3, "partnership", "rap-c")))
    assert err.file.endswith("memberships.csv")
    assert (err.line, err.column, err.value) == (5, "partnership", "rap-c")
    err = _err(_csv(tmp_path, _set("coverage", 0, "partnership", "rap-z")))
    assert err.file.endswith("coverage.csv") and err.line == 2


def test_unknown_area_and_pin(tmp_path):
    err = _err(_csv(tmp_path, _set("coverage", 1, "area", "Atlantis")))
    assert (err.line, err.column, err.value) == (3, "area", "Atlantis")
    err = _err(_csv(tmp_path, _set("coverage", 0, "area", "GM9999")))
    assert err.value == "GM9999"
    err = _err(_csv(tmp_path, _set("memberships", 5, "pin", "board:99999")))
    assert (err.line, err.column, err.value) == (7, "pin", "board:99999")


def test_wrong_header(tmp_path):
    folder = _csv(tmp_path)
    text = (folder / "memberships.csv").read_text(encoding="utf-8")
    (folder / "memberships.csv").write_text(text.replace("role", "Role ", 1), encoding="utf-8")
    err = _err(folder)
    assert err.column == "role" and err.line == 1 and "rename column 'Role'" in err.fix


def test_empty_file_and_header_only(tmp_path):
    folder = _csv(tmp_path)
    (folder / "activities.csv").write_text("", encoding="utf-8")
    err = _err(folder)
    assert err.file.endswith("activities.csv") and "empty" in err.message
    folder = _csv(tmp_path / "b")
    (folder / "memberships.csv").write_text("partnership,member,role\n", encoding="utf-8")
    err = _err(folder)
    assert err.file.endswith("memberships.csv") and "no data rows" in err.message


def test_missing_required_table_and_unknown_file(tmp_path):
    folder = _csv(tmp_path)
    (folder / "memberships.csv").unlink()
    err = _err(folder)
    assert "no memberships table" in err.message
    folder = _csv(tmp_path / "b")
    (folder / "members.csv").write_text("a\n1\n", encoding="utf-8")
    assert "unknown registry table" in _err(folder).message


def test_semicolon_csv_is_read(tmp_path):
    folder = _csv(tmp_path)
    for f in folder.glob("*.csv"):
        pd.read_csv(f, dtype=str, keep_default_na=False).to_csv(f, sep=";", index=False)
    result = read_registry(folder, reference=reference(), source_date="2025-01-01")
    assert result.tables.counts()[1]["MEMBER_OF"] == 8


def _xlsx(tmp_path, change=None):
    tables = registry_tables()
    if change:
        change(tables)
    path = tmp_path / "reg.xlsx"
    write_registry(tables, path)
    return path


def test_xlsx_errors_name_sheet_row_column(tmp_path):
    err = _err(_xlsx(tmp_path, _set("memberships", 2, "role", "lid")))
    assert err.file.endswith("reg.xlsx") and err.sheet == "memberships"
    assert (err.line, err.column, err.value) == (4, "role", "lid")
    assert "[sheet memberships]" in str(err)


def test_xlsx_empty_sheet_and_wrong_header(tmp_path):
    path = _xlsx(tmp_path)
    book = openpyxl.load_workbook(path)
    book.remove(book["contacts"])
    book.create_sheet("contacts")
    book.save(path)
    err = _err(path)
    assert err.sheet == "contacts" and "empty" in err.message
    (tmp_path / "x").mkdir()
    path = _xlsx(tmp_path / "x")
    book = openpyxl.load_workbook(path)
    book["partnerships"]["C1"] = "soort"
    book.save(path)
    err = _err(path)
    assert (err.sheet, err.line, err.column) == ("partnerships", 1, "kind")


def test_xlsx_unknown_sheet(tmp_path):
    path = _xlsx(tmp_path)
    book = openpyxl.load_workbook(path)
    book.create_sheet("leden")
    book.save(path)
    err = _err(path)
    assert err.sheet == "leden" and "unknown registry table" in err.message


def test_template_reads_back(tmp_path):
    for target in (tmp_path / "tpl", tmp_path / "tpl.xlsx"):
        write_template(target)
        tables = read_registry_tables(target)
        assert set(tables.tables) == {"partnerships", "memberships", "activities", "coverage", "contacts"}


def test_bad_registry_leaves_store_unchanged(store, tmp_path):
    good = read_registry(_csv(tmp_path), reference=reference(), source_date="2025-01-01")
    from graph.tables import GraphTables
    store.replace_graph(GraphTables.combine([reference(), good.tables]))
    before = store.counts() if hasattr(store, "counts") else None
    bad = _csv(tmp_path / "bad", _set("partnerships", 0, "kind", "netwerk"))
    with pytest.raises(InputError):
        result = read_registry(bad, reference=reference(), source_date="2025-01-01")
        store.replace_graph(GraphTables.combine([reference(), result.tables]))
    assert store.counts() == before
