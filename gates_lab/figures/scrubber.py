"""The scrubber: a cell diagram whose gate boxes and equations follow a time slider.

Everything animates in the browser: one Plotly frame per shown step, a slider with one
step per frame and Play / Pause buttons. A frame carries only trace data (the value
cells' colours and texts, the strip chart's markers and dashed time line, the equations
as a text-only scatter trace) and no layout, so the buttons and slider steps animate with
``redraw: false``: plotly.js then restyles just those traces instead of re-rendering the
whole figure (a layout change in a frame would need a full redraw to show).

Like the other figure modules: :func:`_get_scrubber_info` reads the trace once into the
numbers of every shown step (gates_lab/figures/scrubber_info.py) and the diagram
(gates_lab/figures/scrubber_diagram.py); small builders turn them into traces, frames and the
layout; :func:`cell_scrubber` puts them together.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
import plotly.graph_objects as go

from gates_lab.figures.common import (
    UNIT_COLORS,
    LabFigure,
    empty_figure,
    line_width,
    style_layout,
    tick_axis,
    tokens_for,
    y_range,
)
from gates_lab.figures.scrubber_diagram import (
    ROW_H,
    Diagram,
    _cell_geometry,
    _Cells,
    _cells,
    _diagram_for,
    _frame_steps,
    _node_trace,
    _static_drawing,
)
from gates_lab.figures.scrubber_info import (
    MAX_FRAMES,
    MAX_UNITS,
    ScrubberInfo,
    _all_series,
    _info_at,
    _weights,
    scrubber_info,
)
from gates_lab.i18n import t as tr_
from gates_lab.kind_view import view, view_of

__all__ = ["MAX_FRAMES", "MAX_UNITS", "ScrubberInfo", "cell_scrubber", "scrubber_info"]


#: On a projector (presentation mode with the page's controls) every number on the
#: diagram and the strip chart is drawn this large, in near-black or white on its fill.
PRESENT_NUMBER_PX = 20
#: ... and the diagram this tall (rows of ~20 px for them, the whole width for its
#: boxes): with the page's controls and the equations above it, it fits one 1280x720
#: screen (the strip chart follows below).
PRESENT_DIAGRAM_PX = 440


class _Budget(NamedTuple):
    """The vertical budget in pixels: the diagram on top, then the strip chart and the
    equations side by side (``bottom``), with a gap between. ``numbers`` is the font
    size of the values on the diagram, ``labels`` of its box headers and texts."""

    scale: float
    fs: int
    bottom: float
    gap: float
    plot: float
    margin_t: float
    margin_b: float
    numbers: int = 12
    labels: int = 12

    def paper(self, px: float) -> float:
        return px / self.plot


class _ScrubberPlotInfo(NamedTuple):
    """Everything the builders draw, read from the trace once."""

    kind: str
    hidden: np.ndarray          # (L, H) hidden state, the strip chart
    steps: list[int]            # the input time index of each frame
    labels: tuple[str, ...] | None
    texts: list[str]            # the equations' text of each frame
    cells: list[_Cells]         # the value cells of each frame
    diagram: Diagram
    start: int                  # the frame shown first
    shown: int                  # units drawn in the strip chart
    textbook: bool
    reset_after: bool | None    # the GRU's reset placement (None: the cell has no choice)
    budget: _Budget
    page_controls: bool         # the page draws slider, buttons and equations (see below)
    conventions: bool = False   # the GRU's notes: update convention and reset placement


def _budget(infos: Sequence[ScrubberInfo], kind: str, variant: str, present: bool,
            page_controls: bool) -> _Budget:
    scale = 1.35 if present else 1.0
    if present and page_controls:  # the projector: see PRESENT_DIAGRAM_PX
        bottom, gap = 170.0, 28.0
        return _Budget(scale, PRESENT_NUMBER_PX, bottom, gap, PRESENT_DIAGRAM_PX + gap + bottom,
                       12.0, 64.0, PRESENT_NUMBER_PX, 15)
    fs = round(13 * scale)
    # the GRU's two convention notes take three lines more
    notes = 3 if view(kind, variant).flip else 0
    n_lines = 0 if page_controls else len(infos[0].equations) + 1 + notes
    bottom = max(230.0 * scale, n_lines * fs * 1.6 + 16)
    gap = 40 * scale
    # below the plot: the buttons under the slider (150), or just the axis title (50)
    return _Budget(scale, fs, bottom, gap, 440.0 * scale + gap + bottom, 60 * scale,
                   (50 if page_controls else 150) * scale, round(12 * scale), round(12 * scale))


def _frame_text(info: ScrubberInfo, unit: int, size: int, lang: str) -> str:
    head = f"<b>{tr_('fig.scr.step', lang, t=info.t)}</b>"
    if info.token is not None:
        head += f" · {tr_('fig.scr.token', lang, tok=info.token)}"
    head += f" · {tr_('fig.scr.unit_note', lang, u=unit)}"
    if size > MAX_UNITS:
        head += f" · {tr_('fig.scr.units_shown', lang, last=MAX_UNITS - 1, h=size)}"
    return head + "<br>" + "<br>".join(info.equations)


def _get_scrubber_info(trace: Any, layer: int, direction: int, batch: int, start_step: int,
                       tokens: Sequence[str] | str | None, lang: str, present: bool,
                       textbook_update: bool, unit: int,
                       max_frames: int = MAX_FRAMES,
                       page_controls: bool = False) -> _ScrubberPlotInfo:
    kind, v = trace.kind, view_of(trace)
    every = _all_series(trace, layer, direction, batch)
    hidden = every["hidden"]
    length, size = hidden.shape
    unit = min(max(unit, 0), size - 1)
    steps = _frame_steps(length, direction, max_frames)
    labels = tokens_for(tokens, length)
    weights = _weights(getattr(trace, "records", {}).get((layer, direction)), batch)
    # with the page's controls the equations are the page's (gates_lab/figures/scrubber_panel.py)
    infos = [_info_at(trace, s, layer, direction, batch, every, labels, textbook_update, unit,
                      weights, equations=not page_controls) for s in steps]
    textbook = textbook_update and v.flip is not None
    x_rows = max(1, min(len(infos[0].x), MAX_UNITS))
    diagram = _diagram_for(trace, infos[0].units, x_rows, lang, textbook)
    return _ScrubberPlotInfo(
        kind=kind, hidden=hidden, steps=steps, labels=labels,
        # (with the page's controls the figure draws no equations: no text per frame)
        texts=["" if page_controls else _frame_text(info, unit, size, lang) for info in infos],
        cells=[_cells(diagram, info, textbook, v) for info in infos], diagram=diagram,
        start=int(np.argmin([abs(s - start_step) for s in steps])),
        shown=min(size, len(UNIT_COLORS)), textbook=textbook,
        reset_after=(bool(trace.config.reset_after) if "reset_after" in v.options else None),
        budget=_budget(infos, kind, v.variant, present, page_controls),
        page_controls=page_controls, conventions=v.flip is not None)


def _notes(info: _ScrubberPlotInfo, static_notes: list[dict[str, Any]], lang: str
           ) -> list[dict[str, Any]]:
    """The diagram's labels, the GRU's conventions and the strip chart's title."""
    b = info.budget
    notes = list(static_notes)
    if info.conventions and not info.page_controls:
        conv = tr_("fig.scr.conv_textbook" if info.textbook else "fig.scr.conv_torch", lang)
        text = conv
        if info.reset_after is not None:
            text += "<br>" + tr_("fig.scr.reset_after" if info.reset_after
                                 else "fig.scr.reset_before", lang)
        notes.append({"xref": "paper", "yref": "paper", "x": 0.47, "y": 0.0,
                      "xanchor": "left", "yanchor": "bottom", "align": "left",
                      "showarrow": False, "text": f"<i>{text}</i>",
                      "font": {"size": round(12 * b.scale), "color": "#555555"}})
    notes.append({"xref": "paper", "yref": "paper", "x": 0.0, "y": b.paper(b.bottom),
                  "xanchor": "left", "yanchor": "bottom", "showarrow": False,
                  "text": f"<b>{tr_('fig.scr.strip', lang)}</b>", "font": {"size": b.fs}})
    return notes


