"""The scrubber's cell diagrams: where each box, node and wire of a cell sits.

Pure geometry (data units of the diagram axes; y grows upwards). Which layout a cell
kind uses, and its boxes' headers, are in the lab's table of kinds (gates_lab/kind_view.py);
gates_lab/figures/scrubber_diagram.py draws them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from gates_lab.mathhtml import MINUS, sub

BOX_W = 130.0
HEAD_H = 26.0
ROW_H = 22.0


class Box(NamedTuple):
    key: str  # a trace name, or "h_prev", "c_prev", "x"
    cx: float
    cy: float
    header: str
    rows: int
    signed: bool  # colour range -1..1 (else 0..1)
    removed: bool = False  # a gate the variant takes away: drawn dashed, its constant shown

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


class Diagram(NamedTuple):
    boxes: tuple[Box, ...]
    nodes: tuple[tuple[float, float, str], ...]  # x, y, text ("⊙", "+", "1−", "tanh")
    lines: tuple[tuple[tuple[float, float], ...], ...]  # polylines without heads
    arrows: tuple[tuple[float, float, float, float, bool], ...]  # tail x, y, tip x, y, to node
    dots: tuple[tuple[float, float], ...]  # junctions
    labels: tuple[tuple[float, float, str], ...]  # small static texts
    highway: tuple[tuple[float, float], ...]  # LSTM cell-state path, drawn bold
    x_range: tuple[float, float]
    y_range: tuple[float, float]


class LayoutArgs(NamedTuple):
    """What a layout needs besides the box sizes."""

    header: Callable[[str], str]  # a box's header (HTML) from its key
    textbook: bool = False        # the GRU's update drawn as the textbook's z
    reset_after: bool = True      # the GRU's reset placement
    act: str = "tanh"             # the plain RNN's nonlinearity
    removed: frozenset[str] = frozenset()  # trace names of the gates the variant removes
    highway_label: str = ""       # the LSTM's cell-state label
    mix_gate: str = "update"      # mix_layout: the gate that mixes old state and candidate
    h_gate: str = ""              # mix_layout: the gate on h_{t-1} in the candidate ("": mix)
    takes_new: bool = False       # mix_layout: the mixing gate multiplies the candidate
    header_symbol: Callable[[str], str] = lambda key: key[:1]  # a gate's symbol


#: rows (units shown), x_rows (input channels shown), args -> the diagram
Layout = Callable[[int, int, LayoutArgs], Diagram]


def mix_layout(rows: int, x_rows: int, a: LayoutArgs) -> Diagram:
    """A cell that mixes its old state and a candidate through one gate (the GRU's update
    z, the MGU's f): h = (1 − u) ⊙ one + u ⊙ other. The candidate reads h_{t-1} through
    ``a.h_gate`` (the GRU's reset r; the MGU's f, the mixing gate itself). ``a.takes_new``:
    the mixing gate multiplies the candidate (the textbook's z, the MGU's f), else the
    old state (torch's z)."""
    top, gate_y, bus, mix_y = 400.0, 200.0, 60.0, 300.0
    mix, h_gate = a.mix_gate, a.h_gate or a.mix_gate

    def box(key: str, cx: float, cy: float, n: int = rows, signed: bool = True) -> Box:
        return Box(key, cx, cy, a.header(key), n, signed, key in a.removed)

    h_prev, x_box, h_new = box("h_prev", 75, top), box("x", 75, bus, x_rows), box("hidden", 925, top)
    u_box, n_box = box(mix, 280, gate_y, signed=False), box("candidate", 720, gate_y)
    gate_boxes = [u_box]
    if h_gate != mix:  # its own gate on h (the GRU's reset)
        gate_boxes.append(box(h_gate, 470, gate_y, signed=False))
    split, join = 190.0, 595.0
    nodes = [(280.0, top, "⊙"), (720.0, top, "+"), (720.0, mix_y, "⊙"), (join, gate_y, "⊙")]
    arrows = [
        (h_prev.right, top, 280, top, True), (280, top, 720, top, True),
        (720, top, h_new.left, top, False), (720, mix_y, 720, top, True),
        (n_box.cx, n_box.top, 720, mix_y, True),
        (gate_boxes[-1].right, gate_y, join, gate_y, True),
        (join, gate_y, n_box.left, gate_y, False),
    ]
    for g in (*gate_boxes, n_box):
        if not g.removed:  # a removed gate reads nothing
            arrows.append((g.cx, bus, g.cx, g.bottom, False))
    lines = [((split, top), (split, bus)), ((x_box.right, bus), (n_box.cx, bus)),
             ((280, u_box.top), (280, mix_y))]
    if a.takes_new:  # the gate feeds the candidate directly, 1 − gate keeps the old state
        nodes.append((280.0, 350.0, f"1{MINUS}"))
        arrows += [(280, mix_y, 280, 350, True), (280, 350, 280, top, True),
                   (280, mix_y, 720, mix_y, True)]
    else:  # torch: z keeps the old state, 1 − z lets the candidate in
        nodes.append((420.0, mix_y, f"1{MINUS}"))
        arrows += [(280, mix_y, 280, top, True), (280, mix_y, 420, mix_y, True),
                   (420, mix_y, 720, mix_y, True)]
    hn, g = f"{sub('W', 'hn')}h", a.header_symbol(h_gate)
    if h_gate in a.removed:
        reset_label = f"{g} ≡ 1: {hn} + b"
    else:
        reset_label = (f"{g} ⊙ ({hn} + b)" if a.reset_after and h_gate != mix
                       else f"{sub('W', 'hn')}({g} ⊙ h)")
    labels = ((join, 120.0, reset_label),)
    return Diagram((*gate_boxes, n_box, h_prev, x_box, h_new), tuple(nodes), tuple(lines),
                   tuple(arrows), ((split, top), (split, bus), (280.0, mix_y)), labels, (),
                   (0.0, 1000.0), (-12.0, 475.0))


def lstm_layout(rows: int, x_rows: int, a: LayoutArgs) -> Diagram:
    top, gate_y, bus, mix_y = 400.0, 200.0, 60.0, 322.0

    def box(key: str, cx: float, cy: float, n: int = rows, signed: bool = True) -> Box:
        return Box(key, cx, cy, a.header(key), n, signed, key in a.removed)

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
        if not g.removed:  # a removed gate reads nothing
            arrows.append((g.cx, bus, g.cx, g.bottom, False))
    lines = (((h_prev.right, gate_y), (split, gate_y), (split, bus)),
             ((x_box.right, bus), (o_box.cx, bus)),
             ((i_box.cx, i_box.top), (i_box.cx, mix_y)), ((g_box.cx, g_box.top), (g_box.cx, mix_y)),
             ((o_box.cx, o_box.top), (o_box.cx, out_y)), ((tap, out_y), (tap, h_new.cy)))
    highway = ((c_prev.right, top), (c_new.left, top))
    labels = (((c_prev.right + c_new.left) / 2, 452.0, a.highway_label),)
    return Diagram((f_box, i_box, g_box, o_box, c_prev, h_prev, x_box, c_new, h_new), nodes,
                   lines, tuple(arrows), ((split, bus), (tap, top)), labels, highway,
                   (0.0, 1100.0), (-12.0, 475.0))


def rnn_layout(rows: int, x_rows: int, a: LayoutArgs) -> Diagram:
    mid, loop = 200.0, 440.0

    def box(key: str, cx: float, cy: float, n: int = rows) -> Box:
        return Box(key, cx, cy, a.header(key), n, True)

    h_prev, x_box = box("h_prev", 75, 320), box("x", 75, 80, x_rows)
    a_box, h_new = box("preactivation", 470, mid), box("hidden", 925, mid)
    split = 200.0
    nodes = ((700.0, mid, a.act),)
    arrows = ((split, mid, a_box.left, mid, False), (a_box.right, mid, 700, mid, True),
              (700, mid, h_new.left, mid, False), (75, loop, 75, h_prev.top, False))
    lines = (((h_prev.right, 320), (split, 320), (split, 80), (x_box.right, 80)),
             ((h_new.cx, h_new.top), (h_new.cx, loop), (75, loop)))
    labels = ((500.0, loop + 14, f"{sub('h', 't')} → {sub('h', 't' + MINUS + '1')}"),)
    return Diagram((a_box, h_prev, x_box, h_new), nodes, lines, arrows, ((split, mid),), labels,
                   (), (0.0, 1000.0), (0.0, 475.0))
