"""Checks that a named query stays in the Cypher subset both stores run the same way.

The rules come from shared/design/graph-stores.md (measured on FalkorDB and Neo4j 5):
no subqueries, no label alternation, no comprehensions or map projections, no
``round(x, n)``/``toFloat``/``elementId``/``labels(n)[0]``/``SET n += row``, no
``shortestPath``/``type(r)``/``CALL`` in shared text (those go in per-engine overrides),
no temporal values returned, no RETURN alias equal to a variable, no Neo4j reserved word
as a variable or alias (``AS end``), and undirected
variable-length patterns only with an ``<>`` guard.  :func:`lint_query` also checks the
header against the body (every ``$param`` declared and used, columns equal the RETURN
aliases).  Cost: microseconds per query.
"""

from __future__ import annotations

import re

__all__ = ["RULES", "lint_cypher", "lint_query"]

#: (name, compiled pattern, advice) for rules a regular expression decides.
RULES: list[tuple[str, re.Pattern[str], str]] = [
    ("count-subquery", re.compile(r"\bCOUNT\s*\{", re.I), "use OPTIONAL MATCH + count()"),
    ("exists-subquery", re.compile(r"\bEXISTS\s*\{", re.I), "use OPTIONAL MATCH + count() > 0"),
    ("call", re.compile(r"\bCALL\b", re.I),
     "no CALL {} subqueries or procedures in shared text (put procedures in an override)"),
    ("label-alternation", re.compile(r":\s*`?\w+`?\s*\|"),
     "no :A|B; write two branches with UNION ALL"),
    ("where-label", re.compile(r"\b(?:WHERE|AND|OR|NOT)\s+\(?\s*\w+\s*:\s*`?[A-Z]\w*", re.I),
     "no WHERE n:Label; put the label in the pattern"),
    ("map-projection", re.compile(r"\w\s*\{\s*\.\w+"), "no map projections x {.prop}"),
    ("list-comprehension", re.compile(r"\[\s*\w+\s+IN\s+[^\]]*\|", re.I),
     "no list comprehensions; UNWIND and collect"),
    ("pattern-comprehension", re.compile(r"\[\s*\(\s*\w*\s*\)?\s*-"),
     "no pattern comprehensions; OPTIONAL MATCH and collect"),
    ("tofloat", re.compile(r"\btoFloat\s*\(", re.I), "write 1.0 * a / b"),
    ("elementid", re.compile(r"\belementId\s*\(", re.I), "use the id property"),
    ("labels-index", re.compile(r"\blabels\s*\(\s*\w+\s*\)\s*\[", re.I),
     "return labels(n) and normalise in Python"),
    ("set-plus-equals", re.compile(r"\bSET\s+\w+\s*\+=", re.I), "set properties one by one"),
    ("shortest-path", re.compile(r"\b(?:all)?shortestPath\s*\(", re.I),
     "shortest paths differ per engine: use queries/overrides/<engine>/"),
    ("type-function", re.compile(r"\btype\s*\(", re.I),
     "type(r) differs per engine: use an override or one type per branch"),
]

#: Words Neo4j reserves (Cypher manual, "Reserved keywords"): not allowed unquoted as a
#: variable or alias there (``RETURN b.id AS end`` fails), although FalkorDB accepts them.
RESERVED = frozenset("""
all and as asc ascending assert by call case constraint contains create csv delete desc
descending detach distinct do drop else end ends exists false for foreach in index is join
key limit load mandatory match merge node not null of on optional or order periodic remove
require return scalar scan set skip start starts then true union unique unwind using when
where with xor yield add commit
""".split())

_CLAUSE = re.compile(r"\b(MATCH|OPTIONAL\s+MATCH|WITH|RETURN|WHERE|UNWIND|ORDER\s+BY|SKIP|LIMIT|"
                     r"UNION(?:\s+ALL)?|CREATE|MERGE|SET|DELETE)\b", re.I)
_TEMPORAL = re.compile(r"\b(?:date|datetime|localdatetime|localtime|time|duration)\s*\(", re.I)
_UNDIRECTED_VARLEN = re.compile(r"\)\s*-\s*\[[^\]]*\*[^\]]*\]\s*-\s*\(")


def _strip(text: str) -> str:
    """Answer ``text`` without comments and with string literals blanked."""
    text = re.sub(r"//[^\n]*", "", text)
    return re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", "''", text)


