"""One time step of the torch cells as standalone functions of (input projection, state,
weights): a notebook's way to run one step by hand.

The engine's steps themselves are the kinds' (``gates.kind_rnn.rnn_step``,
``kind_gru.gru_step``, ``kind_lstm.lstm_step``, ``kind_mgu.mgu_step``), which work on
exp arguments (see gates/kind_base.py); these wrappers bring plain pre-activations to
that form and call them, so every step is written once.

Layout: gate blocks are **block-major**: a cell with G gate blocks of width H takes the
step's input projection ``xp`` as ``(G, ..., H)`` and returns its gates as ``(..., H)``
arrays. The recurrent weights come transposed, ``w_hhT = W_hh^T`` of shape ``(H, G*H)``.
The inputs are never modified.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from gates.kind_base import ACTIVATIONS, SHARED, relu, tanh
from gates.kind_gru import AFTER, BEFORE, gru_step
from gates.kind_lstm import lstm_step, step_plan
from gates.kind_rnn import rnn_step
from gates.kinds import get_kind

Array = NDArray[np.float64]

__all__ = ["ACTIVATIONS", "gru_cell", "lstm_cell", "relu", "rnn_cell", "sigmoid", "tanh"]

# 0-d arrays: ufuncs take them faster than Python floats. exp(700) ~ 1e304 is finite.
_ONE = np.array(1.0)
_EXP_LIMIT = np.array(700.0)


def sigmoid(x: Array, out: Array | None = None) -> Array:
    """sigma(x) = 1 / (1 + exp(-x)), with -x capped at 700 so exp cannot overflow.

    Capping changes nothing representable in practice (sigma(-700) ~ 1e-304), and any
    finite x gives a value in [0, 1] without warnings (exp(-x) may underflow to 0).
    """
    out = np.negative(x, out=out)
    np.minimum(out, _EXP_LIMIT, out=out)
    np.exp(out, out=out)
    out += _ONE
    return np.reciprocal(out, out=out)


def _rows(h: Array) -> Array:
    """h with one leading batch axis, as the steps take it."""
    return np.asarray(h, dtype=np.float64).reshape(-1, np.shape(h)[-1])


def rnn_cell(xp: Array, h: Array, w_hhT: Array,
             nonlinearity: str = "tanh") -> tuple[Array, Array]:
    """Elman step: ``a = xp + W_hh h`` (xp = W_ih x + b_ih + b_hh, (1, ..., H)),
    ``h' = tanh(a)`` (or relu). Returns (a, h'), each shaped like h."""
    shape = np.shape(h)
    g = np.array(xp, dtype=np.float64).reshape(1, -1, shape[-1])
    h_next = np.empty(g.shape[1:])
    rnn_step(g, _rows(h), h_next, SHARED.product(np.asarray(w_hhT).T), nonlinearity)
    return g[0].reshape(shape), h_next.reshape(shape)


def gru_cell(xp: Array, h: Array, w_hhT: Array, b_hh: Array,
             reset_after: bool = True) -> tuple[Array, Array, Array, Array]:
    """GRU step (equations in gates/kind_gru.py). xp: (3, ..., H) ``W_ih x + b_ih``,
    blocks r, z, n; w_hhT (H, 3H); b_hh broadcastable to (3, ..., H).
    Returns (r, z, n, h'), each shaped like h."""
    shape = np.shape(h)
    H = shape[-1]
    kind = get_kind("gru")
    scale = kind.block_scale(1)[:, None, None]
    b = np.broadcast_to(b_hh, np.shape(xp)).reshape(3, -1, H)
    g = np.array(xp, dtype=np.float64).reshape(3, -1, H) + b
    if reset_after:
        g[2] -= b[2]  # b_hn goes inside r * (W_hn h + b_hn)
    g *= scale
    w_hh = np.asarray(w_hhT, dtype=np.float64).T * kind.block_scale(H)[:, None]
    hr = _rows(h)
    h_next = np.empty(hr.shape)
    if reset_after:
        gru_step(g, hr, h_next, SHARED.product(w_hh), AFTER, b_hn=b[2] * scale[2])
    else:
        gru_step(g, hr, h_next, SHARED.product(w_hh[:2 * H]), BEFORE,
                 product_n=SHARED.product(w_hh[2 * H:]))
    r, z, n = (a.reshape(shape) for a in g)
    return r, z, n, h_next.reshape(shape)


def lstm_cell(xp: Array, h: Array, c: Array,
              w_hhT: Array) -> tuple[Array, Array, Array, Array, Array, Array]:
    """LSTM step (equations in gates/kind_lstm.py). xp: (4, ..., H)
    ``W_ih x + b_ih + b_hh``, blocks **i, f, o, g** (the sigmoid gates first), w_hhT
    (H, 4H) with column blocks i, f, o, g. Returns (i, f, g, o, c', h'), each shaped like h."""
    shape = np.shape(h)
    H = shape[-1]
    kind = get_kind("lstm")
    to_torch = [0, 1, 3, 2]  # i, f, o, g -> torch's i, f, g, o
    g = np.array(xp, dtype=np.float64).reshape(4, -1, H)[to_torch]
    g *= kind.block_scale(1)[:, None, None]
    w_hh = np.asarray(w_hhT, dtype=np.float64).T.reshape(4, H, H)[to_torch].reshape(4 * H, H)
    w_hh = w_hh * kind.block_scale(H)[:, None]
    hr = _rows(h)
    h_next, c_next, tmp = np.empty(hr.shape), np.empty(hr.shape), np.empty(hr.shape)
    with np.errstate(over="ignore"):
        lstm_step(g, hr, _rows(c), h_next, c_next, SHARED.product(w_hh),
                  step_plan(kind, hr.shape), tmp)
    i, f, gg, o = (a.reshape(shape) for a in g)
    return i, f, gg, o, c_next.reshape(shape), h_next.reshape(shape)
