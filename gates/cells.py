"""One time step of each cell kind, as pure functions of (input projection, state, weights).

Every cell takes the step's input projection ``xp`` already computed (the recorder does
``W_ih x + b_ih`` for all steps in one matmul), the previous state and the recurrent
weights **transposed** (``w_hhT = W_hh^T``, shape ``(H, G*H)``, or ``(V, H, G*H)`` with a
leading variant axis for sweeps, the state then being ``(V, 1, H)``). It returns every
gate and the new state. ``...`` in shapes is any batch shape.

For speed, ``out`` may hand in the buffers to write into (the recorder's rows for this
step); then nothing is allocated and the returned arrays are views of those buffers.
The inputs are never modified.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


_HALF = np.array(0.5)  # a 0-d array: ufuncs take it faster than a Python float


def sigmoid(x: Array, out: Array | None = None) -> Array:
    """sigma(x) = 1 / (1 + exp(-x)), computed as (1 + tanh(x / 2)) / 2.

    tanh saturates at +-1 instead of overflowing, so any finite x gives a value in [0, 1]
    without warnings.
    """
    out = np.multiply(x, _HALF, out=out)
    np.tanh(out, out=out)
    out *= _HALF
    out += _HALF
    return out


def relu(x: Array, out: Array | None = None) -> Array:
    """relu(x) = max(x, 0)."""
    return np.maximum(x, 0.0, out=out)


def tanh(x: Array, out: Array | None = None) -> Array:
    return np.tanh(x, out=out)


ACTIVATIONS = {"tanh": tanh, "relu": relu}


def recurrent(h: Array, w_hhT: Array, out: Array) -> Array:
    """out = h @ W_hh^T, broadcasting over a variant axis of w_hhT when there is one.

    ``ndarray.dot`` is by far the cheapest call for one step's small product, and
    faster still when w_hhT is the transposed view of torch's C-ordered W_hh.
    """
    if w_hhT.ndim == 2 and out.flags.c_contiguous:
        return h.dot(w_hhT, out=out)
    return np.matmul(h, w_hhT, out=out)


def rnn_cell(
    xp: Array,
    h: Array,
    w_hhT: Array,
    nonlinearity: str = "tanh",
    out: tuple[Array, Array] | None = None,
) -> tuple[Array, Array]:
    """Elman RNN step (torch.nn.RNN)::

        a  = W_ih x + b_ih + W_hh h + b_hh        preactivation
        h' = tanh(a)   (or relu(a))

    Args:
        xp: (..., H) ``W_ih x + b_ih + b_hh`` for this step (both biases folded in).
        h:  (..., H) previous hidden state.
        w_hhT: (H, H) ``W_hh^T``.
        nonlinearity: "tanh" or "relu".
        out: optional buffers (a, h_next).

    Returns:
        (a, h_next), each (..., H).
    """
    a, h_next = out if out is not None else (np.empty(xp.shape), np.empty(h.shape))
    recurrent(h, w_hhT, a)
    a += xp
    ACTIVATIONS[nonlinearity](a, out=h_next)
    return a, h_next


def gru_cell(
    xp: Array,
    h: Array,
    w_hhT: Array,
    b_hh: Array,
    reset_after: bool = True,
    out: tuple[Array, Array, Array] | None = None,
) -> tuple[Array, Array, Array, Array]:
    """GRU step (torch.nn.GRU), gate blocks stacked r, z, n::

        r  = sigma(W_ir x + b_ir + W_hr h + b_hr)                reset gate
        z  = sigma(W_iz x + b_iz + W_hz h + b_hz)                update gate
        n  = tanh(W_in x + b_in + r * (W_hn h + b_hn))           reset_after=True (torch)
        n  = tanh(W_in x + b_in + W_hn (r * h) + b_hn)           reset_after=False (Cho 2014)
        h' = (1 - z) * n + z * h

    Args:
        xp: (..., 3H) ``W_ih x + b_ih`` for this step, blocks r, z, n.
        h:  (..., H) previous hidden state.
        w_hhT: (H, 3H) ``W_hh^T``, column blocks r, z, n.
        b_hh: (3H,) recurrent bias, blocks r, z, n.
        reset_after: which candidate formula (above).
        out: optional buffers (gates (..., 3H) written as r|z|n, h_next (..., H),
            scratch (..., 3H)).

    Returns:
        (r, z, n, h_next), each (..., H).
    """
    H = h.shape[-1]
    rz, cand = slice(0, 2 * H), slice(2 * H, 3 * H)
    if out is None:
        out = (np.empty(xp.shape), np.empty(h.shape), np.empty(xp.shape))
    gates, h_next, hh = out
    r, z, n = gates[..., :H], gates[..., H:2 * H], gates[..., cand]
    if reset_after:
        recurrent(h, w_hhT, hh)
        hh += b_hh                                            # W_h h + b_h, all blocks
        sigmoid(np.add(xp[..., rz], hh[..., rz], out=gates[..., rz]), out=gates[..., rz])
        np.add(xp[..., cand], np.multiply(r, hh[..., cand], out=n), out=n)
        np.tanh(n, out=n)                                     # n = tanh(x_n + r*(W_hn h + b_hn))
    else:
        np.matmul(h, w_hhT[..., rz], out=hh[..., rz])
        np.add(hh[..., rz], b_hh[..., rz], out=hh[..., rz])
        sigmoid(np.add(xp[..., rz], hh[..., rz], out=gates[..., rz]), out=gates[..., rz])
        np.matmul(np.multiply(r, h, out=n), w_hhT[..., cand], out=hh[..., cand])
        np.add(xp[..., cand], hh[..., cand], out=n)
        np.add(n, b_hh[..., cand], out=n)
        np.tanh(n, out=n)                                     # n = tanh(x_n + W_hn(r*h) + b_hn)
    np.subtract(h, n, out=h_next)
    h_next *= z
    h_next += n                                               # h' = n + z*(h - n)
    return r, z, n, h_next


def lstm_cell(
    xp: Array,
    h: Array,
    c: Array,
    w_hhT: Array,
    out: tuple[Array, Array, Array, Array] | None = None,
) -> tuple[Array, Array, Array, Array, Array, Array]:
    """LSTM step (torch.nn.LSTM)::

        i  = sigma(W_ii x + b_ii + W_hi h + b_hi)      input gate
        f  = sigma(W_if x + b_if + W_hf h + b_hf)      forget gate
        g  = tanh(W_ig x + b_ig + W_hg h + b_hg)       candidate
        o  = sigma(W_io x + b_io + W_ho h + b_ho)      output gate
        c' = f * c + i * g
        h' = o * tanh(c')

    torch stacks the blocks i, f, g, o; this cell takes them **i, f, o, g** (the three
    sigmoid gates first, so one sigmoid call covers them). The recorder permutes the
    weights once per pass.

    Args:
        xp: (..., 4H) ``W_ih x + b_ih + b_hh`` for this step, blocks i, f, o, g.
        h, c: (..., H) previous hidden and cell state.
        w_hhT: (H, 4H) ``W_hh^T``, column blocks i, f, o, g.
        out: optional buffers (gates (..., 4H) written as i|f|o|g, h_next, c_next,
            scratch (..., H)).

    Returns:
        (i, f, g, o, c_next, h_next), each (..., H).
    """
    H = h.shape[-1]
    if out is None:
        out = (np.empty(xp.shape), np.empty(h.shape), np.empty(h.shape), np.empty(h.shape))
    gates, h_next, c_next, ig = out
    sig = slice(0, 3 * H)
    i, f, o, g = gates[..., :H], gates[..., H:2 * H], gates[..., 2 * H:3 * H], gates[..., 3 * H:]
    recurrent(h, w_hhT, gates)
    gates += xp
    sigmoid(gates[..., sig], out=gates[..., sig])
    np.tanh(g, out=g)
    np.multiply(f, c, out=c_next)
    c_next += np.multiply(i, g, out=ig)                       # c' = f*c + i*g
    np.multiply(o, np.tanh(c_next, out=h_next), out=h_next)   # h' = o*tanh(c')
    return i, f, g, o, c_next, h_next
