"""Small helpers the importers share: provenance columns, municipality keys, place lookup.

Nothing here reads a file; each importer module declares and reads its own files.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Iterable

import pandas as pd

from graph.tables import GraphTables

__all__ = [
    "with_source",
    "municipality_id",
    "rels",
    "place_key",
    "PlaceIndex",
    "pupils_value",
    "pc4",
]


def with_source(frame: pd.DataFrame, name: str, date: str) -> pd.DataFrame:
    """Answer ``frame`` with ``source`` and ``source_date`` columns set on every row."""
    frame = frame.copy()
    frame["source"] = name
    frame["source_date"] = date
    return frame


def municipality_id(code: str | None) -> str | None:
    """Answer the Municipality key ``GM####`` for a CBS code written ``14``, ``0014`` or ``GM0014``."""
    if code is None or (isinstance(code, float) and code != code):
        return None
    code = str(code).strip().upper()
    if not code:
        return None
    if code.startswith("GM"):
        code = code[2:]
    return "GM" + code.zfill(4)


def rels(start: Iterable, end: Iterable, name: str, date: str, *, file: Path | str | None = None,
         lines: Iterable[int] | None = None, column: str | None = None,
         values: Iterable | None = None, **props: Iterable) -> pd.DataFrame:
    """Answer a relationship frame (``start``, ``end``, provenance, properties).

    ``file``/``lines``/``column``/``values`` record where each end came from, in the
    private columns ``_file``, ``_line``, ``_column``, ``_value``; :func:`importers.import_all`
    uses them to name the exact cell of a dangling link and drops them before answering.
    """
    frame = pd.DataFrame({"start": list(start), "end": list(end), **{k: list(v) for k, v in props.items()}})
    frame["source"] = name
    frame["source_date"] = date
    if file is not None:
        frame["_file"] = str(file)
        frame["_line"] = list(lines) if lines is not None else None
        frame["_column"] = column
        frame["_value"] = list(values) if values is not None else None
    return frame.dropna(subset=["start", "end"]).reset_index(drop=True)


def place_key(name: str | None) -> str:
    """Answer a spelling-insensitive key of a place or municipality name.

    ``'s-Gravenhage``, ``S GRAVENHAGE`` and ``'s Gravenhage`` give the same key; accents,
    case and punctuation are ignored.
    """
    if not name or not isinstance(name, str):
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^0-9A-Z]+", " ", text.upper()).strip()


class PlaceIndex:
    """Look up a municipality by its name, a place name or a postcode, from loaded tables.

    Built from Municipality nodes (their names) and School nodes that already have a
    municipality (their city and PC4).  A place or PC4 that lies in more than one
    municipality maps to the one with most schools there.  Cost: ~20 ms at national size.
    """

    def __init__(self, tables: GraphTables) -> None:
        muni = tables.node_table("Municipality")
        self.municipalities = set(muni["id"].astype(str)) if len(muni) else set()
        self._by_name: dict[str, str] = {}
        if len(muni) and "name" in muni:
            for mid, name in zip(muni["id"], muni["name"]):
                self._by_name.setdefault(place_key(name), mid)
            # "Rijswijk (ZH.)" is also plain "Rijswijk" when no other municipality shares it
            short = pd.Series([place_key(re.sub(r"\(.*?\)", "", n or "")) for n in muni["name"]])
            unique = short[~short.duplicated(keep=False)]
            for key, mid in zip(unique, muni["id"].iloc[unique.index]):
                self._by_name.setdefault(key, mid)
        schools = tables.node_table("School")
        self._by_city: dict[str, str] = {}
        self._by_pc4: dict[str, str] = {}
        if len(schools) and "municipality_code" in schools:
            known = schools[schools["municipality_code"].notna()]
            if "city" in known:
                self._by_city = _majority(_each_once(known["city"], place_key), known["municipality_code"])
            if "postcode" in known:
                self._by_pc4 = _majority(_each_once(known["postcode"], pc4), known["municipality_code"])

    def by_name(self, name: str | None) -> str | None:
        """Answer the municipality id whose name is ``name`` (any spelling), else ``None``."""
        return self._by_name.get(place_key(name))

    def locate(self, *, postcode: str | None = None, city: str | None = None,
               municipality: str | None = None) -> str | None:
        """Answer the municipality id for a location: by municipality name, then PC4, then city."""
        for found in (self._by_name.get(place_key(municipality)) if municipality else None,
                      self._by_pc4.get(pc4(postcode)) if postcode else None,
                      self._by_city.get(place_key(city)) if city else None,
                      self._by_name.get(place_key(city)) if city else None):
            if found:
                return found
        return None


def pc4(postcode: str | None) -> str:
    """Answer the 4-digit part of a Dutch postcode (``"9306 TC"`` -> ``"9306"``), else ``""``."""
    if not isinstance(postcode, str):
        return ""
    match = re.match(r"\s*(\d{4})", postcode)
    return match.group(1) if match else ""


def _each_once(values: pd.Series, func) -> pd.Series:
    """Answer ``values.map(func)``, calling ``func`` once per distinct value."""
    distinct = values.dropna().unique()
    return values.map(dict(zip(distinct, map(func, distinct))))


def _majority(keys: pd.Series, values: pd.Series) -> dict[str, str]:
    frame = pd.DataFrame({"k": keys.to_numpy(), "v": values.to_numpy()})
    frame = frame[frame["k"].notna() & (frame["k"] != "")]
    counts = frame.groupby(["k", "v"], sort=True).size().reset_index(name="n")
    counts = counts.sort_values(["k", "n"], ascending=[True, False], kind="stable")
    best = counts.drop_duplicates("k", keep="first")
    return dict(zip(best["k"], best["v"]))


def pupils_value(text: str | None) -> int | None:
    """Answer a DUO pupil count as int; ``None`` for empty and for the privacy mark ``<5``."""
    if text is None or not isinstance(text, str):
        return None
    text = text.strip()
    return int(text) if text.isdigit() else None
