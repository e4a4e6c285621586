"""The app's pages, in the order of the sidebar, with titles in the session's language."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from lab.i18n import t

ROOT = Path(__file__).resolve().parent.parent
# (file in pages/, icon, url path); the home page is the default.
PAGES: tuple[tuple[str, str], ...] = (
    ("home", "🏠"), ("gru", "🔁"), ("lstm", "🧠"), ("rnn", "➰"), ("compare", "⚖️"),
    ("gradients", "📉"), ("deep", "🧱"), ("learned", "🎓"), ("challenges", "🏆"),
)


def pages() -> list[st.Page]:
    ss = st.session_state
    lang = ss.get("lab.lang") or ss.get("lab.language") or st.query_params.get("lang", "en")
    out = []
    for name, icon in PAGES:
        path = ROOT / "pages" / f"{name}.py"
        if path.exists():
            out.append(st.Page(str(path), title=t(f"page.{name}", lang), icon=icon,
                               url_path=name, default=name == "home"))
    return out
