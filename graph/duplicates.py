"""Candidate duplicate activities: the same work done twice by overlapping partnerships.

A pair of activities is a candidate when they are run by *different* partnerships that
share members or covered municipalities, have the *same function*, *overlapping periods*
and *similar text*.  Each candidate carries its reasons: the function, the overlap score
(members and area), the text similarity, the shared members and the shared period.

Text similarity is built for Dutch and works offline: text is lower-cased, accents and
punctuation dropped, hyphenated words kept both split and joined ("zij-instromers" ->
"zij instromers zijinstromers"), Dutch stop words removed, compounds split against the
corpus vocabulary ("wervingscampagne" -> "werving campagne"), words stemmed with the
Snowball Dutch stemmer; then TF-IDF on word 1-2-grams and on character 3-5-grams
(scikit-learn), cosine similarity averaged over both.

Cost at national size (~2k activities): ~0.5 s, most of it TF-IDF.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any, Iterable

import numpy as np
import pandas as pd

from .projections import fetch_memberships, resolve_as_of

__all__ = [
    "DUTCH_STOP_WORDS",
    "DuplicateCandidate",
    "normalise_text",
    "text_similarity",
    "fetch_activities",
    "fetch_areas",
    "area_match",
    "rank_candidates",
    "find_duplicates",
    "candidates_frame",
    "labelled_pairs",
    "evaluate",
]

#: Dutch function words (plus a few words every activity text has) left out of the TF-IDF.
DUTCH_STOP_WORDS = frozenset("""
aan af al alle alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door
dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets
ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om
omdat onder ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren was wat
werd wezen wie wil worden wordt zal ze zelf zich zij zijn zo zonder zou binnen samen via per elk
elke waarbij waarin waardoor hierbij daarbij onze jullie wij we ieder iedere deze dezer
""".split())

#: Domain words that compounds are split into even when the corpus does not contain them.
_DOMAIN_WORDS = frozenset("""
werving werven campagne leraar leraren docent docenten school scholen opleiding opleiden
begeleiding begeleiden starter starters instroom instromers zij onderwijs regio regionaal pool
inval invallers vervanging academie platform programma traject netwerk matching matchen
professionalisering scholing student studenten stage werk baan banen markt dag beurs vacature
vacatures coach coaching mentor mentoren inductie talent zorg bestuur besturen personeel
""".split())

_LINKERS = ("s", "e", "en", "")


@dataclass
class DuplicateCandidate:
    """A ranked candidate pair of duplicate activities with its reasons."""

    activity_a: str
    activity_b: str
    partnership_a: str
    partnership_b: str
    function: str
    title_a: str
    title_b: str
    score: float
    text_similarity: float
    overlap_score: float
    member_overlap: float
    area_overlap: float
    area_match: float | None = None
    shared_members: list[str] = field(default_factory=list)
    shared_period: tuple[str | None, str | None] = (None, None)

    @property
    def reasons(self) -> list[str]:
        """Answer the reasons in words, for people."""
        start, end = self.shared_period
        period = f"{start or 'open'} .. {end or 'open'}"
        out = [f"same function: {self.function}",
               f"text similarity {self.text_similarity:.2f}",
               f"partnership overlap {self.overlap_score:.2f} (members {self.member_overlap:.2f},"
               f" area {self.area_overlap:.2f})",
               f"overlapping period {period}"]
        if self.area_match is not None:
            out.append(f"stated areas match {self.area_match:.2f}")
        if self.shared_members:
            shown = ", ".join(self.shared_members[:5])
            more = f" and {len(self.shared_members) - 5} more" if len(self.shared_members) > 5 else ""
            out.append(f"shared members: {shown}{more}")
        return out

    def as_dict(self) -> dict[str, Any]:
        """Answer the candidate as a plain dict with its reasons."""
        return {**asdict(self), "reasons": self.reasons}


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer
    return snowballstemmer.stemmer("dutch")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def _tokens(text: str) -> list[str]:
    out = []
    for word in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", _fold(text)):
        if "-" in word:
            parts = [p for p in word.split("-") if p]
            out += parts + ["".join(parts)]
        else:
            out.append(word)
    return out


def _split_compound(word: str, vocabulary: frozenset[str] | set[str]) -> list[str]:
    """Answer the two parts of ``word`` when both are known words (else ``[]``)."""
    if len(word) < 8:
        return []
    for i in range(len(word) - 4, 3, -1):
        left, right = word[:i], word[i:]
        if right not in vocabulary:
            continue
        for linker in _LINKERS:
            if linker and not left.endswith(linker):
                continue
            stem = left[: len(left) - len(linker)] if linker else left
            if len(stem) >= 3 and stem in vocabulary:
                return [stem, right]
    return []


def normalise_text(text: str, vocabulary: Iterable[str] | None = None) -> str:
    """Answer ``text`` as space-separated Dutch stems, stop words dropped, compounds split.

    ``vocabulary``: words compounds may be split into (default: the domain word list).
    """
    vocab = set(_DOMAIN_WORDS) | set(vocabulary or ())
    stemmer = _stemmer()
    words = []
    for token in _tokens(text):
        if token in DUTCH_STOP_WORDS or (len(token) < 2 and not token.isdigit()):
            continue
        words.append(token)
        words += _split_compound(token, vocab)
    return " ".join(stemmer.stemWords(words))


def _corpus_vocabulary(texts: Iterable[str]) -> set[str]:
    return {t for text in texts for t in _tokens(text) if len(t) >= 3 and t not in DUTCH_STOP_WORDS}


def text_similarity(texts: list[str]) -> np.ndarray:
    """Answer the cosine similarity matrix of ``texts`` (word + character TF-IDF, averaged)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    if not texts:
        return np.zeros((0, 0))
    vocab = _corpus_vocabulary(texts)
    docs = [normalise_text(t, vocab) for t in texts]
    if not any(docs):
        return np.zeros((len(texts), len(texts)))
    word = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True,
                           token_pattern=r"(?u)\b\w+\b")
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    sims = []
    for vectorizer in (word, char):
        try:
            matrix = vectorizer.fit_transform(docs)
        except ValueError:  # empty vocabulary
            continue
        sims.append((matrix @ matrix.T).toarray())
    return np.mean(sims, axis=0) if sims else np.zeros((len(texts), len(texts)))


