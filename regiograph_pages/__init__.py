"""The explorer's pages, one module each; ``app.py`` puts them in ``st.navigation``.

Named ``regiograph_pages`` (not ``pages``) so Streamlit's automatic multipage folder
behaviour does not pick the modules up as scripts.  Every page module has ``TITLE`` and
``render()``; pages only call functions in ``graph/`` and ``queries/``.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = ["PAGES", "PAGE_OBJECTS", "page_module", "run_page"]

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


def run_page(url_path: str) -> None:
    """Render one page on its own (what AppTest uses to test a page)."""
    page_module(url_path).render()