def _cell_traces(info: _ScrubberPlotInfo) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """One filled rectangle per value cell (a scatter's fillcolor follows a frame without
    a redraw; a bar's marker colour does not) and the value cells' texts."""
    first = info.cells[info.start]
    base, bar_len, centre = _cell_geometry(info.diagram)
    half = (ROW_H - 2) / 2
    cell_text = {
        "type": "scatter", "x": [b + n / 2 for b, n in zip(base, bar_len, strict=True)],
        "y": centre, "mode": "text", "name": "cells", "xaxis": "x2", "yaxis": "y2",
        "text": first.texts, "textposition": "middle center",
        "textfont": {"size": info.budget.numbers, "color": first.inks},
        "hoverinfo": "skip", "showlegend": False, "cliponaxis": False,
    }
    rects = [{"type": "scatter", "x": [b, b + n, b + n, b, b],
              "y": [c - half, c - half, c + half, c + half, c - half], "mode": "lines",
              "fill": "toself", "fillcolor": colour, "line": {"width": 0},
              "xaxis": "x2", "yaxis": "y2", "hoverinfo": "skip", "showlegend": False}
             for b, n, c, colour in zip(base, bar_len, centre, first.colours, strict=True)]
    return rects, cell_text


def _markers(info: _ScrubberPlotInfo, s: int) -> dict[str, Any]:
    return {"type": "scatter", "x": [s] * info.shown, "y": info.hidden[s, :info.shown].tolist()}


