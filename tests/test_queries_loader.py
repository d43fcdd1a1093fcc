"""The named-query loader: headers, typed parameters, overrides and clear errors."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.errors import QueryError
from queries import coerce_params, get_query, list_queries, parse_query_file, query_text


def _write(tmp_path, name, text):
    path = tmp_path / f"{name}.cypher"
    path.write_text(text, encoding="utf-8")
    return path


HEADER = ("// title: T\n// question: Q?\n"
          "// param: n: int = 2 -- a number\n"
          "// param: f: float = 0.5 -- a fraction\n"
          "// param: on: bool = false -- a switch\n"
          "// param: day: date = \"today\" -- a day\n"
          "// param: kinds: list[str] = [\"rap\"] -- kinds\n"
          "// param: who: str -- required\n"
          "// columns: a\nRETURN $n AS a\n")


def test_header_is_parsed(tmp_path):
    q = parse_query_file(_write(tmp_path, "x", HEADER))
    assert (q.name, q.title, q.question, q.columns) == ("x", "T", "Q?", ["a"])
    assert [(p.name, p.type, p.default, p.required) for p in q.params] == [
        ("n", "int", 2, False), ("f", "float", 0.5, False), ("on", "bool", False, False),
        ("day", "date", "today", False), ("kinds", "list[str]", ["rap"], False),
        ("who", "str", None, True)]
    assert q.text == "RETURN $n AS a"


def test_coerce_types_defaults_and_today(tmp_path):
    q = parse_query_file(_write(tmp_path, "x", HEADER))
    out = coerce_params(q, {"n": "7", "on": "ja", "kinds": "rap, samen-opleiden", "who": "me"})
    assert out == {"n": 7, "f": 0.5, "on": True, "day": dt.date.today().isoformat(),
                   "kinds": ["rap", "samen-opleiden"], "who": "me"}
    assert coerce_params(q, {"who": "x", "day": "2024-02-29", "f": "0,25"})["f"] == 0.25


@pytest.mark.parametrize("raw, words", [
    ({"who": "x", "n": "two"}, ["'n'", "whole number"]),
    ({"who": "x", "day": "2024-13-01"}, ["'day'", "ISO date"]),
    ({"who": "x", "on": "maybe"}, ["'on'", "true or false"]),
    ({"who": "x", "colour": "red"}, ["'colour'", "its parameters are"]),
    ({}, ["needs parameter 'who'", "--param who="]),
])
def test_bad_values_name_the_parameter_and_the_fix(tmp_path, raw, words):
    q = parse_query_file(_write(tmp_path, "x", HEADER))
    with pytest.raises(QueryError) as err:
        coerce_params(q, raw)
    for word in words:
        assert word in str(err.value)


def test_unknown_query_lists_the_names():
    with pytest.raises(QueryError) as err:
        get_query("no_such_query")
    assert "partnership_overlap" in str(err.value)


def test_bad_header_is_reported_with_line(tmp_path):
    path = _write(tmp_path, "bad", "// title: T\n// question: Q?\n// param: n: number = 1 -- x\n"
                                   "// columns: a\nRETURN 1 AS a\n")
    with pytest.raises(QueryError) as err:
        parse_query_file(path)
    assert "line 3" in str(err.value)


def test_overrides_are_used_per_engine():
    shared = query_text("shortest_connection")
    assert "algo.SPpaths" in query_text("shortest_connection", "falkordb")
    assert "shortestPath" in query_text("shortest_connection", "neo4j")
    assert "algo.SPpaths" not in shared and "shortestPath" not in shared
    assert query_text("partnership_overlap", "falkordb") == get_query("partnership_overlap").text


def test_every_shipped_query_parses():
    assert {q.name for q in list_queries()} >= {"partnership_overlap", "boundary_straddlers",
                                               "shortest_connection", "neighbourhood"}


@given(n=st.integers(-10**9, 10**9), f=st.floats(-1e6, 1e6, allow_nan=False),
       day=st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
       kinds=st.lists(st.text("abcdefghij-", min_size=1, max_size=8), max_size=4))
def test_cli_strings_round_trip(n, f, day, kinds):
    q = get_query("partnership_overlap")
    q2 = q.__class__(q.name, q.title, q.question, [
        *q.params,
        q.params[0].__class__("n", "int", 0, "n"), q.params[0].__class__("f", "float", 0.0, "f"),
        q.params[0].__class__("day", "date", "", "d"),
        q.params[0].__class__("kinds", "list[str]", [], "k")], q.columns, q.text, q.path)
    out = coerce_params(q2, {"n": str(n), "f": repr(f), "day": day.isoformat(),
                             "kinds": ",".join(kinds)})
    assert (out["n"], out["f"], out["day"], out["kinds"]) == (n, f, day.isoformat(), kinds)
