"""Shared pieces of the lab's figures: style, colours, config, small data helpers."""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import plotly.graph_objects as go

from gates.kinds import SIGMOID_GATES
from gates_lab.figures.fastfig import SpecFigure
from gates_lab.i18n import t
from gates_lab.kind_view import view

HEATMAP_ABOVE = 4  #: hidden sizes above this are drawn as heatmaps (cell pages, lesson file, plots)

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

GATE_RANGE: tuple[float, float] = (-0.05, 1.05)
TANH_RANGE: tuple[float, float] = (-1.05, 1.05)
GHOST_OPACITY = 0.25
FONT = "Inter, 'Segoe UI', 'Helvetica Neue', Arial, 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif"


def font_size(present: bool) -> int:
    return 22 if present else 14


def line_width(present: bool) -> float:
    return 4 if present else 2


#: The parts of Plotly's "plotly_white" template these figures use, as a template object
#: plotly.js applies itself (it knows no template names; Python would expand the name into
#: 7 kB of JSON and validate it). tests/test_figures.py checks it against plotly_white.
_AXIS = {"gridcolor": "#EBF0F8", "linecolor": "#EBF0F8", "ticks": "", "title": {"standoff": 15},
         "zerolinecolor": "#EBF0F8", "automargin": True, "zerolinewidth": 2}
TEMPLATE: dict[str, Any] = {
    "layout": {
        "annotationdefaults": {"arrowcolor": "#2a3f5f", "arrowhead": 0, "arrowwidth": 1},
        "autotypenumbers": "strict",
        "coloraxis": {"colorbar": {"outlinewidth": 0, "ticks": ""}},
        "colorway": ["#636efa", "#EF553B", "#00cc96", "#ab63fa", "#FFA15A", "#19d3f3",
                     "#FF6692", "#B6E880", "#FF97FF", "#FECB52"],
        "font": {"color": "#2a3f5f"}, "hoverlabel": {"align": "left"}, "hovermode": "closest",
        "paper_bgcolor": "white", "plot_bgcolor": "white",
        "shapedefaults": {"line": {"color": "#2a3f5f"}}, "title": {"x": 0.05},
        "xaxis": _AXIS, "yaxis": _AXIS,
    },
    "data": {
        "bar": [{"type": "bar", "error_x": {"color": "#2a3f5f"}, "error_y": {"color": "#2a3f5f"},
                 "marker": {"line": {"color": "white", "width": 0.5},
                            "pattern": {"fillmode": "overlay", "size": 10, "solidity": 0.2}}}],
        "heatmap": [{"type": "heatmap", "colorbar": {"outlinewidth": 0, "ticks": ""}}],
        "scatter": [{"type": "scatter",
                     "fillpattern": {"fillmode": "overlay", "size": 10, "solidity": 0.2}}],
    },
}


def style_layout(present: bool = False, titled: bool = True) -> dict[str, Any]:
    """The layout keys of the lab's look (see :func:`apply_style`), fresh dicts each call."""
    size = font_size(present)
    return {
        "template": TEMPLATE,  # shared, never modified
        "font": {"family": FONT, "size": size},
        "title": {"font": {"size": size + 4}},
        "margin": {"l": 70, "r": 30, "t": 70 if titled else 40, "b": 60},
        "hoverlabel": {"font": {"size": size}},
        "legend": {"font": {"size": size - 1}},
        "uirevision": "gates-lab",
    }


