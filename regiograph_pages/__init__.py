"""The explorer's pages, one module each; ``app.py`` puts them in ``st.navigation``.

Named ``regiograph_pages`` (not ``pages``) so Streamlit's automatic multipage folder
behaviour does not pick the modules up as scripts.  Every page module has ``TITLE`` and
``render()``; pages only call functions in ``graph/`` and ``queries/``.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = ["PAGES", "PAGE_OBJECTS", "page_module", "run_page", "warm_all"]

#: url path -> (module name, icon), in menu order
PAGES: dict[str, tuple[str, str]] = {
    "overview": ("overview", ":material/home:"),
    "overlaps": ("overlaps", ":material/join_inner:"),
    "duplicates": ("duplicates", ":material/content_copy:"),
    "cross-sector": ("cross_sector", ":material/school:"),
    "regions": ("regions", ":material/map:"),
    "explorer": ("explorer", ":material/hub:"),
    "metrics": ("metrics", ":material/insights:"),
    "console": ("console", ":material/terminal:"),
    "data": ("data", ":material/database:"),
}

#: url path -> st.Page, filled by app.py (used for links between pages)
PAGE_OBJECTS: dict[str, Any] = {}


def page_module(url_path: str):
    """Answer the module of the page at ``url_path``."""
    return import_module(f"{__name__}.{PAGES[url_path][0]}")


def warm_all(delay_s: float = 0.0, pause_s: float = 0.0) -> list[str]:
    """Fill the shared cache with every page's tables at their defaults; answer the pages
    that failed (a failure is shown again, with its fix, when the page is opened).

    ``app.py`` runs it once per server process on a background thread, so the first visit
    of each page finds its tables ready.  ``delay_s`` waits before starting and ``pause_s``
    between pages: the work holds Python's GIL, and the server's event loop (which also
    sends Streamlit's JavaScript to a browser opening the first page) needs it too.
    Cost at national size: ~3-4 s of one core.
    """
    import time

    from graph.views import synthetic_sources

    from .common import cached
    time.sleep(delay_s)
    failed = []
    try:
        cached(synthetic_sources)
    except Exception:  # noqa: BLE001 - the pages report store problems themselves
        return list(PAGES)
    for url_path in PAGES:
        warm = getattr(page_module(url_path), "warm", None)
        if warm is None:
            continue
        time.sleep(pause_s)
        try:
            warm()
        except Exception:  # noqa: BLE001 - see above
            failed.append(url_path)
    return failed


def run_page(url_path: str) -> None:
    """Render one page on its own (what AppTest uses to test a page)."""
    page_module(url_path).render()
