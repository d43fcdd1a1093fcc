"""Importer ``edugis-scholen``: geocoded po/so/vo school locations (EduGIS, DUO files of 2024-11-22).

File ``edugis-scholen-geocoded-2024/scholen20241122.geo.json``: a GeoJSON FeatureCollection
(CRS84 lon/lat points, one feature per line, 8,717 features) with ``vestigingscode``,
``brin_nummer``, ``type`` (basisschool, SBAO, SO, VSO, (V)SO or a vo onderwijsstructuur
such as ``VBO/MAVO``), address and DUO's upper-case ``gemeente`` name.

Produces School nodes of sector ``vo`` (the only complete vo location list available)
with coordinates, their board via BRIN -> the 2020 vo file (``duo-vo-instellingen``) as
GOVERNS; in :meth:`link`: LOCATED_IN by the gemeente name, and ``lat``/``lon`` (plus
postcode and place where a DUO file lacks them, as the 06 file does for sbo/so/vso) onto
the po/sbo/so/vso schools the DUO files already give.  Reports vo locations without a board,
features for schools no other file knows, and duplicate features.  Cost: ~0.4 s (5 MB JSON).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from graph.errors import InputError
from graph.tables import GraphTables

from ._common import PlaceIndex, rels, with_source
from .base import (read_json, Column, FileSchema, Importer, ImportResult, SourceInfo, Unlinked,
                   check_frame, examples)
from .duo_vo_instellingen import VO_FILE, VO_SCHEMA, vo_boards_by_brin

__all__ = ["EdugisScholenImporter", "EDUGIS_FILE", "EDUGIS_SCHEMA", "PO_TYPES"]

EDUGIS_FILE = "edugis-scholen-geocoded-2024/scholen20241122.geo.json"

EDUGIS_SCHEMA = FileSchema(
    name="scholen20241122.geo.json (EduGIS geocoded schools)",
    encoding="utf-8",
    delimiter="",
    format="geojson",
    columns=(
        Column("vestigingscode", required=True, pattern=r"[0-9A-Z]{6}"),
        Column("brin_nummer", required=True, pattern=r"[0-9A-Z]{4}"),
        Column("type", required=True),
        Column("naam"),
        Column("postcode"),
        Column("plaats"),
        Column("gemeente"),
        Column("denominatie"),
        Column("lon", kind="float", required=True),
        Column("lat", kind="float", required=True),
    ),
)

#: Feature types that are po/special schools (the rest are vo onderwijsstructuren).
PO_TYPES = frozenset({"basisschool", "SBAO", "SO", "VSO", "(V)SO"})

NAME = "edugis-scholen"
DATE = "2024-11-22"
_PROPS = ("vestigingscode", "brin_nummer", "type", "naam", "postcode", "plaats", "gemeente",
          "denominatie")


def read_features(path: Path) -> pd.DataFrame:
    """Answer one row per feature (declared columns + ``_line``), checked against the schema."""
    data, text = read_json(path, "EduGIS GeoJSON")
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list) or not features:
        raise InputError("the GeoJSON has no features", file=str(path), line=1, column="features",
                         fix="supply a FeatureCollection with one Point feature per school")
    feature_lines = [n for n, line in enumerate(text.splitlines(), start=1)
                     if line.lstrip().startswith('{ "type": "Feature"')]
    if len(feature_lines) != len(features):
        feature_lines = [0] * len(features)  # not one feature per line: no line numbers
    columns: dict[str, list] = {k: [] for k in (*_PROPS, "lon", "lat")}
    for feature in features:
        props = feature.get("properties") or {}
        for key in _PROPS:
            value = props.get(key)
            columns[key].append(None if value is None else str(value))
        coords = (feature.get("geometry") or {}).get("coordinates") or [None, None]
        columns["lon"].append(None if coords[0] is None else str(coords[0]))
        columns["lat"].append(None if len(coords) < 2 or coords[1] is None else str(coords[1]))
    frame = pd.DataFrame(columns, dtype=object)
    return check_frame(frame, EDUGIS_SCHEMA, path, feature_lines)


class EdugisScholenImporter(Importer):
    """Vo school locations with their board, and coordinates of every school location."""

    name = NAME
    title = "EduGIS geocoded school locations (DUO address files of 2024-11-22)"
    files = {EDUGIS_FILE: EDUGIS_SCHEMA, VO_FILE: VO_SCHEMA}
    requires = ("gemeente-regio", "duo-besturen", "duo-vo-instellingen", "duo-po-vestigingen",
                "duo-po-leerlingen")

    def read(self, data_dir: Path) -> ImportResult:
        """Answer vo School nodes (~1,550 distinct) with coordinates, and GOVERNS via BRIN."""
        path = Path(data_dir) / EDUGIS_FILE
        frame = read_features(path)
        duplicated = frame["vestigingscode"].duplicated()
        self._duplicates = frame.loc[duplicated, "vestigingscode"].drop_duplicates()
        frame = frame[~duplicated]
        is_vo = ~frame["type"].isin(PO_TYPES)
        vo, self._other = frame[is_vo], frame[~is_vo]
        boards = vo_boards_by_brin(data_dir)
        board = vo["brin_nummer"].map(boards)
        schools = pd.DataFrame({
            "id": vo["vestigingscode"], "name": vo["naam"], "brin": vo["brin_nummer"],
            "sector": "vo", "postcode": vo["postcode"], "city": vo["plaats"],
            "denomination": vo["denominatie"], "lat": vo["lat"], "lon": vo["lon"]})
        self._vo = vo
        tables = GraphTables()
        tables.add_nodes("School", with_source(schools, NAME, DATE))
        tables.add_relationships("GOVERNS", "Board", "School", rels(
            board[board.notna()], vo.loc[board.notna(), "vestigingscode"], NAME, DATE))
        unlinked = []
        if board.isna().any():
            unlinked.append(Unlinked(
                "vo locations without a board (BRIN not in the 2020 vo institutions file)",
                int(board.isna().sum()), examples(vo.loc[board.isna(), "vestigingscode"])))
        if len(self._duplicates):
            unlinked.append(Unlinked("duplicate features (same vestigingscode; first kept)",
                                     len(self._duplicates), examples(self._duplicates)))
        source = SourceInfo(
            name=NAME, title=self.title, date=DATE,
            publisher="EduGIS (geocoding of DUO address files against BAG)",
            url="https://github.com/edugis-repo/data-nl-scholen", licence="none stated; DUO data CC BY 4.0")
        return ImportResult(tables, [source], unlinked, rows_read=len(frame) + int(duplicated.sum()))

    def link(self, tables: GraphTables) -> ImportResult | None:
        """Answer LOCATED_IN of the vo schools and coordinates for the known po/so schools."""
        vo = getattr(self, "_vo", None)
        if vo is None:
            return None
        places = PlaceIndex(tables)
        muni = pd.Series([places.locate(municipality=g, postcode=p, city=c) for g, p, c in
                          zip(vo["gemeente"], vo["postcode"], vo["plaats"])], index=vo.index, dtype=object)
        out = GraphTables()
        out.add_relationships("LOCATED_IN", "School", "Municipality", rels(
            vo.loc[muni.notna(), "vestigingscode"], muni[muni.notna()], NAME, DATE))
        schools = tables.node_table("School")
        known = set(schools["id"])
        other = self._other
        hit = other["vestigingscode"].isin(known)
        rows = pd.concat([
            pd.DataFrame({"id": vo.loc[muni.notna(), "vestigingscode"], "municipality_code": muni[muni.notna()]}),
            pd.DataFrame({"id": other.loc[hit, "vestigingscode"], "lat": other.loc[hit, "lat"],
                          "lon": other.loc[hit, "lon"], "postcode": other.loc[hit, "postcode"],
                          "city": other.loc[hit, "plaats"]})], ignore_index=True)
        out.add_nodes("School", with_source(rows, NAME, DATE))
        unlinked = []
        if muni.isna().any():
            unlinked.append(Unlinked("vo locations whose gemeente name matches no municipality",
                                     int(muni.isna().sum()),
                                     examples(vo.loc[muni.isna(), "gemeente"].drop_duplicates())))
        if (~hit).any():
            unlinked.append(Unlinked(
                "geocoded po/so locations not in the DUO po/pupil files (closed or new; no coordinates kept)",
                int((~hit).sum()), examples(other.loc[~hit, "vestigingscode"])))
        return ImportResult(out, [], unlinked)
