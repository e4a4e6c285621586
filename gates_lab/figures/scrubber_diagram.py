"""The scrubber's cell diagram: boxes, arrows and value cells on the diagram axes.

Pure geometry and colour (no Streamlit): :mod:`gates_lab.figures.scrubber` places these
shapes, annotations and traces in the figure and its frames.
"""

from __future__ import annotations

import functools
from typing import Any, NamedTuple

import numpy as np

from gates_lab.figures.diagram_layouts import BOX_W, HEAD_H, ROW_H, Box, Diagram, LayoutArgs
from gates_lab.figures.scrubber_info import (
    MAX_FRAMES,
    MINUS,
    NBSP,
    SYMBOL,
    ScrubberInfo,
    _num,
    _sub,
)
from gates_lab.i18n import t as tr_
from gates_lab.kind_view import KindView, shown_values, view_of

# --------------------------------------------------------------------------------------
# Diagram geometry: the layouts are in diagram_layouts, each kind's in gates_lab/kind_view.py




def _box_header(key: str, v: KindView, lang: str, textbook: bool) -> str:
    math = {"h_prev": _sub("h", "t" + MINUS + "1"), "c_prev": _sub("c", "t" + MINUS + "1"),
            "x": _sub("x", "t"), "hidden": _sub("h", "t"), "cell": _sub("c", "t")}
    if key in math:
        return f"<b>{math[key]}</b>"
    if key == "preactivation":
        return tr_("fig.scr.box.preactivation", lang)
    if key in v.removed:  # a gate the variant takes away: its constant
        return (f"<s>{tr_('fig.scr.box.' + key, lang)}</s>{NBSP}≡{NBSP}"
                f"{_num(v.removed[key])}")
    fn = v.derived.get(key) or ("tanh" if key == "candidate" else "σ")
    if key == v.flip and textbook:
        fn = f"1{MINUS}σ"
    name = f"candidate.{v.candidate}" if key == "candidate" else key
    return f"<b>{fn}</b>{NBSP}{NBSP}{tr_('fig.scr.box.' + name, lang)}"


# --------------------------------------------------------------------------------------
# Drawing

INK = "#4d4d4d"


def _colour_value(value: float, signed: bool) -> float:
    """Position of a value on :data:`CELL_SCALE`: signed values in 0..0.5, gates in 0.5..1."""
    if signed:
        return (min(max(value, -1.0), 1.0) + 1) / 4 * 0.999
    return 0.5 + min(max(value, 0.0), 1.0) / 2


def _scale() -> list[list[Any]]:
    signed = [[f / 2 * 0.999, c] for f, c in ((0.0, "#053061"), (0.25, "#4393c3"),
                                              (0.5, "#f7f7f7"), (0.75, "#d6604d"),
                                              (1.0, "#67001f"))]
    gate = [[0.5 + f / 2, c] for f, c in ((0.0, "#f7fbff"), (0.5, "#6baed6"), (1.0, "#08306b"))]
    return signed + gate


#: Colour scale of the value cells: -1..1 blue-white-red, then 0..1 white-blue for gates.
CELL_SCALE = _scale()


def _box_values(box: Box, info: ScrubberInfo, textbook: bool, v: KindView
                ) -> tuple[float, ...]:
    if box.key == "h_prev":
        return info.h_prev
    if box.key == "c_prev":
        return info.c_prev or ()
    if box.key == "x":
        return info.x
    if box.key in v.removed:
        return (v.removed[box.key],) * info.units
    vals = np.asarray(info.values.get(box.key, ()), dtype=float)
    return tuple(shown_values(v, box.key, vals, textbook).tolist())


def _row_text(box: Box, v: KindView, unit: int, value: float, many: bool) -> str:
    """ "z₀ = 0.93" (or "z = 0.93" for a single row)."""
    sym = v.symbols.get(box.key) or SYMBOL.get(box.key, box.key[:1])
    label = _sub(sym, str(unit)) if many else sym
    return f"{label} = {_num(value)}"


