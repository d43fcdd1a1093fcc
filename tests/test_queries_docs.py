"""docs/queries.md documents every named query: it must equal what the headers render."""

from __future__ import annotations

from pathlib import Path

from queries import list_queries
from queries.catalogue import render_markdown

DOC = Path(__file__).resolve().parent.parent / "docs" / "queries.md"


def test_every_named_query_is_documented():
    text = DOC.read_text(encoding="utf-8")
    missing = [q.name for q in list_queries() if f"## {q.name}\n" not in text]
    assert not missing, f"undocumented named queries {missing}: run " \
                        "`python -m queries.catalogue > docs/queries.md`"


def test_docs_are_current():
    assert DOC.read_text(encoding="utf-8") == render_markdown(), \
        "docs/queries.md is out of date: run `python -m queries.catalogue > docs/queries.md`"
