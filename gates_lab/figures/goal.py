"""A challenge's goal drawn on its gates chart: where the state should be, step by step.

The tolerance is a shaded band (one box a step, so a goal about a single step is seen
too) and the target value a dashed line; both on the panel of the state the goal is
about (``hidden`` or ``cell``). Data in (a :class:`gates_lab.classroom.challenges.GoalBand`), figure
out; no Streamlit.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
import plotly.graph_objects as go

from gates_lab.figures.common import LabFigure
from gates_lab.figures.over_time import gate_panels
from gates_lab.i18n import t

BAND_FILL = "rgba(0, 158, 115, 0.18)"  # Okabe-Ito green, see-through: the lines stay on top
BAND_EDGE = "rgba(0, 110, 80, 0.55)"
TARGET_COLOR = "#1a1a1a"


class GoalInfo(NamedTuple):
    """The band's outline (x, y with None between boxes) and the dashed target line."""

    state: str
    outline_x: list[float | None]
    outline_y: list[float | None]
    target_x: list[float | None]
    target_y: list[float | None]


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """Start and end (inclusive) of each run of True."""
    runs: list[tuple[int, int]] = []
    for i in np.flatnonzero(mask):
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], int(i))
        else:
            runs.append((int(i), int(i)))
    return runs


def _get_goal_info(band: Any) -> GoalInfo:
    """One closed stair-shaped outline per unit and run of constrained steps (step t's box
    spans t - 0.5 .. t + 0.5), and the target as a line with gaps."""
    ox: list[float | None] = []
    oy: list[float | None] = []
    tx: list[float | None] = []
    ty: list[float | None] = []
    lower, upper, centre = (np.asarray(a, dtype=float) for a in
                            (band.lower, band.upper, band.centre))
    for unit in range(lower.shape[1]):
        lo, hi = lower[:, unit], upper[:, unit]
        for start, end in _runs(np.isfinite(lo) & np.isfinite(hi)):
            steps = range(start, end + 1)
            top = [(x, float(hi[s])) for s in steps for x in (s - 0.5, s + 0.5)]
            bottom = [(x, float(lo[s])) for s in reversed(steps) for x in (s + 0.5, s - 0.5)]
            for x, y in top + bottom + [top[0]]:
                ox.append(x)
                oy.append(y)
            ox.append(None)
            oy.append(None)
        mid = centre[:, unit]
        for start, end in _runs(np.isfinite(mid)):
            for s in range(start, end + 1):  # flat across each step's box, like the band
                tx += [s - 0.5, s + 0.5]
                ty += [float(mid[s])] * 2
            tx.append(None)
            ty.append(None)
    return GoalInfo(band.state, ox, oy, tx, ty)


def _get_goal_traces(info: GoalInfo, axes: dict[str, str], lang: str,
                     present: bool) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = [{
        "type": "scatter", "x": info.outline_x, "y": info.outline_y, "mode": "lines",
        "fill": "toself", "fillcolor": BAND_FILL, "line": {"color": BAND_EDGE, "width": 1},
        "name": t("fig.goal.band", lang), "legendgroup": "goal", "hoverinfo": "skip", **axes}]
    if any(y is not None for y in info.target_y):
        data.append({
            "type": "scatter", "x": info.target_x, "y": info.target_y, "mode": "lines",
            "line": {"color": TARGET_COLOR, "width": 3 if present else 2, "dash": "dash"},
            "name": t("fig.goal.target", lang), "legendgroup": "goal", "hoverinfo": "skip",
            **axes})
    return data


def gates_with_goal(trace: Any, band: Any, *, lang: str = "en", present: bool = False,
                    height: int | None = None) -> go.Figure:
    """:func:`gates_lab.figures.over_time.gate_panels` of ``trace`` with ``band`` (a GoalBand)
    drawn under the lines of its state's panel, named in the legend."""
    fig = gate_panels(trace, lang=lang, present=present, height=height)
    spec = fig.spec
    if band is None or band.state not in trace.names:
        return fig
    row = list(trace.names).index(band.state) + 1
    ref = "" if row == 1 else str(row)
    goal = _get_goal_traces(_get_goal_info(band), {"xaxis": "x" + ref, "yaxis": "y" + ref},
                            lang, present)
    # under the state's own lines (drawn first). A band wider than a fixed axis (|h| < 10
    # on tanh's -1..1) is clipped: the whole panel is then inside the goal.
    spec["data"] = goal + spec["data"]
    return LabFigure(spec)
