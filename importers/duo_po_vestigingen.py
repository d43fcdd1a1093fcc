"""Importer ``duo-po-vestigingen``: all primary-school locations (DUO "02" file).

File ``duo-po-vestigingen/02.-alle-schoolvestigingen-basisonderwijs.csv`` as DUO publishes
it: Windows-1252, ``;``-separated, CRLF, codes with leading zeros.  One row per vestiging
(6,122) with its board (749), BRIN, address and CBS gemeentenummer.  Produces School nodes
(sector ``po``), Board nodes (id only; names come from ``duo-besturen``), Board GOVERNS
School and School LOCATED_IN Municipality.  Cost: ~80 ms.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from graph.tables import GraphTables

from ._common import municipality_id, rels, with_source
from .base import Column, FileSchema, Importer, ImportResult, SourceInfo, read_table

__all__ = ["PoVestigingenImporter", "PO_FILE", "PO_SCHEMA"]

PO_FILE = "duo-po-vestigingen/02.-alle-schoolvestigingen-basisonderwijs.csv"

PO_SCHEMA = FileSchema(
    name="02.-alle-schoolvestigingen-basisonderwijs.csv (DUO)",
    encoding="cp1252",
    delimiter=";",
    columns=(
        Column("BEVOEGD GEZAG NUMMER", required=True, pattern=r"\d{5}",
               hint="5 digits with leading zeros"),
        Column("INSTELLINGSCODE", required=True, pattern=r"[0-9A-Z]{4}", hint="4-character BRIN"),
        Column("VESTIGINGSCODE", required=True, pattern=r"[0-9A-Z]{6}", unique=True,
               hint="BRIN + 2 digits"),
        Column("VESTIGINGSNAAM", required=True),
        Column("POSTCODE"),
        Column("PLAATSNAAM"),
        Column("GEMEENTENUMMER", required=True, pattern=r"\d{4}",
               hint="4-digit CBS gemeentenummer with leading zeros"),
        Column("GEMEENTENAAM"),
        Column("DENOMINATIE"),
    ),
)

NAME = "duo-po-vestigingen"
DATE = "2026-08-04"


class PoVestigingenImporter(Importer):
    """Primary-school locations with their board and municipality."""

    name = NAME
    title = "DUO alle schoolvestigingen basisonderwijs (02)"
    files = {PO_FILE: PO_SCHEMA}
    requires = ("gemeente-regio", "duo-besturen")

    def read(self, data_dir: Path) -> ImportResult:
        """Answer 6,122 School nodes, 749 Board ids, GOVERNS and LOCATED_IN."""
        path = Path(data_dir) / PO_FILE
        frame = read_table(path, PO_SCHEMA)
        muni = frame["GEMEENTENUMMER"].map(municipality_id)
        schools = pd.DataFrame({
            "id": frame["VESTIGINGSCODE"], "name": frame["VESTIGINGSNAAM"],
            "brin": frame["INSTELLINGSCODE"], "sector": "po", "municipality_code": muni,
            "postcode": frame["POSTCODE"], "city": frame["PLAATSNAAM"],
            "denomination": frame["DENOMINATIE"]})
        boards = pd.DataFrame({"id": frame["BEVOEGD GEZAG NUMMER"].drop_duplicates()})
        tables = GraphTables()
        tables.add_nodes("School", with_source(schools, NAME, DATE))
        tables.add_nodes("Board", with_source(boards, NAME, DATE))
        tables.add_relationships("GOVERNS", "Board", "School", rels(
            frame["BEVOEGD GEZAG NUMMER"], frame["VESTIGINGSCODE"], NAME, DATE))
        tables.add_relationships("LOCATED_IN", "School", "Municipality", rels(
            frame["VESTIGINGSCODE"], muni, NAME, DATE, file=path, lines=frame["_line"],
            column="GEMEENTENUMMER", values=frame["GEMEENTENUMMER"]))
        source = SourceInfo(
            name=NAME, title=self.title, date=DATE, publisher="DUO (Open Onderwijsdata)",
            url="https://duo.nl/open_onderwijsdata/images/02.-alle-schoolvestigingen-basisonderwijs.csv",
            licence="CC BY 4.0")
        return ImportResult(tables, [source], [], rows_read=len(frame))