def merge(target: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """Merge ``patch`` into ``target`` in place, nested dicts key by key (like update_layout)."""
    for key, value in patch.items():
        old = target.get(key)
        if isinstance(value, dict) and isinstance(old, dict) and key != "template":
            merge(old, value)
        else:
            target[key] = value
    return target


_MAGIC = re.compile(r"^(title|margin|font|legend|hoverlabel|xaxis\d*|yaxis\d*)_(.+)$")


def _unmagic(props: dict[str, Any]) -> dict[str, Any]:
    """``margin_t=80`` -> ``{"margin": {"t": 80}}`` (Plotly's magic underscores, common cases)."""
    out: dict[str, Any] = {}
    for key, value in props.items():
        match = _MAGIC.match(key)
        if match:
            merge(out, {match[1]: _unmagic({match[2]: value})})
        else:
            merge(out, {key: value})
    return out


class LabFigure(SpecFigure):
    """A :class:`SpecFigure` that takes the layout edits pages make after building one.

    ``update_layout`` / ``update_xaxes`` / ``update_yaxes`` patch the spec's layout (all axes
    of that letter; ``row`` / ``col`` / ``selector`` are not supported). Traces stay final:
    ``fig.data`` is empty; pass the values to the builder instead.
    """

    #: Which traces show which numbers, written by the builder as it draws them (the live
    #: gates redraw those traces during a drag): {"gates": [[trace index, panel, unit],
    #: ...] (unit -1: a heatmap of the whole panel), "inputs": [[trace index, channel]]}.
    live_map: dict[str, list[list[int]]] | None = None

    def _initialize_layout_template(self) -> None:
        """Skip go.Figure's copy of the default template (1-7 ms): its own layout is unused."""

    def update_layout(self, dict1: dict[str, Any] | None = None, overwrite: bool = False,
                      **kwargs: Any) -> LabFigure:
        merge(self.spec["layout"], _unmagic({**(dict1 or {}), **kwargs}))
        return self

    def _update_axes(self, letter: str, patch: dict[str, Any] | None, kwargs: dict[str, Any]
                     ) -> LabFigure:
        if kwargs.keys() & {"row", "col", "selector", "secondary_y"}:
            raise NotImplementedError("LabFigure.update_*axes patches every axis of a letter")
        kwargs.pop("overwrite", None)
        props = _unmagic({**(patch or {}), **kwargs})
        layout = self.spec["layout"]
        names = [k for k in layout if re.fullmatch(letter + r"axis\d*", k)] or [letter + "axis"]
        for name in names:
            merge(layout.setdefault(name, {}), copy.deepcopy(props))
        return self

    def update_xaxes(self, patch: dict[str, Any] | None = None, **kwargs: Any) -> LabFigure:
        return self._update_axes("x", patch, kwargs)

    def update_yaxes(self, patch: dict[str, Any] | None = None, **kwargs: Any) -> LabFigure:
        return self._update_axes("y", patch, kwargs)


def apply_style(fig: go.Figure, present: bool = False) -> go.Figure:
    """The lab's look: white template, readable fonts, tight margins, zoom kept on rerun.

    A :class:`SpecFigure` gets it in its spec's layout (in place); a regular go.Figure
    through ``update_layout`` with the named "plotly_white" template.
    """
    if isinstance(fig, SpecFigure):
        layout = fig.spec["layout"]
        merge(layout, style_layout(present, bool((layout.get("title") or {}).get("text"))))
        return fig
    style = style_layout(present, bool(fig.layout.title.text))
    style["template"] = "plotly_white"
    fig.update_layout(style)
    return fig


@lru_cache(maxsize=32)
def _colorscale(name: str) -> tuple[tuple[float, str], ...]:
    import plotly.colors

    return tuple((float(f), str(c)) for f, c in plotly.colors.get_colorscale(name))


def colorscale(scale: Any) -> Any:
    """A named Python colour scale ("RdBu_r") as the explicit list plotly.js needs."""
    if isinstance(scale, str):
        return [list(pair) for pair in _colorscale(scale)]
    return scale


def empty_figure(note: str | None = None, *, lang: str = "en", present: bool = False) -> go.Figure:
    """A valid figure with nothing but a centred note."""
    layout = style_layout(present, titled=False)
    layout.update(
        annotations=[{"text": note or t("fig.no_data", lang), "x": 0.5, "y": 0.5,
                      "xref": "paper", "yref": "paper", "showarrow": False}],
        xaxis={"visible": False}, yaxis={"visible": False}, height=300)
    return LabFigure({"data": [], "layout": layout})


def colorbar(name: str, zmin: float, zmax: float, lang: str = "en",
             present: bool = False, titled: bool = True) -> dict[str, Any]:
    """A heatmap's colour bar that reads itself: its title says what the colour measures
    (``titled=False`` for rows too short for it), its ticks what the values mean (a
    gate: 0 shut, 1 open; h: -1 .. +1)."""
    size = font_size(present) - 2
    bar: dict[str, Any] = {"thickness": 14 if not present else 22,
                           "tickfont": {"size": size},
                           "title": {"side": "right", "font": {"size": size}}}
    gate = name in SIGMOID_GATES
    bar["title"]["text"] = t("fig.cbar.gate" if gate else "fig.cbar.value", lang)
    if not titled:
        bar.update(thickness=10 if not present else 18, title={"text": ""})
    if gate:
        bar.update(tickmode="array", tickvals=[0.0, 0.5, 1.0],
                   ticktext=[t("fig.cbar.shut", lang), "0.5", t("fig.cbar.open", lang)])
    elif (zmin, zmax) == (-1.0, 1.0):
        bar.update(tickmode="array", tickvals=[-1.0, 0.0, 1.0], ticktext=["−1", "0", "+1"])
    return bar


def quantity_label(kind: str, name: str, lang: str = "en", textbook_update: bool = False,
                   variant: str = "standard") -> str:
    """Panel label of a recorded quantity, e.g. "update gate z"."""
    v = view(kind, variant)
    if name == "candidate":
        return t(f"fig.q.candidate.{v.candidate}", lang)
    if name == v.flip and textbook_update:
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


def ghost_values(ghost: Any, name: str, layer: int, direction: int, batch: int,
                  shape: tuple[int, int]) -> np.ndarray | None:
    """The previous trace's ``name`` when it compares like with like: the same shape
    (steps, units) as now, else None. A ghost of another length or size (the default run
    under a preset's) would be read as this run's past and mislead."""
    if ghost is None or name not in getattr(ghost, "names", ()):
        return None
    try:
        old = series(ghost, name, layer, direction, batch)
    except (ValueError, KeyError, IndexError):
        return None
    if old.shape != tuple(shape) or old.size == 0:
        return None
    return old
