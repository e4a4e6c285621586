"""The scrubber's numbers: what one step of a trace computed, and its equations.

:func:`scrubber_info` gives the numbers of one step (what the tests check); the drawing
is in :mod:`lab.figures.scrubber_diagram` and :mod:`lab.figures.scrubber`. No Streamlit
and no Plotly here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np

from gates.kinds import KINDS
from lab.figures.common import series, tokens_for

__all__ = ["MAX_FRAMES", "MAX_UNITS", "ScrubberInfo", "scrubber_info"]

MAX_FRAMES = 200  #: longer sequences are shown at evenly spaced steps
MAX_UNITS = 4  #: value rows per box

#: Trace names of the gate blocks of the stacked weights, torch's order (a kind's trace
#: names start with its blocks: GRU reset, update, candidate; RNN preactivation).
BLOCKS: dict[str, tuple[str, ...]] = {name: kind.names[:kind.gate_count]
                                      for name, kind in KINDS.items()}
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
