"""Importer ``cbs-arbeidsmarktregio``: CBS gemeente -> arbeidsmarktregio (35 regions).

File ``cbs-arbeidsmarktregio-gemeente/arbeidsmarktregio_gemeente.json`` (UTF-8 JSON,
``{"_bron": {...}, "gemeenten": {"0014": "Groningen", ...}}``).  The file names regions,
not codes; the AM codes come from the gemeente region table (same 35 names).  Produces
Region nodes (scheme ``arbeidsmarktregio``) and Municipality PART_OF Region, and reports municipalities whose region
differs from the region table's.  Municipality nodes come from ``gemeente-regio``; a code
here that is no municipality there is an error.  Cost: ~20 ms.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from graph.errors import InputError
from graph.model import region_id
from graph.tables import GraphTables

from ._common import municipality_id, place_key, rels, with_source
from .base import (read_json, Column, FileSchema, Importer, ImportResult, SourceInfo, Unlinked,
                   check_frame, examples, read_table)
from .gemeente_regio import REGIO_FILE, REGIO_SCHEMA

__all__ = ["ArbeidsmarktregioImporter", "AM_FILE", "AM_SCHEMA"]

AM_FILE = "cbs-arbeidsmarktregio-gemeente/arbeidsmarktregio_gemeente.json"

AM_SCHEMA = FileSchema(
    name="arbeidsmarktregio_gemeente.json (CBS 86247NED)",
    encoding="utf-8-sig",
    delimiter="",
    format="json",
    columns=(
        Column("gemeentecode", required=True, pattern=r"\d{4}", unique=True,
               hint="4-digit CBS gemeentecode without GM, leading zeros kept"),
        Column("arbeidsmarktregio", required=True),
    ),
)

NAME = "cbs-arbeidsmarktregio"


def read_am_file(path: Path) -> tuple[pd.DataFrame, dict]:
    """Answer (rows gemeentecode/arbeidsmarktregio with ``_line``, the ``_bron`` block)."""
    data, text = read_json(path, "CBS gemeente -> arbeidsmarktregio JSON")
    if not isinstance(data, dict) or not isinstance(data.get("gemeenten"), dict):
        raise InputError('the JSON has no "gemeenten" object', file=str(path), line=1,
                         column="gemeenten",
                         fix='the file must look like {"gemeenten": {"0014": "Groningen", ...}}')
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = re.match(r'\s*"([^"]*)"\s*:\s*"', line)
        if match:
            lines.setdefault(match.group(1), number)
    items = list(data["gemeenten"].items())
    frame = pd.DataFrame({"gemeentecode": [k for k, _ in items],
                          "arbeidsmarktregio": [v if isinstance(v, str) else None for _, v in items]},
                         dtype=object)
    frame = check_frame(frame, AM_SCHEMA, path, [lines.get(k, 0) for k, _ in items])
    return frame, data.get("_bron") or {}


class ArbeidsmarktregioImporter(Importer):
    """The 35 arbeidsmarktregio's of CBS and which municipality lies in which."""

    name = NAME
    title = "CBS gemeente -> arbeidsmarktregio (Gebieden in Nederland 2026)"
    files = {AM_FILE: AM_SCHEMA, REGIO_FILE: REGIO_SCHEMA}
    requires = ("gemeente-regio",)

    def read(self, data_dir: Path) -> ImportResult:
        """Answer Region (arbeidsmarktregio) nodes and PART_OF rows; 342 rows, 35 regions."""
        path = Path(data_dir) / AM_FILE
        frame, bron = read_am_file(path)
        date = str(bron.get("opgehaald") or "2026-01-01")
        table = read_table(Path(data_dir) / REGIO_FILE, REGIO_SCHEMA)
        codes = dict(zip(table["arbeidsmarktregio"].map(place_key), table["arbeidsmarktregiocode"]))
        frame["code"] = frame["arbeidsmarktregio"].map(lambda n: codes.get(place_key(n)))
        unlinked = []
        missing = frame[frame["code"].isna()]
        if len(missing):
            unlinked.append(Unlinked(
                "arbeidsmarktregio names without an AM code in the region table",
                int(missing["arbeidsmarktregio"].nunique()),
                examples(missing["arbeidsmarktregio"].drop_duplicates())))
        in_table = dict(zip(table["gemeentenummer"], table["arbeidsmarktregiocode"]))
        differ = frame[frame["code"].notna() & frame["gemeentecode"].isin(in_table)
                       & (frame["gemeentecode"].map(in_table) != frame["code"])]
        if len(differ):
            unlinked.append(Unlinked(
                "municipalities whose arbeidsmarktregio differs between CBS and the region table "
                "(the region table's comes first)", len(differ),
                examples(f"GM{g}: CBS {c}, table {in_table[g]}"
                         for g, c in zip(differ["gemeentecode"], differ["code"]))))
        linked = frame[frame["code"].notna()]
        ids = [region_id("arbeidsmarktregio", c) for c in linked["code"]]
        regions = pd.DataFrame({"id": ids, "scheme": "arbeidsmarktregio", "code": linked["code"],
                                "name": linked["arbeidsmarktregio"]}).drop_duplicates("id")
        tables = GraphTables()
        tables.add_nodes("Region", with_source(regions, NAME, date))
        tables.add_relationships("PART_OF", "Municipality", "Region", rels(
            linked["gemeentecode"].map(municipality_id), ids, NAME, date, file=path,
            lines=linked["_line"], column="gemeenten", values=linked["gemeentecode"]))
        source = SourceInfo(
            name=NAME, title=self.title, date=date, publisher="CBS",
            url=str(bron.get("url") or "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/86247NED"),
            licence="CC BY 4.0")
        return ImportResult(tables, [source], unlinked, rows_read=len(frame))