_ACTIVITY_QUERY = """
MATCH (p:Partnership)-[:RUNS]->(a:Activity)
RETURN a.id AS activity, p.id AS partnership, a.title AS title, a.description AS description,
       a.area AS area,
       a.function AS function, a.programme_line AS programme_line,
       a.target_groups AS target_groups, a.start AS `start`, a.end AS finish, properties(a) AS props
ORDER BY activity
"""

_AREA_QUERY = """
MATCH (p:Partnership)-[:COVERS]->(m:Municipality)
RETURN p.id AS partnership, m.id AS municipality
UNION ALL
MATCH (p:Partnership)-[:COVERS]->(:Region)<-[:PART_OF]-(m:Municipality)
RETURN p.id AS partnership, m.id AS municipality
"""


def fetch_activities(store, label_property: str = "demo_duplicate_group") -> pd.DataFrame:
    """Answer every activity with its partnership (and ``label`` from ``label_property``)."""
    rows = store.read(_ACTIVITY_QUERY).records()
    for row in rows:
        props = row.pop("props") or {}
        row["label"] = props.get(label_property)
    columns = ["activity", "partnership", "title", "description", "area", "function",
               "programme_line",
               "target_groups", "start", "finish", "label"]
    return pd.DataFrame(rows, columns=columns)


def fetch_areas(store) -> dict[str, set[str]]:
    """Answer partnership -> covered municipalities (directly or through covered regions)."""
    areas: dict[str, set[str]] = {}
    for pid, mid in store.read(_AREA_QUERY).rows:
        areas.setdefault(pid, set()).add(mid)
    return areas


