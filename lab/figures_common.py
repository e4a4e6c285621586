"""Shared pieces of the lab's figures: style, colours, config, small data helpers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go

from lab.i18n import t

#: Passed to ``st.plotly_chart(fig, config=PLOTLY_CONFIG)``: PNG download at 2x.
PLOTLY_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png", "filename": "gates-lab", "scale": 2},
}

#: One colour per hidden unit, the same in every panel (Okabe-Ito, colour-blind safe).
UNIT_COLORS: tuple[str, ...] = (
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000",
)

SIGMOID_GATES: frozenset[str] = frozenset({"reset", "update", "input", "forget", "output"})
GATE_RANGE: tuple[float, float] = (-0.05, 1.05)
TANH_RANGE: tuple[float, float] = (-1.05, 1.05)
GHOST_OPACITY = 0.25
FONT = "Inter, 'Segoe UI', 'Helvetica Neue', Arial, 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif"


def font_size(present: bool) -> int:
    return 22 if present else 14


def line_width(present: bool) -> float:
    return 4 if present else 2


def style_layout(present: bool = False, titled: bool = True) -> dict[str, Any]:
    """The layout keys of the lab's look (see :func:`apply_style`)."""
    size = font_size(present)
    return {
        "template": "plotly_white",
        "font": {"family": FONT, "size": size},
        "title": {"font": {"size": size + 4}},
        "margin": {"l": 70, "r": 30, "t": 70 if titled else 40, "b": 60},
        "hoverlabel": {"font": {"size": size}},
        "legend": {"font": {"size": size - 1}},
        "uirevision": "gates-lab",
    }


def apply_style(fig: go.Figure, present: bool = False) -> go.Figure:
    """The lab's look: white template, readable fonts, tight margins, zoom kept on rerun.

    Annotations without a font size (e.g. subplot titles) follow the base font size.
    """
    fig.update_layout(style_layout(present, bool(fig.layout.title.text)))
    return fig


def empty_figure(note: str | None = None, *, lang: str = "en", present: bool = False) -> go.Figure:
    """A valid figure with nothing but a centred note."""
    fig = go.Figure()
    fig.add_annotation(text=note or t("fig.no_data", lang), x=0.5, y=0.5, xref="paper",
                       yref="paper", showarrow=False)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(height=300)
    return apply_style(fig, present)


def quantity_label(kind: str, name: str, lang: str = "en", textbook_update: bool = False) -> str:
    """Panel label of a recorded quantity, e.g. "update gate z"."""
    if name == "candidate":
        return t(f"fig.q.candidate.{'lstm' if kind == 'lstm' else 'gru'}", lang)
    if name == "update" and textbook_update:
        return t("fig.q.update_textbook", lang)
    return t(f"fig.q.{name}", lang)


def series(trace: Any, name: str, layer: int = 0, direction: int = 0, batch: int = 0) -> np.ndarray:
    """One quantity of one batch element as a float (L, H) array."""
    values = np.asarray(trace.get(name, layer, direction), dtype=float)
    return values[:, batch, :] if values.ndim == 3 else values


def tokens_for(tokens: Sequence[str] | str | None, length: int) -> tuple[str, ...] | None:
    """Tick labels for ``length`` steps: the tokens where given, else the step number."""
    if tokens is None:
        return None
    toks = [str(tok) if str(tok).strip() else "␣" for tok in tokens]  # a space stays visible
    return tuple(toks[i] if i < len(toks) else str(i) for i in range(length))


def tick_axis(labels: tuple[str, ...] | None, length: int) -> dict[str, Any]:
    if labels is None:
        return {"tickmode": "auto"} if length > 1 else {"tickvals": [0], "ticktext": ["0"]}
    return {"tickmode": "array", "tickvals": list(range(length)), "ticktext": list(labels)}


def y_range(name: str, *arrays: np.ndarray | None) -> tuple[float, float] | None:
    """Fixed 0..1 for sigmoid gates, -1..1 for tanh quantities; None (autoscale) if they leave it."""
    if name in SIGMOID_GATES:
        return GATE_RANGE
    vals = [a for a in arrays if a is not None and a.size]
    if not vals or all(np.all(np.abs(a) <= 1.0 + 1e-9) for a in vals):
        return TANH_RANGE
    return None