def _time_line(s: int) -> dict[str, Any]:
    return {"type": "scatter", "x": [s, s]}


def _strip_traces(info: _ScrubberPlotInfo, present: bool) -> list[dict[str, Any]]:
    """The strip chart's lines and moving markers, the dashed time marker (overlay axis
    y3, range 0..1) and the equations: one text point at the top left of their own
    hidden axes (x3 / y4, range 0..1), so that a frame changes trace data only."""
    scale, s0 = info.budget.scale, info.steps[info.start]
    time = list(range(info.hidden.shape[0]))
    lines = [{"type": "scatter", "x": time, "y": info.hidden[:, u].tolist(), "mode": "lines",
              "xaxis": "x", "yaxis": "y", "showlegend": False,
              "line": {"color": UNIT_COLORS[u], "width": line_width(present) * 0.75},
              "hovertemplate": f"h{u}: %{{y:.3f}}<extra>t = %{{x}}</extra>"}
             for u in range(info.shown)]
    moving = {**_markers(info, s0), "mode": "markers", "xaxis": "x", "yaxis": "y",
              "showlegend": False, "hoverinfo": "skip",
              "marker": {"size": 10 * scale, "color": list(UNIT_COLORS[:info.shown]),
                         "line": {"color": "#ffffff", "width": 1.5}}}
    marker_line = {**_time_line(s0), "y": [0, 1], "mode": "lines", "xaxis": "x",
                   "yaxis": "y3", "name": "time", "showlegend": False, "hoverinfo": "skip",
                   "line": {"color": "#d62728", "width": 2 * scale, "dash": "dash"}}
    if info.page_controls:
        return [*lines, moving, marker_line]
    # large and dark: read from the back of a classroom
    equations = {"type": "scatter", "x": [0], "y": [1], "mode": "text", "xaxis": "x3",
                 "yaxis": "y4", "name": "equations", "showlegend": False,
                 "hoverinfo": "skip", "cliponaxis": False, "textposition": "bottom right",
                 "text": [info.texts[info.start]],
                 "textfont": {"size": info.budget.fs, "color": "#111111"}}
    return [*lines, moving, marker_line, equations]


