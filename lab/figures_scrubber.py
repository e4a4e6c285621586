"""The scrubber: a cell diagram whose gate boxes and equations follow a time slider.

Everything animates in the browser: one Plotly frame per shown step, a slider with one
step per frame and Play / Pause buttons. A frame carries only trace data (the value
cells' colours and texts, the strip chart's markers and dashed time line, the equations
as a text-only scatter trace) and no layout, so the buttons and slider steps animate with
``redraw: false``: plotly.js then restyles just those traces instead of re-rendering the
whole figure (a layout change in a frame would need a full redraw to show).

:func:`scrubber_info` gives the numbers of one step (what the tests check);
:func:`cell_scrubber` draws them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
import plotly.graph_objects as go

from lab.figures_common import (
    UNIT_COLORS,
    LabFigure,
    empty_figure,
    line_width,
    series,
    style_layout,
    tick_axis,
    tokens_for,
    y_range,
)
from lab.i18n import t as tr_

__all__ = ["MAX_FRAMES", "MAX_UNITS", "ScrubberInfo", "ScrubberPanel", "cell_scrubber",
           "scrubber_info", "scrubber_panel"]

MAX_FRAMES = 200  #: longer sequences are shown at evenly spaced steps
MAX_UNITS = 4  #: value rows per box

#: Gate blocks of the stacked weights, torch's order.
BLOCKS: dict[str, tuple[str, ...]] = {
    "rnn": ("preactivation",),
    "gru": ("reset", "update", "candidate"),
    "lstm": ("input", "forget", "candidate", "output"),
}
SYMBOL: dict[str, str] = {
    "reset": "r", "update": "z", "input": "i", "forget": "f", "output": "o", "cell": "c",
    "hidden": "h", "preactivation": "a", "h_prev": "h", "c_prev": "c", "x": "x",
}
MINUS = "\u2212"
NBSP = "\u00a0"


class ScrubberInfo(NamedTuple):
    """The numbers of one step ``t`` (input time index), for the first ``units`` units.

    ``values`` are the trace's own (torch convention, also with ``textbook_update``);
    ``pre_x[g]`` = W_ig·x_t + b_ig and ``pre_h[g]`` = W_hg·h_{t-1} + b_hg per gate block
    (GRU with reset before: ``pre_h["candidate"]`` = W_hn·(r ⊙ h_{t-1}) + b_hn); both
    empty when the trace carries no weights. ``equations`` are display lines (Plotly
    HTML) with the numbers of unit ``unit`` filled in.
    """

    kind: str
    t: int
    token: str | None
    units: int
    x: tuple[float, ...]
    h_prev: tuple[float, ...]
    c_prev: tuple[float, ...] | None
    values: dict[str, tuple[float, ...]]
    pre_x: dict[str, tuple[float, ...]]
    pre_h: dict[str, tuple[float, ...]]
    equations: tuple[str, ...]


# --------------------------------------------------------------------------------------
# Numbers


def _num(v: float) -> str:
    """Two decimals with a real minus sign; never "−0.00"."""
    text = f"{v:.2f}"
    if text in ("-0.00", "0.00"):
        return "0.00"
    return text.replace("-", MINUS)


def _paren(v: float) -> str:
    """A factor: negative numbers in parentheses."""
    return f"({_num(v)})" if _num(v).startswith(MINUS) else _num(v)


def _plus(a: float, b: float) -> str:
    """ "a + b" or "a − |b|"."""
    return f"{_num(a)} {MINUS} {_num(abs(b))}" if _num(b).startswith(MINUS) else \
        f"{_num(a)} + {_num(b)}"


def _sub(base: str, sub: str) -> str:
    return f"{base}<sub>{sub}</sub>"


def _all_series(trace: Any, layer: int, direction: int, batch: int) -> dict[str, np.ndarray]:
    """Every recorded quantity as an (L, H) array (read once for all frames)."""
    return {name: series(trace, name, layer, direction, batch) for name in trace.names}


def _step_inputs(trace: Any, t: int, layer: int, direction: int, batch: int,
                 every: dict[str, np.ndarray]
                 ) -> tuple[np.ndarray | None, np.ndarray, np.ndarray | None, Any]:
    """x_t, h_{t-1} and c_{t-1} (full vectors) and the record (None if not available)."""
    hidden = every["hidden"]
    length, size = hidden.shape
    prev = t - 1 if direction == 0 else t + 1
    first = prev < 0 or prev >= length
    record = getattr(trace, "records", {}).get((layer, direction))
    batched = record is not None and record.x.ndim == 3
    x_t = None
    h0 = np.zeros(size)
    c0 = np.zeros(size) if trace.kind == "lstm" else None
    if record is not None:
        row = min(batch, record.x.shape[1] - 1) if batched else 0
        x_t = np.asarray(record.x[t, row] if batched else record.x[t], dtype=float)
        h0 = np.asarray(record.h0[row] if record.h0.ndim == 2 else record.h0, dtype=float)
        if record.c0 is not None:
            c0 = np.asarray(record.c0[row] if record.c0.ndim == 2 else record.c0, dtype=float)
    h_prev = h0 if first else hidden[prev]
    c_prev = None
    if trace.kind == "lstm":
        c_prev = c0 if first else every["cell"][prev]
    return x_t, h_prev, c_prev, record


def _weights(record: Any, batch: int) -> tuple[np.ndarray, ...] | None:
    if record is None:
        return None
    arrays = [np.asarray(getattr(record, name), dtype=float)
              for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")]
    if arrays[0].ndim == 3:  # a sweep trace: one weight variant per batch row
        arrays = [a[batch] for a in arrays]
    return tuple(arrays)


def scrubber_info(trace: Any, t: int, *, layer: int = 0, direction: int = 0, batch: int = 0,
                  tokens: Sequence[str] | str | None = None, textbook_update: bool = False,
                  unit: int = 0) -> ScrubberInfo:
    """The numbers the scrubber shows at input step ``t`` (see :class:`ScrubberInfo`)."""
    every = _all_series(trace, layer, direction, batch)
    length = every["hidden"].shape[0]
    if not 0 <= t < length:
        raise ValueError(f"step t must be in 0..{length - 1}, got {t}")
    record = getattr(trace, "records", {}).get((layer, direction))
    return _info_at(trace, t, layer, direction, batch, every, tokens_for(tokens, length),
                    textbook_update, unit, _weights(record, batch))


def _info_at(trace: Any, t: int, layer: int, direction: int, batch: int,
             every: dict[str, np.ndarray], labels: tuple[str, ...] | None,
             textbook_update: bool, unit: int, weights: tuple[np.ndarray, ...] | None
             ) -> ScrubberInfo:
    """:func:`scrubber_info` with the series, tick labels and weights read once for all steps."""
    kind = trace.kind
    length, size = every["hidden"].shape
    unit = min(max(unit, 0), size - 1)
    shown = min(size, MAX_UNITS)
    x_t, h_prev, c_prev, record = _step_inputs(trace, t, layer, direction, batch, every)
    full = {name: values[t] for name, values in every.items()}
    pre_x: dict[str, np.ndarray] = {}
    pre_h: dict[str, np.ndarray] = {}
    weights = weights if x_t is not None else None
    if weights is not None:
        w_ih, w_hh, b_ih, b_hh = weights
        for j, name in enumerate(BLOCKS[kind]):
            rows = slice(j * size, (j + 1) * size)
            pre_x[name] = w_ih[rows] @ x_t + b_ih[rows]
            if kind == "gru" and name == "candidate" and not trace.config.reset_after:
                pre_h[name] = w_hh[rows] @ (full["reset"] * h_prev) + b_hh[rows]
            else:
                pre_h[name] = w_hh[rows] @ h_prev + b_hh[rows]

    def cut(v: np.ndarray) -> tuple[float, ...]:
        return tuple(v[:shown].tolist())

    info = ScrubberInfo(
        kind=kind, t=t, token=None if labels is None else labels[t],
        units=shown, x=() if x_t is None else cut(x_t), h_prev=cut(h_prev),
        c_prev=None if c_prev is None else cut(c_prev),
        values={name: cut(v) for name, v in full.items()},
        pre_x={name: cut(v) for name, v in pre_x.items()},
        pre_h={name: cut(v) for name, v in pre_h.items()}, equations=(),
    )
    eqs = _equations(trace, unit, full, pre_x, pre_h, h_prev, c_prev, textbook_update)
    return info._replace(equations=eqs)


def _gate_line(sym: str, block: str, fn: str, value: float, px: np.ndarray | None,
               ph: np.ndarray | None, unit: int, one_minus: bool = False) -> tuple[str, str]:
    """Symbolic and numeric line of ``sym_t = fn(W_i? x_t + b_i? + W_h? h_{t-1} + b_h?)``."""
    outer = f"1 {MINUS} {fn}" if one_minus else fn
    sym_line = (f"<b>{_sub(sym, 't')}</b> = {outer}({_sub('W', 'i' + block)}{_sub('x', 't')} + "
                f"{_sub('b', 'i' + block)} + {_sub('W', 'h' + block)}{_sub('h', 't' + MINUS + '1')}"
                f" + {_sub('b', 'h' + block)})")
    if px is None or ph is None:
        return sym_line, f"= <b>{_num(value)}</b>"
    a, b = float(px[unit]), float(ph[unit])
    inner = f"{fn}({_plus(a, b)}) = {fn}({_num(a + b)})"
    if one_minus:
        return sym_line, f"= 1 {MINUS} {inner} = <b>{_num(value)}</b>"
    return sym_line, f"= {inner} = <b>{_num(value)}</b>"


def _equations(trace: Any, u: int, full: dict[str, np.ndarray], pre_x: dict[str, np.ndarray],
               pre_h: dict[str, np.ndarray], h_prev: np.ndarray, c_prev: np.ndarray | None,
               textbook_update: bool) -> tuple[str, ...]:
    """Display lines (symbolic, then ``= numbers``) for unit ``u``."""
    kind = trace.kind
    hp = _sub("h", "t" + MINUS + "1")
    lines: list[tuple[str, str]] = []

    def get(d: dict[str, np.ndarray], name: str) -> np.ndarray | None:
        return d.get(name)

    v = {name: float(arr[u]) for name, arr in full.items()}
    h_old = float(h_prev[u])
    if kind == "gru":
        r, z, n, h = v["reset"], v["update"], v["candidate"], v["hidden"]
        lines.append(_gate_line("r", "r", "σ", r, get(pre_x, "reset"), get(pre_h, "reset"), u))
        lines.append(_gate_line("z", "z", "σ", 1 - z if textbook_update else z,
                                get(pre_x, "update"), get(pre_h, "update"), u,
                                one_minus=textbook_update))
        if trace.config.reset_after:
            sym = (f"<b>{_sub('n', 't')}</b> = tanh({_sub('W', 'in')}{_sub('x', 't')} + "
                   f"{_sub('b', 'in')} + {_sub('r', 't')} ⊙ ({_sub('W', 'hn')}{hp} + "
                   f"{_sub('b', 'hn')}))")
        else:
            sym = (f"<b>{_sub('n', 't')}</b> = tanh({_sub('W', 'in')}{_sub('x', 't')} + "
                   f"{_sub('b', 'in')} + {_sub('W', 'hn')}({_sub('r', 't')} ⊙ {hp}) + "
                   f"{_sub('b', 'hn')})")
        px, ph = get(pre_x, "candidate"), get(pre_h, "candidate")
        if px is None or ph is None:
            num = f"= <b>{_num(n)}</b>"
        else:
            a, b = float(px[u]), float(ph[u])
            total = a + r * b if trace.config.reset_after else a + b
            middle = f"{_num(a)} + {_num(r)} × {_paren(b)}" if trace.config.reset_after \
                else _plus(a, b)
            num = f"= tanh({middle}) = tanh({_num(total)}) = <b>{_num(n)}</b>"
        lines.append((sym, num))
        zt, nt = _sub("z", "t"), _sub("n", "t")
        if textbook_update:
            zb = 1 - z
            lines.append((f"<b>{_sub('h', 't')}</b> = (1 {MINUS} {zt}) ⊙ {hp} + {zt} ⊙ {nt}",
                          f"= (1 {MINUS} {_num(zb)}) × {_paren(h_old)} + {_num(zb)} × "
                          f"{_paren(n)} = <b>{_num(h)}</b>"))
        else:
            lines.append((f"<b>{_sub('h', 't')}</b> = (1 {MINUS} {zt}) ⊙ {nt} + {zt} ⊙ {hp}",
                          f"= (1 {MINUS} {_num(z)}) × {_paren(n)} + {_num(z)} × "
                          f"{_paren(h_old)} = <b>{_num(h)}</b>"))
    elif kind == "lstm":
        for name, sym, block, fn in (("input", "i", "i", "σ"), ("forget", "f", "f", "σ"),
                                     ("candidate", "g", "g", "tanh"), ("output", "o", "o", "σ")):
            lines.append(_gate_line(sym, block, fn, v[name], get(pre_x, name), get(pre_h, name), u))
        c_old = float(c_prev[u]) if c_prev is not None else 0.0
        cp = _sub("c", "t" + MINUS + "1")
        lines.append((f"<b>{_sub('c', 't')}</b> = {_sub('f', 't')} ⊙ {cp} + {_sub('i', 't')} ⊙ "
                      f"{_sub('g', 't')}",
                      f"= {_num(v['forget'])} × {_paren(c_old)} + {_num(v['input'])} × "
                      f"{_paren(v['candidate'])} = <b>{_num(v['cell'])}</b>"))
        lines.append((f"<b>{_sub('h', 't')}</b> = {_sub('o', 't')} ⊙ tanh({_sub('c', 't')})",
                      f"= {_num(v['output'])} × tanh({_num(v['cell'])}) = {_num(v['output'])} × "
                      f"{_paren(float(np.tanh(v['cell'])))} = <b>{_num(v['hidden'])}</b>"))
    else:
        px, ph = get(pre_x, "preactivation"), get(pre_h, "preactivation")
        a = v["preactivation"]
        sym = (f"<b>{_sub('a', 't')}</b> = {_sub('W', 'ih')}{_sub('x', 't')} + {_sub('b', 'ih')} + "
               f"{_sub('W', 'hh')}{hp} + {_sub('b', 'hh')}")
        num = (f"= {_plus(float(px[u]), float(ph[u]))} = <b>{_num(a)}</b>"
               if px is not None and ph is not None else f"= <b>{_num(a)}</b>")
        lines.append((sym, num))
        act = "relu" if getattr(trace.config, "nonlinearity", "tanh") == "relu" else "tanh"
        lines.append((f"<b>{_sub('h', 't')}</b> = {act}({_sub('a', 't')})",
                      f"= {act}({_num(a)}) = <b>{_num(v['hidden'])}</b>"))
    pad = NBSP * 6
    out: list[str] = []
    for sym_line, num_line in lines:
        out.extend((sym_line, pad + num_line))
    return tuple(out)


class ScrubberPanel(NamedTuple):
    """What the page's scrubber controls show beside the figure, one entry per frame (the
    frames of :func:`cell_scrubber` with the same arguments): the step's heading, and the
    equations as (symbolic line, line with the numbers) pairs of HTML; ``note`` is the
    GRU's conventions (else empty)."""

    heads: tuple[str, ...]
    equations: tuple[tuple[tuple[str, str], ...], ...]
    note: str


