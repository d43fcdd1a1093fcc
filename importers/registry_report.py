"""The review report of a registry's members against DUO: one function the CLI and app share.

:func:`registry_match_report` reads registry files, and for every membership row answers how
its member links: by code (board number, BRIN, vestigingscode), by a pin, as a declared
organisation, or by name - matched with its score, ambiguous with candidates, unmatched.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from graph.tables import GraphTables

from .matching import DEFAULT_THRESHOLD, NameMatcher, candidates_from_tables
from .registry import resolve_members
from .registry_reference import institution_names, reference_tables
from .registry_schema import read_registry_tables

__all__ = ["registry_match_report", "REPORT_COLUMNS"]

REPORT_COLUMNS = ["partnership", "member", "status", "label", "id", "score", "candidates", "line"]


def registry_match_report(*paths: Path | str, reference: GraphTables | None = None,
                          extra_candidates: pd.DataFrame | None = None,
                          data_dir: Path | str | None = None,
                          threshold: float = DEFAULT_THRESHOLD) -> pd.DataFrame:
    """Answer one row per membership: ``partnership, member, status`` (code, pinned,
    organisation, matched, ambiguous, unmatched, unknown-code), the linked ``label``/``id``,
    ``score``, the best ``candidates`` and the registry ``line``.  ``reference`` defaults
    to :func:`~importers.registry_reference.reference_tables` of ``data_dir`` (with the
    mbo/ho institution names as extra candidates).  Nothing below ``threshold`` is linked.
    Cost: ~5 ms per distinct member name plus reading the DUO tables (~1 s)."""
    tables = read_registry_tables(*paths)
    if reference is None:
        reference = reference_tables(data_dir)
        if extra_candidates is None:
            try:
                extra_candidates = institution_names()
            except Exception:  # the institution lists are optional extras
                extra_candidates = None
    matcher = NameMatcher(candidates_from_tables(reference, extra_candidates), threshold=threshold)
    links = resolve_members(tables, reference, matcher)
    rows = []
    for rec, link in zip(tables.table("memberships").to_dict("records"), links):
        rows.append({"partnership": rec["partnership"], "member": rec["member"],
                     "status": link.status, "label": link.label, "id": link.id,
                     "score": round(float(link.score), 1), "candidates": link.candidates,
                     "line": rec["_line"]})
    order = {"ambiguous": 0, "unmatched": 1, "unknown-code": 2, "matched": 3}
    frame = pd.DataFrame(rows, columns=REPORT_COLUMNS)
    frame["_o"] = frame["status"].map(lambda s: order.get(s, 4))
    return frame.sort_values(["_o", "partnership", "member"]).drop(columns="_o").reset_index(drop=True)
