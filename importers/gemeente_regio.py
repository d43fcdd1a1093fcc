"""Importer ``gemeente-regio``: the gemeente region table (derived from CBS + DUO).

File ``derived-gemeente-regio-koppeling/gemeenten_2025_regio.csv`` (UTF-8, ``,``): one row
per CBS gemeente (342) with its provincie, arbeidsmarktregio, COROP, RMC and
onderwijsgebied.  Produces Municipality nodes, Region nodes of those five schemes and
Municipality PART_OF Region.  Cost: ~15 ms.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from graph.model import region_id
from graph.tables import GraphTables

from ._common import rels, with_source
from .base import Column, FileSchema, Importer, ImportResult, SourceInfo, read_table

__all__ = ["GemeenteRegioImporter", "REGIO_FILE", "REGIO_SCHEMA", "SCHEMES"]

REGIO_FILE = "derived-gemeente-regio-koppeling/gemeenten_2025_regio.csv"

REGIO_SCHEMA = FileSchema(
    name="gemeenten_2025_regio.csv (gemeente region table)",
    encoding="utf-8-sig",
    delimiter=",",
    columns=(
        Column("gemeentecode", required=True, pattern=r"GM\d{4}", unique=True,
               hint="CBS code like GM0014"),
        Column("gemeentenummer", required=True, pattern=r"\d{4}", hint="4 digits, leading zeros"),
        Column("gemeentenaam", required=True),
        Column("provincie", required=True),
        Column("provinciecode", required=True, pattern=r"PV\d{2}"),
        Column("arbeidsmarktregiocode", required=True, pattern=r"AM\d{2}"),
        Column("arbeidsmarktregio", required=True),
        Column("coropcode", required=True, pattern=r"CR\d{2}"),
        Column("coropnaam", required=True),
        Column("onderwijsgebied_code", required=True, pattern=r"\d{2}"),
        Column("onderwijsgebied_naam", required=True),
        Column("rmc_code", required=True, pattern=r"\d{2}"),
        Column("rmc_naam", required=True),
    ),
)

#: scheme -> (code column, name column) in the region table.
SCHEMES = {
    "provincie": ("provinciecode", "provincie"),
    "arbeidsmarktregio": ("arbeidsmarktregiocode", "arbeidsmarktregio"),
    "corop": ("coropcode", "coropnaam"),
    "rmc": ("rmc_code", "rmc_naam"),
    "onderwijsgebied": ("onderwijsgebied_code", "onderwijsgebied_naam"),
}

NAME = "gemeente-regio"
DATE = "2025-01-01"


class GemeenteRegioImporter(Importer):
    """Municipalities and their provincie/arbeidsmarktregio/COROP/RMC/onderwijsgebied."""

    name = NAME
    title = "Gemeente region table 2025 (CBS + DUO region columns, derived)"
    files = {REGIO_FILE: REGIO_SCHEMA}

    def read(self, data_dir: Path) -> ImportResult:
        """Answer Municipality and Region nodes and PART_OF relationships (342 + 5 schemes)."""
        path = Path(data_dir) / REGIO_FILE
        frame = read_table(path, REGIO_SCHEMA)
        tables = GraphTables()
        muni = pd.DataFrame({"id": frame["gemeentecode"], "name": frame["gemeentenaam"],
                             "code": frame["gemeentenummer"]})
        tables.add_nodes("Municipality", with_source(muni, NAME, DATE))
        region_frames, rel_frames = [], []
        for scheme, (code_col, name_col) in SCHEMES.items():
            ids = [region_id(scheme, c) for c in frame[code_col]]
            regions = pd.DataFrame({"id": ids, "scheme": scheme, "code": frame[code_col],
                                    "name": frame[name_col]}).drop_duplicates("id")
            region_frames.append(regions)
            rel_frames.append(rels(frame["gemeentecode"], ids, NAME, DATE))
        tables.add_nodes("Region", with_source(pd.concat(region_frames, ignore_index=True),
                                               NAME, DATE))
        tables.add_relationships("PART_OF", "Municipality", "Region",
                                 pd.concat(rel_frames, ignore_index=True))
        source = SourceInfo(
            name=NAME, title=self.title, date=DATE,
            publisher="derived in this project from CBS (cartomap 2025, 86247NED) and DUO region columns",
            url="data/raw/derived-gemeente-regio-koppeling/SOURCE.md", licence="CC BY 4.0 (inputs)")
        return ImportResult(tables, [source], [], rows_read=len(frame))
