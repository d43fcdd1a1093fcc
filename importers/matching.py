"""Matching member names from a registry to DUO boards and institutions.

DUO names are abbreviated and cut at 30 characters (``"Stg. Onderw.grp Punt Speciaal"``),
registries use the names people say (``"Onderwijsgroep Punt Speciaal"``).  :func:`normalise_name`
removes case, accents, punctuation and legal forms (stichting, stg., st., vereniging, ver.,
b.v., ...) and expands DUO's usual abbreviations (onderw. -> onderwijs, kathol. ->
katholiek, ...); :class:`NameMatcher` scores a name against every candidate with rapidfuzz
and answers *matched* (one clear best at or above the threshold), *ambiguous* (two or more
different candidates within ``margin`` of the best, or an equally good name twice) or
*unmatched*.  Nothing below the threshold is linked.

Candidates are a DataFrame ``kind, key, name[, sector, last_year]``: ``kind`` ``board``
(key = bevoegd-gezag number) or ``institution`` (key = BRIN).  Several names per key are
fine (older names, institution names of a board).  :func:`candidates_from_tables` builds it
from DUO tables (Board nodes, plus TeacherCollege board names).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

import pandas as pd

from graph.tables import GraphTables

__all__ = [
    "DEFAULT_THRESHOLD",
    "DEFAULT_MARGIN",
    "normalise_name",
    "NameMatch",
    "NameMatcher",
    "candidates_from_tables",
    "match_report",
]

#: Lowest score (0-100) that links a name without a pin.
DEFAULT_THRESHOLD = 90.0
#: A second candidate within this many points of the best makes the match ambiguous.
DEFAULT_MARGIN = 3.0

# legal forms and filler: dropped
_DROP = {
    "stichting", "stg", "st", "sticht", "stichtin", "vereniging", "ver", "vereniging", "bv",
    "nv", "ua", "vof", "cvb", "de", "het", "van", "voor", "en", "te", "in", "op", "der",
    "den", "the", "of", "id", "vd", "v",
}
# DUO abbreviations: expanded before comparison
_EXPAND = {
    "onderw": "onderwijs", "ond": "onderwijs", "ondw": "onderwijs", "onderwys": "onderwijs",
    "grp": "groep", "voortg": "voortgezet", "kathol": "katholiek", "kath": "katholiek",
    "chr": "christelijk", "christ": "christelijk", "prot": "protestants",
    "openb": "openbaar", "alg": "algemeen", "bijz": "bijzonder", "univ": "university",
    "appl": "applied", "scienc": "sciences", "hs": "hogeschool", "sch": "school",
    "coll": "college", "reg": "regionaal", "opl": "opleidings", "centr": "centrum",
    "educ": "educatie", "basisond": "basisonderwijs", "prim": "primair",
    "samenw": "samenwerking", "verb": "verband", "scholengr": "scholengroep",
    "pc": "protestants christelijk", "rk": "rooms katholiek", "ned": "nederland",
    "nederl": "nederland", "zuidh": "zuid holland",
    # ho/mbo board names (RIO writes them in full, DUO abbreviates)
    "hogesch": "hogeschool", "windesh": "windesheim", "christel": "christelijk",
    "theol": "theologische", "theolog": "theologische", "protest": "protestants",
    "protestantse": "protestants", "ger": "gereformeerde", "grondsl": "grondslag",
    "techn": "technische", "acad": "academy", "graf": "grafisch",
}
_WORD = re.compile(r"[a-z0-9]+")


def normalise_name(name: object) -> str:
    """Answer ``name`` lower-cased, without accents, punctuation, legal forms or filler
    words, with DUO abbreviations expanded ("Stg. Onderw.grp Punt Speciaal" ->
    "onderwijs groep punt speciaal").  Cost: a few microseconds."""
    if name is None or (isinstance(name, float) and name != name):
        return ""
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("b.v.", " bv ").replace("n.v.", " nv ").replace("u.a.", " ua ")
    text = text.replace("'", "").replace("&", " en ")
    words: list[str] = []
    every: list[str] = []
    for word in _WORD.findall(text):
        word = _EXPAND.get(word, word)
        every.extend(word.split())
        words.extend(w for w in word.split() if w not in _DROP)
    # a name made only of dropped words ("Het Sticht") is kept whole
    return " ".join(words or every)


# words that say little about which board is meant (kept, but never enough on their own)
_GENERIC = {
    "onderwijs", "katholiek", "christelijk", "protestants", "openbaar", "algemeen", "bijzonder",
    "primair", "basisonderwijs", "voortgezet", "speciaal", "school", "scholen", "scholengroep",
    "groep", "college", "hogeschool", "university", "rooms", "gereformeerd", "reformatorisch",
    "interconfessioneel", "regionaal", "opleidings", "centrum", "samenwerking", "verband",
    "swv", "passend", "po", "vo", "mbo", "roc", "cpo", "pcpo", "opo", "bo", "spo", "kindcentra",
    "basisscholen", "basisschool", "scholengemeenschap", "lyceum", "gemeente", "nederland",
}


def _acronymise(words: list[str], other: set[str]) -> list[str]:
    """Replace runs of ``words`` whose initials spell a short word of ``other`` by it
    ("openbaar primair onderwijs" -> "opo" when the other name says "OPO")."""
    short = {w for w in other if 2 <= len(w) <= 5 and w not in words}
    if not short:
        return words
    out, i = [], 0
    while i < len(words):
        for n in range(5, 1, -1):
            run = words[i:i + n]
            if len(run) == n and "".join(w[0] for w in run) in short:
                out.append("".join(w[0] for w in run))
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return out


def _score(a: str, b: str) -> float:
    from rapidfuzz import fuzz
    if not a or not b:
        return 0.0
    if a == b:
        return 100.0
    wa, wb = a.split(), b.split()
    wa, wb = _acronymise(wa, set(wb)), _acronymise(wb, set(wa))
    a, b = " ".join(wa), " ".join(wb)
    sort = fuzz.token_sort_ratio(a, b)
    glued = fuzz.ratio(a.replace(" ", ""), b.replace(" ", ""))
    # the query's distinctive words all in the candidate 
    subset = 0.0
    da = {w for w in wa if w not in _GENERIC and len(w) >= 4}
    db = {w for w in wb if w not in _GENERIC and len(w) >= 4}
    if da and db and da == db:
        subset = 92.0
    elif da and db and (da <= set(wb) or db <= set(wa)):
        subset = 85.0  # a suggestion for review, below the default threshold
    return float(max(sort, glued, subset))


@dataclass
class NameMatch:
    """The answer for one name: ``status`` matched/ambiguous/unmatched, the chosen
    ``kind``/``key``/``name`` when matched, its ``score`` and the best ``candidates``
    as ``(kind, key, name, score)``."""

    query: str
    status: str
    kind: str | None = None
    key: str | None = None
    name: str | None = None
    score: float = 0.0
    candidates: list[tuple[str, str, str, float]] = field(default_factory=list)
    note: str = ""


class NameMatcher:
    """Scores names against candidates (see the module docstring).

    Parameters: ``candidates`` (DataFrame kind, key, name[, last_year]), ``threshold``
    (0-100, default 90), ``margin`` (default 3), ``limit`` (candidates kept per answer).
    Cost: building is linear in candidates; one :meth:`match` scores every candidate
    (~2k candidates: ~1 ms: a fast C shortlist, then the full score on ~50).
    """

    def __init__(self, candidates: pd.DataFrame, *, threshold: float = DEFAULT_THRESHOLD,
                 margin: float = DEFAULT_MARGIN, limit: int = 5) -> None:
        frame = candidates.copy()
        for col in ("kind", "key", "name"):
            if col not in frame.columns:
                raise ValueError(f"candidates need a {col!r} column")
        frame = frame[frame["name"].notna() & (frame["name"].astype(str) != "")]
        frame["norm"] = frame["name"].map(normalise_name)
        frame = frame[frame["norm"] != ""].drop_duplicates(["kind", "key", "norm"])
        self.candidates = frame.reset_index(drop=True)
        self.threshold = float(threshold)
        self.margin = float(margin)
        self.limit = int(limit)
        self._last_year = (dict(zip(zip(frame["kind"], frame["key"]), frame["last_year"]))
                           if "last_year" in frame.columns else {})
        self._norms = list(self.candidates["norm"])
        self._glued = [n.replace(" ", "") for n in self._norms]
        self._by_word: dict[str, list[int]] = {}
        for i, norm in enumerate(self._norms):
            for word in set(norm.split()):
                if word not in _GENERIC and len(word) >= 4:
                    self._by_word.setdefault(word, []).append(i)

    def _shortlist(self, norm: str) -> list[int]:
        """Answer the candidate rows worth scoring in full: the 40 best by a fast C scorer,
        plus every candidate sharing a distinctive word with ``norm``."""
        from rapidfuzz import fuzz, process
        best = process.extract(norm, self._norms, scorer=fuzz.token_sort_ratio, limit=40)
        glued = process.extract(norm.replace(" ", ""), self._glued, scorer=fuzz.ratio, limit=20)
        rows = {i for _, _, i in best} | {i for _, _, i in glued}
        for word in set(norm.split()):
            rows.update(self._by_word.get(word, ()))
        return sorted(rows)

    def match(self, name: str) -> NameMatch:
        """Answer how ``name`` matches (see :class:`NameMatch`)."""
        norm = normalise_name(name)
        if not norm:
            return NameMatch(str(name), "unmatched", note="empty after normalising")
        best: dict[tuple[str, str], tuple[float, str]] = {}
        kinds, keys, names = (self.candidates[c].tolist() for c in ("kind", "key", "name"))
        for i in self._shortlist(norm):
            kind, key, cname, cnorm = kinds[i], keys[i], names[i], self._norms[i]
            s = _score(norm, cnorm)
            if s > best.get((kind, key), (-1.0, ""))[0]:
                best[(kind, key)] = (s, cname)
        # on equal scores a board comes before an institution of the same name
        ranked = sorted(((s, k, c) for k, (s, c) in best.items()),
                        key=lambda t: (-t[0], t[1][0] != "board", t[1]))[: self.limit]
        cands = [(k[0], str(k[1]), c, round(s, 1)) for s, k, c in ranked]
        if not ranked or ranked[0][0] < self.threshold:
            return NameMatch(str(name), "unmatched", candidates=cands,
                             score=ranked[0][0] if ranked else 0.0)
        top, (kind, key), cname = ranked[0]
        if kind == "institution":
            # prefer the board of the same organisation when it is good enough on its own
            boards = [r for r in ranked if r[1][0] == "board" and r[0] >= self.threshold]
            if boards:
                top, (kind, key), cname = boards[0]
                ranked = [boards[0]] + [r for r in ranked if r is not boards[0]]
        # an institution and a board of the same name are one organisation, not rivals
        rivals = [r for r in ranked[1:] if r[1][0] == kind
                  and r[0] >= max(self.threshold, top - self.margin)]
        if rivals:
            return NameMatch(str(name), "ambiguous", score=top, candidates=cands,
                             note=f"{len(rivals) + 1} candidates within {self.margin:g} points")
        note = ""
        last = self._last_year.get((kind, key))
        if last is not None and str(last) not in ("", "nan", "<NA>"):
            note = f"last reported {last}" if int(float(last)) < 2019 else ""
        return NameMatch(str(name), "matched", kind, str(key), cname, top, cands, note)


def candidates_from_tables(tables: GraphTables, extra: pd.DataFrame | None = None) -> pd.DataFrame:
    """Answer matching candidates from DUO tables: every Board's ``name`` (and any
    ``names`` list / ``last_year``), TeacherCollege ``board_name`` linked OFFERED_BY to a
    board, plus ``extra`` rows (kind, key, name).  Cost: linear in boards and colleges."""
    boards = tables.node_table("Board")
    rows = []
    for rec in boards.to_dict("records"):
        names = [rec.get("name")]
        if isinstance(rec.get("names"), (list, tuple)):
            names += list(rec["names"])
        for n in names:
            if isinstance(n, str) and n:
                rows.append({"kind": "board", "key": str(rec["id"]), "name": n,
                             "last_year": rec.get("last_year")})
    offered = tables.rel_table("OFFERED_BY", "TeacherCollege", "Board")
    if len(offered):
        colleges = tables.node_table("TeacherCollege").set_index("id")
        for start, end in zip(offered["start"], offered["end"]):
            if start in colleges.index:
                for col in ("board_name", "institution"):
                    if col in colleges.columns and isinstance(colleges.at[start, col], str):
                        rows.append({"kind": "board", "key": str(end),
                                     "name": colleges.at[start, col], "last_year": None})
    frame = pd.DataFrame(rows, columns=["kind", "key", "name", "last_year"])
    if extra is not None and len(extra):
        frame = pd.concat([frame, extra.reindex(columns=frame.columns)], ignore_index=True)
    return frame.drop_duplicates(["kind", "key", "name"]).reset_index(drop=True)


def match_report(names: Iterable[str], matcher: NameMatcher,
                 pins: dict[str, str] | None = None) -> pd.DataFrame:
    """Answer the review report for ``names``: one row per distinct name with ``status``
    (matched, ambiguous, unmatched, pinned), ``kind``, ``key``, ``matched_name``,
    ``score``, ``candidates`` (``key name (score)`` joined by ``; ``) and ``note``.
    ``pins`` maps a name to a fixed target (``board:41246``, ``none``) and overrides the
    matcher.  Cost: one :meth:`NameMatcher.match` per distinct name."""
    pins = pins or {}
    out = []
    for name in dict.fromkeys(n for n in names if isinstance(n, str) and n.strip()):
        m = matcher.match(name)
        row = {"name": name, "status": m.status, "kind": m.kind, "key": m.key,
               "matched_name": m.name, "score": round(m.score, 1),
               "candidates": "; ".join(f"{k}:{key} {n} ({s:g})" for k, key, n, s in m.candidates),
               "note": m.note}
        if name in pins:
            target = pins[name]
            kind, _, key = target.partition(":")
            row.update(status="pinned", kind=None if target == "none" else kind,
                       key=key or None, matched_name=None, score=100.0,
                       note=f"pinned to {target}; matcher said {m.status}")
        out.append(row)
    return pd.DataFrame(out, columns=["name", "status", "kind", "key", "matched_name", "score",
                                      "candidates", "note"])
