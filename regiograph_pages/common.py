"""What every page shares: the store and cached data, URL parameters, banners, errors.

The store (and every table derived from the graph) lives in ``st.cache_resource``, keyed
by a cheap *graph token* (the loaded sources and node/relationship totals), so a warm page
re-runs without touching the graph again and an import invalidates it.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

import streamlit as st

from graph.errors import RegiographError
from graph.store import GraphStore, open_store

__all__ = ["use_store", "get_store", "graph_token", "cached", "refresh", "param", "set_params",
           "choice", "embed_html", "show_error", "synthetic_banner", "empty_graph_notice",
           "TABLE_ROWS", "table", "memberships_or_notice"]

#: rows a long table shows before its "show all" toggle (the browser draws a few hundred
#: rows fast; several thousand rows cost ~0.2-0.4 s of drawing on every rerun)
TABLE_ROWS = 200

_override: dict[str, Callable[[], GraphStore] | None] = {"factory": None}


def use_store(factory: Callable[[], GraphStore] | None) -> None:
    """Make the app use ``factory()`` as its store (tests, benchmarks); ``None`` resets."""
    _override["factory"] = factory
    st.cache_resource.clear()


@st.cache_resource(show_spinner="Connecting to the graph store ...")
def _store() -> GraphStore:
    factory = _override["factory"]
    return factory() if factory else open_store()


def get_store() -> GraphStore:
    """Answer the app's store (opened once per server process, shared by all sessions)."""
    return _store()


def graph_token() -> str:
    """Answer a token that changes whenever the graph does (sources, totals, judgements).

    Cost: one small query, a few ms; remembered for 2 s so a page run asks once.
    """
    return _token()


@st.cache_resource(show_spinner=False, ttl=2)
def _token() -> str:
    store = get_store()
    sources = store.read("MATCH (s:Source) RETURN collect(s.id + '@' + coalesce(s.date, '') + '@' "
                         "+ coalesce(s.params, '')) AS sources").scalar() or []
    nodes = store.read("MATCH (n) RETURN count(n) AS n").scalar()
    rels = store.read("MATCH ()-[r]->() RETURN count(r) AS n").scalar()
    return f"{store.describe()}|{sorted(sources)}|{nodes}|{rels}"


@st.cache_resource(show_spinner=False, max_entries=256)
def _memo(_fn: Callable[..., Any], key: tuple) -> Any:
    return _fn(get_store(), *key[2:])


def cached(fn: Callable[..., Any], *args: Any) -> Any:
    """Answer ``fn(store, *args)``, kept in ``st.cache_resource`` until the graph changes.

    ``args`` must be hashable.  Callers must not mutate the answer (it is shared).
    """
    return _memo(fn, (f"{fn.__module__}.{fn.__qualname__}", graph_token(), *args))


def refresh() -> None:
    """Forget every cached table (after an import or a judgement); the store stays open."""
    _memo.clear()
    _token.clear()


def param(name: str, default: Any = None, cast: Callable[[str], Any] = str) -> Any:
    """Answer URL query parameter ``name`` cast by ``cast`` (``default`` if absent or bad)."""
    raw = st.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        return cast(raw)
    except (TypeError, ValueError):
        return default


def set_params(**values: Any) -> None:
    """Write the view's state into the URL (``None``/empty removes a parameter)."""
    for key, value in values.items():
        if value is None or value == "" or value == []:
            if key in st.query_params:
                del st.query_params[key]
        else:
            text = ",".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)
            if st.query_params.get(key) != text:
                st.query_params[key] = text


def choice(label: str, options: Sequence[Any], url_key: str, default: Any = None, *,
           widget: Callable[..., Any] | None = None, **kwargs: Any) -> Any:
    """Answer a selectbox (or ``widget``) value that starts from and is written to the URL."""
    options = list(options)
    current = param(url_key, default)
    index = options.index(current) if current in options else (
        options.index(default) if default in options else 0)
    value = (widget or st.selectbox)(label, options, index=index, key=f"w_{url_key}", **kwargs)
    set_params(**{url_key: value})
    return value


def table(frame: Any, key: str, *, limit: int = TABLE_ROWS, what: str = "rows",
          **kwargs: Any) -> Any:
    """Show ``frame`` (ranked) as ``st.dataframe``: its first ``limit`` rows, and a
    "show all" checkbox (state in the URL as ``all_<key>=1``) when it is longer.

    Answers the rows shown (a head of ``frame`` or ``frame`` itself), so a picker below the
    table can offer the same rows.  Cost: the browser draws at most ``limit`` rows by default.
    """
    total = len(frame)
    shown = frame
    if total > limit:
        show_all = st.checkbox(f"Show all {total:,} {what} (the first {limit:,} are shown)",
                               value=param(f"all_{key}", "0") == "1", key=f"w_all_{key}")
        set_params(**{f"all_{key}": "1" if show_all else None})
        if not show_all:
            shown = frame.head(limit)
    kwargs.setdefault("hide_index", True)
    kwargs.setdefault("width", "stretch")
    st.dataframe(shown, **kwargs)
    return shown


def embed_html(page: str, height: int) -> None:
    """Embed a self-contained HTML page (the network drawing) in an iframe."""
    if hasattr(st, "iframe"):
        st.iframe(page, height=height)
    else:  # Streamlit before st.iframe
        import streamlit.components.v1 as components
        components.html(page, height=height)


def show_error(error: Exception) -> None:
    """Show a project error as a message with its fix (no traceback, no credentials)."""
    if isinstance(error, RegiographError):
        st.error(str(error))
    elif "connection" in type(error).__name__.lower() or isinstance(error, ConnectionError):
        st.error("Lost the connection to the graph store. Check it with `regiograph store status` "
                 "(start it with `regiograph store start`), then reload this page.")
        _store.clear()  # reconnect on the next run
    else:
        st.error(f"Unexpected error: {type(error).__name__}: {error}")


def synthetic_banner() -> None:
    """Show a warning on every page when demo (synthetic) data is loaded."""
    from graph.views import synthetic_sources
    try:
        synthetic = cached(synthetic_sources)
    except RegiographError:
        return
    if synthetic:
        st.warning("**Synthetic data loaded.** The partnership registry shown here is the generated "
                   f"demo registry ({', '.join(synthetic)}), not real member lists. Real DUO/CBS data "
                   "(boards, schools, municipalities, regions) is not synthetic.", icon="⚠️")


def empty_graph_notice(what: str) -> None:
    """Tell the user there is nothing to show yet and how to load data."""
    st.info(f"No {what} in the graph yet. Load data on the **Data** page or run "
            "`regiograph import --all` (and `regiograph registry demo` for the demo registry).")


def memberships_or_notice():
    """Answer the cached partnership memberships, or ``None`` after telling the user why
    there are none (a store error, or no registry loaded yet)."""
    from graph import views
    try:
        members = cached(views.memberships)
    except RegiographError as error:
        show_error(error)
        return None
    if members.empty:
        empty_graph_notice("partnership memberships")
        return None
    return members
