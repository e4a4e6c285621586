"""The scrubber's numbers: what one step of a trace computed, and its equations.

:func:`scrubber_info` gives the numbers of one step (what the tests check); the drawing
is in :mod:`gates_lab.figures.scrubber_diagram` and :mod:`gates_lab.figures.scrubber`. No Streamlit
and no Plotly here.
"""

from __future__ import annotations

import ast
import functools
import string
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np

from gates.kinds import get_kind
from gates_lab.figures.common import series, tokens_for
from gates_lab.kind_view import Cfg, block_name, variant_of, view_of
from gates_lab.mathhtml import MINUS, NBSP, latex_html, sub

__all__ = ["MAX_FRAMES", "MAX_UNITS", "ScrubberInfo", "scrubber_info"]

MAX_FRAMES = 200  #: longer sequences are shown at evenly spaced steps
MAX_UNITS = 4  #: value rows per box

#: Symbols of the boxes that are no trace name.
SYMBOL: dict[str, str] = {"h_prev": "h", "c_prev": "c", "x": "x"}


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


_sub = sub


def _cfg(trace: Any, textbook_update: bool) -> Cfg:
    config = trace.config
    return Cfg(bool(getattr(config, "reset_after", True)),
               str(getattr(config, "nonlinearity", "tanh")), textbook_update)


def _block_names(trace: Any) -> tuple[str, ...]:
    """The trace names of the gate blocks stacked in the weights, in order."""
    kind = get_kind(trace.kind, variant_of(trace))
    return tuple(getattr(kind, "block_names", None) or map(block_name, kind.blocks))


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
    carries_c = "cell" in every
    c0 = np.zeros(size) if carries_c else None
    if record is not None:
        row = min(batch, record.x.shape[1] - 1) if batched else 0
        x_t = np.asarray(record.x[t, row] if batched else record.x[t], dtype=float)
        h0 = np.asarray(record.h0[row] if record.h0.ndim == 2 else record.h0, dtype=float)
        if record.c0 is not None:
            c0 = np.asarray(record.c0[row] if record.c0.ndim == 2 else record.c0, dtype=float)
    h_prev = h0 if first else hidden[prev]
    c_prev = None
    if carries_c:
        c_prev = c0 if first else every["cell"][prev]
    return x_t, h_prev, c_prev, record


#: A peephole LSTM's record: gate trace name -> its weight vector in ``record.extras``.
PEEPHOLES = {"input": "weight_ci", "forget": "weight_cf", "output": "weight_co"}


def _weights(record: Any, batch: int) -> tuple[Any, ...] | None:
    """weight_ih, weight_hh, bias_ih, bias_hh and {gate: peephole vector} of a record."""
    if record is None:
        return None
    arrays = [np.asarray(getattr(record, name), dtype=float)
              for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")]
    extras = getattr(record, "extras", None) or {}
    peep = {gate: np.asarray(extras[key], dtype=float)
            for gate, key in PEEPHOLES.items() if key in extras}
    if arrays[0].ndim == 3:  # a sweep trace: one weight variant per batch row
        arrays = [a[batch] for a in arrays]
        peep = {g: p[batch] if p.ndim == 2 else p for g, p in peep.items()}
    return (*arrays, peep)


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
             textbook_update: bool, unit: int, weights: tuple[Any, ...] | None,
             equations: bool = True) -> ScrubberInfo:
    """:func:`scrubber_info` with the series, tick labels and weights read once for all
    steps; ``equations=False`` leaves its equations empty (a figure that does not draw
    them: filling them is most of the work)."""
    kind = trace.kind
    v = view_of(trace)
    length, size = every["hidden"].shape
    unit = min(max(unit, 0), size - 1)
    shown = min(size, MAX_UNITS)
    x_t, h_prev, c_prev, record = _step_inputs(trace, t, layer, direction, batch, every)
    full = {name: values[t] for name, values in every.items()}
    pre_x: dict[str, np.ndarray] = {}
    pre_h: dict[str, np.ndarray] = {}
    pre_p: dict[str, np.ndarray] = {}
    weights = weights if x_t is not None else None
    if weights is not None:
        w_ih, w_hh, b_ih, b_hh = weights[:4]
        gated = v.gated_h(_cfg(trace, textbook_update))
        for j, name in enumerate(_block_names(trace)):
            rows = slice(j * size, (j + 1) * size)
            pre_x[name] = w_ih[rows] @ x_t + b_ih[rows]
            h_in = full[gated[name]] * h_prev if name in gated else h_prev
            pre_h[name] = w_hh[rows] @ h_in + b_hh[rows]
        for name, p in weights[4].items():  # peepholes: p ⊙ c_{t-1} (output: p ⊙ c_t)
            c_seen = full["cell"] if name == "output" else c_prev
            if c_seen is not None:
                pre_p[name] = p * c_seen

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
    if not equations:
        return info
    eqs = _equations(trace, unit, full, pre_x, pre_h, pre_p, h_prev, c_prev, textbook_update)
    return info._replace(equations=eqs)