def scrubber_panel(trace: Any, *, layer: int = 0, direction: int = 0, batch: int = 0,
                   tokens: Sequence[str] | str | None = None, lang: str = "en",
                   textbook_update: bool = False, unit: int = 0) -> ScrubberPanel:
    """The headings and equations (unit ``unit``'s numbers) of every frame, as HTML."""
    every = _all_series(trace, layer, direction, batch)
    length, size = every["hidden"].shape
    unit = min(max(unit, 0), size - 1)
    labels = tokens_for(tokens, length)
    weights = _weights(getattr(trace, "records", {}).get((layer, direction)), batch)
    heads, equations = [], []
    for step in _frame_steps(length, direction):
        info = _info_at(trace, step, layer, direction, batch, every, labels, textbook_update,
                        unit, weights)
        head = tr_("fig.scr.step", lang, t=info.t)
        if info.token is not None:
            head += f" · {tr_('fig.scr.token', lang, tok=info.token)}"
        heads.append(head)
        lines = info.equations
        equations.append(tuple((sym, num.lstrip(NBSP))
                               for sym, num in zip(lines[0::2], lines[1::2], strict=True)))
    note = ""
    if trace.kind == "gru":
        conv = tr_("fig.scr.conv_textbook" if textbook_update else "fig.scr.conv_torch", lang)
        reset = tr_("fig.scr.reset_after" if trace.config.reset_after
                    else "fig.scr.reset_before", lang)
        note = f"{conv} · {reset}"
    return ScrubberPanel(tuple(heads), tuple(equations), note)


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
    """Text colour on a fill: white on dark fills, #444 on light ones (Plotly's bar text)."""
    r, g, b = (int(v) for v in colour[4:-1].split(","))
    return "#ffffff" if (r * 299 + g * 587 + b * 114) / 1000 < 128 else "#444444"


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


