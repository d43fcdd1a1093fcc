"""The partnership registry's file format, declared once, and reading it from CSV or XLSX.

A registry is five tables - ``partnerships``, ``memberships``, ``activities``,
``coverage`` and ``contacts`` - given either as CSV files in one folder
(``partnerships.csv`` ...) or as one XLSX workbook with a sheet per table.  Each table has a
:class:`~importers.base.FileSchema` in :data:`REGISTRY_SCHEMAS`; CSV files go through
:func:`~importers.base.read_table` and XLSX sheets through
:func:`~importers.base.check_table`, so both are checked by the same rules and errors name
the file, the sheet, the row, the column, the value and the fix.

CSV files are UTF-8 (a BOM is fine) separated by ``,``; a file whose header is separated by
``;`` (Dutch Excel's "CSV") is read with ``;``.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from pathlib import Path
from typing import Any

import pandas as pd

from graph.errors import InputError
from graph.model import FUNCTIONS, MEMBER_ROLES, PARTNERSHIP_KINDS

from .base import Column, FileSchema, check_table, read_table

__all__ = [
    "TABLES",
    "REQUIRED_TABLES",
    "MEMBER_TYPES",
    "REGISTRY_SCHEMAS",
    "RegistryTables",
    "read_registry_tables",
    "registry_files",
]

#: The registry's tables, in the order they are read and written.
TABLES = ("partnerships", "memberships", "activities", "coverage", "contacts")
#: Tables a registry must have (the others may be left out or left empty).
REQUIRED_TABLES = ("partnerships", "memberships")
#: What a member column may say it is (empty: work it out from the value).
MEMBER_TYPES = ("board", "school", "institution", "college", "organisation")

_ID = r"[A-Za-z0-9][A-Za-z0-9._-]*"
_DATE = r"\d{4}-\d{2}-\d{2}"
_ID_HINT = "letters, digits, '.', '_' or '-', no spaces, e.g. rap-zuid-kennemerland"
_DATE_HINT = "an ISO date YYYY-MM-DD, e.g. 2021-08-01"


def _schema(name: str, description: str, columns: tuple[Column, ...], min_rows: int) -> FileSchema:
    return FileSchema(name=f"registry {name}", encoding="utf-8", delimiter=",",
                      columns=columns, description=description, min_rows=min_rows)


REGISTRY_SCHEMAS: dict[str, FileSchema] = {
    "partnerships": _schema("partnerships", "One row per partnership (network).", (
        Column("id", required=True, unique=True, pattern=_ID, hint=_ID_HINT),
        Column("name", required=True, hint="the partnership's own name"),
        Column("kind", required=True, choices=frozenset(PARTNERSHIP_KINDS)),
        Column("status", hint="e.g. actief, aspirant, opgeheven"),
        Column("sector", hint="po, vo, mbo or combinations like po/vo"),
        Column("area", hint="free text: the area in the partnership's own words"),
        Column("website"),
        Column("source", hint="where the information comes from (URL or document)"),
    ), 1),
    "memberships": _schema("memberships", "One row per member of a partnership.", (
        Column("partnership", required=True, pattern=_ID, hint="an id from partnerships"),
        Column("member", required=True,
               hint="board number (5 digits), BRIN (4), vestigingscode (6) or a name"),
        Column("member_type", choices=frozenset(MEMBER_TYPES)),
        Column("organisation_kind", hint="for other organisations: gemeente, kinderopvang, ..."),
        Column("role", required=True, choices=frozenset(MEMBER_ROLES)),
        Column("valid_from", pattern=_DATE, hint=_DATE_HINT),
        Column("valid_to", pattern=_DATE, hint=_DATE_HINT),
        Column("pin", pattern=r"(board|school|college|organisation):\S+|none",
               hint="fix a match: board:41246, school:32JK00, college:<id>, "
                    "organisation:<id> or none"),
        Column("note"),
    ), 1),
    "activities": _schema("activities", "One row per activity of a partnership.", (
        Column("id", required=True, unique=True, pattern=_ID, hint=_ID_HINT),
        Column("partnership", required=True, pattern=_ID, hint="an id from partnerships"),
        Column("title", required=True),
        Column("description"),
        Column("function", required=True, choices=frozenset(FUNCTIONS)),
        Column("programme_line"),
        Column("target_groups", hint="separated by ',', ';' or '|'"),
        Column("area"),
        Column("start", pattern=_DATE, hint=_DATE_HINT),
        Column("end", pattern=_DATE, hint=_DATE_HINT),
        Column("demo_duplicate_group",
               hint="labelled test data only: activities with the same value are duplicates"),
    ), 0),
    "coverage": _schema("coverage", "Which municipalities or regions a partnership covers.", (
        Column("partnership", required=True, pattern=_ID, hint="an id from partnerships"),
        Column("area", required=True,
               hint="a CBS code GM0392, a region id like arbeidsmarktregio:AM12, "
                    "or a municipality name"),
        Column("area_name", hint="for readers only; not used"),
    ), 0),
    "contacts": _schema("contacts", "Contact persons of a partnership (optional).", (
        Column("id", required=True, unique=True, pattern=_ID, hint=_ID_HINT),
        Column("partnership", required=True, pattern=_ID, hint="an id from partnerships"),
        Column("name", required=True),
        Column("role"),
        Column("organisation"),
    ), 0),
}


@dataclasses.dataclass
class RegistryTables:
    """The registry's tables as read (strings; ``_line`` holds each row's line/row number).

    ``origin`` answers, per table, the file (and sheet) it came from, for error messages.
    """

    tables: dict[str, pd.DataFrame]
    origin: dict[str, tuple[str, str | None]]

    def table(self, name: str) -> pd.DataFrame:
        """Answer table ``name`` (an empty frame with the declared columns when absent)."""
        if name in self.tables:
            return self.tables[name]
        cols = [c.name for c in REGISTRY_SCHEMAS[name].columns] + ["_line"]
        return pd.DataFrame(columns=cols, dtype=object)

    def where(self, name: str) -> tuple[str, str | None]:
        """Answer (file, sheet) of table ``name``."""
        return self.origin.get(name, (f"{name}.csv", None))


def registry_files(path: Path | str) -> list[Path]:
    """Answer the registry files at ``path``: the XLSX itself, or the CSV files in a folder."""
    path = Path(path)
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv")
    return [path]


def read_registry_tables(*paths: Path | str) -> RegistryTables:
    """Answer the registry tables read from ``paths`` (XLSX workbooks, CSV files or folders).

    Each table may come from one place only.  Raises :class:`InputError` for an unknown
    file or sheet name, a missing required table, an empty file or sheet, a wrong header
    and any value that breaks its column's rule.  Cost: ~0.2 s for a 10k-row workbook.
    """
    tables: dict[str, pd.DataFrame] = {}
    origin: dict[str, tuple[str, str | None]] = {}
    for given in paths:
        given = Path(given)
        if not given.exists():
            raise InputError("registry file or folder not found", file=str(given),
                             fix="pass an XLSX workbook, CSV files or a folder of CSV files "
                                 "(get one with `regiograph registry template`)")
        for path in registry_files(given):
            if path.suffix.lower() in (".xlsx", ".xlsm"):
                found = _read_workbook(path)
            elif path.suffix.lower() == ".csv":
                found = {path.stem.lower(): (_read_csv(path), (str(path), None))}
            else:
                raise InputError("not a registry file", file=str(path), value=path.suffix,
                                 fix="use .xlsx (one sheet per table) or .csv files")
            for name, (frame, where) in found.items():
                if name in tables:
                    raise InputError(f"table {name!r} is given twice", file=where[0],
                                     sheet=where[1], value=origin[name][0],
                                     fix="give each registry table once")
                frame = frame.astype(object)
                tables[name] = frame.where(frame.notna(), None)
                origin[name] = where
    for name in REQUIRED_TABLES:
        if name not in tables:
            raise InputError(f"the registry has no {name} table",
                             file=", ".join(str(p) for p in paths), value=name,
                             fix=f"add {name}.csv or a sheet named {name!r} "
                                 "(see `regiograph registry template`)")
    return RegistryTables(tables, origin)


def _table_name(name: str, file: str, sheet: str | None = None) -> str:
    key = name.strip().lower()
    if key not in REGISTRY_SCHEMAS:
        raise InputError("unknown registry table", file=file, sheet=sheet, value=name,
                         fix=f"name it one of: {', '.join(TABLES)} (or 'README' for notes)")
    return key


def _read_csv(path: Path) -> pd.DataFrame:
    name = _table_name(path.stem, str(path))
    schema = REGISTRY_SCHEMAS[name]
    head = path.read_bytes()[:4096].decode("utf-8", errors="replace").splitlines()
    first = head[0] if head else ""
    if first.count(";") > first.count(","):
        schema = dataclasses.replace(schema, delimiter=";")
    return read_table(path, schema)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_workbook(path: Path) -> dict[str, tuple[pd.DataFrame, tuple[str, str | None]]]:
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise InputError("openpyxl is needed to read XLSX", file=str(path),
                         fix="pip install openpyxl") from exc
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a non-workbook
        raise InputError(f"cannot open the workbook ({type(exc).__name__})", file=str(path),
                         fix="save the registry as an Excel .xlsx workbook") from None
    out = {}
    try:
        for sheet in book.worksheets:
            if sheet.title.strip().lower() in ("readme", "uitleg", "lees mij"):
                continue
            name = _table_name(sheet.title, str(path), sheet.title)
            rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            numbered = [(i + 1, r) for i, r in enumerate(rows) if any(c != "" for c in r)]
            if not numbered:
                raise InputError("the sheet is empty", file=str(path), sheet=sheet.title,
                                 fix=f"add the {name} header row (see the template) "
                                     "or delete the sheet")
            (_, header), body = numbered[0], numbered[1:]
            while header and header[-1] == "":
                header = header[:-1]
            width = len(header)
            data = [r[:width] + [""] * (width - len(r)) for _, r in body]
            extra = [(n, r) for n, r in body if any(c != "" for c in r[width:])]
            if extra:
                raise InputError("row has values right of the last header column",
                                 file=str(path), sheet=sheet.title, line=extra[0][0],
                                 value=[c for c in extra[0][1][width:] if c][:3],
                                 fix="add a header for that column or move the values")
            frame = check_table(header, data, [n for n, _ in body], REGISTRY_SCHEMAS[name],
                                file=str(path), sheet=sheet.title)
            out[name] = (frame, (str(path), sheet.title))
    finally:
        book.close()
    return out