@functools.lru_cache(maxsize=1024)
def _parsed(expr: str) -> ast.Expression:
    """A template's expression parsed once (a long scrubber fills it at every frame)."""
    return ast.parse(expr, mode="eval")


@functools.lru_cache(maxsize=1024)
def _pieces(template: str) -> tuple[tuple[str, str | None, str | None], ...]:
    """A template's literal text, expression and format spec, in order, parsed once."""
    return tuple((literal, expr, spec) for literal, expr, spec, _ in
                 string.Formatter().parse(template))


def _value(expr: str, values: dict[str, float]) -> float:
    """The number of a template's expression: names of the step's values (``forget``,
    ``candidate.x``, ``h_prev``), numbers, + - *, and tanh (see kind_view.Line)."""

    def ev(node: ast.AST) -> float:
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return float(node.value)
        if isinstance(node, ast.Name):
            return values[node.id]
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            return values[f"{node.value.id}.{node.attr}"]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -ev(node.operand)
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult)):
            a, b = ev(node.left), ev(node.right)
            return a + b if isinstance(node.op, ast.Add) else a - b if \
                isinstance(node.op, ast.Sub) else a * b
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id == "tanh" and len(node.args) == 1):
            return float(np.tanh(ev(node.args[0])))
        raise ValueError(f"a scrubber template cannot compute {ast.dump(node)}")

    return ev(_parsed(expr))


def fill(template: str, values: dict[str, float]) -> str:
    """A kind_view.Line's numbers with the step's values (KeyError: a value it needs,
    such as a gate's weighted input, is not known)."""
    out = []
    for literal, expr, spec in _pieces(template):
        out.append(literal)
        if expr is None:
            continue
        v = _value(expr, values)
        out.append(_paren(v) if spec == "p" else
                   (f" {MINUS} {_num(abs(v))}" if _num(v).startswith(MINUS) else f" + {_num(v)}")
                   if spec == "+" else _num(v))
    return "".join(out)


def _symbolic(latex: str) -> str:
    """An equation as HTML, its left-hand side in bold."""
    lhs, eq, rhs = latex_html(latex).partition(" = ")
    return f"<b>{lhs}</b>{eq}{rhs}"


def _equations(trace: Any, u: int, full: dict[str, np.ndarray], pre_x: dict[str, np.ndarray],
               pre_h: dict[str, np.ndarray], pre_p: dict[str, np.ndarray], h_prev: np.ndarray,
               c_prev: np.ndarray | None, textbook_update: bool) -> tuple[str, ...]:
    """Display lines (symbolic, then ``= numbers``) for unit ``u``, from the kind's
    equations in the lab's table (gates_lab/kind_view.py)."""
    values = {name: float(arr[u]) for name, arr in full.items()}
    values["h_prev"] = float(h_prev[u])
    values["c_prev"] = float(c_prev[u]) if c_prev is not None else 0.0
    for suffix, terms in (("x", pre_x), ("h", pre_h), ("p", pre_p)):
        values.update({f"{name}.{suffix}": float(arr[u]) for name, arr in terms.items()})
    pad = NBSP * 6
    out: list[str] = []
    for line in view_of(trace).lines(_cfg(trace, textbook_update)):
        try:
            numbers = fill(line.numbers, values)
        except KeyError:  # no weights recorded: the value alone
            numbers = f"= <b>{_num(values[line.lhs])}</b>"
        out.extend((_symbolic(line.latex), pad + numbers))
    return tuple(out)
