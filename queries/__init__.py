"""Named queries: the ``queries/*.cypher`` files, their headers, parameters and how to run them.

A named query is a Cypher file whose first lines are ``//`` comments::

    // title: Boards in several networks
    // question: Which boards sit in two or more networks of the same kind?
    // param: kind: str = "rap" -- partnership kind (rap, samen-opleiden, ...)
    // param: board_id: str -- a required parameter has no default
    // columns: board_id, board_name, kind, networks, partnership_names
    MATCH ...

The name is the file name without ``.cypher``.  Parameter types are ``str``, ``int``,
``float``, ``bool``, ``date`` (an ISO date string; ``"today"`` means the day the query
runs) and ``list[str]``; defaults are JSON literals.  A per-engine override
``queries/overrides/<engine>/<name>.cypher`` replaces the Cypher body on that engine (its
header, if any, is ignored: the shared file's header is the contract).

The CLI and the app only use :func:`list_queries`, :func:`get_query`,
:func:`coerce_params` and :func:`run_query`.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import QueryError

__all__ = [
    "QUERY_DIR",
    "PARAM_TYPES",
    "QueryParam",
    "NamedQuery",
    "parse_query_file",
    "list_queries",
    "get_query",
    "query_text",
    "coerce_params",
    "run_query",
]

QUERY_DIR = Path(__file__).resolve().parent
PARAM_TYPES = ("str", "int", "float", "bool", "date", "list[str]")
_REQUIRED_KEYS = ("title", "question", "columns")
_PARAM_RE = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*:\s*(?P<type>list\[str\]|str|int|float|bool|date)"
    r"\s*(?:=\s*(?P<default>.*?))?\s*--\s*(?P<description>.+)$")
_TRUE = {"true", "yes", "1", "ja", "y", "on"}
_FALSE = {"false", "no", "0", "nee", "n", "off"}


@dataclass(frozen=True)
class QueryParam:
    """One parameter of a named query; ``required`` when the header gives no default."""

    name: str
    type: str
    default: Any
    description: str
    required: bool = False


@dataclass(frozen=True)
class NamedQuery:
    """A named query: its header (title, question, params, columns) and its shared Cypher."""

    name: str
    title: str
    question: str
    params: list[QueryParam]
    columns: list[str]
    text: str
    path: Path
    overrides: dict[str, Path] = field(default_factory=dict)

    def param(self, name: str) -> QueryParam:
        """Answer the parameter called ``name`` (``KeyError`` if there is none)."""
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(name)


def _header_error(path: Path, line: int, message: str, value: object = None) -> QueryError:
    return QueryError(message, file=str(path), line=line, value=value,
                      fix="follow the header format in queries/__init__.py: "
                          "'// key: value' lines for title, question, param and columns")


def _parse_default(path: Path, line: int, ptype: str, raw: str) -> Any:
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        raise _header_error(path, line, "parameter default is not a JSON literal", raw) from None
    if ptype == "date" and value == "today":
        return value  # resolved when the query runs
    try:
        return _coerce_value(ptype, value)
    except ValueError as exc:
        raise _header_error(path, line, f"parameter default does not fit its type: {exc}",
                            raw) from None


def parse_query_file(path: Path | str) -> NamedQuery:
    """Answer the :class:`NamedQuery` in ``path``; raise ``QueryError`` on a bad header."""
    path = Path(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    header: dict[str, str] = {}
    params: list[QueryParam] = []
    body_start = len(lines)
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped.startswith("//"):
            body_start = number - 1
            break
        content = stripped[2:].strip()
        if not content:
            continue
        key, sep, value = content.partition(":")
        key, value = key.strip(), value.strip()
        if not sep or key not in ("title", "question", "param", "columns"):
            raise _header_error(path, number, "unknown header line", content)
        if key == "param":
            match = _PARAM_RE.match(value)
            if not match:
                raise _header_error(path, number, "bad param line (want 'name: type = default "
                                    "-- description', types " + ", ".join(PARAM_TYPES) + ")",
                                    value)
            raw_default = match.group("default")
            required = raw_default is None
            default = None if required else _parse_default(path, number, match.group("type"),
                                                           raw_default)
            params.append(QueryParam(match.group("name"), match.group("type"), default,
                                     match.group("description").strip(), required))
        elif key in header:
            raise _header_error(path, number, f"header key {key!r} given twice", value)
        else:
            header[key] = value
    for key in _REQUIRED_KEYS:
        if not header.get(key):
            raise _header_error(path, 1, f"header has no {key!r} line")
    text = "\n".join(lines[body_start:]).strip()
    if not text:
        raise _header_error(path, body_start + 1, "query has no Cypher after its header")
    overrides = {}
    override_root = path.parent / "overrides"
    if override_root.is_dir():
        for engine_dir in sorted(override_root.iterdir()):
            candidate = engine_dir / path.name
            if candidate.is_file():
                overrides[engine_dir.name] = candidate
    columns = [c.strip() for c in header["columns"].split(",") if c.strip()]
    return NamedQuery(path.stem, header["title"], header["question"], params, columns, text,
                      path, overrides)


def list_queries(directory: Path | str | None = None) -> list[NamedQuery]:
    """Answer every named query in ``directory`` (default: this package), sorted by name."""
    directory = Path(directory) if directory is not None else QUERY_DIR
    return [parse_query_file(p) for p in sorted(directory.glob("*.cypher"))]


def get_query(name: str, directory: Path | str | None = None) -> NamedQuery:
    """Answer the named query ``name``; ``QueryError`` listing the known names on a miss."""
    directory = Path(directory) if directory is not None else QUERY_DIR
    path = directory / f"{name}.cypher"
    if not path.is_file():
        names = ", ".join(q.name for q in list_queries(directory))
        raise QueryError("no named query with this name", value=name,
                         fix=f"use one of: {names}")
    return parse_query_file(path)


def query_text(name: str, engine: str | None = None,
               directory: Path | str | None = None) -> str:
    """Answer the Cypher to run for ``name`` on ``engine`` (its override when there is one)."""
    query = get_query(name, directory)
    override = query.overrides.get(engine or "")
    if override is None:
        return query.text
    lines = override.read_text(encoding="utf-8").splitlines()
    body = [line for line in lines if not line.strip().startswith("//")]
    return "\n".join(body).strip()


def _coerce_value(ptype: str, value: Any) -> Any:
    """Answer ``value`` as ``ptype``; raise ``ValueError`` saying why it does not fit."""
    if value is None:
        return None
    if ptype == "str":
        return value if isinstance(value, str) else str(value)
    if ptype == "int":
        if isinstance(value, bool):
            raise ValueError("want a whole number, got a boolean")
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
            return int(value)
        raise ValueError("want a whole number such as 2")
    if ptype == "float":
        if isinstance(value, bool):
            raise ValueError("want a number, got a boolean")
        if isinstance(value, (int, float)):
            return float(value)
        try:
            return float(str(value).replace(",", ".") if isinstance(value, str) else value)
        except (TypeError, ValueError):
            raise ValueError("want a number such as 0.5") from None
    if ptype == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValueError("want true or false")
    if ptype == "date":
        if isinstance(value, _dt.datetime):
            return value.date().isoformat()
        if isinstance(value, _dt.date):
            return value.isoformat()
        text = str(value).strip()
        if text.lower() == "today":
            return _dt.date.today().isoformat()
        if text == "":
            return ""
        try:
            return _dt.date.fromisoformat(text).isoformat()
        except ValueError:
            raise ValueError("want an ISO date such as 2024-08-01 (or 'today')") from None
    if ptype == "list[str]":
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                try:
                    value = json.loads(text)
                except json.JSONDecodeError:
                    raise ValueError("want a JSON list or comma-separated values") from None
            else:
                return [part.strip() for part in text.split(",") if part.strip()]
        if isinstance(value, (list, tuple, set)):
            return [str(v) for v in value]
        raise ValueError("want a list of strings (comma-separated on the command line)")
    raise ValueError(f"unknown parameter type {ptype!r}")


def coerce_params(query: NamedQuery, raw: dict[str, Any] | None = None) -> dict[str, Any]:
    """Answer the parameters to send for ``query``: ``raw`` values typed, defaults filled.

    ``raw`` values may be strings (from ``--param name=value``) or Python values (from the
    app).  Raises ``QueryError`` naming the parameter, the bad value and the fix for an
    unknown parameter, a value that does not fit its type, or a missing required one.
    """
    raw = dict(raw or {})
    known = {p.name: p for p in query.params}
    unknown = sorted(set(raw) - set(known))
    if unknown:
        listed = ", ".join(f"{p.name} ({p.type})" for p in query.params) or "none"
        raise QueryError(f"query {query.name!r} has no parameter {unknown[0]!r}",
                         value=unknown[0], fix=f"its parameters are: {listed}")
    out: dict[str, Any] = {}
    for param in query.params:
        if param.name in raw and raw[param.name] is not None:
            try:
                out[param.name] = _coerce_value(param.type, raw[param.name])
            except ValueError as exc:
                raise QueryError(
                    f"parameter {param.name!r} of query {query.name!r} is not a {param.type}",
                    value=raw[param.name],
                    fix=f"{exc}; {param.name}: {param.description}") from None
        elif param.required:
            raise QueryError(f"query {query.name!r} needs parameter {param.name!r}",
                             fix=f"pass --param {param.name}=<{param.type}> "
                                 f"({param.description})")
        else:
            default = param.default
            if param.type == "date" and default == "today":
                default = _dt.date.today().isoformat()
            out[param.name] = list(default) if isinstance(default, list) else default
    return out


def run_query(store, name: str, params: dict[str, Any] | None = None, *,
              row_cap: int | None = None, timeout_ms: int | None = None):
    """Run the named query ``name`` read-only on ``store`` and answer its ``QueryResult``.

    Parameters are coerced with :func:`coerce_params`; the engine's override is used when
    there is one.  The result's columns are those of the header.
    """
    query = get_query(name)
    values = coerce_params(query, params)
    text = query_text(name, getattr(store, "engine", None))
    result = store.read(text, values, timeout_ms=timeout_ms, row_cap=row_cap)
    if list(result.columns) != query.columns:
        raise QueryError(f"query {name!r} answered columns that differ from its header",
                         value=", ".join(map(str, result.columns)),
                         fix="make the RETURN aliases equal the '// columns:' header line")
    return result
