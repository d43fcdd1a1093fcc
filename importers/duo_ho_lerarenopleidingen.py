"""Importer ``duo-ho-lerarenopleidingen``: teacher-training offerings from DUO's ho programme list.

File ``duo-ho-opleidingsoverzicht/ho_opleidingsoverzicht.csv`` (DUO/RIO, UTF-8 with BOM,
``,``, quoted; 6,827 rows of all accredited hbo/wo programmes and their variants).
Teacher-training programmes are the rows whose ``NAAM_LANG`` matches :data:`TEACHER_TRAINING`
(pabo, tweedegraads/eerstegraads "leraar ...", "Educatie in de ..." university teacher
masters, "Docent <kunstvak>", Kunsteducatie, Educatief Professional Beroepsonderwijs).
Each (board, CROHO code, city) with an offering location becomes one TeacherCollege.

Produces TeacherCollege nodes, TeacherCollege OFFERED_BY Board where the RIO board name
matches a HBO/WO/MBO board of the board names file (RIO ids are not DUO bevoegd-gezag
numbers), and (in :meth:`link`) OFFERED_IN Municipality by the offering's city.  Reports
the colleges whose board could not be linked and the cities matching no municipality.
Cost: ~150 ms.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from graph.tables import GraphTables

from ._common import PlaceIndex, rels, with_source
from .base import Column, FileSchema, Importer, ImportResult, SourceInfo, Unlinked, examples, read_table
from .duo_besturen import BESTUREN_FILE, BESTUREN_SCHEMA, match_boards

__all__ = ["LerarenopleidingenImporter", "HO_FILE", "HO_SCHEMA", "TEACHER_TRAINING", "degree_kind"]

HO_FILE = "duo-ho-opleidingsoverzicht/ho_opleidingsoverzicht.csv"

HO_SCHEMA = FileSchema(
    name="ho_opleidingsoverzicht.csv (DUO/RIO)",
    encoding="utf-8-sig",
    delimiter=",",
    columns=(
        Column("ONDERWIJSBESTUURID", required=True, pattern=r"\d{3}B\d{3}", hint="RIO id like 100B349"),
        Column("ONDERWIJSBESTUUR_NAAM", required=True),
        Column("ONDERWIJSAANBIEDER_NAAM"),
        Column("SOORT", required=True, choices=frozenset({"OPLEIDING", "VARIANT"})),
        Column("OPLEIDINGSEENHEIDCODE", required=True),
        Column("ERKENDEOPLEIDINGSCODE", pattern=r"\d{5}", hint="5-digit CROHO/ISAT code"),
        Column("VARIANT_VAN"),
        Column("NAAM_LANG", required=True),
        Column("NIVEAU"),
        Column("ONDERWIJSLOCATIEPLAATS"),
    ),
)

#: What counts as a teacher-training programme (matched against NAAM_LANG, any case).
TEACHER_TRAINING = re.compile(
    r"leraar|lerarenopleiding|^educatie (in|en) |kunsteducatie|^docent "
    r"|educatief professional beroepsonderwijs", re.IGNORECASE)

#: RIO writes some boards as "Het College van Bestuur van de <universiteit>".
_RIO_PREFIX = re.compile(r"^het college van bestuur van de\s+", re.IGNORECASE)

NAME = "duo-ho-lerarenopleidingen"
DATE = "2026-08-04"


def degree_kind(name: str, level: str | None) -> str:
    """Answer pabo, tweedegraads, eerstegraads, ad, master or other for a programme."""
    low = (name or "").lower()
    level = level or ""
    if "basisonderwijs" in low or "basisond" in low:
        return "pabo"
    if "eerste graad" in low or "voorbereidend hoger onderwijs" in low or level.startswith("WO-MA") \
            or low.startswith("educatie "):
        return "eerstegraads"
    if "tweede graad" in low or level == "HBO-BA":
        return "tweedegraads"
    if level == "HBO-AD":
        return "ad"
    if level.endswith("-MA"):
        return "master"
    return "other"


class LerarenopleidingenImporter(Importer):
    """Teacher-training offerings (pabo, tweedegraads, eerstegraads, ...) and their boards."""

    name = NAME
    title = "DUO ho opleidingsoverzicht: teacher-training programmes (lerarenopleidingen)"
    files = {HO_FILE: HO_SCHEMA, BESTUREN_FILE: BESTUREN_SCHEMA}
    requires = ("gemeente-regio", "duo-besturen", "duo-po-vestigingen")

    def read(self, data_dir: Path) -> ImportResult:
        """Answer TeacherCollege nodes (~145) and OFFERED_BY for the boards matched by name."""
        data_dir = Path(data_dir)
        frame = read_table(data_dir / HO_FILE, HO_SCHEMA)
        croho_of_unit = dict(zip(frame["OPLEIDINGSEENHEIDCODE"], frame["ERKENDEOPLEIDINGSCODE"]))
        croho = frame["ERKENDEOPLEIDINGSCODE"].fillna(frame["VARIANT_VAN"].map(croho_of_unit))
        frame = frame.assign(croho=croho.fillna(frame["OPLEIDINGSEENHEIDCODE"]))
        teacher = frame["NAAM_LANG"].map(lambda n: bool(TEACHER_TRAINING.search(n)))
        offered = frame[teacher & frame["ONDERWIJSLOCATIEPLAATS"].notna()].copy()
        offered["id"] = (offered["ONDERWIJSBESTUURID"] + ":" + offered["croho"] + ":"
                         + offered["ONDERWIJSLOCATIEPLAATS"])
        offered = offered.drop_duplicates("id")
        colleges = pd.DataFrame({
            "id": offered["id"], "name": offered["NAAM_LANG"], "programme": offered["NAAM_LANG"],
            "level": offered["NIVEAU"],
            "degree_kind": [degree_kind(n, lv) for n, lv in zip(offered["NAAM_LANG"], offered["NIVEAU"])],
            "city": offered["ONDERWIJSLOCATIEPLAATS"],
            "institution": offered["ONDERWIJSAANBIEDER_NAAM"].fillna(offered["ONDERWIJSBESTUUR_NAAM"]),
            "board_name": offered["ONDERWIJSBESTUUR_NAAM"], "croho": offered["croho"]})
        plain = {n: _RIO_PREFIX.sub("", n) for n in offered["ONDERWIJSBESTUUR_NAAM"].drop_duplicates()}
        by_plain = match_boards(plain.values(), data_dir, ("HBO", "WO", "MBO"))
        matched = {n: by_plain[p] for n, p in plain.items() if p in by_plain}
        board = offered["ONDERWIJSBESTUUR_NAAM"].map(lambda n: matched[n][0] if n in matched else None)
        score = offered["ONDERWIJSBESTUUR_NAAM"].map(lambda n: matched[n][1] if n in matched else None)
        ok = board.notna()
        self._offered = offered
        tables = GraphTables()
        tables.add_nodes("TeacherCollege", with_source(colleges, NAME, DATE))
        tables.add_nodes("Board", with_source(pd.DataFrame({"id": sorted(set(board[ok]))}), NAME, DATE))
        tables.add_relationships("OFFERED_BY", "TeacherCollege", "Board", rels(
            offered.loc[ok, "id"], board[ok], NAME, DATE, match_score=score[ok]))
        unlinked = []
        if (~ok).any():
            names = offered.loc[~ok, "ONDERWIJSBESTUUR_NAAM"].drop_duplicates()
            unlinked.append(Unlinked(
                f"teacher colleges whose board name matches no board in the board names file "
                f"({len(names)} boards)", int((~ok).sum()), examples(names)))
        source = SourceInfo(
            name=NAME, title=self.title, date=DATE, publisher="DUO / RIO (Open Onderwijsdata)",
            url="https://onderwijsdata.duo.nl (ho_opleidingsoverzicht)", licence="CC BY 4.0")
        return ImportResult(tables, [source], unlinked, rows_read=len(frame))

    def link(self, tables: GraphTables) -> ImportResult | None:
        """Answer OFFERED_IN Municipality by the offering's city."""
        offered = getattr(self, "_offered", None)
        if offered is None:
            return None
        places = PlaceIndex(tables)
        muni = offered["ONDERWIJSLOCATIEPLAATS"].map(lambda c: places.locate(city=c))
        ok = muni.notna()
        out = GraphTables()
        out.add_relationships("OFFERED_IN", "TeacherCollege", "Municipality",
                              rels(offered.loc[ok, "id"], muni[ok], NAME, DATE))
        unlinked = []
        if (~ok).any():
            unlinked.append(Unlinked("teacher colleges whose city matches no municipality",
                                     int((~ok).sum()),
                                     examples(offered.loc[~ok, "ONDERWIJSLOCATIEPLAATS"].drop_duplicates())))
        return ImportResult(out, [], unlinked)
