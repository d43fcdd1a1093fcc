"""Every named query stays in the common Cypher subset and has a complete header."""

from __future__ import annotations

import pytest

from queries import QUERY_DIR, list_queries, parse_query_file
from queries.lint import lint_cypher, lint_query

QUERIES = list_queries()


def test_there_are_named_queries():
    assert len(QUERIES) >= 15


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_query_is_in_the_common_subset(query):
    assert lint_query(query) == []


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_header_is_complete(query):
    assert query.title and query.question and query.columns
    assert query.question.endswith("?")
    for param in query.params:
        assert param.description
        assert param.type in ("str", "int", "float", "bool", "date", "list[str]")


def test_overrides_belong_to_a_named_query():
    names = {q.name for q in QUERIES}
    for path in (QUERY_DIR / "overrides").glob("*/*.cypher"):
        assert path.parent.name in ("falkordb", "neo4j"), path
        assert path.stem in names, f"override {path} has no shared query"


@pytest.mark.parametrize("text, rule", [
    ("MATCH (n) RETURN COUNT { (n)--() } AS c", "count-subquery"),
    ("MATCH (n) WHERE EXISTS { (n)--() } RETURN n.id AS i", "exists-subquery"),
    ("CALL { MATCH (n) RETURN n } RETURN 1 AS one", "call"),
    ("MATCH (n:Board|School) RETURN n.id AS i", "label-alternation"),
    ("MATCH (n) WHERE n:Board RETURN n.id AS i", "where-label"),
    ("MATCH (n) RETURN n {.id, .name} AS m", "map-projection"),
    ("MATCH (n) RETURN [x IN n.sectors | x] AS xs", "list-comprehension"),
    ("MATCH (n) RETURN [(n)-->(m) | m.id] AS xs", "pattern-comprehension"),
    ("MATCH (n) RETURN round(n.x, 2) AS x", "round-precision"),
    ("MATCH (n) RETURN toFloat(n.x) AS x", "tofloat"),
    ("MATCH (n) RETURN elementId(n) AS x", "elementid"),
    ("MATCH (n) RETURN labels(n)[0] AS x", "labels-index"),
    ("MATCH (n) SET n += $row", "set-plus-equals"),
    ("MATCH p = shortestPath((a)-[*]-(b)) RETURN p AS q", "shortest-path"),
    ("MATCH (a)-[r]->(b) RETURN type(r) AS t", "type-function"),
    ("MATCH (n) RETURN date(n.start) AS d", "temporal-value"),
    ("MATCH (a)-[*1..3]-(b) RETURN b.id AS i", "undirected-varlen"),
    ("MATCH (n:Board) RETURN n.id AS n", "alias-is-variable"),
    ("MATCH (a)-->(b) RETURN a.id AS start, b.id AS end", "reserved-word"),
    ("MATCH (start {id: $x})-->(b) RETURN b.id AS i", "reserved-word"),
])
def test_lint_catches_each_rule(text, rule):
    assert any(problem.startswith(rule) for problem in lint_cypher(text)), lint_cypher(text)


def test_lint_checks_header_against_body(tmp_path):
    path = tmp_path / "bad.cypher"
    path.write_text("// title: Bad\n// question: Bad?\n// param: unused: int = 1 -- never used\n"
                    "// columns: a, b\nMATCH (n:Board) WHERE n.id = $other RETURN n.id AS a\n")
    problems = lint_query(parse_query_file(path))
    assert any(p.startswith("undeclared-param") for p in problems)
    assert any(p.startswith("unused-param") for p in problems)
    assert any(p.startswith("columns") for p in problems)


def test_quoted_reserved_words_and_keyword_properties_pass():
    # backticks make a reserved word an identifier on Neo4j (FalkorDB answers the bare name)
    assert lint_cypher("MATCH (a)-->(b) RETURN a.end AS `end`, b.id AS `start`") == []
    # property keys may be reserved words (a.end): only variables and aliases are checked
    assert lint_cypher("MATCH (a:Activity) WHERE a.end IS NULL RETURN a.start AS s") == []


def test_store_side_cypher_uses_no_reserved_alias():
    """Cypher built in Python (registry export) runs on Neo4j too: same reserved-word rule."""
    from importers.registry_export import REGISTRY_EXPORT_QUERIES
    for name, cypher in REGISTRY_EXPORT_QUERIES.items():
        assert not [p for p in lint_cypher(cypher) if p.startswith("reserved-word")], name


def test_cypher_in_python_modules_uses_no_reserved_alias():
    """Every `AS name` in the Cypher built by the library (graph/, importers/, the app) is
    allowed on Neo4j: reserved words such as end/start are quoted in backticks."""
    import re
    from pathlib import Path

    from queries.lint import RESERVED
    root = Path(__file__).resolve().parent.parent
    bad = []
    for folder in ("graph", "importers", "queries", "regiograph_pages"):
        for path in sorted((root / folder).rglob("*.py")):
            if path.name == "lint.py":  # the rule's own documentation names the words
                continue
            text = path.read_text(encoding="utf-8")
            for match in re.finditer(r"\bAS\s+(\w+)", text):  # Cypher AS is upper case here
                if match.group(1).lower() in RESERVED:
                    bad.append(f"{path.relative_to(root)}: {match.group(0)}")
    assert not bad, bad
