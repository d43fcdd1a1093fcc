"""Importer ``mbo-instellingen``: mbo institutions and their locations (KiesMBO via Het Onderwijsloket, 2025).

Files (UTF-8, ``,``; derived CSVs of the KiesMBO API, see their SOURCE.md):
``mbo_instellingen_kiesmbo_2025.csv`` (179 institutions, 4-char BRIN) and
``mbo_locaties_kiesmbo_2025.csv`` (679 locations, ``brinvest`` = BRIN + 2).  No DUO mbo
address file was obtainable, so the board of an institution is found by matching its
name to the MBO boards of the board names file (``duo-besturen``; see
:mod:`importers.matching`).  Produces School nodes of sector ``mbo``, Board GOVERNS
School for the matched institutions and (in :meth:`link`) School LOCATED_IN Municipality
by the location's PC4 or place name.  Reports institutions without a board (mostly
private, non-funded providers) and locations without a municipality.  Cost: ~60 ms.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from graph.tables import GraphTables

from ._common import PlaceIndex, rels, with_source
from .base import Column, FileSchema, Importer, ImportResult, SourceInfo, Unlinked, examples, read_table
from .duo_besturen import BESTUREN_FILE, BESTUREN_SCHEMA, match_boards

__all__ = ["MboInstellingenImporter", "MBO_INST_FILE", "MBO_LOC_FILE", "MBO_INST_SCHEMA",
           "MBO_LOC_SCHEMA"]

MBO_INST_FILE = "onderwijsloket-mbo-ho-instellingen-2025/mbo_instellingen_kiesmbo_2025.csv"
MBO_LOC_FILE = "onderwijsloket-mbo-ho-instellingen-2025/mbo_locaties_kiesmbo_2025.csv"

MBO_INST_SCHEMA = FileSchema(
    name="mbo_instellingen_kiesmbo_2025.csv (KiesMBO institutions)",
    encoding="utf-8-sig",
    delimiter=",",
    columns=(
        Column("brin_code", required=True, pattern=r"[0-9A-Z]{4}", unique=True),
        Column("naam", required=True),
        Column("type"),
        Column("postcode"),
        Column("website"),
    ),
)

MBO_LOC_SCHEMA = FileSchema(
    name="mbo_locaties_kiesmbo_2025.csv (KiesMBO locations)",
    encoding="utf-8-sig",
    delimiter=",",
    columns=(
        Column("brinvest", required=True, pattern=r"[0-9A-Z]{6}", unique=True,
               hint="BRIN + 2 characters"),
        Column("brin_code", required=True, pattern=r"[0-9A-Z]{4}"),
        Column("naam", required=True),
        Column("straat"),
        Column("postcode"),
        Column("plaats"),
    ),
)

NAME = "mbo-instellingen"
DATE = "2025-02-17"


class MboInstellingenImporter(Importer):
    """Mbo school locations, with their board where the institution's name matches one."""

    name = NAME
    title = "KiesMBO mbo institutions and locations (2025, via Het Onderwijsloket)"
    files = {MBO_INST_FILE: MBO_INST_SCHEMA, MBO_LOC_FILE: MBO_LOC_SCHEMA,
             BESTUREN_FILE: BESTUREN_SCHEMA}
    requires = ("gemeente-regio", "duo-besturen", "duo-po-vestigingen")

    def read(self, data_dir: Path) -> ImportResult:
        """Read both files and match institutions to boards; the nodes come in :meth:`link`."""
        data_dir = Path(data_dir)
        inst = read_table(data_dir / MBO_INST_FILE, MBO_INST_SCHEMA)
        loc = read_table(data_dir / MBO_LOC_FILE, MBO_LOC_SCHEMA)
        matched = match_boards(inst["naam"], data_dir, ("MBO",))
        board_of_brin = {brin: matched[name][0] for brin, name in zip(inst["brin_code"], inst["naam"])
                         if name in matched}
        self._score_of_brin = {brin: matched[name][1] for brin, name in zip(inst["brin_code"], inst["naam"])
                               if name in matched}
        inst_name = dict(zip(inst["brin_code"], inst["naam"]))
        self._loc, self._board_of_brin = loc, board_of_brin
        tables = GraphTables()
        unlinked = []
        no_board = inst[~inst["brin_code"].isin(board_of_brin)]
        if len(no_board):
            unlinked.append(Unlinked(
                "mbo institutions whose name matches no MBO board (their locations have no board)",
                len(no_board), examples(f"{b} {n}" for b, n in zip(no_board["brin_code"], no_board["naam"]))))
        orphan = loc[~loc["brin_code"].isin(inst_name)]
        if len(orphan):
            unlinked.append(Unlinked("mbo locations whose BRIN is not in the institutions file",
                                     len(orphan), examples(orphan["brinvest"])))
        source = SourceInfo(
            name=NAME, title=self.title, date=DATE,
            publisher="SBB KiesMBO (via Het Onderwijsloket navigator-data-generator)",
            url="https://github.com/onderwijsin/navigator-data-generator",
            licence="public information; upstream API terms not stated")
        return ImportResult(tables, [source], unlinked, rows_read=len(inst) + len(loc))

    def link(self, tables: GraphTables) -> ImportResult | None:
        """Answer the mbo School nodes, GOVERNS, and LOCATED_IN by PC4 or place name.

        Done here, not in :meth:`read`, because a KiesMBO ``brinvest`` can equal the
        vestigingscode of a DUO vo location of the same BRIN (an AOC runs vmbo and mbo):
        such a location is kept as the DUO school and reported, not overwritten.
        """
        loc = getattr(self, "_loc", None)
        if loc is None:
            return None
        schools = tables.node_table("School")
        taken = loc["brinvest"].isin(set(schools["id"]))
        clash, loc = loc[taken], loc[~taken]
        places = PlaceIndex(tables)
        muni = pd.Series([places.locate(postcode=p, city=c) for p, c in zip(loc["postcode"], loc["plaats"])],
                         index=loc.index, dtype=object)
        ok = muni.notna()
        rows = pd.DataFrame({"id": loc["brinvest"], "name": loc["naam"], "brin": loc["brin_code"],
                             "sector": "mbo", "municipality_code": muni, "postcode": loc["postcode"],
                             "city": loc["plaats"]})
        board = loc["brin_code"].map(self._board_of_brin)
        out = GraphTables()
        out.add_nodes("School", with_source(rows, NAME, DATE))
        out.add_nodes("Board", with_source(pd.DataFrame({"id": sorted(set(board.dropna()))}), NAME, DATE))
        out.add_relationships("GOVERNS", "Board", "School", rels(
            board[board.notna()], loc.loc[board.notna(), "brinvest"], NAME, DATE,
            match_score=loc.loc[board.notna(), "brin_code"].map(self._score_of_brin)))
        out.add_relationships("LOCATED_IN", "School", "Municipality",
                              rels(loc.loc[ok, "brinvest"], muni[ok], NAME, DATE))
        unlinked = []
        if len(clash):
            unlinked.append(Unlinked(
                "mbo locations whose BRIN+volgnummer is already a DUO school location "
                "(kept as that location, mbo row not imported)", len(clash), examples(clash["brinvest"])))
        if (~ok).any():
            unlinked.append(Unlinked("mbo locations whose postcode and place match no municipality",
                                     int((~ok).sum()),
                                     examples(f"{b} {p} {c}" for b, p, c in zip(
                                         loc.loc[~ok, "brinvest"], loc.loc[~ok, "postcode"],
                                         loc.loc[~ok, "plaats"]))))
        return ImportResult(out, [], unlinked)
