"""Data: what is loaded and where it came from; upload a registry, check it, import it."""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from graph.errors import RegiographError

from .common import refresh, get_store, show_error, synthetic_banner

__all__ = ["TITLE", "render"]

TITLE = "Data"


def render() -> None:
    """Draw the page (its state comes from and goes to the URL's query parameters)."""
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
    st.download_button("Registry template (XLSX)", _template(), "regiograph-registry-template.xlsx",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key="template")
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


@st.cache_data(show_spinner=False)
def _template() -> bytes:
    from importers.registry_template import write_template
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "registry.xlsx"
        write_template(path)
        return path.read_bytes()


def _check(paths: list[Path]) -> None:
    """Validate the registry (the importer's own rules) and show the name-matching report."""
    from importers.registry_report import registry_match_report
    with st.spinner("Reading and matching members to DUO ..."):
        try:
            report = registry_match_report(*paths)
        except RegiographError as error:
            show_error(error)
            return
    counts = report["status"].value_counts()
    st.success("The registry is valid. Members: " + ", ".join(
        f"{n} {status}" for status, n in counts.items()) + ".")
    if int(counts.get("ambiguous", 0)) or int(counts.get("unmatched", 0)):
        st.warning("Ambiguous and unmatched names are not linked to DUO boards. Pin them in the "
                   "registry (a board number, BRIN or vestigingscode) and check again.")
    st.markdown("**Name matching** (weakest first)")
    st.dataframe(report, hide_index=True, width="stretch")


def _report(result) -> None:
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
    _report(report)
