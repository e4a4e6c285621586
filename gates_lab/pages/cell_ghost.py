"""The cell pages' ghost: the previous run, drawn faint under the current one.

It answers "what did my last change do?", so it is kept only across an edit of the same
scenario: loading a preset, a link or a settings file forgets it (the old run belongs to
another lesson), and the figures draw it only when it has the same kind, sizes and length
(gates_lab.figures.common.ghost_values).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import streamlit as st


def remember_ghost(page_name: str, key: str, trace: Any, x: np.ndarray | None = None
                   ) -> tuple[Any, np.ndarray | None]:
    """The previous run's trace and input (None at first or after a load); kept until the
    settings change again."""
    ss = st.session_state
    last = ss.get(f"{page_name}.last")
    if last is None or last[0] != key:
        ss[f"{page_name}.ghost"] = None if last is None else last[1]
        ss[f"{page_name}.ghost_x"] = None if last is None else ss.get(f"{page_name}.last_x")
        # (the live gates' figure is named by it: gates_lab.live.component.figure_key; the key
        # holds the input too, so it names the previous input's ghost as well)
        ss[f"{page_name}.ghost_key"] = None if last is None else last[0]
        ss[f"{page_name}.last"] = (key, trace)
        ss[f"{page_name}.last_x"] = x
    return ss.get(f"{page_name}.ghost"), ss.get(f"{page_name}.ghost_x")


def forget_ghost(page_name: str) -> None:
    """A new scenario was loaded: the next run has no ghost."""
    for name in ("last", "ghost", "last_x", "ghost_x", "ghost_key"):
        st.session_state[f"{page_name}.{name}"] = None