def _activity_text(row) -> str:
    groups = row.target_groups
    if isinstance(groups, (list, tuple)):
        groups = " ".join(map(str, groups))
    parts = [row.title, row.title, row.description, row.programme_line, groups]
    return " ".join(str(p) for p in parts if isinstance(p, str) and p)


def _area_tokens(text) -> frozenset[str]:
    if not isinstance(text, str) or not text.strip():
        return frozenset()
    return frozenset(t for t in _tokens(text) if t not in DUTCH_STOP_WORDS)


def area_match(a, b) -> float | None:
    """Answer the word Jaccard of two stated activity areas (``None`` if either is empty)."""
    ta, tb = _area_tokens(a), _area_tokens(b)
    if not ta or not tb:
        return None
    return len(ta & tb) / len(ta | tb)


def _overlap(a: set, b: set) -> float:
    """Overlap coefficient: shared / size of the smaller set (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _periods_overlap(s1, e1, s2, e2) -> tuple[bool, tuple[str | None, str | None]]:
    start = max([s for s in (s1, s2) if isinstance(s, str) and s], default=None)
    end = min([e for e in (e1, e2) if isinstance(e, str) and e], default=None)
    return (start is None or end is None or start <= end), (start, end)


def rank_candidates(activities: pd.DataFrame, members: dict[str, set[str]],
                    areas: dict[str, set[str]] | None = None,
                    member_names: dict[str, str] | None = None, *,
                    min_text: float = 0.3, min_overlap: float = 0.0,
                    function: str | None = None, text_weight: float = 0.6,
                    area_weight: float = 0.2) -> list[DuplicateCandidate]:
    """Answer candidate pairs among ``activities``, best first.

    ``members``/``areas``: partnership -> member keys / municipality ids; a pair needs an
    overlap score (the larger of member and area overlap coefficients) above
    ``min_overlap`` and a text similarity of at least ``min_text``.  ``score`` =
    ``text_weight`` * text similarity + ``area_weight`` * match of the stated areas +
    the rest * overlap score; when either activity states no area, the area weight goes to
    the text.
    """
    areas = areas or {}
    member_names = member_names or {}
    frame = activities.reset_index(drop=True)
    if function:
        frame = frame[frame["function"] == function].reset_index(drop=True)
    if frame.empty:
        return []
    sims = text_similarity([_activity_text(r) for r in frame.itertuples(index=False)])
    rows = list(frame.itertuples(index=False))
    out: list[DuplicateCandidate] = []
    by_function: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        by_function.setdefault(row.function, []).append(i)
    for fn, idx in by_function.items():
        for x, i in enumerate(idx):
            a = rows[i]
            for j in idx[x + 1:]:
                b = rows[j]
                if a.partnership == b.partnership or sims[i, j] < min_text:
                    continue
                ok, period = _periods_overlap(a.start, a.finish, b.start, b.finish)
                if not ok:
                    continue
                ma, mb = members.get(a.partnership, set()), members.get(b.partnership, set())
                aa, ab = areas.get(a.partnership, set()), areas.get(b.partnership, set())
                m_over, a_over = _overlap(ma, mb), _overlap(aa, ab)
                over = max(m_over, a_over)
                if over <= min_overlap:
                    continue
                first, second = (a, b) if a.activity <= b.activity else (b, a)
                shared = sorted(member_names.get(k, k) for k in ma & mb)
                text = float(min(1.0, sims[i, j]))
                match = area_match(getattr(a, "area", None), getattr(b, "area", None))
                rest = 1.0 - text_weight - area_weight
                if match is None:
                    score = (text_weight + area_weight) * text + rest * over
                else:
                    score = text_weight * text + area_weight * match + rest * over
                out.append(DuplicateCandidate(
                    first.activity, second.activity, first.partnership, second.partnership, fn,
                    first.title, second.title, round(score, 6), text, over, m_over, a_over,
                    match, shared, period))
    out.sort(key=lambda c: (-c.score, c.activity_a, c.activity_b))
    return out


def find_duplicates(store, *, as_of: str | dt.date | None = "", min_text: float = 0.3,
                    min_overlap: float = 0.0, function: str | None = None,
                    text_weight: float = 0.6, area_weight: float = 0.2, limit: int | None = None,
                    label_property: str = "demo_duplicate_group") -> list[DuplicateCandidate]:
    """Answer ranked duplicate-activity candidates from ``store``.

    ``as_of``: memberships counted for the member overlap (default ``""`` = every
    membership ever, since the activities' own periods are compared already); other knobs
    as in :func:`rank_candidates`; ``limit`` caps the list.  Cost at national size ~1 s.
    """
    activities = fetch_activities(store, label_property)
    memberships = fetch_memberships(store, "" if as_of == "" else resolve_as_of(as_of))
    keys = memberships["member_label"] + ":" + memberships["member"]
    members: dict[str, set[str]] = {}
    for pid, key in zip(memberships["partnership"], keys):
        members.setdefault(pid, set()).add(key)
    names = _member_names(store, set(keys))
    out = rank_candidates(activities, members, fetch_areas(store), names, min_text=min_text,
                          min_overlap=min_overlap, function=function, text_weight=text_weight,
                          area_weight=area_weight)
    return out[:limit] if limit else out


def _member_names(store, keys: set[str]) -> dict[str, str]:
    rows = store.read("MATCH (x)-[:MEMBER_OF]->(:Partnership) "
                      "RETURN DISTINCT labels(x) AS labels, x.id AS id, x.name AS name").rows
    out = {}
    for labels, node_id, name in rows:
        key = f"{labels[0] if labels else ''}:{node_id}"
        if key in keys:
            out[key] = name or node_id
    return out


def candidates_frame(candidates: list[DuplicateCandidate]) -> pd.DataFrame:
    """Answer the candidates as a table (one row each, reasons joined with '; ')."""
    columns = ["activity_a", "title_a", "partnership_a", "activity_b", "title_b",
               "partnership_b", "function", "score", "text_similarity", "overlap_score",
               "area_match", "shared_members", "reasons"]
    rows = []
    for c in candidates:
        rows.append([c.activity_a, c.title_a, c.partnership_a, c.activity_b, c.title_b,
                     c.partnership_b, c.function, round(c.score, 3), round(c.text_similarity, 3),
                     round(c.overlap_score, 3),
                     None if c.area_match is None else round(c.area_match, 3),
                     ", ".join(c.shared_members), "; ".join(c.reasons)])
    return pd.DataFrame(rows, columns=columns)


def labelled_pairs(activities: pd.DataFrame) -> set[tuple[str, str]]:
    """Answer the true duplicate pairs: activities of different partnerships with one label."""
    pairs = set()
    labelled = activities.dropna(subset=["label"])
    labelled = labelled[labelled["label"].astype(str) != ""]
    for _, group in labelled.groupby("label"):
        rows = list(group.itertuples(index=False))
        for i, a in enumerate(rows):
            for b in rows[i + 1:]:
                if a.partnership != b.partnership:
                    pairs.add(tuple(sorted((a.activity, b.activity))))
    return pairs


def evaluate(candidates: list[DuplicateCandidate], truth: set[tuple[str, str]],
             thresholds: Iterable[float] = (0.3, 0.4, 0.5, 0.6, 0.7)) -> pd.DataFrame:
    """Answer precision, recall and F1 of ``candidates`` against ``truth`` per score threshold."""
    rows = []
    for threshold in thresholds:
        found = {(c.activity_a, c.activity_b) for c in candidates if c.score >= threshold}
        hits = len(found & truth)
        precision = hits / len(found) if found else float("nan")
        recall = hits / len(truth) if truth else float("nan")
        f1 = (2 * precision * recall / (precision + recall)
              if found and truth and (precision + recall) > 0 else float("nan"))
        rows.append({"threshold": threshold, "predicted": len(found), "true": len(truth),
                     "hits": hits, "precision": precision, "recall": recall, "f1": f1})
    return pd.DataFrame(rows)
