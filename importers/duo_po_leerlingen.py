"""Importer ``duo-po-leerlingen``: pupils per primary/special school location (DUO "06" file).

File ``duo-po-vestigingen/06.-historisch-overzicht-aantal-leerlingen-per-schoolvestiging.csv``
as DUO publishes it: UTF-8 with BOM, ``;``-separated, CRLF.  One row per vestiging ever
(9,737) with its kind (BO, SBO, SO, VSO, SO/VSO), board, gemeentecode (published *without*
leading zeros, e.g. ``285``: padded to ``GM0285``) and a ``LEERLINGEN_<year>`` column per
year (``<5`` = suppressed small count).

Produces, for the locations with pupils in the latest year: School nodes of sector
``sbo``/``so``/``vso`` (SO/VSO combined locations get ``so``) with board, municipality and
pupils, plus GOVERNS and LOCATED_IN; and (in :meth:`link`) the latest pupil count and year
of every po school already known from ``duo-po-vestigingen``.  Cost: ~150 ms.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from graph.errors import InputError
from graph.tables import GraphTables

from ._common import municipality_id, pupils_value, rels, with_source
from .base import Column, FileSchema, Importer, ImportResult, SourceInfo, Unlinked, examples, read_table
from .duo_po_vestigingen import PO_FILE

__all__ = ["PoLeerlingenImporter", "PUPILS_FILE", "PUPILS_SCHEMA", "SECTOR_OF_KIND"]

PUPILS_FILE = "duo-po-vestigingen/06.-historisch-overzicht-aantal-leerlingen-per-schoolvestiging.csv"

PUPILS_SCHEMA = FileSchema(
    name="06.-historisch-overzicht-aantal-leerlingen-per-schoolvestiging.csv (DUO)",
    encoding="utf-8-sig",
    delimiter=";",
    columns=(
        Column("INSTELLINGSCODE", required=True, pattern=r"[0-9A-Z]{4}"),
        Column("VESTIGINGSCODE", required=True, pattern=r"[0-9A-Z]{6}", unique=True,
               hint="BRIN + 2 digits"),
        Column("NAAM_VESTIGING", required=True),
        Column("SOORT_VESTIGING", required=True,
               choices=frozenset({"BO", "SBO", "SO", "VSO", "SO/VSO"})),
        Column("DENOMINATIE_VESTIGING"),
        Column("BEVOEGD_GEZAG_NUMMER", required=True, pattern=r"\d{1,5}"),
        Column("GEMEENTECODE_VESTIGING", required=True, pattern=r"\d{1,4}",
               hint="CBS gemeentecode (DUO drops leading zeros here)"),
        Column("GEMEENTENAAM_VESTIGING"),
    ),
)

#: DUO SOORT_VESTIGING -> School.sector
SECTOR_OF_KIND = {"BO": "po", "SBO": "sbo", "SO": "so", "VSO": "vso", "SO/VSO": "so"}

NAME = "duo-po-leerlingen"
DATE = "2026-08-04"
_YEAR = re.compile(r"LEERLINGEN_(\d{4})")
_COUNT = re.compile(r"\d+|<5")


def _latest_year(frame: pd.DataFrame, path: Path) -> tuple[int, str]:
    years = sorted((int(m.group(1)), c) for c in frame.columns if (m := _YEAR.fullmatch(c)))
    if not years:
        raise InputError("no LEERLINGEN_<year> columns", file=str(path), line=1,
                         column="LEERLINGEN_<year>",
                         fix="supply the DUO 06 file with its pupil columns (LEERLINGEN_1996 ...)")
    year, column = years[-1]
    values = frame[column].fillna("").str.strip()
    bad = (values != "") & ~values.map(lambda v: bool(_COUNT.fullmatch(v)))
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise InputError("value is not a pupil count", file=str(path), line=int(frame["_line"].iloc[i]),
                         column=column, value=values.iloc[i],
                         fix="write a whole number (or <5, DUO's mark for a small count)")
    return year, column


class PoLeerlingenImporter(Importer):
    """Special-needs school locations and the latest pupil count of every po location."""

    name = NAME
    title = "DUO historisch overzicht aantal leerlingen per schoolvestiging (06)"
    files = {PUPILS_FILE: PUPILS_SCHEMA}
    requires = ("gemeente-regio", "duo-besturen", "duo-po-vestigingen")

    def read(self, data_dir: Path) -> ImportResult:
        """Answer sbo/so/vso School nodes with pupils in the latest year (~860), GOVERNS, LOCATED_IN."""
        path = Path(data_dir) / PUPILS_FILE
        frame = read_table(path, PUPILS_SCHEMA)
        year, column = _latest_year(frame, path)
        values = frame[column].fillna("").str.strip()
        current = frame[(values != "") & (values != "0")].copy()
        current["pupils"] = current[column].map(pupils_value).astype("Int64")
        current["pupils_year"] = year
        self._bo = current[current["SOORT_VESTIGING"] == "BO"]
        special = current[current["SOORT_VESTIGING"] != "BO"]
        muni = special["GEMEENTECODE_VESTIGING"].map(municipality_id)
        board = special["BEVOEGD_GEZAG_NUMMER"].str.zfill(5)
        schools = pd.DataFrame({
            "id": special["VESTIGINGSCODE"], "name": special["NAAM_VESTIGING"],
            "brin": special["INSTELLINGSCODE"],
            "sector": special["SOORT_VESTIGING"].map(SECTOR_OF_KIND),
            "municipality_code": muni, "denomination": special["DENOMINATIE_VESTIGING"],
            "pupils": special["pupils"], "pupils_year": special["pupils_year"]})
        has_board = board != "00000"
        tables = GraphTables()
        tables.add_nodes("School", with_source(schools, NAME, DATE))
        tables.add_nodes("Board", with_source(pd.DataFrame({"id": board[has_board].drop_duplicates()}),
                                              NAME, DATE))
        tables.add_relationships("GOVERNS", "Board", "School", rels(
            board[has_board], special.loc[has_board, "VESTIGINGSCODE"], NAME, DATE))
        tables.add_relationships("LOCATED_IN", "School", "Municipality", rels(
            special["VESTIGINGSCODE"], muni, NAME, DATE, file=path, lines=special["_line"],
            column="GEMEENTECODE_VESTIGING", values=special["GEMEENTECODE_VESTIGING"]))
        unlinked = []
        if (~has_board).any():
            unlinked.append(Unlinked("special-needs locations without a board (number 0)",
                                     int((~has_board).sum()),
                                     examples(special.loc[~has_board, "VESTIGINGSCODE"])))
        source = SourceInfo(
            name=NAME, title=self.title, date=DATE, publisher="DUO (Open Onderwijsdata)",
            url="https://onderwijsdata.duo.nl (historische-leerlingenaantallen-po)",
            licence="CC BY 4.0")
        return ImportResult(tables, [source], unlinked, rows_read=len(frame))

    def link(self, tables: GraphTables) -> ImportResult | None:
        """Answer pupils/pupils_year for the known po schools; report BO rows not in the 02 file."""
        bo = getattr(self, "_bo", None)
        if bo is None:
            return None
        schools = tables.node_table("School")
        po = set(schools.loc[schools["sector"] == "po", "id"]) if "sector" in schools else set()
        known = bo["VESTIGINGSCODE"].isin(po)
        out = GraphTables()
        rows = pd.DataFrame({"id": bo.loc[known, "VESTIGINGSCODE"], "pupils": bo.loc[known, "pupils"],
                             "pupils_year": bo.loc[known, "pupils_year"]})
        out.add_nodes("School", with_source(rows, NAME, DATE))
        unlinked = []
        if (~known).any():
            unlinked.append(Unlinked(
                f"BO locations with pupils in the 06 file but not in the 02 file ({PO_FILE.split('/')[-1]})",
                int((~known).sum()), examples(bo.loc[~known, "VESTIGINGSCODE"])))
        without = sorted(po - set(bo["VESTIGINGSCODE"]))
        if without:
            unlinked.append(Unlinked("po locations without a pupil count in the latest year",
                                     len(without), examples(without)))
        return ImportResult(out, [], unlinked)
