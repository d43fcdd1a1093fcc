"""Importer ``duo-vo-instellingen``: secondary-school institutions and their boards (DUO, 2020).

File ``duo-vo-instellingen-2020/instellingenvo.csv`` (UTF-8 with BOM, ``,``, all fields
quoted): one row per vo instelling (BRIN, 648) with its bevoegd gezag (323).  Produces
Board nodes (id only; names from ``duo-besturen``).  Its BRIN -> board table
(:func:`vo_boards_by_brin`) is how ``edugis-scholen`` links vo locations to their board.
The file is from 2020: boards have merged since, so treat the links as a fallback.
Cost: ~20 ms.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from graph.tables import GraphTables

from ._common import with_source
from .base import Column, FileSchema, Importer, ImportResult, SourceInfo, read_table

__all__ = ["VoInstellingenImporter", "VO_FILE", "VO_SCHEMA", "vo_boards_by_brin"]

VO_FILE = "duo-vo-instellingen-2020/instellingenvo.csv"

VO_SCHEMA = FileSchema(
    name="instellingenvo.csv (DUO hoofdvestigingen vo)",
    encoding="utf-8-sig",
    delimiter=",",
    columns=(
        Column("BEVOEGD GEZAG NUMMER", required=True, pattern=r"\d{5}",
               hint="5 digits with leading zeros"),
        Column("BRIN NUMMER", required=True, pattern=r"[0-9A-Z]{4}", unique=True),
        Column("INSTELLINGSNAAM", required=True),
        Column("GEMEENTENUMMER", pattern=r"\d{4}"),
        Column("ONDERWIJSSTRUCTUUR"),
    ),
)

NAME = "duo-vo-instellingen"
DATE = "2020-11-10"


def vo_boards_by_brin(data_dir: Path) -> dict[str, str]:
    """Answer BRIN -> bevoegd-gezag number of every vo instelling in the 2020 file."""
    frame = read_table(Path(data_dir) / VO_FILE, VO_SCHEMA)
    return dict(zip(frame["BRIN NUMMER"], frame["BEVOEGD GEZAG NUMMER"]))


class VoInstellingenImporter(Importer):
    """The boards of the vo institutions (BRIN -> bevoegd gezag, 2020)."""

    name = NAME
    title = "DUO hoofdvestigingen voortgezet onderwijs (2020)"
    files = {VO_FILE: VO_SCHEMA}
    requires = ("duo-besturen",)

    def read(self, data_dir: Path) -> ImportResult:
        """Answer the Board nodes of the vo institutions (323)."""
        frame = read_table(Path(data_dir) / VO_FILE, VO_SCHEMA)
        tables = GraphTables()
        boards = pd.DataFrame({"id": frame["BEVOEGD GEZAG NUMMER"].drop_duplicates()})
        tables.add_nodes("Board", with_source(boards, NAME, DATE))
        source = SourceInfo(
            name=NAME, title=self.title, date=DATE, publisher="DUO (Open Onderwijsdata)",
            url="https://onderwijsdata.duo.nl (adressen_vo, instellingenvo.csv)", licence="CC BY 4.0")
        return ImportResult(tables, [source], [], rows_read=len(frame))
