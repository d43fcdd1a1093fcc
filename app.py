"""regiograph explorer: the Streamlit entry point (``regiograph serve`` runs it).

A thin shell: navigation and the sidebar; each page is a module in ``regiograph_pages``.
"""

from __future__ import annotations

import threading

import streamlit as st

from regiograph_pages import PAGE_OBJECTS, PAGES, page_module, warm_all
from regiograph_pages.common import get_store, show_error


@st.cache_resource(show_spinner=False)
def _warm_up() -> threading.Thread:
    """Once per server process: fill every page's cache on a background thread."""
    # start after the first visitor's browser has loaded Streamlit's JavaScript (~2 s)
    thread = threading.Thread(target=warm_all, kwargs={"delay_s": 3.0, "pause_s": 0.1},
                              name="regiograph-warm-up", daemon=True)
    thread.start()
    return thread


st.set_page_config(page_title="regiograph", page_icon=":material/hub:", layout="wide")

pages = []
for url_path, (module_name, icon) in PAGES.items():
    module = page_module(url_path)
    page = st.Page(module.render, title=module.TITLE, icon=icon, url_path=url_path,
                   default=(url_path == "overview"))
    PAGE_OBJECTS[url_path] = page
    pages.append(page)

navigation = st.navigation(pages)
with st.sidebar:
    st.caption("regiograph — regional collaboration on the education labour market")
    try:
        st.caption(f"Store: `{get_store().describe()}`")
    except Exception as error:  # the store is unreachable: say so, with the fix
        show_error(error)
        st.stop()
try:
    navigation.run()
except Exception as error:  # noqa: BLE001 - the app shows a message, never a traceback
    show_error(error)
_warm_up()  # after the page drawn now: then the other pages, in the background
