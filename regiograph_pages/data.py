"""Data: what is loaded and where it came from; upload a registry, check it, import it."""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from graph.errors import RegiographError

from .common import refresh, get_store, show_error, synthetic_banner

TITLE = "Data"


def render() -> None:
    st.title("Data and provenance")
    synthetic_banner()
    store = get_store()
    st.subheader("Loaded sources")
    try:
        sources = store.sources()
    except RegiographError as error:
        show_error(error)
        return
    if sources:
        st.dataframe(sources, hide_index=True, width="stretch")
    else:
        st.info("The graph is empty. Import the bundled data below.")

    st.subheader("Registry upload")
    st.caption("Upload the partnership registry as CSV files (partnerships.csv, memberships.csv, "
               "activities.csv, coverage.csv, contacts.csv) or one XLSX workbook with a sheet per "
               "table (see docs/registry.md). It is checked and matched to DUO before anything is "
               "written.")
    files = st.file_uploader("Registry files", type=["csv", "xlsx"], accept_multiple_files=True,
                             key="w_upload")
    demo = st.checkbox("Add the generated demo registry (synthetic, clearly labelled)",
                       value=not files, key="w_demo")
    c1, c2 = st.columns(2)
    check = c1.button("Check", key="check", disabled=not files)
    load = c2.button("Import bundled data" + (" + registry" if files else ""), type="primary",
                     key="import")
    if check or load:
        with tempfile.TemporaryDirectory() as folder:
            paths = _save(files or [], Path(folder))
            if check:
                _check(paths)
            if load:
                _import(store, paths, demo)


def _save(files, folder: Path) -> list[Path]:
    paths = []
    for upload in files:
        path = folder / Path(upload.name).name
        path.write_bytes(upload.getvalue())
        paths.append(path)
    return paths


def _check(paths: list[Path]) -> None:
    from graph.load import read_sources
    with st.spinner("Reading and matching ..."):
        try:
            result = read_sources(registry=paths)
        except RegiographError as error:
            show_error(error)
            return
    nodes, rels = result.tables.counts()
    st.success(f"The registry is valid: {sum(nodes.values()):,} nodes and "
               f"{sum(rels.values()):,} relationships would be imported.")
    _report(result)


def _report(result) -> None:
    report = getattr(result, "match_report", None)
    if report is not None:
        st.markdown("**Name matching**")
        st.dataframe(report, hide_index=True, width="stretch")
    if result.unlinked:
        st.markdown("**Could not be linked** (reported, not imported)")
        st.dataframe([{"what": u.what, "count": u.count, "examples": "; ".join(u.examples)}
                      for u in result.unlinked], hide_index=True, width="stretch")


def _import(store, paths: list[Path], demo: bool) -> None:
    from graph.load import load_graph
    with st.spinner("Importing (all or nothing) ..."):
        try:
            report = load_graph(store, registry=paths, demo_registry=demo)
        except RegiographError as error:
            show_error(error)
            st.info("Nothing was written: the previous graph is intact.")
            return
    refresh()
    st.success("Imported.")
    st.code(report.summary(), language="text")
