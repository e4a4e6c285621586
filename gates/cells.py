"""One time step of each cell kind, as pure functions of (input projection, state, weights).

Layout: gate blocks are **block-major**. A cell with G gate blocks of width H takes the
step's input projection ``xp`` as ``(G, ..., H)`` (``xp[k]`` is block k for every batch
row; the recorder computes ``W_ih x + b_ih`` for all steps in one matmul) and writes its
gates as ``(G, ..., H)``, so every gate, and every run of sigmoid gates, is one
contiguous array. ``...`` is the batch shape ``(B,)``.

The recurrent weights come transposed, ``w_hhT = W_hh^T`` of shape ``(H, G*H)``.
(``gates.sweep`` runs its weight variants with its own steps, same equations.)

For speed, ``out`` may hand in the buffers to write into (the recorder's rows for this
step); then nothing is allocated and the returned gates are views of those buffers.
The inputs are never modified.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

# 0-d arrays: ufuncs take them faster than Python floats. exp(700) ~ 1e304 is finite.
_ONE = np.array(1.0)
_EXP_LIMIT = np.array(700.0)


def sigmoid(x: Array, out: Array | None = None) -> Array:
    """sigma(x) = 1 / (1 + exp(-x)), with -x capped at 700 so exp cannot overflow.

    Capping changes nothing representable in practice (sigma(-700) ~ 1e-304), any finite
    x gives a value in [0, 1] without warnings (exp(-x) may underflow to 0, giving 1),
    and NumPy's exp is vectorised where its tanh is not, so this beats (1 + tanh(x/2))/2.
    """
    out = np.negative(x, out=out)
    np.minimum(out, _EXP_LIMIT, out=out)
    np.exp(out, out=out)
    out += _ONE
    return np.reciprocal(out, out=out)


def relu(x: Array, out: Array | None = None) -> Array:
    """relu(x) = max(x, 0)."""
    return np.maximum(x, 0.0, out=out)


def tanh(x: Array, out: Array | None = None) -> Array:
    return np.tanh(x, out=out)


ACTIVATIONS = {"tanh": tanh, "relu": relu}


def recurrent(h: Array, w_hhT: Array, out: Array) -> Array:
    """out[k] = h @ W_hh_k^T for every gate block k; out is (G, B, H), w_hhT (H, G*H).

    With a single batch row, (1, G*H) and (G, 1, H) are the same memory, and
    ``ndarray.dot`` is by far the cheapest call for one step's small product.
    """
    if h.shape[0] == 1:
        h.dot(w_hhT, out=out.reshape(1, -1))
        return out
    prod = h.dot(w_hhT)  # (B, G*H)
    np.copyto(out, prod.reshape(len(h), len(out), -1).transpose(1, 0, 2))
    return out


def block(w_hhT: Array, k: int, H: int) -> Array:
    """Gate block k of ``w_hhT``: its columns k*H .. (k+1)*H - 1."""
    return w_hhT[:, k * H:(k + 1) * H]


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
        xp: (1, ..., H) ``W_ih x + b_ih + b_hh`` for this step (both biases folded in).
        h:  (..., H) previous hidden state.
        w_hhT: ``W_hh^T`` (H, H).
        nonlinearity: "tanh" or "relu".
        out: optional buffers (a (1, ..., H), h_next (..., H)).

    Returns:
        (a, h_next), each (..., H).
    """
    a, h_next = out if out is not None else (np.empty(xp.shape), np.empty(h.shape))
    recurrent(h, w_hhT, a)
    a += xp
    ACTIVATIONS[nonlinearity](a[0], out=h_next)
    return a[0], h_next


def gru_cell(
    xp: Array,
    h: Array,
    w_hhT: Array,
    b_hh: Array,
    reset_after: bool = True,
    out: tuple[Array, Array, Array] | None = None,
) -> tuple[Array, Array, Array, Array]:
    """GRU step (torch.nn.GRU), gate blocks r, z, n::

        r  = sigma(W_ir x + b_ir + W_hr h + b_hr)                reset gate
        z  = sigma(W_iz x + b_iz + W_hz h + b_hz)                update gate
        n  = tanh(W_in x + b_in + r * (W_hn h + b_hn))           reset_after=True (torch)
        n  = tanh(W_in x + b_in + W_hn (r * h) + b_hn)           reset_after=False (Cho 2014)
        h' = (1 - z) * n + z * h

    Args:
        xp: (3, ..., H) ``W_ih x + b_ih`` for this step, blocks r, z, n.
        h:  (..., H) previous hidden state.
        w_hhT: ``W_hh^T`` (H, 3H), column blocks r, z, n.
        b_hh: (3, ..., H)-broadcastable recurrent bias, blocks r, z, n.
        reset_after: which candidate formula (above).
        out: optional buffers (gates (3, ..., H) written as r, z, n; h_next (..., H);
            scratch (3, ..., H)).

    Returns:
        (r, z, n, h_next), each (..., H).
    """
    if out is None:
        out = (np.empty(xp.shape), np.empty(h.shape), np.empty(xp.shape))
    gates, h_next, hh = out
    r, z, n = gates
    rz = gates[:2]
    if reset_after:
        recurrent(h, w_hhT, hh)
        hh += b_hh                                         # W_h h + b_h, every block
        sigmoid(np.add(xp[:2], hh[:2], out=rz), out=rz)
        np.add(xp[2], np.multiply(r, hh[2], out=n), out=n)
        np.tanh(n, out=n)                                  # n = tanh(x_n + r*(W_hn h + b_hn))
    else:
        recurrent(h, w_hhT, hh)                            # block n is recomputed below
        hh += b_hh
        sigmoid(np.add(xp[:2], hh[:2], out=rz), out=rz)
        np.matmul(np.multiply(r, h, out=n), block(w_hhT, 2, h.shape[-1]), out=hh[2])
        hh[2] += b_hh[2]
        np.tanh(np.add(xp[2], hh[2], out=n), out=n)        # n = tanh(x_n + W_hn(r*h) + b_hn)
    np.subtract(h, n, out=h_next)
    h_next *= z
    h_next += n                                            # h' = n + z*(h - n)
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
        xp: (4, ..., H) ``W_ih x + b_ih + b_hh`` for this step, blocks i, f, o, g.
        h, c: (..., H) previous hidden and cell state.
        w_hhT: ``W_hh^T`` (H, 4H), column blocks i, f, o, g.
        out: optional buffers (gates (4, ..., H) written as i, f, o, g; h_next; c_next;
            scratch (..., H)).

    Returns:
        (i, f, g, o, c_next, h_next), each (..., H).
    """
    if out is None:
        out = (np.empty(xp.shape), np.empty(h.shape), np.empty(h.shape), np.empty(h.shape))
    gates, h_next, c_next, ig = out
    i, f, o, g = gates
    ifo = gates[:3]
    recurrent(h, w_hhT, gates)
    gates += xp
    sigmoid(ifo, out=ifo)
    np.tanh(g, out=g)
    np.multiply(f, c, out=c_next)
    c_next += np.multiply(i, g, out=ig)                    # c' = f*c + i*g
    np.multiply(o, np.tanh(c_next, out=h_next), out=h_next)  # h' = o*tanh(c')
    return i, f, g, o, c_next, h_next
