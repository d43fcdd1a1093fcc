"""The importers of the bundled public data, and :func:`import_all` that runs them together.

``IMPORTERS`` maps each source name (as the CLI knows it) to its importer class, in
dependency order.  :func:`import_all` reads the chosen sources (plus the ones they
require), lets each link to the others' tables, combines everything into one
:class:`~graph.tables.GraphTables` with a Source node per dataset, and checks that every
relationship to a municipality points at a known one.  Nothing touches a store.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

import pandas as pd

from graph.errors import ConfigError, InputError
from graph.tables import GraphTables, NodeTable

from .base import Importer, ImportResult, SourceInfo, Unlinked, examples
from .cbs_arbeidsmarktregio import ArbeidsmarktregioImporter
from .duo_besturen import BesturenImporter
from .duo_ho_lerarenopleidingen import LerarenopleidingenImporter
from .duo_po_leerlingen import PoLeerlingenImporter
from .duo_po_vestigingen import PoVestigingenImporter
from .duo_vo_instellingen import VoInstellingenImporter
from .edugis_scholen import EdugisScholenImporter
from .gemeente_regio import GemeenteRegioImporter
from .mbo_instellingen import MboInstellingenImporter
from .swv_pc4 import SwvPc4Importer

__all__ = ["IMPORTERS", "get_importer", "import_all", "merge_results", "default_data_dir",
           "source_nodes"]

#: Source name -> importer class, in dependency order (an importer comes after those it requires).
IMPORTERS: dict[str, type[Importer]] = {cls.name: cls for cls in (
    GemeenteRegioImporter,
    ArbeidsmarktregioImporter,
    BesturenImporter,
    PoVestigingenImporter,
    PoLeerlingenImporter,
    VoInstellingenImporter,
    EdugisScholenImporter,
    MboInstellingenImporter,
    LerarenopleidingenImporter,
    SwvPc4Importer,
)}


def default_data_dir() -> Path:
    """Answer the data folder: ``$REGIOGRAPH_DATA`` when set, else the bundled ``data/raw``."""
    env = os.environ.get("REGIOGRAPH_DATA")
    if env:
        path = Path(env).expanduser()
        if not path.is_dir():
            raise ConfigError("REGIOGRAPH_DATA is not a folder", value=env,
                              fix="point REGIOGRAPH_DATA at a folder laid out like data/raw, or unset it")
        return path
    return Path(__file__).resolve().parent.parent / "data" / "raw"


def get_importer(name: str) -> Importer:
    """Answer a new importer for source ``name``; raise ConfigError naming the known sources."""
    try:
        return IMPORTERS[name]()
    except KeyError:
        raise ConfigError(f"unknown source {name!r}", value=name,
                          fix=f"use one of: {', '.join(IMPORTERS)}") from None


def _with_requirements(names: Iterable[str]) -> list[str]:
    wanted: set[str] = set()
    stack = list(names)
    while stack:
        name = stack.pop()
        if name in wanted:
            continue
        get_importer(name)  # raises on an unknown name
        wanted.add(name)
        stack.extend(IMPORTERS[name].requires)
    return [n for n in IMPORTERS if n in wanted]


def source_nodes(sources: list[SourceInfo], rows: dict[str, int]) -> pd.DataFrame:
    """Answer one Source node row per dataset (id = dataset name)."""
    return pd.DataFrame([{
        "id": s.name, "title": s.title, "date": s.date, "publisher": s.publisher, "url": s.url,
        "licence": s.licence, "synthetic": bool(s.synthetic), "rows": rows.get(s.name),
        "source": s.name, "source_date": s.date} for s in sources])


def merge_results(results: Iterable[ImportResult]) -> ImportResult:
    """Answer one ImportResult from several (tables combined in order, sources and reports joined).

    Every dataset gets its Source node (a registry read on its own has none yet).
    """
    results = list(results)
    tables = GraphTables.combine(r.tables for r in results)
    have = set(tables.node_table("Source")["id"])
    missing = [s for r in results for s in r.sources if s.name not in have]
    if missing:
        rows = {s.name: r.rows_read for r in results for s in r.sources}
        tables = GraphTables.combine([tables, GraphTables(
            [NodeTable("Source", source_nodes(missing, rows))], [])])
    return ImportResult(
        tables=tables,
        sources=[s for r in results for s in r.sources],
        unlinked=[u for r in results for u in r.unlinked],
        rows_read=sum(r.rows_read for r in results))


def import_all(data_dir: Path | str | None = None, names: Iterable[str] | None = None) -> ImportResult:
    """Answer the graph tables of the chosen sources (all by default), checked and combined.

    ``names`` are source names; the sources they require are read too (so a partial
    import is self-consistent).  ``data_dir`` defaults to :func:`default_data_dir`.
    Raises :class:`~graph.errors.InputError` for a bad file or a link to an unknown
    municipality code (naming file, line, column, value and fix); rows that cannot be
    linked otherwise are reported in ``unlinked`` (a relationship to a node no source gives
    is dropped and reported there too, so a store never receives a dangling link).  Cost at national size: ~2 s.
    """
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    if not data_dir.is_dir():
        raise ConfigError("the data folder does not exist", value=str(data_dir),
                          fix="pass --data-dir with a folder laid out like data/raw")
    chosen = _with_requirements(names if names is not None else IMPORTERS)
    importers = [IMPORTERS[n]() for n in chosen]
    results = [imp.read(data_dir) for imp in importers]
    tables = GraphTables.combine(r.tables for r in results)
    unlinked = [u for r in results for u in r.unlinked]
    for imp in importers:
        extra = imp.link(tables)
        if extra is not None:
            tables = GraphTables.combine([tables, extra.tables])
            unlinked.extend(extra.unlinked)
    _check_municipalities(tables)
    unlinked.extend(_drop_dangling(tables))
    sources = [s for r in results for s in r.sources]
    rows = {s.name: r.rows_read for r in results for s in r.sources}
    tables.add_nodes("Source", source_nodes(sources, rows))
    _drop_private_columns(tables)
    return ImportResult(tables, sources, unlinked, rows_read=sum(r.rows_read for r in results))


def _check_municipalities(tables: GraphTables) -> None:
    """Raise InputError for the first relationship to a municipality code that does not exist."""
    known = set(tables.node_table("Municipality")["id"])
    for rel in tables.relationships:
        for side, label in (("start", rel.start_label), ("end", rel.end_label)):
            if label != "Municipality":
                continue
            bad = rel.rows[~rel.rows[side].isin(known)]
            if not len(bad):
                continue
            row = bad.iloc[0]
            file = row.get("_file") if "_file" in bad else None
            value = row.get("_value") if "_value" in bad else row[side]
            raise InputError(
                f"unknown municipality code ({len(bad)} row(s) of {rel.type} point at a "
                f"municipality that is not in the gemeente region table)",
                file=None if pd.isna(file) else file,
                line=None if "_line" not in bad or pd.isna(row.get("_line")) else int(row["_line"]),
                column=None if "_column" not in bad or pd.isna(row.get("_column")) else row["_column"],
                value=value,
                fix="use a CBS gemeentecode of the current indeling (342 gemeenten, see "
                    "data/raw/derived-gemeente-regio-koppeling/gemeenten_2025_regio.csv); a merged "
                    "municipality needs its new code")


def _drop_dangling(tables: GraphTables) -> list[Unlinked]:
    """Remove relationships whose start or end node no source gives; answer them as reports."""
    reports = []
    for rel, bad in tables.dangling():
        rel.rows = rel.rows.drop(index=bad.index).reset_index(drop=True)
        reports.append(Unlinked(
            f"{rel.type} relationships ({rel.start_label} -> {rel.end_label}) to a node no source "
            "gives (not imported)", len(bad),
            examples(f"{a} -> {b}" for a, b in zip(bad["start"], bad["end"]))))
    return reports


def _drop_private_columns(tables: GraphTables) -> None:
    for table in [*tables.nodes, *tables.relationships]:
        private = [c for c in table.rows.columns if str(c).startswith("_")]
        if private:
            table.rows = table.rows.drop(columns=private)
