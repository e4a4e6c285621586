"""The app's pages, in the order of the sidebar, with titles in the session's language."""

from __future__ import annotations

import streamlit as st

from gates_lab.i18n import t
from gates_lab.kind_view import CELL_PAGES, view
from gates_lab.launcher import app_dir

# (file in pages/ and url path, icon); the home page is the default. A cell page's icon is
# its kind's (gates_lab/kind_view.py).
PAGES: tuple[tuple[str, str], ...] = (
    ("home", "🏠"), *((kind, view(kind).icon) for kind in CELL_PAGES), ("compare", "⚖️"),
    ("gradients", "📉"), ("deep", "🧱"), ("learned", "🎓"), ("challenges", "🏆"),
)


def pages() -> list[st.Page]:
    ss = st.session_state
    lang = ss.get("lab.lang") or ss.get("lab.language") or st.query_params.get("lang", "en")
    out = []
    folder = app_dir() / "pages"  # a clone's pages/, or the installed gates_lab_app's
    for name, icon in PAGES:
        path = folder / f"{name}.py"
        if path.exists():
            out.append(st.Page(str(path), title=t(f"page.{name}", lang), icon=icon,
                               url_path=name, default=name == "home"))
    return out


def sidebar_links(lang: str) -> None:
    """The page links at the top of the sidebar, in the session's language.

    Streamlit's own sidebar list is switched off (.streamlit/config.toml): with a pages/
    folder beside app.py it showed the raw file names on pages opened by their link.
    """
    for name, icon in PAGES:
        try:
            st.page_link(f"pages/{name}.py", label=t(f"page.{name}", lang), icon=icon)
        except st.errors.StreamlitPageNotFoundError:
            return  # the page runs alone (AppTest), without app.py's navigation
