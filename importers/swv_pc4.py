"""Importer ``swv-pc4``: samenwerkingsverbanden passend onderwijs by postcode area (PC4).

File ``swv-passend-onderwijs-pc4/swv_po_vo_per_pc4_2015.csv`` (UTF-8, ``,``; the table of
the Regeling regio-indeling samenwerkingsverbanden passend onderwijs, text of 2015):
one row per PC4 (4,046) with its PO and VO samenwerkingsverband code (``PO2707``,
``VO2708``; ``Europoort`` = none).  Produces Region nodes of schemes ``swv-po`` and
``swv-vo`` and, in :meth:`link`, School IN_AREA Region by the school's postcode: po, sbo
and so schools to their swv-po, vo and vso schools to their swv-vo (mbo has no SWV).
Reports schools whose PC4 is not in the 2015 table (new postcodes) or has no SWV.
Cost: ~30 ms read, ~40 ms link.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from graph.model import region_id
from graph.tables import GraphTables

from ._common import pc4, rels, with_source
from .base import Column, FileSchema, Importer, ImportResult, SourceInfo, Unlinked, examples, read_table

__all__ = ["SwvPc4Importer", "SWV_FILE", "SWV_SCHEMA", "SCHEME_OF_SECTOR"]

SWV_FILE = "swv-passend-onderwijs-pc4/swv_po_vo_per_pc4_2015.csv"

SWV_SCHEMA = FileSchema(
    name="swv_po_vo_per_pc4_2015.csv (regio-indeling SWV passend onderwijs)",
    encoding="utf-8-sig",
    delimiter=",",
    columns=(
        Column("pc4", required=True, pattern=r"\d{4}", unique=True, hint="4-digit postcode area"),
        Column("gemeente"),
        Column("swv_po_code", required=True, pattern=r"PO\d{4}|Europoort"),
        Column("swv_vo_code", required=True, pattern=r"VO\d{4}|Europoort"),
    ),
)

#: School sector -> SWV scheme (sectors not listed lie in no SWV).
SCHEME_OF_SECTOR = {"po": "swv-po", "sbo": "swv-po", "so": "swv-po", "vo": "swv-vo", "vso": "swv-vo"}

NAME = "swv-pc4"
DATE = "2015-04-23"


def _label(code: str) -> str:
    return f"{code[:2]} {code[2:4]}-{code[4:]}"


class SwvPc4Importer(Importer):
    """The samenwerkingsverbanden passend onderwijs (po and vo) and which schools lie in them."""

    name = NAME
    title = "Regio-indeling samenwerkingsverbanden passend onderwijs PO/VO per PC4 (2015)"
    files = {SWV_FILE: SWV_SCHEMA}
    requires = ("duo-po-vestigingen", "duo-po-leerlingen", "edugis-scholen")

    def read(self, data_dir: Path) -> ImportResult:
        """Answer Region nodes swv-po (77) and swv-vo (75)."""
        frame = read_table(Path(data_dir) / SWV_FILE, SWV_SCHEMA)
        self._areas: dict[str, dict[str, str]] = {}
        regions = []
        for scheme, column in (("swv-po", "swv_po_code"), ("swv-vo", "swv_vo_code")):
            valid = frame[frame[column] != "Europoort"]
            ids = [region_id(scheme, c) for c in valid[column]]
            self._areas[scheme] = dict(zip(valid["pc4"], ids))
            regions.append(pd.DataFrame({"id": ids, "scheme": scheme, "code": valid[column],
                                         "name": valid[column].map(_label)}).drop_duplicates("id"))
        self._no_swv = set(frame.loc[frame["swv_po_code"] == "Europoort", "pc4"])
        tables = GraphTables()
        tables.add_nodes("Region", with_source(pd.concat(regions, ignore_index=True), NAME, DATE))
        source = SourceInfo(
            name=NAME, title=self.title, date=DATE,
            publisher="Staatssecretaris OCW (BWBR0032324), table parsed to CSV",
            url="https://wetten.overheid.nl/BWBR0032324", licence="public domain (art. 11 Auteurswet)")
        return ImportResult(tables, [source], [], rows_read=len(frame))

    def link(self, tables: GraphTables) -> ImportResult | None:
        """Answer School IN_AREA Region for every po/sbo/so/vo/vso school with a known PC4."""
        areas = getattr(self, "_areas", None)
        if areas is None:
            return None
        schools = tables.node_table("School")
        if not len(schools) or "postcode" not in schools or "sector" not in schools:
            return ImportResult(GraphTables(), [], [])
        scheme = schools["sector"].map(SCHEME_OF_SECTOR)
        area_pc4 = schools["postcode"].map(pc4)
        target = [areas[s].get(p) if isinstance(s, str) else None for s, p in zip(scheme, area_pc4)]
        target = pd.Series(target, index=schools.index, dtype=object)
        ok = target.notna()
        out = GraphTables()
        out.add_relationships("IN_AREA", "School", "Region", rels(schools.loc[ok, "id"], target[ok], NAME, DATE))
        unlinked = []
        missing = scheme.notna() & ~ok
        no_postcode = missing & (area_pc4 == "")
        europoort = missing & area_pc4.isin(self._no_swv)
        unknown = missing & ~no_postcode & ~europoort
        if unknown.any():
            unlinked.append(Unlinked("schools whose PC4 is not in the 2015 SWV table (newer postcodes)",
                                     int(unknown.sum()), examples(
                                         f"{i} {p}" for i, p in zip(schools.loc[unknown, "id"],
                                                                    schools.loc[unknown, "postcode"]))))
        if no_postcode.any():
            unlinked.append(Unlinked("schools without a postcode (no SWV link)", int(no_postcode.sum()),
                                     examples(schools.loc[no_postcode, "id"])))
        if europoort.any():
            unlinked.append(Unlinked("schools in a PC4 without an SWV (Europoort)", int(europoort.sum()),
                                     examples(schools.loc[europoort, "id"])))
        return ImportResult(out, [], unlinked)
