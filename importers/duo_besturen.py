"""Importer ``duo-besturen``: board names, sectors and groepering (DUO jaarrekeningen 2015-2019).

File ``duo-jaarrekening-balans-2015-2019/besturen_2015_2019_derived.csv`` (UTF-8, ``,``):
one row per bevoegd gezag (1,668) with its sector, groepering and latest name.  Produces
Board nodes (name, groepering) for the boards still present in the latest year (2019);
after the other sources are read, :meth:`link` names the older boards they refer to, sets
each board's ``sectors`` (its own sector plus those of the schools it governs) and reports
boards without a name.  Also offers :func:`board_names` to the importers that match
institutions to boards by name.  Cost: ~15 ms read, ~30 ms link.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from graph.tables import GraphTables

from ._common import with_source
from .base import Column, FileSchema, Importer, ImportResult, SourceInfo, Unlinked, examples, read_table

__all__ = ["BesturenImporter", "BESTUREN_FILE", "BESTUREN_SCHEMA", "board_names", "match_boards"]

BESTUREN_FILE = "duo-jaarrekening-balans-2015-2019/besturen_2015_2019_derived.csv"

BESTUREN_SCHEMA = FileSchema(
    name="besturen_2015_2019_derived.csv (DUO board names)",
    encoding="utf-8-sig",
    delimiter=",",
    columns=(
        Column("bevoegd_gezag_nummer", required=True, pattern=r"\d{5}", unique=True,
               hint="5 digits with leading zeros"),
        Column("sector", required=True, choices=frozenset({"PO", "VO", "MBO", "HBO", "WO"})),
        Column("groepering"),
        Column("naam", required=True),
        Column("eerste_jaar", kind="int"),
        Column("laatste_jaar", kind="int", required=True),
    ),
)

NAME = "duo-besturen"
DATE = "2019-12-31"


def board_names(data_dir: Path, sectors: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Answer the board names file (optionally only some DUO sectors, e.g. ``("MBO",)``).

    Columns: ``bevoegd_gezag_nummer``, ``sector``, ``groepering``, ``naam``,
    ``laatste_jaar``, ``_line``.  Cost: ~15 ms.
    """
    frame = read_table(Path(data_dir) / BESTUREN_FILE, BESTUREN_SCHEMA)
    if sectors:
        frame = frame[frame["sector"].isin(sectors)]
    return frame


def match_boards(names, data_dir: Path, sectors: tuple[str, ...]) -> dict[str, tuple[str, float]]:
    """Answer name -> (board id, score) for the names that match one board of ``sectors``.

    Uses :class:`importers.matching.NameMatcher` (threshold 90; an ambiguous name is not
    linked).  Cost: ~1 ms per name against ~100 boards.
    """
    from .matching import NameMatcher

    boards = board_names(data_dir, sectors)
    matcher = NameMatcher(pd.DataFrame({"kind": "board", "key": boards["bevoegd_gezag_nummer"],
                                        "name": boards["naam"], "last_year": boards["laatste_jaar"]}))
    out = {}
    for name in dict.fromkeys(n for n in names if isinstance(n, str)):
        found = matcher.match(name)
        if found.status == "matched":
            out[name] = (found.key, float(found.score))
    return out


class BesturenImporter(Importer):
    """Names, sector and groepering of every school board (bevoegd gezag)."""

    name = NAME
    title = "DUO board names and sectors (jaarrekeningen 2015-2019, derived)"
    files = {BESTUREN_FILE: BESTUREN_SCHEMA}

    def read(self, data_dir: Path) -> ImportResult:
        """Answer Board nodes for the boards present in the latest year (1,482)."""
        frame = board_names(data_dir)
        self._all = frame
        latest = frame[frame["laatste_jaar"] == frame["laatste_jaar"].max()]
        tables = GraphTables()
        tables.add_nodes("Board", with_source(_board_rows(latest), NAME, DATE))
        source = SourceInfo(
            name=NAME, title=self.title, date=DATE,
            publisher="DUO (jaarrekeninggegevens Balans), derived per board",
            url="data/raw/duo-jaarrekening-balans-2015-2019/SOURCE.md", licence="CC BY 4.0")
        return ImportResult(tables, [source], [], rows_read=len(frame))

    def link(self, tables: GraphTables) -> ImportResult | None:
        """Name older boards other sources refer to; set sectors; report boards without a name."""
        frame = getattr(self, "_all", None)
        if frame is None:
            return None
        boards = tables.node_table("Board")
        known = set(boards["id"]) if len(boards) else set()
        named = set(boards.loc[boards["name"].notna(), "id"]) if "name" in boards else set()
        older = frame[frame["bevoegd_gezag_nummer"].isin(known - named)]
        out = GraphTables()
        rows = _board_rows(older)
        sectors = {b: s for b, s in _sectors(tables, frame).items() if b in known}
        if sectors:
            rows = pd.concat([rows, pd.DataFrame({"id": list(sectors),
                                                  "sectors": list(sectors.values())})],
                             ignore_index=True)
        if len(rows):
            out.add_nodes("Board", with_source(rows, NAME, DATE))
        nameless = sorted(known - named - set(older["bevoegd_gezag_nummer"]))
        unlinked = []
        if nameless:
            unlinked.append(Unlinked(
                "boards without a name (bevoegd-gezag number not in the 2015-2019 board file; "
                "new or merged since)", len(nameless), examples(nameless)))
        return ImportResult(out, [], unlinked)


def _board_rows(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"id": frame["bevoegd_gezag_nummer"].to_numpy(),
                         "name": frame["naam"].to_numpy(),
                         "groepering": frame["groepering"].to_numpy()})


_SCHOOL_SECTOR_ORDER = ("po", "sbo", "so", "vso", "vo", "mbo", "ho")


def _sectors(tables: GraphTables, names: pd.DataFrame) -> dict[str, list[str]]:
    """Answer board id -> sorted sectors (file sector + sectors of its schools)."""
    found: dict[str, set[str]] = {}
    for board, sector in zip(names["bevoegd_gezag_nummer"], names["sector"]):
        found.setdefault(board, set()).add(sector.lower().replace("hbo", "ho").replace("wo", "ho"))
    governs = tables.rel_table("GOVERNS", "Board", "School")
    schools = tables.node_table("School")
    if len(governs) and "sector" in schools:
        sector_of = dict(zip(schools["id"], schools["sector"]))
        for board, school in zip(governs["start"], governs["end"]):
            sector = sector_of.get(school)
            if isinstance(sector, str):
                found.setdefault(board, set()).add(sector)
    colleges = tables.rel_table("OFFERED_BY", "TeacherCollege", "Board")
    for board in colleges["end"] if len(colleges) else []:
        found.setdefault(board, set()).add("ho")
    order = {s: i for i, s in enumerate(_SCHOOL_SECTOR_ORDER)}
    return {b: sorted(s, key=lambda x: order.get(x, 99)) for b, s in found.items()}
