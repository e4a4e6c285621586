"""Figures of the compare, gradients and deep pages (no Streamlit here).

- :func:`log_curves`     lines on a log axis (influence, gradient norms), zeros left out
- :func:`gate_heatmaps`  every recorded quantity of one layer/direction as unit x time maps
- :func:`unit_heatmap`   one (L, H) array as a heatmap, optionally log10 |value|
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
import plotly.graph_objects as go

from gates.kinds import KINDS, SIGMOID_GATES
from gates_lab.figures.common import (
    PLOTLY_CONFIG,
    UNIT_COLORS,
    apply_style,
    colorbar,
    empty_figure,
    quantity_label,
)
from gates_lab.kind_view import view

__all__ = ["PLOTLY_CONFIG", "Curve", "gate_heatmaps", "log_curves", "unit_heatmap"]

KIND_COLORS: dict[str, str] = {name: view(name).colour for name in KINDS}
#: torch's class name of each kind, the cells' titles in charts and tables.
KIND_TITLES: dict[str, str] = {name: kind.torch_name for name, kind in KINDS.items()}


class Curve(NamedTuple):
    """One line: its label, values over steps, colour and dash ("solid", "dash", "dot")."""

    label: str
    y: np.ndarray
    color: str | None = None
    dash: str = "solid"
    x: np.ndarray | None = None


def log_curves(curves: Sequence[Curve], *, title: str = "", x_title: str = "",
               y_title: str = "", log_y: bool = True, marks: Mapping[float, str] | None = None,
               lang: str = "en", present: bool = False, height: int = 420) -> go.Figure:
    """Lines over time on a log (or linear) y axis; values <= 0 or non-finite are gaps.

    ``marks``: vertical dotted lines at x positions with a label (e.g. the loss step).
    """
    fig = go.Figure()
    width = 4 if present else 2
    for i, c in enumerate(curves):
        y = np.asarray(c.y, dtype=float)
        y = np.where(np.isfinite(y) & ((y > 0) if log_y else True), y, np.nan)
        x = np.arange(len(y)) if c.x is None else np.asarray(c.x)
        fig.add_trace(go.Scatter(
            x=x, y=y, mode="lines", name=c.label, connectgaps=False,
            line={"color": c.color or UNIT_COLORS[i % len(UNIT_COLORS)], "width": width,
                  "dash": c.dash}))
    if not fig.data:
        return empty_figure(lang=lang, present=present)
    for x, label in (marks or {}).items():
        fig.add_vline(x=x, line_dash="dot", line_color="#777777", annotation_text=label,
                      annotation_position="top")
    fig.update_layout(title={"text": title}, height=height if not present else height + 140,
                      legend={"orientation": "h", "y": -0.2})
    fig.update_xaxes(title_text=x_title)
    fig.update_yaxes(title_text=y_title, type="log" if log_y else "linear",
                     exponentformat="power")
    return apply_style(fig, present)


def _scale(name: str, values: np.ndarray) -> tuple[float, float, str]:
    if name in SIGMOID_GATES:
        return 0.0, 1.0, "Viridis"
    if name == "cell":
        m = float(np.max(np.abs(values))) if values.size else 1.0
        return -max(m, 1e-12), max(m, 1e-12), "RdBu_r"
    if name == "preactivation":
        m = float(np.max(np.abs(values))) if values.size else 1.0
        return -max(m, 1e-12), max(m, 1e-12), "RdBu_r"
    return -1.0, 1.0, "RdBu_r"


def gate_heatmaps(trace: Any, *, layer: int = 0, direction: int = 0, batch: int = 0,
                  title: str = "", lang: str = "en", present: bool = False,
                  row_height: int = 120) -> go.Figure:
    """One heatmap row per recorded quantity (units up, steps across) of one layer/direction.

    Sigmoid gates on a fixed 0..1 scale, candidates and h on -1..1, the LSTM cell state
    and the RNN preactivation on a symmetric scale of their own. The rows are laid out
    by hand (no make_subplots): it is several times faster, which a rerun feels.
    """
    names = list(trace.names)
    n = len(names)
    gap = 0.35 / n if n > 1 else 0.0
    height = (row_height + (50 if present else 0)) * n
    data = []
    layout: dict[str, Any] = {"annotations": []}
    for r, name in enumerate(names):
        values = np.asarray(trace.get(name, layer, direction))
        if values.ndim == 3:
            values = values[:, batch, :]
        lo, hi, scale = _scale(name, values)
        axis = "" if r == 0 else str(r + 1)
        top = 1.0 - r / n
        bottom = top - 1.0 / n + gap
        # every row its own colour bar beside it: the rows' scales differ (a gate's 0..1,
        # h's -1..1, the cell state's own range)
        bar = colorbar(name, lo, hi, lang, present, titled=False)  # rows too short
        bar.update(y=(bottom + top) / 2, len=(top - bottom) * 1.05, yanchor="middle", x=1.02)
        data.append(go.Heatmap(
            z=values.T, zmin=lo, zmax=hi, colorscale=scale, colorbar=bar,
            xaxis="x", yaxis=f"y{axis}",
            hovertemplate=f"{name}<br>t=%{{x}}<br>%{{y}}<br>%{{z:.4f}}<extra></extra>"))
        layout[f"yaxis{axis}"] = {"domain": [bottom, top], "anchor": "x",
                                  "showticklabels": values.shape[1] <= 32}
        layout["annotations"].append({
            "text": quantity_label(trace.kind, name, lang), "x": 0.0, "y": top,
            "xref": "paper", "yref": "paper", "xanchor": "left", "yanchor": "bottom",
            "showarrow": False})
    layout["xaxis"] = {"anchor": f"y{'' if n == 1 else n}", "title": {"text": "t"}}
    layout["title"] = {"text": title}
    layout["height"] = 110 + height
    fig = go.Figure(data=data, layout=layout)
    return apply_style(fig, present)


_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _power(k: int) -> str:
    """10 to the k as text: "10⁻²⁰", "1" for k = 0."""
    return "1" if k == 0 else "10" + str(k).translate(_SUPERSCRIPTS)


def unit_heatmap(z: np.ndarray, *, title: str = "", log: bool = True, x_title: str = "t",
                 y_title: str = "unit", colorbar_title: str = "", lang: str = "en",
                 present: bool = False) -> go.Figure:
    """An (L, H) array as a heatmap with units up and steps across; ``log``: the colour is
    log10 |z|, its bar labelled in powers of ten (10⁻²⁰ ... 1) under ``colorbar_title``."""
    arr = np.asarray(z, dtype=float)
    if arr.ndim != 2 or arr.size == 0:
        return empty_figure(lang=lang, present=present)
    if log:
        arr = np.log10(np.maximum(np.abs(arr), 1e-300))
        finite = arr[arr > -300]
        zmax = float(np.max(finite)) if finite.size else 0.0
        zmin = max(float(np.min(finite)) if finite.size else zmax - 1, zmax - 30)
        # ticks at whole powers of ten, written as such: the colour reads as a size
        step = max(1, int(np.ceil((zmax - zmin) / 6)))
        ticks = list(range(int(np.ceil(zmin)), int(np.floor(zmax)) + 1))[::-1][::step][::-1]
        colorbar = {"title": {"text": colorbar_title or "|·|", "side": "right"},
                    "tickmode": "array", "tickvals": ticks,
                    "ticktext": [_power(k) for k in ticks]}
        scale = "Magma"
    else:
        m = float(np.max(np.abs(arr))) or 1.0
        zmin, zmax, scale = -m, m, "RdBu_r"
        colorbar = {"title": {"text": colorbar_title}}
    fig = go.Figure(go.Heatmap(z=arr.T, zmin=zmin, zmax=zmax, colorscale=scale,
                               colorbar=colorbar))
    fig.update_layout(title={"text": title}, height=380 if not present else 520)
    fig.update_xaxes(title_text=x_title)
    fig.update_yaxes(title_text=y_title)
    return apply_style(fig, present)
