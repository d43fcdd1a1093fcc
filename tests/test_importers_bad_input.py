"""One test per bad-input case, on small files in DUO's own formats (cp1252, ``;``, CRLF).

Each case checks the InputError's file, line, column and fix.  (That the store is unchanged
after such an error is checked at store level in test_load.py.)
"""

from __future__ import annotations

import json

import pytest

from graph.errors import InputError
from importers import import_all
from tests.duo_files import (AM_FILE, PO_FILE, PO_HEADER, PO_ROWS, PUPILS_FILE, PUPILS_ROWS,
                             write_po, write_pupils, write_small_data)


@pytest.fixture
def data(tmp_path):
    return write_small_data(tmp_path / "raw")


def _refused(data, names=("duo-po-vestigingen",)) -> InputError:
    with pytest.raises(InputError) as caught:
        import_all(data_dir=data, names=list(names))
    return caught.value


def test_the_small_files_import(data):
    result = import_all(data_dir=data, names=["duo-po-vestigingen"])
    schools = result.tables.node_table("School").set_index("id")
    assert list(schools.index) == ["00AB00", "00AB01", "12XY00"]
    assert schools.loc["12XY00", "name"] == "Basisschool De Zeeën"  # cp1252 read as cp1252
    assert schools.loc["12XY00", "municipality_code"] == "GM0285"
    assert set(result.tables.node_table("Board")["id"]) == {"01234", "41000"}


def test_wrong_delimiter(data):
    write_po(data, delimiter=",")
    error = _refused(data)
    assert error.file.endswith(PO_FILE.name)
    assert error.line == 1 and error.column is None
    assert "';'" in error.fix and "separated by ','" in error.fix


def test_wrong_encoding_utf8_instead_of_cp1252(data):
    write_po(data, encoding="utf-8")
    error = _refused(data)
    assert error.file.endswith(PO_FILE.name)
    assert error.line == 4  # the row with "Zeeën"
    assert error.column is None
    assert "UTF-8" in error.message and "cp1252" in error.fix


def test_wrong_encoding_cp1252_instead_of_utf8(data):
    rows = [*PUPILS_ROWS[:2], PUPILS_ROWS[2].replace("SBO De Brug", "SBO De Brüg")]
    write_pupils(data, rows, encoding="cp1252")
    error = _refused(data, ["duo-po-leerlingen"])
    assert error.file.endswith(PUPILS_FILE.name)
    assert error.line == 4 and error.column is None
    assert "utf-8" in error.fix.lower()


def test_missing_column(data):
    header = PO_HEADER.replace(";GEMEENTENUMMER", "")
    rows = [";".join(c for i, c in enumerate(r.split(";")) if i != 9) for r in PO_ROWS]
    write_po(data, rows, header=header)
    error = _refused(data)
    assert error.file.endswith(PO_FILE.name)
    assert error.line == 1 and error.column == "GEMEENTENUMMER"
    assert "add a column named 'GEMEENTENUMMER'" in error.fix


def test_renamed_column(data):
    write_po(data, header=PO_HEADER.replace("VESTIGINGSCODE", "VESTIGINGS_CODE"))
    error = _refused(data)
    assert error.file.endswith(PO_FILE.name)
    assert error.line == 1 and error.column == "VESTIGINGSCODE"
    assert "rename column 'VESTIGINGS_CODE' to 'VESTIGINGSCODE'" in error.fix


def test_duplicate_vestigingscode(data):
    write_po(data, [*PO_ROWS, PO_ROWS[0].replace("OBS De Wierde", "OBS De Wierde (kopie)")])
    error = _refused(data)
    assert error.file.endswith(PO_FILE.name)
    assert error.line == 5 and error.column == "VESTIGINGSCODE" and error.value == "00AB00"
    assert "line 2" in error.message
    assert "each VESTIGINGSCODE may appear once" in error.fix


def test_unknown_municipality_code(data):
    write_po(data, [PO_ROWS[0], PO_ROWS[1].replace(";0014;", ";9999;"), PO_ROWS[2]])
    error = _refused(data)
    assert error.file.endswith(PO_FILE.name)
    assert error.line == 3 and error.column == "GEMEENTENUMMER" and error.value == "9999"
    assert "unknown municipality code" in error.message
    assert "CBS gemeentecode" in error.fix


def test_unknown_municipality_code_in_the_pupils_file(data):
    write_pupils(data, [*PUPILS_ROWS[:3], PUPILS_ROWS[3].replace(";285;", ";999;")])
    error = _refused(data, ["duo-po-leerlingen"])
    assert error.file.endswith(PUPILS_FILE.name)
    assert error.line == 5 and error.column == "GEMEENTECODE_VESTIGING" and error.value == "999"
    assert "CBS gemeentecode" in error.fix


def test_unknown_municipality_code_in_the_cbs_json(data):
    path = data / AM_FILE
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"_bron": {"opgehaald": "2026-10-09"},
                                "gemeenten": {"0014": "Groningen", "9998": "Groningen"}},
                               indent=2), encoding="utf-8")
    error = _refused(data, ["cbs-arbeidsmarktregio"])
    assert error.file.endswith(AM_FILE.name)
    assert error.line == 7 and error.value == "9998"  # line 7 of the indented JSON
    assert "unknown municipality code" in error.message


def test_empty_file(data):
    (data / PO_FILE).write_bytes(b"")
    error = _refused(data)
    assert error.file.endswith(PO_FILE.name)
    assert error.line is None and error.column is None
    assert "empty" in error.message and "supply" in error.fix


def test_header_only_file(data):
    write_po(data, [])
    error = _refused(data)
    assert error.file.endswith(PO_FILE.name) and error.line == 2
    assert "no data rows" in error.message


def test_board_number_without_leading_zero(data):
    write_po(data, [PO_ROWS[0].replace(";01234;", ";1234;"), *PO_ROWS[1:]])
    error = _refused(data)
    assert error.line == 2 and error.column == "BEVOEGD GEZAG NUMMER" and error.value == "1234"
    assert "5 digits" in error.fix


def test_missing_file(data):
    (data / PO_FILE).unlink()
    error = _refused(data)
    assert error.file.endswith(PO_FILE.name) and "not found" in error.message
