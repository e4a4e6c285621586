"""Generic line and heatmap charts for the analysis pages, in the lab's style. No
Streamlit."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go

from gates_lab.figures.common import (
    UNIT_COLORS,
    LabFigure,
    empty_figure,
    line_width,
    style_layout,
)
from gates_lab.figures.common import colorscale as _colorscale


def line_chart(series: Mapping[str, np.ndarray], *, x: Sequence[float] | np.ndarray | None = None,
               title: str = "", x_title: str = "", y_title: str = "", log_y: bool = False,
               lang: str = "en", present: bool = False) -> go.Figure:
    """Lines, one per entry (a 2-D entry (n, k) gives k lines "name[j]")."""
    data: list[dict[str, Any]] = []
    for name, values in series.items():
        arr = np.asarray(values, dtype=float)
        columns = [arr] if arr.ndim <= 1 else [arr[:, j] for j in range(arr.shape[1])]
        for j, col in enumerate(columns):
            col = np.atleast_1d(col)
            xs = np.arange(len(col)) if x is None else np.asarray(x)[: len(col)]
            data.append({
                "type": "scatter", "x": xs.tolist(), "y": col.tolist(),
                "mode": "lines+markers" if len(col) < 40 else "lines",
                "name": name if len(columns) == 1 else f"{name}[{j}]",
                "line": {"color": UNIT_COLORS[len(data) % len(UNIT_COLORS)],
                         "width": line_width(present)}})
    if not data:
        return empty_figure(lang=lang, present=present)
    layout = style_layout(present, titled=bool(title))
    layout["title"]["text"] = title
    layout.update(height=420 if not present else 560, xaxis={"title": {"text": x_title}},
                  yaxis={"title": {"text": y_title}, "type": "log" if log_y else "linear"})
    return LabFigure({"data": data, "layout": layout})


def heatmap(z: np.ndarray, *, x: Sequence[Any] | None = None, y: Sequence[Any] | None = None,
            title: str = "", colorscale: str = "Viridis", zmin: float | None = None,
            zmax: float | None = None, log: bool = False, colorbar_title: str = "",
            lang: str = "en", present: bool = False) -> go.Figure:
    """A single heatmap; ``log`` shows log10 |z| (zmin/zmax in data units).
    ``colorbar_title``: what the colour measures, and its unit."""
    arr = np.asarray(z, dtype=float)
    if arr.ndim != 2 or arr.size == 0:
        return empty_figure(lang=lang, present=present)
    colorbar: dict[str, Any] = {"thickness": 14 if not present else 22,
                                "title": {"text": colorbar_title, "side": "right"}}
    if log:
        tiny = np.finfo(float).tiny
        arr = np.log10(np.maximum(np.abs(arr), tiny))
        zmin = None if zmin is None else float(np.log10(max(zmin, tiny)))
        zmax = None if zmax is None else float(np.log10(max(zmax, tiny)))
        lo = np.floor(zmin if zmin is not None else arr.min())
        hi = np.ceil(zmax if zmax is not None else arr.max())
        ticks = np.arange(lo, hi + 1, max(1, int((hi - lo) // 8) or 1))
        colorbar.update(tickvals=ticks.tolist(), ticktext=[f"1e{int(k)}" for k in ticks])
    trace: dict[str, Any] = {"type": "heatmap", "z": arr.tolist(),
                             "colorscale": _colorscale(colorscale), "colorbar": colorbar}
    for key, value in (("x", x), ("y", y)):
        if value is not None:
            trace[key] = np.asarray(value).tolist() if isinstance(value, np.ndarray) else list(value)
    for key, value in (("zmin", zmin), ("zmax", zmax)):
        if value is not None:
            trace[key] = float(value)
    layout = style_layout(present, titled=bool(title))
    layout["title"]["text"] = title
    layout["height"] = 420 if not present else 560
    return LabFigure({"data": [trace], "layout": layout})
