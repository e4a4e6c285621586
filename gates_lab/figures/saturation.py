"""Gate saturation: the share of steps each gate spends below 0.1 or above 0.9 (a plain
RNN: |h| > 0.9). No Streamlit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
import plotly.graph_objects as go

from gates.kinds import get_kind
from gates_lab.figures.common import (
    SIGMOID_GATES,
    LabFigure,
    empty_figure,
    style_layout,
)
from gates_lab.i18n import t


class SaturationRow(NamedTuple):
    """Share of (step, unit) values of one gate below 0.1 and above 0.9 (RNN: h < -0.9, > 0.9)."""

    name: str
    low_share: float
    high_share: float


def saturation_info(trace: Any, layer: int = 0, direction: int = 0) -> list[SaturationRow]:
    """Per sigmoid gate, the share of values below 0.1 / above 0.9, pooled over batches.

    A plain RNN has no sigmoid gate: its row is the hidden state, saturated where |h| > 0.9.
    """
    if trace is None:
        return []
    rows = []
    for name in trace.names:
        if name in SIGMOID_GATES:
            low, high = 0.1, 0.9
        elif not get_kind(trace.kind).sigmoid and name == "hidden":
            low, high = -0.9, 0.9
        else:
            continue
        values = np.asarray(trace.get(name, layer, direction), dtype=float)
        if values.size == 0:
            rows.append(SaturationRow(name, 0.0, 0.0))
            continue
        rows.append(SaturationRow(name, float(np.mean(values < low)),
                                  float(np.mean(values > high))))
    return rows


def saturation_bar(info: Sequence[SaturationRow], lang: str = "en",
                   present: bool = False) -> go.Figure:
    """Stacked horizontal bars: share below 0.1 / between / above 0.9, per gate."""
    if not info:
        return empty_figure(lang=lang, present=present)
    tanh = all(row.name == "hidden" for row in info)
    labels = [t("fig.sat.tanh_row", lang) if row.name == "hidden" else t(f"fig.q.{row.name}", lang)
              for row in info]
    low = np.array([row.low_share for row in info]) * 100
    high = np.array([row.high_share for row in info]) * 100
    parts = (("low", low, "#0072B2"), ("mid", 100 - low - high, "#d9d9d9"),
             ("high", high, "#D55E00"))
    data = []
    for key, share, colour in parts:
        name = t(f"fig.sat.{'tanh_' if tanh else ''}{key}", lang)
        values = share.tolist()
        data.append({
            "type": "bar", "y": labels, "x": values, "orientation": "h", "name": name,
            "marker": {"color": colour}, "text": [f"{v:.0f}%" if v >= 4 else "" for v in values],
            "textposition": "inside", "hovertemplate": "%{y}: %{x:.1f}%<extra>" + name + "</extra>"})
    layout = style_layout(present)
    layout["title"]["text"] = t("fig.sat.title", lang)
    # above the bars (clear of the axis title), at the left (clear of the toolbar)
    layout["legend"].update(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0.0,
                            traceorder="normal")
    layout.update(barmode="stack", height=140 + len(info) * (60 if not present else 85),
                  xaxis={"range": [0, 100], "title": {"text": t("fig.sat.share", lang)}},
                  yaxis={"autorange": "reversed"})
    return LabFigure({"data": data, "layout": layout})