def _frames(info: _ScrubberPlotInfo, text_index: int, marker_index: int,
            rect_indices: list[int]) -> list[dict[str, Any]]:
    """One frame per shown step; it carries only trace data (no layout), so redraw:
    false shows it."""
    own = not info.page_controls  # the equations trace, when the figure has its own
    return [
        {"name": str(k),
         "traces": [text_index, marker_index, marker_index + 1,
                    *([marker_index + 2] if own else []), *rect_indices],
         "data": [{"type": "scatter", "text": c.texts, "textfont": {"color": c.inks}},
                  _markers(info, s), _time_line(s),
                  *([{"type": "scatter", "text": [text]}] if own else []),
                  *({"type": "scatter", "fillcolor": colour} for colour in c.colours)]}
        for k, (s, c, text) in enumerate(zip(info.steps, info.cells, info.texts, strict=True))
    ]


def _controls(info: _ScrubberPlotInfo, lang: str) -> dict[str, Any]:
    """The time slider (one step per frame), full width on its own row, and the Play /
    Pause buttons on the row below it: no button ever covers the slider's handle (at
    step 0 one did). None with page controls."""
    if info.page_controls:
        return {}
    b = info.budget
    slider_steps = [{
        "method": "animate",
        "label": f"{s}: {info.labels[s]}" if info.labels is not None else str(s),
        "args": [[str(k)], {"mode": "immediate", "frame": {"duration": 0, "redraw": False},
                            "transition": {"duration": 0}}],
    } for k, s in enumerate(info.steps)]
    many_steps = len(info.steps) > 24
    sliders = [{
        "active": info.start, "steps": slider_steps, "x": 0.0, "len": 1.0,
        "y": -b.paper(62 * b.scale), "yanchor": "top", "pad": {"t": 10, "b": 0},
        "currentvalue": {"prefix": tr_("fig.scr.slider", lang),
                         "font": {"size": b.fs, "color": "#2a3f5f"}},
        "font": {"size": round(11 * b.scale),
                 **({"color": "rgba(0,0,0,0)"} if many_steps else {})},
        "transition": {"duration": 0},
    }]
    updatemenus = [{
        "type": "buttons", "direction": "left", "showactive": False, "x": 0.0,
        "y": -b.paper(62 * b.scale), "xanchor": "left", "yanchor": "top",
        "pad": {"t": 92 * b.scale, "r": 10}, "font": {"size": b.fs},
        "buttons": [
            {"label": tr_("fig.scr.play", lang), "method": "animate",
             "args": [None, {"frame": {"duration": 150, "redraw": False},
                             "fromcurrent": True, "transition": {"duration": 0}}]},
            {"label": tr_("fig.scr.pause", lang), "method": "animate",
             "args": [[None], {"frame": {"duration": 0, "redraw": False},
                               "mode": "immediate", "transition": {"duration": 0}}]},
        ],
    }]
    return {"sliders": sliders, "updatemenus": updatemenus}


