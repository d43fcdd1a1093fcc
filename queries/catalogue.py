"""The named-query catalogue as markdown: ``docs/queries.md`` is generated from the headers.

Run ``python -m queries.catalogue > docs/queries.md`` after adding or changing a query;
tests/test_queries_docs.py fails when the file differs from what this renders.
"""

from __future__ import annotations

import json
import sys

from . import list_queries

__all__ = ["render_markdown"]

_INTRO = """# Named queries

Generated from the headers of `queries/*.cypher` by `python -m queries.catalogue > docs/queries.md`
(do not edit by hand; a test compares). Run one with
`regiograph query NAME --param name=value`, or from the app's query page.

All query files are in the Cypher subset that runs the same on FalkorDB and Neo4j
(see `queries/lint.py`); per-engine versions live in `queries/overrides/<engine>/`.
Dates are ISO strings; a `date` parameter also takes `today`, and an empty value where
the description says so. Memberships count on the `as_of` date when the query has one:
a membership counts when `valid_from <= as_of <= valid_to` (open ends count).
"""


def _default(param) -> str:
    if param.required:
        return "required"
    return "`" + json.dumps(param.default, ensure_ascii=False) + "`"


def render_markdown(queries=None) -> str:
    """Answer the markdown catalogue of ``queries`` (default: every named query)."""
    queries = list_queries() if queries is None else queries
    out = [_INTRO, "| query | question |", "|---|---|"]
    out += [f"| [`{q.name}`](#{q.name}) | {q.question} |" for q in queries]
    for q in queries:
        out += ["", f"## {q.name}", "", f"**{q.title}.** {q.question}", ""]
        if q.params:
            out += ["| parameter | type | default | meaning |", "|---|---|---|---|"]
            out += [f"| `{p.name}` | {p.type} | {_default(p)} | {p.description} |"
                    for p in q.params]
        else:
            out.append("No parameters.")
        out += ["", "Columns: " + ", ".join(f"`{c}`" for c in q.columns)]
        if q.overrides:
            out += ["", "Per-engine versions: " + ", ".join(sorted(q.overrides)) + "."]
        out += ["", "```cypher", q.text, "```"]
    return "\n".join(out) + "\n"


if __name__ == "__main__":  # pragma: no cover - exercised through the docs test
    sys.stdout.write(render_markdown())