def _frame_steps(length: int, direction: int) -> list[int]:
    """Input time indices of the frames, in processing order, at most MAX_FRAMES."""
    if length <= MAX_FRAMES:
        order = list(range(length))
    else:
        order = [int(i) for i in np.round(np.linspace(0, length - 1, MAX_FRAMES))]
    return order[::-1] if direction == 1 else order


def _diagram_for(trace: Any, rows: int, x_rows: int, lang: str, textbook: bool) -> _Diagram:
    if trace.kind == "gru":
        return _gru_diagram(rows, x_rows, lang, textbook, bool(trace.config.reset_after))
    if trace.kind == "lstm":
        return _lstm_diagram(rows, x_rows, lang)
    act = "relu" if getattr(trace.config, "nonlinearity", "tanh") == "relu" else "tanh"
    return _rnn_diagram(rows, x_rows, lang, act)


def _static_drawing(diagram: _Diagram, kind: str, scale: float
                    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Box frames and headers, wires, arrows and labels: shapes and annotations."""
    ref = {"xref": "x2", "yref": "y2"}
    shapes: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    size = round(12 * scale)
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


def _node_trace(diagram: _Diagram, scale: float) -> dict[str, Any]:
    """The ⊙, +, 1−, tanh nodes and the junction dots, as round markers with text."""
    xs, ys, texts, sizes, fonts = [], [], [], [], []
    for x, y, text in diagram.nodes:
        wide = len(text) > 1
        xs.append(x)
        ys.append(y)
        texts.append(text)
        sizes.append(30 * scale * (1.35 if wide else 1.0))
        fonts.append(round((12 if wide else 18) * scale))
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


def cell_scrubber(trace: Any, *, layer: int = 0, direction: int = 0, batch: int = 0,
                  start_step: int = 0, tokens: Sequence[str] | str | None = None,
                  lang: str = "en", present: bool = False, textbook_update: bool = False,
                  unit: int = 0, page_controls: bool = False) -> go.Figure:
    """The cell diagram at step t with a browser-side slider and Play / Pause.

    ``page_controls``: the figure has no slider, buttons or equations of its own: the
    page's scrubber controls (lab/scrubber_controls.py) drive its frames and show the
    equations as HTML (:func:`scrubber_panel`), large and wrapping on a phone.

    Gate boxes show the values of units 0..min(H, 4)-1 coloured by value, the equations
    show unit ``unit``'s numbers, and a strip chart marks t on the hidden state. Frames
    follow the processing order (backwards for direction 1); sequences longer than
    MAX_FRAMES are shown at evenly spaced steps (the title says so).
    """
    if trace is None:
        return empty_figure(lang=lang, present=present)
    kind = trace.kind
    every = _all_series(trace, layer, direction, batch)
    hidden = every["hidden"]
    length, size = hidden.shape
    unit = min(max(unit, 0), size - 1)
    steps = _frame_steps(length, direction)
    labels = tokens_for(tokens, length)
    weights = _weights(getattr(trace, "records", {}).get((layer, direction)), batch)
    infos = [_info_at(trace, s, layer, direction, batch, every, labels, textbook_update, unit,
                      weights) for s in steps]
    textbook = textbook_update and kind == "gru"
    x_rows = max(1, min(len(infos[0].x), MAX_UNITS))
    diagram = _diagram_for(trace, infos[0].units, x_rows, lang, textbook)

    # vertical budget in pixels: diagram, then strip chart and equations side by side
    scale = 1.35 if present else 1.0
    fs = round(13 * scale)
    line_px = fs * 1.6
    n_lines = 0 if page_controls else len(infos[0].equations) + 1 + (3 if kind == "gru" else 0)
    bottom_px = max(230.0 * scale, n_lines * line_px + 16)
    diagram_px = 440.0 * scale
    gap_px = 40 * scale
    margin_t, margin_b = 60 * scale, (50 if page_controls else 150) * scale
    plot_px = diagram_px + gap_px + bottom_px

    def paper(px: float) -> float:
        return px / plot_px

    # what changes per step
    cells = [_cells(diagram, info, textbook, kind) for info in infos]
    texts = []
    for info in infos:
        head = f"<b>{tr_('fig.scr.step', lang, t=info.t)}</b>"
        if info.token is not None:
            head += f" · {tr_('fig.scr.token', lang, tok=info.token)}"
        head += f" · {tr_('fig.scr.unit_note', lang, u=unit)}"
        if size > MAX_UNITS:
            head += f" · {tr_('fig.scr.units_shown', lang, last=MAX_UNITS - 1, h=size)}"
        texts.append(head + "<br>" + "<br>".join(info.equations))
    start = int(np.argmin([abs(s - start_step) for s in steps]))
    shown = min(size, len(UNIT_COLORS))

    static_shapes, static_notes = _static_drawing(diagram, kind, scale)
    notes = list(static_notes)
    if kind == "gru" and not page_controls:
        conv = tr_("fig.scr.conv_textbook" if textbook else "fig.scr.conv_torch", lang)
        reset = tr_("fig.scr.reset_after" if trace.config.reset_after
                    else "fig.scr.reset_before", lang)
        notes.append({"xref": "paper", "yref": "paper", "x": 0.47, "y": 0.0,
                      "xanchor": "left", "yanchor": "bottom", "align": "left",
                      "showarrow": False, "text": f"<i>{conv}<br>{reset}</i>",
                      "font": {"size": round(12 * scale), "color": "#555555"}})
    notes.append({"xref": "paper", "yref": "paper", "x": 0.0, "y": paper(bottom_px),
                  "xanchor": "left", "yanchor": "bottom", "showarrow": False,
                  "text": f"<b>{tr_('fig.scr.strip', lang)}</b>", "font": {"size": fs}})

    # traces (plain dicts, never validated): one filled rectangle per value cell (a
    # scatter's fillcolor follows a frame without a redraw; a bar's marker colour does
    # not), nodes, the value cells' texts, strip lines, strip markers, time line, equations
    base, bar_len, centre = _cell_geometry(diagram)
    half = (ROW_H - 2) / 2
    cell_text = {
        "type": "scatter", "x": [b + n / 2 for b, n in zip(base, bar_len, strict=True)],
        "y": centre, "mode": "text", "name": "cells", "xaxis": "x2", "yaxis": "y2",
        "text": cells[start].texts, "textposition": "middle center",
        "textfont": {"size": round(12 * scale), "color": cells[start].inks},
        "hoverinfo": "skip", "showlegend": False, "cliponaxis": False,
    }
    rects = [{"type": "scatter", "x": [b, b + n, b + n, b, b],
              "y": [c - half, c - half, c + half, c + half, c - half], "mode": "lines",
              "fill": "toself", "fillcolor": colour, "line": {"width": 0},
              "xaxis": "x2", "yaxis": "y2", "hoverinfo": "skip", "showlegend": False}
             for b, n, c, colour in zip(base, bar_len, centre, cells[start].colours,
                                        strict=True)]

    def markers(s: int) -> dict[str, Any]:
        return {"type": "scatter", "x": [s] * shown, "y": hidden[s, :shown].tolist()}

    time = list(range(length))
    lines = [{"type": "scatter", "x": time, "y": hidden[:, u].tolist(), "mode": "lines",
              "xaxis": "x", "yaxis": "y", "showlegend": False,
              "line": {"color": UNIT_COLORS[u], "width": line_width(present) * 0.75},
              "hovertemplate": f"h{u}: %{{y:.3f}}<extra>t = %{{x}}</extra>"}
             for u in range(shown)]
    moving = {**markers(steps[start]), "mode": "markers", "xaxis": "x", "yaxis": "y",
              "showlegend": False, "hoverinfo": "skip",
              "marker": {"size": 10 * scale, "color": list(UNIT_COLORS[:shown]),
                         "line": {"color": "#ffffff", "width": 1.5}}}
    # the time marker: a dashed line over the strip chart's full height (overlay axis y3,
    # range 0..1); the equations: one text point at the top left of their own hidden
    # axes (x3 / y4, range 0..1), so that a frame changes trace data only
    def time_line(s: int) -> dict[str, Any]:
        return {"type": "scatter", "x": [s, s]}

    marker_line = {**time_line(steps[start]), "y": [0, 1], "mode": "lines", "xaxis": "x",
                   "yaxis": "y3", "name": "time", "showlegend": False, "hoverinfo": "skip",
                   "line": {"color": "#d62728", "width": 2 * scale, "dash": "dash"}}
    # large and dark: read from the back of a classroom
    equations = {"type": "scatter", "x": [0], "y": [1], "mode": "text", "xaxis": "x3",
                 "yaxis": "y4", "name": "equations", "showlegend": False,
                 "hoverinfo": "skip", "cliponaxis": False, "textposition": "bottom right",
                 "text": [texts[start]], "textfont": {"size": fs, "color": "#111111"}}
    data = [*rects, _node_trace(diagram, scale), cell_text, *lines, moving, marker_line,
            *([] if page_controls else [equations])]
    text_index = len(rects) + 1
    marker_index = len(rects) + 2 + len(lines)
    rect_indices = list(range(len(rects)))
    # a frame carries only trace data (no layout), so redraw: false shows it
    frames = [
        {"name": str(k),
         "traces": [text_index, marker_index, marker_index + 1,
                    *([] if page_controls else [marker_index + 2]), *rect_indices],
         "data": [{"type": "scatter", "text": c.texts, "textfont": {"color": c.inks}},
                  markers(s), time_line(s),
                  *([] if page_controls else [{"type": "scatter", "text": [text]}]),
                  *({"type": "scatter", "fillcolor": colour} for colour in c.colours)]}
        for k, (s, c, text) in enumerate(zip(steps, cells, texts, strict=True))
    ]

    slider_steps = [{
        "method": "animate",
        "label": f"{s}: {labels[s]}" if labels is not None else str(s),
        "args": [[str(k)], {"mode": "immediate", "frame": {"duration": 0, "redraw": False},
                            "transition": {"duration": 0}}],
    } for k, s in enumerate(steps)]
    title = tr_("fig.scr.title", lang, cell=kind.upper())
    if len(steps) < length:
        title += (" <span style='font-size:80%'>("
                  + tr_("fig.scr.strided", lang, n=len(steps), total=length) + ")</span>")
    strip_range = y_range("hidden", hidden)
    many_steps = len(steps) > 24
    layout = style_layout(present)
    layout["title"].update(text=title, x=0.01, xanchor="left")
    layout.update(
        height=int(plot_px + margin_t + margin_b),
        margin={"l": 40 * scale, "r": 20 * scale, "t": margin_t, "b": margin_b},
        shapes=static_shapes, annotations=notes, showlegend=False,
        xaxis={"domain": [0.0, 1.0 if page_controls else 0.40],
               "title": {"text": tr_("fig.step", lang)},
               "range": [-0.5, length - 0.5], **tick_axis(labels, length)},
        yaxis={"domain": [0.0, paper(bottom_px - 8 * scale - fs * 1.6)],
               **({"range": list(strip_range)} if strip_range else {"autorange": True})},
        yaxis3={"overlaying": "y", "range": [0, 1], "visible": False, "fixedrange": True},
        xaxis3={"domain": [0.47, 1.0], "anchor": "y4", "range": [0, 1], "visible": False,
                "fixedrange": True},
        yaxis4={"domain": [0.0, paper(bottom_px)], "anchor": "x3", "range": [0, 1],
                "visible": False, "fixedrange": True},
        xaxis2={"domain": [0.0, 1.0], "range": list(diagram.x_range), "visible": False,
                "fixedrange": True},
        yaxis2={"domain": [paper(bottom_px + gap_px), 1.0], "range": list(diagram.y_range),
                "visible": False, "fixedrange": True},
        hovermode="closest",
    )
    if page_controls:
        return LabFigure({"data": data, "layout": layout, "frames": frames})
    # the slider on a row of its own, full width, and the buttons on the row below: no
    # button ever covers the slider's handle (at step 0 one did)
    layout.update(
        sliders=[{
            "active": start, "steps": slider_steps, "x": 0.0, "len": 1.0,
            "y": -paper(62 * scale), "yanchor": "top", "pad": {"t": 10, "b": 0},
            "currentvalue": {"prefix": tr_("fig.scr.slider", lang),
                             "font": {"size": fs, "color": "#2a3f5f"}},
            "font": {"size": round(11 * scale),
                     **({"color": "rgba(0,0,0,0)"} if many_steps else {})},
            "transition": {"duration": 0},
        }],
        updatemenus=[{
            "type": "buttons", "direction": "left", "showactive": False, "x": 0.0,
            "y": -paper(62 * scale), "xanchor": "left", "yanchor": "top",
            "pad": {"t": 92 * scale, "r": 10}, "font": {"size": fs},
            "buttons": [
                {"label": tr_("fig.scr.play", lang), "method": "animate",
                 "args": [None, {"frame": {"duration": 150, "redraw": False},
                                 "fromcurrent": True, "transition": {"duration": 0}}]},
                {"label": tr_("fig.scr.pause", lang), "method": "animate",
                 "args": [[None], {"frame": {"duration": 0, "redraw": False},
                                   "mode": "immediate", "transition": {"duration": 0}}]},
            ],
        }],
    )
    return LabFigure({"data": data, "layout": layout, "frames": frames})
