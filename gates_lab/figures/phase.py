"""The phase portrait: h0 against h1 over time (hidden size 2), with the previous run's
ghost. Info/plot split as in gates_lab.figures.over_time; no Streamlit."""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
import plotly.graph_objects as go

from gates_lab.figures.common import (
    GHOST_OPACITY,
    LabFigure,
    empty_figure,
    ghost_values,
    line_width,
    series,
    style_layout,
    y_range,
)
from gates_lab.figures.common import colorscale as _colorscale
from gates_lab.i18n import t


class PhaseInfo(NamedTuple):
    """The (L, 2) hidden trajectory and the ghost's (or None); hidden size for the note."""

    points: np.ndarray | None
    ghost: np.ndarray | None
    hidden_size: int


def _get_phase_info(trace: Any, ghost: Any = None, *, layer: int = 0, direction: int = 0,
                    batch: int = 0) -> PhaseInfo:
    if trace is None:
        return PhaseInfo(None, None, 0)
    h = series(trace, "hidden", layer, direction, batch)
    if h.shape[1] != 2:
        return PhaseInfo(None, None, h.shape[1])
    same_kind = getattr(ghost, "kind", None) == trace.kind
    old = ghost_values(ghost, "hidden", layer, direction, batch, h.shape) if same_kind else None
    return PhaseInfo(h, old, 2)


def _get_phase_plot(info: PhaseInfo, lang: str, present: bool) -> go.Figure:
    if info.points is None:
        note = (t("fig.phase.needs_h2", lang, h=info.hidden_size) if info.hidden_size
                else None)
        return empty_figure(note, lang=lang, present=present)
    pts = info.points
    width = line_width(present)
    data: list[dict[str, Any]] = []
    if info.ghost is not None:
        data.append({
            "type": "scatter", "x": info.ghost[:, 0].tolist(), "y": info.ghost[:, 1].tolist(),
            "mode": "lines+markers", "name": t("fig.previous", lang), "opacity": GHOST_OPACITY,
            "hoverinfo": "skip", "line": {"color": "#555555", "width": width, "dash": "dot"},
            "marker": {"size": 5}})
    steps = list(range(len(pts)))
    data.append({
        "type": "scatter", "x": pts[:, 0].tolist(), "y": pts[:, 1].tolist(),
        "mode": "lines+markers", "name": t("fig.phase.path", lang),
        "line": {"color": "#9aa0a6", "width": width},
        "marker": {"size": 9 if not present else 14, "color": steps,
                   "colorscale": _colorscale("Viridis"), "cmin": 0, "cmax": max(len(pts) - 1, 1),
                   "showscale": True, "colorbar": {"title": {"text": "t"}, "thickness": 14}},
        "customdata": steps,
        "hovertemplate": "t = %{customdata}<br>h₀ = %{x:.3f}<br>h₁ = %{y:.3f}<extra></extra>"})
    for idx, key, symbol, colour in ((0, "fig.phase.start", "circle-open", "#009E73"),
                                     (len(pts) - 1, "fig.phase.end", "square", "#D55E00")):
        label = t(key, lang)
        data.append({
            "type": "scatter", "x": [float(pts[idx, 0])], "y": [float(pts[idx, 1])],
            "mode": "markers+text", "name": label, "text": [label], "textposition": "top center",
            "marker": {"size": 18 if not present else 26, "symbol": symbol, "color": colour,
                       "line": {"width": 3, "color": colour}},
            "hovertemplate": f"{label}: t = {idx}<extra></extra>"})
    arrays = [pts] + ([info.ghost] if info.ghost is not None else [])
    fixed = y_range("hidden", *arrays)
    axis: dict[str, Any] = {"range": list(fixed)} if fixed else {"autorange": True}
    layout = style_layout(present)
    layout["title"]["text"] = t("fig.phase.title", lang)
    layout["legend"].update(orientation="h", yanchor="top", y=-0.14, x=0)
    layout.update(
        height=600 if not present else 800, showlegend=True,
        xaxis={"title": {"text": "h₀"}, "zeroline": True, **axis},
        yaxis={"title": {"text": "h₁"}, "zeroline": True, "scaleanchor": "x", "scaleratio": 1,
               **axis})
    return LabFigure({"data": data, "layout": layout})


def phase_portrait(trace: Any, *, ghost: Any = None, layer: int = 0, direction: int = 0,
                   batch: int = 0, lang: str = "en", present: bool = False) -> go.Figure:
    """h₀ against h₁ over time (hidden size 2 only; otherwise an empty figure with a note)."""
    info = _get_phase_info(trace, ghost, layer=layer, direction=direction, batch=batch)
    return _get_phase_plot(info, lang, present)
