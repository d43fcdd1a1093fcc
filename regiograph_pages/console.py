"""Cypher console: run a named query with typed parameters, or your own read-only Cypher."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import streamlit as st

from graph import network_view
from graph.errors import RegiographError
from graph.export import to_csv
from graph.neighbourhood import subgraph_from_rows
from graph.views import result_frame

from .common import embed_html, get_store, param, set_params, show_error, synthetic_banner

__all__ = ["TITLE", "render"]

TITLE = "Cypher console"
_MODES = ("Named query", "Cypher")


def render() -> None:
    """Draw the page (its state comes from and goes to the URL's query parameters)."""
    st.title("Cypher console")
    synthetic_banner()
    st.caption("Read-only: the store itself refuses writes (CREATE, MERGE, SET, DELETE, write "
               "procedures). Change the graph with `regiograph import`.")
    mode = st.radio("Mode", _MODES, horizontal=True, key="w_mode",
                    index=1 if param("mode") == "cypher" else 0)
    c1, c2 = st.columns(2)
    with c1:
        row_cap = int(st.number_input("Row cap", 1, 100_000, param("cap", 1000, int), step=100,
                                      key="w_cap"))
    with c2:
        timeout_ms = int(st.number_input("Timeout (ms)", 100, 120_000,
                                         param("timeout", 5000, int), step=500, key="w_timeout"))
    set_params(cap=row_cap, timeout=timeout_ms)
    if mode == "Named query":
        job = _named_query_form()
    else:
        job = _cypher_form()
    if job is None:
        return
    b1, b2, _ = st.columns([1, 1, 6])
    run = b1.button("Run", type="primary", key="run")
    explain = b2.button("EXPLAIN", key="explain")
    auto = param("run") == "1" and st.session_state.get("console_result_key") != job["key"]
    store = get_store()
    if explain:
        try:
            st.code(store.explain(job["text"], job["params"]) or "(no plan)", language="text")
        except RegiographError as error:
            show_error(error)
    if run or auto:
        set_params(run="1")
        try:
            result = job["run"](row_cap, timeout_ms)
        except RegiographError as error:
            st.session_state.pop("console_result", None)
            show_error(error)
            return
        st.session_state["console_result"] = result
        st.session_state["console_result_key"] = job["key"]
    result = st.session_state.get("console_result")
    if result is not None and st.session_state.get("console_result_key") == job["key"]:
        _show_result(result, row_cap)


def _named_query_form() -> dict[str, Any] | None:
    try:
        from queries import coerce_params, list_queries, query_text, run_query
        named = list_queries()
    except (ImportError, RegiographError) as error:
        show_error(error if isinstance(error, RegiographError) else
                   RegiographError("the named queries could not be loaded", value=str(error),
                                   fix="reinstall regiograph (pip install -e .)"))
        return None
    if not named:
        st.info("No named queries are installed.")
        return None
    names = [q.name for q in named]
    current = param("query")
    index = names.index(current) if current in names else 0
    picked = st.selectbox("Named query", range(len(named)), index=index, key="w_query",
                          format_func=lambda i: f"{named[i].title} ({named[i].name})")
    query = named[picked]
    if current != query.name:
        set_params(query=query.name, run=None)
        for key in [k for k in st.query_params if k.startswith("p_")]:
            del st.query_params[key]
    set_params(mode="named", cypher=None)
    st.markdown(f"**{query.question}**")
    raw: dict[str, Any] = {}
    cols = st.columns(max(1, min(3, len(query.params))))
    for i, p in enumerate(query.params):
        with cols[i % len(cols)]:
            raw[p.name] = _param_widget(query.name, p)
    try:
        values = coerce_params(query, {k: v for k, v in raw.items() if v is not None})
    except RegiographError as error:
        show_error(error)
        return None
    with st.expander("Cypher of this query"):
        st.code(query_text(query.name, getattr(get_store(), "engine", None)), language="cypher")
    store = get_store()
    return {"key": ("named", query.name, json.dumps(values, sort_keys=True, default=str)),
            "text": query_text(query.name, getattr(store, "engine", None)), "params": values,
            "run": lambda cap, timeout: run_query(store, query.name, values, row_cap=cap,
                                                  timeout_ms=timeout)}


def _param_widget(query_name: str, p) -> Any:
    url_key = f"p_{p.name}"
    key = f"w_{query_name}_{p.name}"
    label = f"{p.name} ({p.type})"
    helptext = p.description
    url_value = param(url_key)
    default = p.default
    if p.type == "int":
        start = int(url_value) if url_value not in (None, "") else int(default or 0)
        value = int(st.number_input(label, value=start, step=1, key=key, help=helptext))
    elif p.type == "float":
        start = float(url_value) if url_value not in (None, "") else float(default or 0.0)
        value = float(st.number_input(label, value=start, key=key, help=helptext, format="%.3f"))
    elif p.type == "bool":
        start = (url_value.lower() in ("1", "true")) if url_value else bool(default)
        value = st.checkbox(label, value=start, key=key, help=helptext)
    elif p.type == "date":
        start = url_value or (dt.date.today().isoformat() if default in (None, "today")
                              else str(default))
        value = st.text_input(label, value=start, key=key, help=helptext + " (ISO date or 'today')")
    elif p.type == "list[str]":
        start = url_value if url_value is not None else ", ".join(default or [])
        value = st.text_input(label, value=start, key=key, help=helptext + " (comma-separated)")
    else:
        start = url_value if url_value is not None else ("" if default is None else str(default))
        value = st.text_input(label, value=start, key=key, help=helptext)
    if isinstance(value, str) and value == "" and p.required:
        value = None
    set_params(**{url_key: value if not isinstance(value, bool) else str(value).lower()})
    return value


def _cypher_form() -> dict[str, Any] | None:
    set_params(mode="cypher", query=None)
    text = st.text_area("Cypher", value=param("cypher", "MATCH (b:Board) RETURN b.id AS board, "
                                              "b.name AS name ORDER BY board LIMIT 25"),
                        height=140, key="w_cypher")
    raw_params = st.text_input("Parameters (JSON object)", value=param("params", "{}"),
                               key="w_params")
    set_params(cypher=text.strip(), params=None if raw_params.strip() in ("", "{}") else raw_params)
    try:
        values = json.loads(raw_params or "{}")
        if not isinstance(values, dict):
            raise ValueError("not an object")
    except ValueError as error:
        show_error(RegiographError("the parameters are not a JSON object", value=raw_params,
                                   fix=f'write them like {{"kind": "rap", "min": 2}} ({error})'))
        return None
    if not text.strip():
        return None
    store = get_store()
    return {"key": ("cypher", text.strip(), json.dumps(values, sort_keys=True)),
            "text": text, "params": values,
            "run": lambda cap, timeout: store.read(text, values, row_cap=cap, timeout_ms=timeout)}


def _show_result(result, row_cap: int) -> None:
    if result.truncated:
        st.warning(f"Only the first {row_cap:,} rows are shown: the row cap cut the answer. "
                   "Raise the row cap or narrow the query.")
    st.caption(f"{len(result.rows):,} rows in {result.elapsed_ms:.0f} ms.")
    frame = result_frame(result)
    sub = subgraph_from_rows(get_store(), result.rows)
    tabs = st.tabs(["Table", "Graph"] if len(sub) else ["Table"])
    with tabs[0]:
        st.dataframe(frame, hide_index=True, width="stretch")
        st.download_button("Download CSV", to_csv(result).encode("utf-8"), "regiograph-query.csv",
                           "text/csv", key="download")
    if len(sub):
        with tabs[1]:
            if sub.capped:
                st.warning(f"Only {len(sub):,} of the returned nodes are drawn.")
            st.markdown(network_view.legend_html(network_view.legend(sub, "kind")),
                        unsafe_allow_html=True)
            embed_html(network_view.network_html(sub, height=520), 520 + 130)
