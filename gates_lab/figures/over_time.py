"""Plotly figure builders of the lab: pure functions from a Trace to a figure.

The builders write plain Plotly JSON (lists, no numpy, no go.Scatter) and return a
:class:`gates_lab.figures.common.LabFigure` (a :class:`gates_lab.figures.fastfig.SpecFigure`): no Plotly
validation on the page's rerun path; ``fig.spec`` is the dict, ``fig.view()`` a go.Figure
of it. tests/test_figures.py validates every builder's spec with ``go.Figure(spec)``.
Each builder is split the optuna way: ``_get_..._info`` prepares the numbers (a small
NamedTuple, what the tests compare) and ``_get_..._plot`` draws them. No Streamlit here.
Every visible label goes through :func:`gates_lab.i18n.t` (keys ``fig.*`` in
``gates_lab/locales/figures.py``). The step-by-step cell diagram (:mod:`gates_lab.figures.scrubber`),
the phase portrait (:mod:`gates_lab.figures.phase`), the saturation bars
(:mod:`gates_lab.figures.saturation`) and the generic charts (:mod:`gates_lab.figures.charts`) live in
their own modules and are re-exported here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
import plotly.graph_objects as go

from gates_lab.figures.charts import heatmap, line_chart
from gates_lab.figures.common import (
    GATE_RANGE,
    GHOST_OPACITY,
    PLOTLY_CONFIG,
    SIGMOID_GATES,
    TANH_RANGE,
    UNIT_COLORS,
    LabFigure,
    apply_style,
    colorbar,
    empty_figure,
    font_size,
    ghost_values,
    line_width,
    quantity_label,
    series,
    style_layout,
    tick_axis,
    tokens_for,
    y_range,
)
from gates_lab.figures.common import colorscale as _colorscale
from gates_lab.figures.phase import PhaseInfo, phase_portrait
from gates_lab.figures.saturation import SaturationRow, saturation_bar, saturation_info
from gates_lab.figures.scrubber import ScrubberInfo, cell_scrubber, scrubber_info
from gates_lab.figures.scrubber_panel import ScrubberPanel, scrubber_panel
from gates_lab.i18n import catalogue, t
from gates_lab.kind_view import shown_values, view_of

__all__ = [
    "CHANNEL_COLORS", "GATE_RANGE", "PLOTLY_CONFIG", "TANH_RANGE", "UNIT_COLORS", "GatePanelsInfo",
    "InputPanelInfo", "PanelInfo", "PhaseInfo", "channel_names",
    "SaturationRow", "ScrubberInfo", "ScrubberPanel", "apply_style", "cell_scrubber", "empty_figure",
    "gate_panels", "heatmap", "line_chart", "phase_portrait", "quantity_label",
    "saturation_bar", "saturation_info", "scrubber_info", "scrubber_panel", "state_heatmap",
]

# --------------------------------------------------------------------------------------
# Gate panels: one subplot row per recorded quantity


#: One colour per input channel: apart from the units' colours, so x and h never look alike.
CHANNEL_COLORS: tuple[str, ...] = ("#3d3d3d", "#7B3294", "#8C6D31", "#8f8f8f")
MAX_TOKEN_LABELS = 64  # more typed tokens than this would overprint each other
_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


class InputPanelInfo(NamedTuple):
    """The input panel: the (L, I) sequence, a name per channel, the typed tokens (or None)."""

    label: str
    values: np.ndarray
    names: tuple[str, ...]
    tokens: tuple[str, ...] | None
    y_range: tuple[float, float]
    ghost: np.ndarray | None = None  # the previous run's input, where it differs


def channel_names(input_size: int, preset: str = "", lang: str = "en") -> tuple[str, ...]:
    """A name per input channel: "input x₀", "input x₁", ...; a preset that gives its channels a role
    (the GRU latch's value and write signal) names them in gates_lab/locales/figures.py
    (``fig.ch.<preset>.<channel>``)."""
    strings = catalogue()
    names = []
    for c in range(input_size):
        key = f"fig.ch.{preset}.{c}"
        names.append(t(key, lang) if preset and key in strings
                     else t("fig.channel", lang, x=f"x{c}".translate(_SUBSCRIPTS)))
    return tuple(names)


def _get_input_info(inputs: Any, length: int, *, batch: int = 0,
                    tokens: Sequence[str] | str | None = None,
                    names: Sequence[str] | None = None,
                    lang: str = "en", ghost: Any = None) -> InputPanelInfo | None:
    """The first ``length`` steps of ``inputs`` ((L, I), (L, B, I) or (L,)), or None."""
    if inputs is None:
        return None
    x = np.asarray(inputs, dtype=float)
    if x.ndim == 3:
        x = x[:, batch, :]
    elif x.ndim == 1:
        x = x[:, None]
    x = x[:length]
    if x.ndim != 2 or x.size == 0:
        return None
    given = tuple(names or ())
    fallback = channel_names(x.shape[1], lang=lang)
    labels = tuple(given[c] if c < len(given) else fallback[c] for c in range(x.shape[1]))
    typed = None
    if tokens is not None and len(x) <= MAX_TOKEN_LABELS:
        typed = tokens_for(tokens, len(x))
    finite = x[np.isfinite(x)]
    lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (-1.0, 1.0)
    old = None
    if ghost is not None:
        g = np.asarray(ghost, dtype=float)
        g = g[:, None] if g.ndim == 1 else g
        if g.ndim == 2 and g.shape[1] == x.shape[1] and g.size and not np.array_equal(g, x):
            old = g[:length]
            both = np.concatenate([finite, old[np.isfinite(old)]])
            lo, hi = min(lo, float(both.min())), max(hi, float(both.max()))
    if hi - lo < 1e-9:  # a flat input: a band around it, not a zero-height axis
        lo, hi = lo - 1.0, hi + 1.0
    pad = 0.12 * (hi - lo)
    top = hi + pad + (0.3 * (hi - lo) if typed else 0.0)  # room for the token labels
    return InputPanelInfo(t("fig.inputs", lang), x, labels, typed, (lo - pad, top), old)


def _input_traces(info: InputPanelInfo, axes: dict[str, str], present: bool,
                  live: dict[str, list[list[int]]] | None = None,
                  start: int = 0) -> list[dict[str, Any]]:
    """One line per channel (named in the legend), the typed tokens as text above them,
    the previous run's input faint and dotted where it differs. ``live`` records which
    trace (``start`` + its index here) draws which channel."""
    width = line_width(present)
    data: list[dict[str, Any]] = []
    if info.ghost is not None:
        old_steps = list(range(info.ghost.shape[0]))
        for c, column in enumerate(info.ghost.T.tolist()):
            data.append({
                "type": "scatter", "x": old_steps, "y": column, "mode": "lines+markers",
                "name": info.names[c], "legendgroup": f"input{c}", "showlegend": False,
                "opacity": GHOST_OPACITY, "hoverinfo": "skip",
                "line": {"color": CHANNEL_COLORS[c % len(CHANNEL_COLORS)], "width": width,
                         "dash": "dot"},
                "marker": {"size": 3 if not present else 6}, **axes})
    steps = list(range(info.values.shape[0]))
    for c, column in enumerate(info.values.T.tolist()):
        if live is not None:
            live["inputs"].append([start + len(data), c])
        name = info.names[c]
        data.append({
            "type": "scatter", "x": steps, "y": column, "mode": "lines+markers",
            "name": name, "legendgroup": f"input{c}", "showlegend": True,
            "line": {"color": CHANNEL_COLORS[c % len(CHANNEL_COLORS)], "width": width},
            "marker": {"size": 5 if not present else 9},
            "hovertemplate": f"t = %{{x}}: %{{y:.3f}}<extra>{name}</extra>", **axes})
    if info.tokens:
        lo, top = info.y_range
        data.append({
            "type": "scatter", "x": steps, "y": [top - 0.13 * (top - lo)] * len(steps),
            "mode": "text", "text": list(info.tokens), "showlegend": False,
            "textfont": {"size": font_size(present)}, "hoverinfo": "skip", **axes})
    return data


def _input_axis(yaxis: dict[str, Any], info: InputPanelInfo) -> None:
    yaxis.update(range=list(info.y_range), autorange=False, zeroline=True)


class PanelInfo(NamedTuple):
    """One panel: the (L, H) values shown, the ghost's (L', H') or None, the y range."""

    name: str
    label: str
    values: np.ndarray
    ghost: np.ndarray | None
    y_range: tuple[float, float] | None


class GatePanelsInfo(NamedTuple):
    """Everything :func:`gate_panels` draws."""

    kind: str
    panels: tuple[PanelInfo, ...]
    ticks: tuple[str, ...] | None
    inputs: InputPanelInfo | None = None


def _axis_ref(row: int) -> str:
    """Suffix of row ``row``'s axes: "" for the first, then "2", "3", ..."""
    return "" if row == 1 else str(row)


def _stacked_rows(titles: Sequence[str], spacing: float, present: bool, x_axis: dict[str, Any],
                  x_title: str) -> dict[str, Any]:
    """Layout of ``len(titles)`` subplots in one column sharing the bottom row's time axis.

    What ``make_subplots(rows=n, cols=1, shared_xaxes=True, subplot_titles=...)`` writes:
    row r's axes are x{r}/y{r}, its y domain the r-th slice from the top; the x axes above
    the bottom one match it and hide their tick labels; a title centred on each slice.
    """
    rows = len(titles)
    height = (1.0 - spacing * (rows - 1)) / rows
    layout: dict[str, Any] = {"annotations": []}
    for row, title in enumerate(titles, start=1):
        ref = _axis_ref(row)
        top = 1.0 - (row - 1) * (height + spacing)
        xaxis = {"anchor": "y" + ref, "domain": [0.0, 1.0], **x_axis}
        if row < rows:
            xaxis.update(matches=f"x{rows}", showticklabels=False)
        else:
            xaxis["title"] = {"text": x_title}
        layout["xaxis" + ref] = xaxis
        layout["yaxis" + ref] = {"anchor": "x" + ref, "domain": [max(top - height, 0.0), top]}
        layout["annotations"].append({
            "text": title, "x": 0.5, "y": top, "xref": "paper", "yref": "paper",
            "xanchor": "center", "yanchor": "bottom", "showarrow": False,
            "font": {"size": font_size(present)}})
    return layout


def _get_gate_panels_info(trace: Any, ghost: Any = None, *, layer: int = 0, direction: int = 0,
                          batch: int = 0, tokens: Sequence[str] | str | None = None,
                          lang: str = "en", textbook_update: bool = False, inputs: Any = None,
                          channel_names: Sequence[str] | None = None,
                          ghost_inputs: Any = None) -> GatePanelsInfo:
    if trace is None:
        return GatePanelsInfo("", (), None)
    panels = []
    length = 0
    if getattr(ghost, "kind", None) != trace.kind:  # like with like only
        ghost = None
    for name in trace.names:
        values = series(trace, name, layer, direction, batch)
        length = values.shape[0]
        old = ghost_values(ghost, name, layer, direction, batch, values.shape)
        v = view_of(trace)
        textbook = textbook_update and name == v.flip
        values = shown_values(v, name, values, textbook_update)
        old = None if old is None else shown_values(v, name, old, textbook_update)
        panels.append(PanelInfo(name, quantity_label(trace.kind, name, lang, textbook, v.variant),
                                values, old, y_range(name, values, old)))
    return GatePanelsInfo(trace.kind, tuple(panels), tokens_for(tokens, length),
                          _get_input_info(inputs, length, batch=batch, tokens=tokens,
                                          names=channel_names, lang=lang, ghost=ghost_inputs))


def _fit_height(layout: dict[str, Any], rows: int, per_row: int, height: int | None) -> None:
    """The figure's height: ``per_row`` px a panel, or the height the page asked for (a
    projector's first screen) but never under 70 px a panel. Panels squeezed under 130 px
    get at most 3 y ticks, so that large tick labels do not overprint each other."""
    if height is None:
        layout["height"] = 90 + rows * per_row
        return
    layout["height"] = max(int(height), 90 + rows * 70)
    per_panel = (layout["height"] - 90) / rows
    if per_panel < 130:
        for row in range(1, rows + 1):
            yaxis = layout["yaxis" + _axis_ref(row)]
            ends = _two_ticks(yaxis.get("range")) if per_panel < 90 else None
            if ends is not None and "tickvals" not in yaxis:
                # three 16+ px labels overprint in a 40 px plot (the LSTM's seven rows
                # on a projector): only the ends, e.g. 0 and 1 for a gate
                yaxis.update(tickmode="array", tickvals=ends)
            else:
                yaxis["nticks"] = 3


def _two_ticks(span: Any) -> list[float] | None:
    """The two roundest values inside a fixed y range ([-0.05, 1.05] -> [0, 1]); None when
    the axis scales itself."""
    if not span or span[1] <= span[0]:
        return None
    lo, hi = span
    step = 10.0 ** math.floor(math.log10(hi - lo))
    for _ in range(4):
        a, b = math.ceil(lo / step) * step, math.floor(hi / step) * step
        if b > a:
            return [round(a, 10), round(b, 10)]
        step /= 2
    return None


def _legend_above(layout: dict[str, Any], present: bool) -> None:
    """A horizontal legend above the first panel's title, whatever the figure's height:
    its offset is the title's height in px, converted to paper units."""
    size = font_size(present)
    layout["margin"]["t"] = int(3.6 * size) + 20  # the first title and the legend
    plot = max(layout["height"] - layout["margin"]["t"] - layout["margin"]["b"], 100)
    # at the left: Plotly's toolbar sits at the top right and would cover it
    layout["legend"].update(orientation="h", yanchor="bottom", xanchor="left", x=0.0,
                            y=1.0 + (1.5 * size + 2) / plot)


def _rows(info: Any) -> tuple[int, list[str]]:
    """The first panel's row (the input, when given, is row 1) and every row's title."""
    inputs = info.inputs
    return (2 if inputs is not None else 1,
            ([inputs.label] if inputs is not None else []) + [p.label for p in info.panels])


def _get_gate_panels_plot(info: GatePanelsInfo, lang: str, present: bool,
                          height: int | None = None) -> go.Figure:
    if not info.panels:
        return empty_figure(lang=lang, present=present)
    first, labels = _rows(info)
    rows = len(labels)
    width = line_width(present)
    length = max(p.values.shape[0] for p in info.panels)
    x_axis = {**tick_axis(info.ticks, length), "range": [-0.5, length - 0.5]}
    layout = style_layout(present)
    layout.update(_stacked_rows(labels, min(0.07, 0.35 / rows), present, x_axis,
                                t("fig.step", lang)))
    previous = t("fig.previous", lang)
    data: list[dict[str, Any]] = []
    live: dict[str, list[list[int]]] = {"gates": [], "inputs": []}
    if info.inputs is not None:
        data += _input_traces(info.inputs, {"xaxis": "x", "yaxis": "y"}, present, live)
        _input_axis(layout["yaxis"], info.inputs)
    ghosts = False
    for p, (row, panel) in enumerate(enumerate(info.panels, start=first)):
        axes = {"xaxis": "x" + _axis_ref(row), "yaxis": "y" + _axis_ref(row)}
        if panel.ghost is not None:
            steps = list(range(panel.ghost.shape[0]))
            for unit, column in enumerate(panel.ghost.T.tolist()):
                data.append({
                    "type": "scatter", "x": steps, "y": column, "mode": "lines+markers",
                    "name": previous, "legendgroup": "previous", "showlegend": not ghosts,
                    "opacity": GHOST_OPACITY, "hoverinfo": "skip",
                    "line": {"color": UNIT_COLORS[unit % len(UNIT_COLORS)], "width": width,
                             "dash": "dot"},
                    "marker": {"size": 4 if not present else 7}, **axes})
                ghosts = True
        steps = list(range(panel.values.shape[0]))
        for unit, column in enumerate(panel.values.T.tolist()):
            name = t("fig.unit", lang, k=unit)
            live["gates"].append([len(data), p, unit])
            data.append({
                "type": "scatter", "x": steps, "y": column, "mode": "lines+markers",
                "name": name, "legendgroup": f"unit{unit}", "showlegend": row == first,
                "line": {"color": UNIT_COLORS[unit % len(UNIT_COLORS)], "width": width},
                "marker": {"size": 6 if not present else 10},
                "hovertemplate": f"{panel.label}<br>t = %{{x}}: %{{y:.3f}}<extra>{name}</extra>",
                **axes})
        yaxis = layout["yaxis" + _axis_ref(row)]
        if panel.y_range is None:
            yaxis["autorange"] = True
        else:
            yaxis.update(range=list(panel.y_range), autorange=False)
    _fit_height(layout, rows, 230 if present else 165, height)
    layout["hovermode"] = "x unified"
    _legend_above(layout, present)
    fig = LabFigure({"data": data, "layout": layout})
    fig.live_map = live
    return fig


def gate_panels(trace: Any, *, layer: int = 0, direction: int = 0, batch: int = 0,
                ghost: Any = None, tokens: Sequence[str] | str | None = None, lang: str = "en",
                present: bool = False, textbook_update: bool = False, inputs: Any = None,
                channel_names: Sequence[str] | None = None,
                height: int | None = None, ghost_inputs: Any = None) -> go.Figure:
    """One row per recorded quantity, one line per hidden unit, shared time axis.

    Sigmoid gates on a fixed 0..1 axis, tanh quantities on -1..1 (autoscaled if they leave
    it). ``ghost`` (the previous trace) is drawn faint and dotted when it compares like with
    like (the same kind, sizes and length), else not at all.
    ``textbook_update`` shows GRU's 1 - z as the textbook's z. Meant for hidden size <= 4;
    use :func:`state_heatmap` above that.

    ``inputs`` (the (L, I) sequence the trace ran on) adds the input as the first panel:
    one line per channel, named by ``channel_names`` (default x₀, x₁, ...; see
    :func:`channel_names`) in the legend, and the typed ``tokens`` as text above them.
    ``height`` (px) fits the whole figure into a given height, e.g. a projector's first
    screen in presentation mode; by default each panel gets its own fixed height.
    ``ghost_inputs``: the previous run's input, drawn faint where it differs.
    The figure's ``live_map`` says which trace draws which panel, unit and channel.
    """
    info = _get_gate_panels_info(trace, ghost, layer=layer, direction=direction, batch=batch,
                                 tokens=tokens, lang=lang, textbook_update=textbook_update,
                                 inputs=inputs, channel_names=channel_names,
                                 ghost_inputs=ghost_inputs)
    return _get_gate_panels_plot(info, lang, present, height)


# --------------------------------------------------------------------------------------
# State heatmap: units by time, one heatmap per quantity


class HeatmapPanel(NamedTuple):
    """One heatmap: (H, L) values, colour range and scale."""

    name: str
    label: str
    z: np.ndarray
    zmin: float
    zmax: float
    colorscale: str


class StateHeatmapInfo(NamedTuple):
    panels: tuple[HeatmapPanel, ...]
    ticks: tuple[str, ...] | None
    inputs: InputPanelInfo | None = None


def _colour_range(name: str, values: np.ndarray) -> tuple[float, float, str]:
    if name in SIGMOID_GATES:
        return 0.0, 1.0, "Viridis"
    top = float(np.max(np.abs(values))) if values.size else 0.0
    if top <= 1.0 + 1e-9:
        return -1.0, 1.0, "RdBu_r"
    top = float(np.ceil(top * 10) / 10)  # cell state, relu: symmetric, a round number
    return -top, top, "RdBu_r"


def _get_state_heatmap_info(trace: Any, names: Sequence[str] | None = None, *, layer: int = 0,
                            direction: int = 0, batch: int = 0,
                            tokens: Sequence[str] | str | None = None,
                            lang: str = "en", inputs: Any = None,
                            channel_names: Sequence[str] | None = None,
                            ghost_inputs: Any = None) -> StateHeatmapInfo:
    if trace is None:
        return StateHeatmapInfo((), None)
    panels = []
    length = 0
    for name in names if names is not None else trace.names:
        values = series(trace, name, layer, direction, batch)
        length = values.shape[0]
        zmin, zmax, scale = _colour_range(name, values)
        panels.append(HeatmapPanel(name, quantity_label(trace.kind, name, lang), values.T,
                                   zmin, zmax, scale))
    return StateHeatmapInfo(tuple(panels), tokens_for(tokens, length),
                            _get_input_info(inputs, length, batch=batch, tokens=tokens,
                                            names=channel_names, lang=lang, ghost=ghost_inputs))


def _get_state_heatmap_plot(info: StateHeatmapInfo, lang: str, present: bool,
                            height: int | None = None) -> go.Figure:
    if not info.panels:
        return empty_figure(lang=lang, present=present)
    first, labels = _rows(info)
    rows = len(labels)
    length = info.panels[0].z.shape[1]
    layout = style_layout(present, titled=info.inputs is not None)
    layout.update(_stacked_rows(labels, min(0.08, 0.4 / rows), present,
                                {**tick_axis(info.ticks, length), "range": [-0.5, length - 0.5]},
                                t("fig.step", lang)))
    units_title = t("fig.units", lang)
    data: list[dict[str, Any]] = []
    live: dict[str, list[list[int]]] = {"gates": [], "inputs": []}
    legend = False
    if info.inputs is not None:
        data += _input_traces(info.inputs, {"xaxis": "x", "yaxis": "y"}, present, live)
        _input_axis(layout["yaxis"], info.inputs)
        legend = True
    for p, (row, panel) in enumerate(enumerate(info.panels, start=first)):
        ref = _axis_ref(row)
        live["gates"].append([len(data), p, -1])
        yaxis = layout["yaxis" + ref]
        low, high = yaxis["domain"]
        units, steps = panel.z.shape
        data.append({
            "type": "heatmap", "z": panel.z.tolist(), "x": list(range(steps)),
            "y": list(range(units)), "zmin": panel.zmin, "zmax": panel.zmax,
            "colorscale": _colorscale(panel.colorscale), "name": panel.label,
            "colorbar": {**colorbar(panel.name, panel.zmin, panel.zmax, lang, present),
                         "y": (low + high) / 2, "len": (high - low) * 1.05, "x": 1.01},
            "hovertemplate": f"{panel.label}<br>t = %{{x}}, {units_title} %{{y}}: "
                             "%{z:.3f}<extra></extra>",
            "xaxis": "x" + ref, "yaxis": "y" + ref})
        yaxis.update(title={"text": units_title}, autorange="reversed",
                     **({"tickmode": "array", "tickvals": list(range(units))}
                        if units <= 12 else {}))
    unit_rows = max(p.z.shape[0] for p in info.panels)
    per = min(260, 80 + 8 * unit_rows) * (1.3 if present else 1.0)
    _fit_height(layout, rows, int(per), height)
    if legend:
        _legend_above(layout, present)
    fig = LabFigure({"data": data, "layout": layout})
    fig.live_map = live
    return fig


def state_heatmap(trace: Any, *, names: Sequence[str] | None = None, layer: int = 0,
                  direction: int = 0, batch: int = 0, tokens: Sequence[str] | str | None = None,
                  lang: str = "en", present: bool = False, inputs: Any = None,
                  channel_names: Sequence[str] | None = None,
                  height: int | None = None, ghost_inputs: Any = None) -> go.Figure:
    """One heatmap per quantity, units (rows) by time (columns), fixed colour ranges.

    ``inputs``, ``channel_names`` and ``height`` as in :func:`gate_panels`: the input is
    drawn first, as lines, on the same time axis.
    """
    info = _get_state_heatmap_info(trace, names, layer=layer, direction=direction, batch=batch,
                                   tokens=tokens, lang=lang, inputs=inputs,
                                   channel_names=channel_names, ghost_inputs=ghost_inputs)
    return _get_state_heatmap_plot(info, lang, present, height)