def _layout(info: _ScrubberPlotInfo, lang: str, present: bool) -> dict[str, Any]:
    """Title, the four pairs of axes (strip chart, diagram, time overlay, equations),
    the diagram's shapes and notes, and the controls."""
    b, length = info.budget, info.hidden.shape[0]
    title = tr_("fig.scr.title", lang, cell=info.kind.upper())
    if len(info.steps) < length:
        title += (" <span style='font-size:80%'>("
                  + tr_("fig.scr.strided", lang, n=len(info.steps), total=length) + ")</span>")
    strip_range = y_range("hidden", info.hidden)
    static_shapes, static_notes = _static_drawing(info.diagram, b.scale, b.labels)
    layout = style_layout(present)
    if b.numbers >= PRESENT_NUMBER_PX:  # the tab's name says it; the room goes to the diagram
        title = ""
    layout["title"].update(text=title, x=0.01, xanchor="left")
    ticks = {"tickfont": {"size": b.numbers, "color": "#111111"}}
    layout.update(
        height=int(b.plot + b.margin_t + b.margin_b),
        margin={"l": 40 * b.scale, "r": (8 if b.numbers >= PRESENT_NUMBER_PX else 20) * b.scale,
                "t": b.margin_t, "b": b.margin_b},
        shapes=static_shapes, annotations=_notes(info, static_notes, lang), showlegend=False,
        xaxis={"domain": [0.0, 1.0 if info.page_controls else 0.40],
               "title": {"text": tr_("fig.step", lang)},
               "range": [-0.5, length - 0.5], **tick_axis(info.labels, length), **ticks},
        yaxis={"domain": [0.0, b.paper(b.bottom - 8 * b.scale - b.fs * 1.6)], **ticks,
               **({"range": list(strip_range)} if strip_range else {"autorange": True})},
        yaxis3={"overlaying": "y", "range": [0, 1], "visible": False, "fixedrange": True},
        xaxis3={"domain": [0.47, 1.0], "anchor": "y4", "range": [0, 1], "visible": False,
                "fixedrange": True},
        yaxis4={"domain": [0.0, b.paper(b.bottom)], "anchor": "x3", "range": [0, 1],
                "visible": False, "fixedrange": True},
        xaxis2={"domain": [0.0, 1.0], "range": list(info.diagram.x_range), "visible": False,
                "fixedrange": True},
        yaxis2={"domain": [b.paper(b.bottom + b.gap), 1.0], "range": list(info.diagram.y_range),
                "visible": False, "fixedrange": True},
        **_controls(info, lang),
        hovermode="closest",
    )
    return layout


def _get_scrubber_plot(info: _ScrubberPlotInfo, lang: str, present: bool) -> go.Figure:
    rects, cell_text = _cell_traces(info)
    # traces (plain dicts, never validated): value cells, nodes, the value cells' texts,
    # strip lines, strip markers, time line, equations
    data = [*rects, _node_trace(info.diagram, info.budget.scale, info.budget.labels), cell_text,
            *_strip_traces(info, present)]
    text_index, marker_index = len(rects) + 1, len(data) - (2 if info.page_controls else 3)
    frames = _frames(info, text_index, marker_index, list(range(len(rects))))
    return LabFigure({"data": data, "layout": _layout(info, lang, present), "frames": frames})


def cell_scrubber(trace: Any, *, layer: int = 0, direction: int = 0, batch: int = 0,
                  start_step: int = 0, tokens: Sequence[str] | str | None = None,
                  lang: str = "en", present: bool = False, textbook_update: bool = False,
                  unit: int = 0, max_frames: int = MAX_FRAMES,
                  page_controls: bool = False) -> go.Figure:
    """The cell diagram at step t with a browser-side slider and Play / Pause.

    ``page_controls``: the figure has no slider, buttons or equations of its own: the
    page's scrubber controls (gates_lab/scrubber_controls.py) drive its frames and show the
    equations as HTML (gates_lab/figures/scrubber_panel.py), large and wrapping on a phone.

    Gate boxes show the values of units 0..min(H, 4)-1 coloured by value, the equations
    show unit ``unit``'s numbers, and a strip chart marks t on the hidden state. Frames
    follow the processing order (backwards for direction 1); sequences longer than
    ``max_frames`` (MAX_FRAMES) are shown at evenly spaced steps (the title says so).
    """
    if trace is None:
        return empty_figure(lang=lang, present=present)
    info = _get_scrubber_info(trace, layer, direction, batch, start_step, tokens, lang,
                              present, textbook_update, unit, max_frames, page_controls)
    return _get_scrubber_plot(info, lang, present)
