"""Shows a guide (gates_lab/guidance.py) on a page: "What to notice" beside the questions, each
question's answer behind its own expander.

Compact on purpose: the notes and the questions share one row (they stack on a phone), so
the chart below moves down by a few lines only. In presentation mode both start as one
line (the notes collapsed, the questions in a popover): one click opens them for the class.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from gates_lab.guidance import guide
from gates_lab.ui import Page


def show_guide(page: Page, key: str, note: str | None = None) -> None:
    """The guide of ``key`` (nothing when it has none); ``note``: a caption under the
    notes (e.g. that the settings on screen are no longer the ones described)."""
    g = guide(key, page.lang)
    if g is None:
        return
    with st.container(key=f"guide-{key.replace('.', '-')}"):
        left, right = st.columns([3, 2])
        with left, st.expander(f"👀 {page.t('guide.notice')}", expanded=not page.present):
            st.markdown("\n".join(f"- {line}" for line in g.notice))
            if note:
                st.caption(note)
        with right:
            # On a projector the questions wait in a popover: one line until the teacher
            # opens it, and each answer still behind its own expander.
            box: Any
            if page.present:
                box = st.popover(f"❓ {page.t('guide.questions', n=len(g.questions))}",
                                 width="stretch")
            else:
                box = st.container()
                box.caption(page.t("guide.ask"))
            with box:
                for question, answer in g.questions:
                    with st.expander(f"❓ {question}"):
                        st.markdown(answer)