class _Cells(NamedTuple):
    """The value cells of one step, in box order: fill colour (CSS), text and text colour."""

    colours: list[str]
    texts: list[str]
    inks: list[str]


_STOPS = np.array([f for f, _ in CELL_SCALE])
_RGB = np.array([[int(c[i:i + 2], 16) for i in (1, 3, 5)] for _, c in CELL_SCALE], float)


def _css_colours(positions: list[float]) -> list[str]:
    """Colours of positions on :data:`CELL_SCALE` (linear in RGB, as plotly.js does),
    all of a step's cells at once (np.round, like round(), rounds halves to even)."""
    at = np.asarray(positions, dtype=float)
    rgb = np.stack([np.round(np.interp(at, _STOPS, _RGB[:, i])) for i in range(3)], axis=1)
    return [f"rgb({r},{g},{b})" for r, g, b in rgb.astype(int).tolist()]


@functools.lru_cache(maxsize=4096)
def _ink(colour: str) -> str:
    """Text colour on a fill: white or black, whichever contrasts more (WCAG's ratio;
    at least 4.58:1 on any fill, so a number is read from the back of a room)."""
    lum = relative_luminance(colour)
    return "#ffffff" if 1.05 / (lum + 0.05) > (lum + 0.05) / 0.05 else "#000000"


def relative_luminance(colour: str) -> float:
    """WCAG 2's relative luminance of an "rgb(r,g,b)" or "#rrggbb" colour."""
    if colour.startswith("#"):
        parts = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    else:
        parts = [int(v) for v in colour[colour.index("(") + 1:-1].split(",")]
    lin = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4
           for c in parts]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _cells(diagram: Diagram, info: ScrubberInfo, textbook: bool, v: KindView) -> _Cells:
    positions: list[float] = []
    texts: list[str] = []
    for box in diagram.boxes:
        vals = _box_values(box, info, textbook, v)
        for unit in range(box.rows):
            value = vals[unit] if unit < len(vals) else 0.0
            positions.append(_colour_value(value, box.signed))
            texts.append(_row_text(box, v, unit, value, box.rows > 1))
    colours = _css_colours(positions)
    return _Cells(colours, texts, [_ink(c) for c in colours])


def _frame_steps(length: int, direction: int, max_frames: int = MAX_FRAMES) -> list[int]:
    """Input time indices of the frames, in processing order, at most ``max_frames``."""
    if length <= max_frames:
        order = list(range(length))
    else:
        order = [int(i) for i in np.round(np.linspace(0, length - 1, max_frames))]
    return order[::-1] if direction == 1 else order


def _diagram_for(trace: Any, rows: int, x_rows: int, lang: str, textbook: bool) -> Diagram:
    """The kind's layout (gates_lab/kind_view.py) with its boxes' headers in ``lang``."""
    v = view_of(trace)
    config = trace.config
    act = "relu" if getattr(config, "nonlinearity", "tanh") == "relu" else "tanh"
    mix, h_gate = v.mix_gates
    args = LayoutArgs(lambda key: _box_header(key, v, lang, textbook), textbook,
                      bool(getattr(config, "reset_after", True)), act, frozenset(v.removed),
                      tr_("fig.scr.highway", lang), mix, h_gate,
                      textbook if v.takes_new is None else v.takes_new,
                      lambda key: v.symbols.get(key, key[:1]))
    return v.layout(rows, x_rows, args)


