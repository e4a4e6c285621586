"""The cell pages' ghost: the previous run, drawn faint under the current one.

It answers "what did my last change do?", so it is kept only across an edit of the same
scenario: loading a preset, a link or a settings file forgets it (the old run belongs to
another lesson), and the figures draw it only when it has the same kind, sizes and length
(lab.figures.common.ghost_values).
"""

from __future__ import annotations

from typing import Any

import streamlit as st


def remember_ghost(page_name: str, key: str, trace: Any) -> Any:
    """The previous run's trace (None at first or after a load); kept until the settings
    change again."""
    ss = st.session_state
    last = ss.get(f"{page_name}.last")
    if last is None or last[0] != key:
        ss[f"{page_name}.ghost"] = None if last is None else last[1]
        # (the live gates' figure is named by it: lab.live.component.figure_key)
        ss[f"{page_name}.ghost_key"] = None if last is None else last[0]
        ss[f"{page_name}.last"] = (key, trace)
    return ss.get(f"{page_name}.ghost")


def forget_ghost(page_name: str) -> None:
    """A new scenario was loaded: the next run has no ghost."""
    st.session_state[f"{page_name}.last"] = None
    st.session_state[f"{page_name}.ghost"] = None
    st.session_state[f"{page_name}.ghost_key"] = None
