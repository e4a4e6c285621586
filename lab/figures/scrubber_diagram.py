"""The scrubber's cell diagram: boxes, arrows and value cells on the diagram axes.

Pure geometry and colour (no Streamlit): :mod:`lab.figures.scrubber` places these
shapes, annotations and traces in the figure and its frames.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from lab.figures.scrubber_info import MAX_FRAMES, MINUS, NBSP, SYMBOL, ScrubberInfo, _num, _sub
from lab.i18n import t as tr_

# --------------------------------------------------------------------------------------
# Diagram geometry (data units of the diagram axes; y grows upwards)

BOX_W = 130.0
HEAD_H = 26.0
ROW_H = 22.0


class _Box(NamedTuple):
    key: str  # a trace name, or "h_prev", "c_prev", "x"
    cx: float
    cy: float
    header: str
    rows: int
    signed: bool  # colour range -1..1 (else 0..1)

    @property
    def height(self) -> float:
        return HEAD_H + self.rows * ROW_H + 8

    @property
    def top(self) -> float:
        return self.cy + self.height / 2

    @property
    def bottom(self) -> float:
        return self.cy - self.height / 2

    @property
    def left(self) -> float:
        return self.cx - BOX_W / 2

    @property
    def right(self) -> float:
        return self.cx + BOX_W / 2


class _Diagram(NamedTuple):
    boxes: tuple[_Box, ...]
    nodes: tuple[tuple[float, float, str], ...]  # x, y, text ("⊙", "+", "1−", "tanh")
    lines: tuple[tuple[tuple[float, float], ...], ...]  # polylines without heads
    arrows: tuple[tuple[float, float, float, float, bool], ...]  # tail x, y, tip x, y, to node
    dots: tuple[tuple[float, float], ...]  # junctions
    labels: tuple[tuple[float, float, str], ...]  # small static texts
    highway: tuple[tuple[float, float], ...]  # LSTM cell-state path, drawn bold
    x_range: tuple[float, float]
    y_range: tuple[float, float]


def _box_header(key: str, kind: str, lang: str, textbook: bool) -> str:
    math = {"h_prev": _sub("h", "t" + MINUS + "1"), "c_prev": _sub("c", "t" + MINUS + "1"),
            "x": _sub("x", "t"), "hidden": _sub("h", "t"), "cell": _sub("c", "t")}
    if key in math:
        return f"<b>{math[key]}</b>"
    if key == "preactivation":
        return tr_("fig.scr.box.preactivation", lang)
    fn = "tanh" if key == "candidate" else "σ"
    if key == "update" and textbook:
        fn = f"1{MINUS}σ"
    name = f"candidate.{'lstm' if kind == 'lstm' else 'gru'}" if key == "candidate" else key
    return f"<b>{fn}</b>{NBSP}{NBSP}{tr_('fig.scr.box.' + name, lang)}"


def _gru_diagram(rows: int, x_rows: int, lang: str, textbook: bool, reset_after: bool) -> _Diagram:
    top, gate_y, bus, mix_y = 400.0, 200.0, 60.0, 300.0

    def box(key: str, cx: float, cy: float, n: int = rows, signed: bool = True) -> _Box:
        return _Box(key, cx, cy, _box_header(key, "gru", lang, textbook), n, signed)

    h_prev, x_box, h_new = box("h_prev", 75, top), box("x", 75, bus, x_rows), box("hidden", 925, top)
    z_box, r_box = box("update", 280, gate_y, signed=False), box("reset", 470, gate_y, signed=False)
    n_box = box("candidate", 720, gate_y)
    split, join = 190.0, 595.0
    nodes = [(280.0, top, "⊙"), (720.0, top, "+"), (720.0, mix_y, "⊙"), (join, gate_y, "⊙")]
    arrows = [
        (h_prev.right, top, 280, top, True), (280, top, 720, top, True),
        (720, top, h_new.left, top, False), (720, mix_y, 720, top, True),
        (n_box.cx, n_box.top, 720, mix_y, True),
        (r_box.right, gate_y, join, gate_y, True), (join, gate_y, n_box.left, gate_y, False),
    ]
    for g in (z_box, r_box, n_box):
        arrows.append((g.cx, bus, g.cx, g.bottom, False))
    lines = [((split, top), (split, bus)), ((x_box.right, bus), (n_box.cx, bus)),
             ((280, z_box.top), (280, mix_y))]
    if textbook:  # the textbook's z feeds the candidate directly, 1 − z keeps the old state
        nodes.append((280.0, 350.0, f"1{MINUS}"))
        arrows += [(280, mix_y, 280, 350, True), (280, 350, 280, top, True),
                   (280, mix_y, 720, mix_y, True)]
    else:  # torch: z keeps the old state, 1 − z lets the candidate in
        nodes.append((420.0, mix_y, f"1{MINUS}"))
        arrows += [(280, mix_y, 280, top, True), (280, mix_y, 420, mix_y, True),
                   (420, mix_y, 720, mix_y, True)]
    hn = f"{_sub('W', 'hn')}h"
    reset_label = f"r ⊙ ({hn} + b)" if reset_after else f"{_sub('W', 'hn')}(r ⊙ h)"
    labels = [(join, 120.0, reset_label), (split + 8, (top + bus) / 2, "")]
    return _Diagram((z_box, r_box, n_box, h_prev, x_box, h_new), tuple(nodes), tuple(lines),
                    tuple(arrows), ((split, top), (split, bus), (280.0, mix_y)),
                    tuple(lb for lb in labels if lb[2]), (), (0.0, 1000.0), (-12.0, 475.0))


def _lstm_diagram(rows: int, x_rows: int, lang: str) -> _Diagram:
    top, gate_y, bus, mix_y = 400.0, 200.0, 60.0, 322.0

    def box(key: str, cx: float, cy: float, n: int = rows, signed: bool = True) -> _Box:
        return _Box(key, cx, cy, _box_header(key, "lstm", lang, False), n, signed)

    c_prev, h_prev, x_box = box("c_prev", 75, top), box("h_prev", 75, gate_y), box("x", 75, bus, x_rows)
    f_box, i_box = box("forget", 300, gate_y, signed=False), box("input", 470, gate_y, signed=False)
    g_box, o_box = box("candidate", 620, gate_y), box("output", 790, gate_y, signed=False)
    c_new, h_new = box("cell", 1025, top), box("hidden", 1025, 110)
    split, tap, ig, out_y, tanh_y = 190.0, 905.0, 545.0, 288.0, 350.0
    nodes = ((300.0, top, "⊙"), (ig, mix_y, "⊙"), (ig, top, "+"), (tap, tanh_y, "tanh"),
             (tap, out_y, "⊙"))
    arrows = [
        (c_prev.right, top, 300, top, True), (300, top, ig, top, True),
        (tap, top, c_new.left, top, False), (f_box.cx, f_box.top, 300, top, True),
        (i_box.cx, mix_y, ig, mix_y, True), (g_box.cx, mix_y, ig, mix_y, True),
        (ig, mix_y, ig, top, True), (tap, top, tap, tanh_y, True), (tap, tanh_y, tap, out_y, True),
        (o_box.cx, out_y, tap, out_y, True), (tap, h_new.cy, h_new.left, h_new.cy, False),
    ]
    for g in (f_box, i_box, g_box, o_box):
        arrows.append((g.cx, bus, g.cx, g.bottom, False))
    lines = (((h_prev.right, gate_y), (split, gate_y), (split, bus)),
             ((x_box.right, bus), (o_box.cx, bus)),
             ((i_box.cx, i_box.top), (i_box.cx, mix_y)), ((g_box.cx, g_box.top), (g_box.cx, mix_y)),
             ((o_box.cx, o_box.top), (o_box.cx, out_y)), ((tap, out_y), (tap, h_new.cy)))
    highway = ((c_prev.right, top), (c_new.left, top))
    labels = (((c_prev.right + c_new.left) / 2, 452.0, tr_("fig.scr.highway", lang)),)
    return _Diagram((f_box, i_box, g_box, o_box, c_prev, h_prev, x_box, c_new, h_new), nodes,
                    lines, tuple(arrows), ((split, bus), (tap, top)), labels, highway,
                    (0.0, 1100.0), (-12.0, 475.0))


def _rnn_diagram(rows: int, x_rows: int, lang: str, act: str) -> _Diagram:
    mid, loop = 200.0, 440.0

    def box(key: str, cx: float, cy: float, n: int = rows) -> _Box:
        return _Box(key, cx, cy, _box_header(key, "rnn", lang, False), n, True)

    h_prev, x_box = box("h_prev", 75, 320), box("x", 75, 80, x_rows)
    a_box, h_new = box("preactivation", 470, mid), box("hidden", 925, mid)
    split = 200.0
    nodes = ((700.0, mid, act),)
    arrows = ((split, mid, a_box.left, mid, False), (a_box.right, mid, 700, mid, True),
              (700, mid, h_new.left, mid, False), (75, loop, 75, h_prev.top, False))
    lines = (((h_prev.right, 320), (split, 320), (split, 80), (x_box.right, 80)),
             ((h_new.cx, h_new.top), (h_new.cx, loop), (75, loop)))
    labels = ((500.0, loop + 14, f"{_sub('h', 't')} → {_sub('h', 't' + MINUS + '1')}"),)
    return _Diagram((a_box, h_prev, x_box, h_new), nodes, lines, arrows, ((split, mid),), labels,
                    (), (0.0, 1000.0), (0.0, 475.0))


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


def _box_values(box: _Box, info: ScrubberInfo, textbook: bool) -> tuple[float, ...]:
    if box.key == "h_prev":
        return info.h_prev
    if box.key == "c_prev":
        return info.c_prev or ()
    if box.key == "x":
        return info.x
    vals = info.values.get(box.key, ())
    if box.key == "update" and textbook:
        return tuple(1.0 - v for v in vals)
    return vals


def _row_text(box: _Box, kind: str, unit: int, value: float, many: bool) -> str:
    """ "z₀ = 0.93" (or "z = 0.93" for a single row)."""
    if box.key == "candidate":
        sym = "g" if kind == "lstm" else "n"
    else:
        sym = SYMBOL.get(box.key, box.key[:1])
    label = _sub(sym, str(unit)) if many else sym
    return f"{label} = {_num(value)}"


class _Cells(NamedTuple):
    """The value cells of one step, in box order: fill colour (CSS), text and text colour."""

    colours: list[str]
    texts: list[str]
    inks: list[str]


def _css_colours(positions: list[float]) -> list[str]:
    """Colours of positions on :data:`CELL_SCALE` (linear in RGB, as plotly.js does)."""
    stops = np.array([f for f, _ in CELL_SCALE])
    rgb = np.array([[int(c[i:i + 2], 16) for i in (1, 3, 5)] for _, c in CELL_SCALE], float)
    out = []
    for p in positions:
        r, g, b = (round(float(np.interp(p, stops, rgb[:, i]))) for i in range(3))
        out.append(f"rgb({r},{g},{b})")
    return out


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


def _cells(diagram: _Diagram, info: ScrubberInfo, textbook: bool, kind: str) -> _Cells:
    positions: list[float] = []
    texts: list[str] = []
    for box in diagram.boxes:
        vals = _box_values(box, info, textbook)
        for unit in range(box.rows):
            value = vals[unit] if unit < len(vals) else 0.0
            positions.append(_colour_value(value, box.signed))
            texts.append(_row_text(box, kind, unit, value, box.rows > 1))
    colours = _css_colours(positions)
    return _Cells(colours, texts, [_ink(c) for c in colours])


def _frame_steps(length: int, direction: int, max_frames: int = MAX_FRAMES) -> list[int]:
    """Input time indices of the frames, in processing order, at most ``max_frames``."""
    if length <= max_frames:
        order = list(range(length))
    else:
        order = [int(i) for i in np.round(np.linspace(0, length - 1, max_frames))]
    return order[::-1] if direction == 1 else order


def _diagram_for(trace: Any, rows: int, x_rows: int, lang: str, textbook: bool) -> _Diagram:
    if trace.kind == "gru":
        return _gru_diagram(rows, x_rows, lang, textbook, bool(trace.config.reset_after))
    if trace.kind == "lstm":
        return _lstm_diagram(rows, x_rows, lang)
    act = "relu" if getattr(trace.config, "nonlinearity", "tanh") == "relu" else "tanh"
    return _rnn_diagram(rows, x_rows, lang, act)


def _static_drawing(diagram: _Diagram, kind: str, scale: float, size: int | None = None
                    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Box frames and headers, wires, arrows and labels (their font ``size`` px, by
    default 12 times ``scale``): shapes and annotations."""
    ref = {"xref": "x2", "yref": "y2"}
    shapes: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    size = round(12 * scale) if size is None else size
    for box in diagram.boxes:
        shapes.append({"type": "rect", **ref, "x0": box.left, "x1": box.right,
                       "y0": box.bottom, "y1": box.top, "layer": "below",
                       "line": {"color": INK, "width": 1.2}, "fillcolor": "#f4f5f7"})
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
                      "font": {"size": size, "color": "#8a5a00" if kind == "lstm" else "#555555"},
                      "bgcolor": "rgba(255,255,255,0.9)"})
    return shapes, notes


def _node_trace(diagram: _Diagram, scale: float, wide_px: int | None = None) -> dict[str, Any]:
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


def _cell_geometry(diagram: _Diagram) -> tuple[list[float], list[float], list[float]]:
    """Bar base, length and centre y of every value cell (horizontal bars on the diagram)."""
    base, length, centre = [], [], []
    for box in diagram.boxes:
        for unit in range(box.rows):
            y1 = box.top - HEAD_H - unit * ROW_H
            base.append(box.left + 6)
            length.append(BOX_W - 12)
            centre.append(y1 - ROW_H / 2 + 1)
    return base, length, centre