def _static_drawing(diagram: Diagram, scale: float, size: int | None = None
                    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Box frames and headers, wires, arrows and labels (their font ``size`` px, by
    default 12 times ``scale``): shapes and annotations."""
    ref = {"xref": "x2", "yref": "y2"}
    shapes: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    size = round(12 * scale) if size is None else size
    for box in diagram.boxes:
        line = {"color": INK, "width": 1.2}
        if box.removed:  # a gate the variant takes away: a dashed, empty frame
            line = {"color": "#999999", "width": 1.2, "dash": "dash"}
        shapes.append({"type": "rect", **ref, "x0": box.left, "x1": box.right,
                       "y0": box.bottom, "y1": box.top, "layer": "below", "line": line,
                       "fillcolor": "#ffffff" if box.removed else "#f4f5f7"})
        notes.append({**ref, "x": box.cx, "y": box.top - HEAD_H / 2 - 1, "showarrow": False,
                      "text": box.header, "font": {"size": size, "color": "#222222"}})
    for path in diagram.lines:
        d = "M " + " L ".join(f"{x},{y}" for x, y in path)
        shapes.append({"type": "path", **ref, "path": d, "layer": "below",
                       "line": {"color": INK, "width": 1.6 * scale}})
    if diagram.highway:
        (x0, y0), (x1, y1) = diagram.highway
        shapes.append({"type": "line", **ref, "x0": x0, "y0": y0, "x1": x1, "y1": y1,
                       "layer": "below", "line": {"color": "#E69F00", "width": 7 * scale}})
    radius = {(x, y): 15 * scale * (1.35 if len(text) > 1 else 1.0)
              for x, y, text in diagram.nodes}
    for tx, ty, hx, hy, to_node in diagram.arrows:
        # arrows are drawn above the node markers: keep both ends off the nodes
        notes.append({**ref, "axref": "x2", "ayref": "y2", "x": hx, "y": hy, "ax": tx, "ay": ty,
                      "text": "", "showarrow": True, "arrowhead": 2, "arrowsize": 1.1,
                      "arrowwidth": 1.6 * scale, "arrowcolor": INK,
                      "standoff": radius.get((hx, hy), 0) + 1 if to_node else 0,
                      "startstandoff": radius.get((tx, ty), 0)})
    for x, y, text in diagram.labels:
        notes.append({**ref, "x": x, "y": y, "text": text, "showarrow": False,
                      "font": {"size": size, "color": "#8a5a00" if diagram.highway else "#555555"},
                      "bgcolor": "rgba(255,255,255,0.9)"})
    return shapes, notes


def _node_trace(diagram: Diagram, scale: float, wide_px: int | None = None) -> dict[str, Any]:
    """The ⊙, +, 1−, tanh nodes and the junction dots, as round markers with text (the
    wide ones, "1−" and "tanh", at ``wide_px``, by default 12 times ``scale``)."""
    xs, ys, texts, sizes, fonts = [], [], [], [], []
    for x, y, text in diagram.nodes:
        wide = len(text) > 1
        xs.append(x)
        ys.append(y)
        texts.append(text)
        sizes.append(30 * scale * (1.35 if wide else 1.0))
        fonts.append(round(18 * scale) if not wide else
                     (round(12 * scale) if wide_px is None else wide_px))
    for x, y in diagram.dots:
        xs.append(x)
        ys.append(y)
        texts.append("")
        sizes.append(7 * scale)
        fonts.append(10)
    colours = ["#ffffff"] * len(diagram.nodes) + [INK] * len(diagram.dots)
    return {"type": "scatter", "x": xs, "y": ys, "text": texts, "mode": "markers+text",
            "xaxis": "x2", "yaxis": "y2", "hoverinfo": "skip", "showlegend": False,
            "cliponaxis": False, "textfont": {"size": fonts, "color": "#222222"},
            "marker": {"size": sizes, "color": colours,
                       "line": {"color": INK, "width": 1.6 * scale}}}


def _cell_geometry(diagram: Diagram) -> tuple[list[float], list[float], list[float]]:
    """Bar base, length and centre y of every value cell (horizontal bars on the diagram)."""
    base, length, centre = [], [], []
    for box in diagram.boxes:
        for unit in range(box.rows):
            y1 = box.top - HEAD_H - unit * ROW_H
            base.append(box.left + 6)
            length.append(BOX_W - 12)
            centre.append(y1 - ROW_H / 2 + 1)
    return base, length, centre