def _clauses(text: str) -> list[tuple[str, str]]:
    parts = []
    matches = list(_CLAUSE.finditer(text))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        parts.append((re.sub(r"\s+", " ", match.group(1).upper()), text[match.end():end]))
    return parts


def _round_with_precision(text: str) -> bool:
    for match in re.finditer(r"\bround\s*\(", text, re.I):
        depth, i = 1, match.end()
        while i < len(text) and depth:
            ch = text[i]
            if ch in "([{":
                depth += 1
            elif ch in ")]}":
                depth -= 1
            elif ch == "," and depth == 1:
                return True
            i += 1
    return False


def _variables(text: str) -> set[str]:
    names = set(re.findall(r"\(\s*(\w+)\s*[:){]", text))
    names |= set(re.findall(r"\[\s*(\w+)\s*[:\]*{]", text))
    names |= set(re.findall(r"\b(\w+)\s*=\s*\(", text))
    for clause, body in _clauses(text):
        if clause in ("WITH", "UNWIND"):
            names |= set(re.findall(r"\bAS\s+(\w+)", body, re.I))
            if clause == "WITH":
                names |= set(re.findall(r"(?:^|,)\s*(?:DISTINCT\s+)?(\w+)\s*(?=,|$)", body.strip(),
                                        re.I))
    return names


def return_aliases(text: str) -> list[str]:
    """Answer the column names of the last RETURN clause (``AS`` aliases or bare variables)."""
    clauses = [body for clause, body in _clauses(_strip(text)) if clause == "RETURN"]
    if not clauses:
        return []
    body, depth, items, current = clauses[-1], 0, [], ""
    for ch in body:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            items.append(current)
            current = ""
        else:
            current += ch
    items.append(current)
    out = []
    for item in items:
        match = re.search(r"\bAS\s+(\w+)\s*$", item.strip(), re.I)
        out.append(match.group(1) if match else item.strip().replace("DISTINCT ", ""))
    return out


def lint_cypher(text: str) -> list[str]:
    """Answer the subset violations in Cypher ``text`` as messages (empty when clean)."""
    body = _strip(text)
    problems = [f"{name}: {advice}" for name, pattern, advice in RULES if pattern.search(body)]
    if _round_with_precision(body):
        problems.append("round-precision: round(x, n) differs; round in Python")
    for clause, part in _clauses(body):
        if clause in ("RETURN", "WITH") and _TEMPORAL.search(part):
            problems.append("temporal-value: store dates as ISO strings; date() only in WHERE")
            break
    if _UNDIRECTED_VARLEN.search(body) and "<>" not in body:
        problems.append("undirected-varlen: add WHERE n <> start to an undirected *a..b pattern")
    named = set(re.findall(r"\bAS\s+(\w+)", body, re.I)) | _variables(body)
    # null/true/false are literals ([null] looks like a relationship variable to the scan)
    keywords = sorted(n for n in named
                      if n.lower() in RESERVED and n.lower() not in ("null", "true", "false"))
    if keywords:
        problems.append(f"reserved-word: {', '.join(keywords)} is reserved in Neo4j; "
                        "rename it or quote it in backticks")
    returned = set(re.findall(r"\bAS\s+(\w+)", " ".join(
        part for clause, part in _clauses(body) if clause == "RETURN"), re.I))
    clashes = sorted(returned & _variables(body))
    if clashes:
        problems.append(f"alias-is-variable: RETURN alias equals a variable ({', '.join(clashes)})")
    return problems


def lint_query(query) -> list[str]:
    """Answer problems of a :class:`~queries.NamedQuery`: subset rules and header/body fit."""
    problems = lint_cypher(query.text)
    body = _strip(query.text)
    used = set(re.findall(r"\$(\w+)", body))
    declared = {p.name for p in query.params}
    problems += [f"undeclared-param: ${name} is used but has no '// param:' line"
                 for name in sorted(used - declared)]
    problems += [f"unused-param: {name} is declared but not used" for name in sorted(declared - used)]
    problems += [f"param-description: {p.name} has no description" for p in query.params
                 if not p.description.strip()]
    aliases = return_aliases(query.text)
    if aliases != query.columns:
        problems.append(f"columns: header says {query.columns}, RETURN gives {aliases}")
    return problems
