"""The DUO/CBS reference tables the registry needs (boards, schools, colleges, municipalities,
regions), and the extra names used for matching.

:func:`reference_tables` answers the project's own import (``importers.import_all``) when it
is available; until then - and as a light fallback - :func:`read_raw_reference` reads just
what the registry needs straight from the raw public files (folder layout of
``/work/shared/data/raw``: one folder per dataset).  Either way the result is a
:class:`~graph.tables.GraphTables`, so the registry reader, the matcher and the demo
generator only ever see DUO tables.  Cost: ~1 s for the national files.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pandas as pd

from graph.errors import InputError
from graph.tables import GraphTables

__all__ = ["DEFAULT_RAW_DIR", "reference_tables", "read_raw_reference", "institution_names"]

_BUNDLED = Path(__file__).resolve().parent.parent / "data" / "raw"
#: Where the raw public files live: REGIOGRAPH_RAW_DIR, else the bundled data/raw, else the
#: shared folder they were collected in.
DEFAULT_RAW_DIR = Path(os.environ.get("REGIOGRAPH_RAW_DIR") or (
    _BUNDLED if (_BUNDLED / "duo-po-vestigingen").exists() else "/work/shared/data/raw"))
_SOURCE = "duo-raw-reference"
_DATE = "2025-10-01"


def reference_tables(data_dir: Path | str | None = None) -> GraphTables:
    """Answer DUO/CBS tables: ``importers.import_all(data_dir)`` when the project has it,
    else :func:`read_raw_reference` over the raw files."""
    try:
        from importers import import_all  # type: ignore[attr-defined]
    except ImportError:
        return read_raw_reference(data_dir or DEFAULT_RAW_DIR)
    result = import_all(data_dir=Path(data_dir)) if data_dir is not None else import_all()
    return result.tables


def _csv(path: Path, encoding: str, delimiter: str) -> list[dict[str, str]]:
    if not path.exists():
        raise InputError("reference file not found", file=str(path),
                         fix="set REGIOGRAPH_RAW_DIR to the folder of the raw DUO/CBS files")
    with path.open(encoding=encoding, newline="") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    frame["source"] = _SOURCE
    frame["source_date"] = _DATE
    return frame


def read_raw_reference(raw_dir: Path | str = DEFAULT_RAW_DIR) -> GraphTables:
    """Answer Board, School (po, vo, mbo), TeacherCollege, Municipality and Region
    (provincie, arbeidsmarktregio, corop) nodes with GOVERNS, LOCATED_IN, OFFERED_IN and
    PART_OF, read directly from the raw files.  Cost: ~1 s."""
    raw = Path(raw_dir)
    tables = GraphTables()
    gem = _csv(raw / "derived-gemeente-regio-koppeling/gemeenten_2025_regio.csv", "utf-8", ",")
    tables.add_nodes("Municipality", _frame(
        [{"id": r["gemeentecode"], "name": r["gemeentenaam"], "code": r["gemeentecode"]} for r in gem],
        ["id", "name", "code"]))
    regions, part_of = {}, []
    for r in gem:
        for scheme, code, name in (("provincie", r["provinciecode"], r["provincie"]),
                                   ("arbeidsmarktregio", r["arbeidsmarktregiocode"], r["arbeidsmarktregio"]),
                                   ("corop", r["coropcode"], r["coropnaam"])):
            rid = f"{scheme}:{code}"
            regions[rid] = {"id": rid, "scheme": scheme, "code": code, "name": name}
            part_of.append({"start": r["gemeentecode"], "end": rid})
    tables.add_nodes("Region", _frame(list(regions.values()), ["id", "scheme", "code", "name"]))
    tables.add_relationships("PART_OF", "Municipality", "Region", _frame(part_of, ["start", "end"]))
    by_name = {r["gemeentenaam"].upper(): r["gemeentecode"] for r in gem}

    boards = _csv(raw / "duo-jaarrekening-balans-2015-2019/besturen_2015_2019_derived.csv", "utf-8", ",")
    tables.add_nodes("Board", _frame(
        [{"id": b["bevoegd_gezag_nummer"], "name": b["naam"], "sectors": [b["sector"].lower()],
          "groepering": b["groepering"], "last_year": int(b["laatste_jaar"])} for b in boards],
        ["id", "name", "sectors", "groepering", "last_year"]))

    schools, governs, located, place_gm = [], [], [], {}
    for r in _csv(raw / "duo-po-vestigingen/02.-alle-schoolvestigingen-basisonderwijs.csv", "cp1252", ";"):
        gm = "GM" + r["GEMEENTENUMMER"].zfill(4)
        place_gm.setdefault(r["PLAATSNAAM"].upper(), gm)
        schools.append({"id": r["VESTIGINGSCODE"], "name": r["VESTIGINGSNAAM"],
                        "brin": r["INSTELLINGSCODE"], "sector": "po", "municipality_code": gm,
                        "city": r["PLAATSNAAM"]})
        governs.append({"start": r["BEVOEGD GEZAG NUMMER"], "end": r["VESTIGINGSCODE"]})
        located.append({"start": r["VESTIGINGSCODE"], "end": gm})
    for r in _csv(raw / "duo-vo-instellingen-2020/instellingenvo.csv", "utf-8-sig", ","):
        sid = r["BRIN NUMMER"] + "00"
        gm = "GM" + r["GEMEENTENUMMER"].zfill(4)
        schools.append({"id": sid, "name": r["INSTELLINGSNAAM"], "brin": r["BRIN NUMMER"],
                        "sector": "vo", "municipality_code": gm, "city": r["PLAATSNAAM"]})
        governs.append({"start": r["BEVOEGD GEZAG NUMMER"], "end": sid})
        located.append({"start": sid, "end": gm})
    for r in _csv(raw / "onderwijsloket-mbo-ho-instellingen-2025/mbo_locaties_kiesmbo_2025.csv", "utf-8", ","):
        gm = place_gm.get(r["plaats"].upper()) or by_name.get(r["plaats"].upper())
        if not r["brinvest"] or not gm:
            continue
        schools.append({"id": r["brinvest"], "name": r["naam"], "brin": r["brin_code"],
                        "sector": "mbo", "municipality_code": gm, "city": r["plaats"]})
        located.append({"start": r["brinvest"], "end": gm})
    cols = ["id", "name", "brin", "sector", "municipality_code", "city"]
    frame = _frame(schools, cols).drop_duplicates("id")
    tables.add_nodes("School", frame)
    board_ids = {b["bevoegd_gezag_nummer"] for b in boards}
    governs = [g for g in governs if g["start"] in board_ids]
    tables.add_relationships("GOVERNS", "Board", "School", _frame(governs, ["start", "end"]).drop_duplicates(["start", "end"]))
    tables.add_relationships("LOCATED_IN", "School", "Municipality", _frame(located, ["start", "end"]).drop_duplicates(["start", "end"]))

    colleges, offered_in = {}, []
    for r in _csv(raw / "duo-ho-opleidingsoverzicht/ho_opleidingsoverzicht.csv", "utf-8-sig", ","):
        name = r["NAAM_LANG"].lower()
        city = r["ONDERWIJSLOCATIEPLAATS"]
        if not city or not ("leraar" in name or "lerarenopleiding" in name):
            continue
        gm = place_gm.get(city.upper()) or by_name.get(city.upper())
        cid = f"{r['ONDERWIJSBESTUURID']}:{r['ERKENDEOPLEIDINGSCODE']}:{city}"
        if cid not in colleges:
            colleges[cid] = {"id": cid, "name": r["NAAM_LANG"], "programme": r["NAAM_LANG"],
                             "level": r["NIVEAU"], "city": city,
                             "institution": r["ONDERWIJSAANBIEDER_NAAM"] or r["ONDERWIJSBESTUUR_NAAM"],
                             "board_name": r["ONDERWIJSBESTUUR_NAAM"], "croho": r["ERKENDEOPLEIDINGSCODE"]}
            if gm:
                offered_in.append({"start": cid, "end": gm})
    tables.add_nodes("TeacherCollege", _frame(list(colleges.values()),
                     ["id", "name", "programme", "level", "city", "institution", "board_name", "croho"]))
    tables.add_relationships("OFFERED_IN", "TeacherCollege", "Municipality", _frame(offered_in, ["start", "end"]))
    return tables


def institution_names(raw_dir: Path | str = DEFAULT_RAW_DIR) -> pd.DataFrame:
    """Answer extra matching candidates ``kind, key, name``: mbo and ho institution names
    (key = BRIN) from the 2025 institution lists.  Cost: a few ms."""
    raw = Path(raw_dir) / "onderwijsloket-mbo-ho-instellingen-2025"
    rows = []
    for fname in ("mbo_instellingen_kiesmbo_2025.csv", "ho_instellingen_hovi_2025.csv"):
        path = raw / fname
        if path.exists():
            for r in _csv(path, "utf-8", ","):
                if r.get("brin_code") and r.get("naam"):
                    rows.append({"kind": "institution", "key": r["brin_code"], "name": r["naam"]})
    return pd.DataFrame(rows, columns=["kind", "key", "name"])
