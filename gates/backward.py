"""Backpropagation through time by hand, in NumPy.

``backward(trace, grad_output)`` differentiates ``L = sum(trace.output * grad_output)``
with respect to the input, every weight and bias, and every hidden (and LSTM cell)
state, from the gates a :class:`~gates.trace.Trace` recorded. Nothing is recomputed
through the cell functions: every local derivative is written in terms of recorded
gates, so the forward pass and this file only have to agree on the equations below.

Notation (one layer, one direction, in processing order s = 0..L-1; the reverse
direction processes input steps L-1..0, so it is run here on time-reversed arrays)::

    h_prev = h_{s-1} (h_0 at s = 0),  dh = dL/dh_s (total),  a_* = preactivation
    sigma'(a) = y (1 - y)  for y = sigma(a),   tanh'(a) = 1 - y^2  for y = tanh(a)

The total derivative of one step is ``dh = dy_s + (carry from step s+1)``, where
``dy_s`` is what the layer above (or ``grad_output``) sends to ``h_s``. Each step turns
``dh`` into the gate-preactivation gradients ``dA_s`` (G*H wide, torch's gate order)
and the carry for step s-1. Weight gradients are not touched inside the loop: the
``dA_s`` are stacked in an ``(L, B, G*H)`` buffer and each weight gets one matmul
afterwards, ``dW_ih = dA^T x``, ``dW_hh = dA^T h_prev``, ``db = sum_s,b dA``, and the
input gradient ``dx = dA @ W_ih`` (summed over both directions) is what the layer
below receives as its ``dy``.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from gates.kinds import param_shapes

Array = NDArray[np.float64]

__all__ = ["Gradients", "backward"]


@dataclass(frozen=True)
class Gradients:
    """What :func:`backward` returns.

    Attributes:
        input:  dL/dx, the shape of the traced ``x`` (batch_first and unbatched respected).
        params: dL/dW, keyed and shaped like ``net.state_dict()`` (torch's names).
        h_0:    dL/dh_0, shaped like the ``hx`` the net takes: ``(num_layers*D, B, H)``,
                or ``(num_layers*D, H)`` unbatched.
        c_0:    dL/dc_0 for an LSTM (same shape as ``h_0``), else None.
    """

    input: Array
    params: dict[str, Array]
    h_0: Array
    c_0: Array | None
    batched: bool = field(repr=False)
    num_layers: int = field(repr=False)
    num_directions: int = field(repr=False)
    dh: dict[tuple[int, int], Array] = field(repr=False)
    dc: dict[tuple[int, int], Array] | None = field(repr=False)

    def hidden(self, layer: int = 0, direction: int = 0) -> Array:
        """dL/dh_t of that layer and direction, total over every path.

        Returns ``(L, hidden_size)`` unbatched or ``(L, B, hidden_size)`` batched,
        time-major, row t belonging to input step t (for direction 1 too).
        """
        return self._public(self.dh[self._key(layer, direction)])

    def cell(self, layer: int = 0, direction: int = 0) -> Array:
        """dL/dc_t of an LSTM's cell state, total over every path; same layout as hidden()."""
        if self.dc is None:
            raise ValueError("cell(): expected an LSTM trace, given one without a cell state")
        return self._public(self.dc[self._key(layer, direction)])

    def _public(self, a: Array) -> Array:
        return a.copy() if self.batched else a[:, 0, :].copy()

    def _key(self, layer: int, direction: int) -> tuple[int, int]:
        layer = _index(layer, "layer")
        direction = _index(direction, "direction")
        if not 0 <= layer < self.num_layers:
            raise ValueError(
                f"layer: expected an integer in 0..{self.num_layers - 1}, given {layer}"
            )
        if not 0 <= direction < self.num_directions:
            allowed = "0 or 1" if self.num_directions == 2 else "0 (the net is not bidirectional)"
            raise ValueError(f"direction: expected {allowed}, given {direction}")
        return layer, direction


class _DirectionGrads(NamedTuple):
    """Gradients of one layer and direction; time axes in input-time order."""

    dx: Array  # (L, B, in_l)
    weight_ih: Array
    weight_hh: Array
    bias_ih: Array
    bias_hh: Array
    dh: Array  # (L, B, H) total dL/dh_t
    dc: Array | None  # (L, B, H) total dL/dc_t (LSTM)
    dh0: Array  # (B, H)
    dc0: Array | None


def _check_grad_output(tr: Any, grad_output: Any) -> Array:
    """``grad_output`` as float64, or ValueError: a sweep trace, a wrong shape, not real
    numbers, not finite."""
    if getattr(tr, "variants", None) is not None:
        raise ValueError(
            "trace: expected the trace of one network (net.trace), "
            f"given a sweep trace of {tr.variants} weight variants"
        )
    out_shape = tuple(np.shape(tr.output))
    go = _as_array(grad_output)
    if go.shape != out_shape:
        raise ValueError(
            f"grad_output: expected shape {out_shape} (the shape of trace.output), given {go.shape}"
        )
    if not np.issubdtype(go.dtype, np.number) or np.iscomplexobj(go):
        raise ValueError(f"grad_output: expected real numbers, given dtype {go.dtype}")
    go = go.astype(np.float64, copy=False)
    if not np.all(np.isfinite(go)):
        raise ValueError("grad_output: expected finite values, given NaN or inf")
    return go


def backward(tr: Any, grad_output: Any) -> Gradients:
    """Backpropagate ``grad_output`` through a recorded forward pass.

    Args:
        tr: a Trace from ``net.trace(x, hx)``.
        grad_output: dL/d(output), the shape of ``tr.output`` (NumPy array or CPU tensor).

    Returns:
        Gradients of ``L = sum(tr.output * grad_output)``; ``g.input`` and ``g.params``
        equal torch autograd's ``x.grad`` and parameter ``.grad`` after
        ``output.backward(grad_output)``.

    Raises:
        ValueError: grad_output has the wrong shape or non-finite values, or ``tr`` is
            a sweep trace (several weight variants).
    """
    go = _check_grad_output(tr, grad_output)
    cfg = tr.config
    # internal layout: time-major with a batch axis
    if not tr.batched:
        dy = go[:, None, :]
    elif cfg.batch_first:
        dy = go.transpose(1, 0, 2)
    else:
        dy = go

    kind = tr.kind
    num_layers = cfg.num_layers
    num_dirs = 2 if cfg.bidirectional else 1
    hsz = cfg.hidden_size
    params: dict[str, Array] = {}
    dh_all: dict[tuple[int, int], Array] = {}
    dc_all: dict[tuple[int, int], Array] = {}
    h0_grads: list[Array] = [np.empty(0)] * (num_layers * num_dirs)
    c0_grads: list[Array] = [np.empty(0)] * (num_layers * num_dirs)

    for layer in reversed(range(num_layers)):
        dx_layer: Array | None = None
        for d in range(num_dirs):
            rec = tr.records[(layer, d)]
            res = _direction_backward(kind, cfg, rec, dy[:, :, d * hsz : (d + 1) * hsz], d == 1)
            suffix = f"_l{layer}" + ("_reverse" if d else "")
            params["weight_ih" + suffix] = res.weight_ih
            params["weight_hh" + suffix] = res.weight_hh
            if cfg.bias:
                params["bias_ih" + suffix] = res.bias_ih
                params["bias_hh" + suffix] = res.bias_hh
            dh_all[(layer, d)] = res.dh
            h0_grads[layer * num_dirs + d] = res.dh0
            if res.dc is not None and res.dc0 is not None:
                dc_all[(layer, d)] = res.dc
                c0_grads[layer * num_dirs + d] = res.dc0
            dx_layer = res.dx if dx_layer is None else dx_layer + res.dx
        assert dx_layer is not None
        dy = dx_layer

    # state_dict order (the registry's: layer by layer, forward before reverse)
    ordered = {name: params[name] for name in param_shapes(
        kind, cfg.input_size, hsz, num_layers, cfg.bidirectional, cfg.bias)}

    if not tr.batched:
        dx_public = dy[:, 0, :]
    elif cfg.batch_first:
        dx_public = dy.transpose(1, 0, 2)
    else:
        dx_public = dy
    dx_public = np.ascontiguousarray(dx_public).reshape(tuple(tr.x_shape))

    h_0 = np.stack(h0_grads)
    c_0 = np.stack(c0_grads) if kind == "lstm" else None
    if not tr.batched:
        h_0 = h_0[:, 0, :]
        c_0 = None if c_0 is None else c_0[:, 0, :]
    return Gradients(
        input=dx_public,
        params=ordered,
        h_0=h_0,
        c_0=c_0,
        batched=bool(tr.batched),
        num_layers=num_layers,
        num_directions=num_dirs,
        dh=dh_all,
        dc=dc_all if kind == "lstm" else None,
    )


def _direction_backward(kind: str, cfg: Any, rec: Any, dy: Array, reverse: bool) -> _DirectionGrads:
    """BPTT through one layer and direction; ``dy`` (L, B, H) in input-time order."""
    x = np.asarray(rec.x, dtype=np.float64)
    gates = {k: np.asarray(v, dtype=np.float64) for k, v in rec.gates.items()}
    if reverse:  # processing order = reversed input order
        x = x[::-1]
        dy = dy[::-1]
        gates = {k: v[::-1] for k, v in gates.items()}
    h0 = np.asarray(rec.h0, dtype=np.float64)
    h = gates["hidden"]
    h_prev = np.concatenate([h0[None], h[:-1]])
    w_hh = np.asarray(rec.weight_hh, dtype=np.float64)
    c_out: tuple[Array, Array] | None = None

    if kind == "rnn":
        da, dh, dh0 = _rnn_steps(h, dy, w_hh, cfg.nonlinearity == "relu")
        da_ih = da_hh = da
        hh_in = h_prev
    elif kind == "gru" and cfg.reset_after:
        b_hh = np.asarray(rec.bias_hh, dtype=np.float64)
        da_ih, da_hh, dh, dh0 = _gru_steps(gates, h_prev, dy, w_hh, b_hh)
        hh_in = h_prev
    elif kind == "gru":
        da, dh, dh0 = _gru_cho_steps(gates, h_prev, dy, w_hh)
        da_ih = da_hh = da
        hh_in = None  # n block reads r * h_prev; handled below
    elif kind == "lstm":
        c0 = np.asarray(rec.c0, dtype=np.float64)
        da, dh, dc, dh0, dc0 = _lstm_steps(gates, h_prev, c0, dy, w_hh)
        da_ih = da_hh = da
        hh_in = h_prev
        c_out = (dc, dc0)
    else:
        raise ValueError(f"trace.kind: expected 'rnn', 'gru' or 'lstm', given {kind!r}")

    n_steps, batch, gh = da_ih.shape
    hsz = h.shape[-1]
    a_ih = da_ih.reshape(-1, gh)
    a_hh = da_hh.reshape(-1, gh)
    x2 = x.reshape(n_steps * batch, -1)
    dw_ih = a_ih.T @ x2
    if hh_in is not None:
        dw_hh = a_hh.T @ hh_in.reshape(-1, hsz)
    else:  # Cho's GRU: W_hr, W_hz read h_prev, W_hn reads r * h_prev
        hp2 = h_prev.reshape(-1, hsz)
        rh2 = (gates["reset"] * h_prev).reshape(-1, hsz)
        dw_hh = np.concatenate([a_hh[:, : 2 * hsz].T @ hp2, a_hh[:, 2 * hsz :].T @ rh2])
    db_ih = a_ih.sum(axis=0)
    db_hh = db_ih if da_hh is da_ih else a_hh.sum(axis=0)
    dx = da_ih @ np.asarray(rec.weight_ih, dtype=np.float64)

    if reverse:
        dx, dh = dx[::-1], dh[::-1]
        if c_out is not None:
            c_out = (c_out[0][::-1], c_out[1])
    return _DirectionGrads(
        dx=dx,
        weight_ih=dw_ih,
        weight_hh=dw_hh,
        bias_ih=db_ih,
        bias_hh=db_hh.copy() if db_hh is db_ih else db_hh,
        dh=dh,
        dc=None if c_out is None else c_out[0],
        dh0=dh0,
        dc0=None if c_out is None else c_out[1],
    )


def _rnn_steps(h: Array, dy: Array, w_hh: Array, relu: bool) -> tuple[Array, Array, Array]:
    """Elman RNN, ``h_s = act(a_s)``, ``a_s = W_ih x_s + b_ih + W_hh h_{s-1} + b_hh``::

        dh_s     = dy_s + da_{s+1} @ W_hh        (total dL/dh_s)
        da_s     = dh_s * act'(a_s)              tanh: 1 - h_s^2;  relu: [h_s > 0]

    Returns da (L, B, H), dh (L, B, H), dL/dh_0 (B, H).
    """
    n_steps, batch, hsz = h.shape
    dact = (h > 0).astype(np.float64) if relu else 1.0 - h * h
    da = np.empty((n_steps, batch, hsz))
    dh = np.empty((n_steps, batch, hsz))
    carry = np.zeros((batch, hsz))
    for s in range(n_steps - 1, -1, -1):
        dh_s = np.add(dy[s], carry, out=dh[s])
        carry = np.multiply(dh_s, dact[s], out=da[s]) @ w_hh
    return da, dh, carry


def _gru_steps(
    gates: dict[str, Array], h_prev: Array, dy: Array, w_hh: Array, b_hh: Array
) -> tuple[Array, Array, Array, Array]:
    """GRU as torch computes it (reset_after=True)::

        r  = sigma(W_ir x + b_ir + W_hr h_prev + b_hr)
        z  = sigma(W_iz x + b_iz + W_hz h_prev + b_hz)
        n  = tanh(W_in x + b_in + r * hn),   hn = W_hn h_prev + b_hn
        h  = (1 - z) * n + z * h_prev

    Backward, with dh the total dL/dh_s::

        da_n = dh * (1 - z) * (1 - n^2)
        da_z = dh * (h_prev - n) * z (1 - z)
        da_r = da_n * hn * r (1 - r)
        dh_prev = dh * z + [da_r, da_z, r * da_n] @ W_hh

    Every factor after ``dh`` is known from the trace, so a step is ``dh`` times a
    precomputed (B, 3, H) block. W_hh's n block sees ``r * da_n``; W_ih's sees ``da_n``.

    Returns dA_ih (L, B, 3H), dA_hh (L, B, 3H), dh (L, B, H), dL/dh_0 (B, H).
    """
    r, z, n = gates["reset"], gates["update"], gates["candidate"]
    n_steps, batch, hsz = r.shape
    hn = h_prev @ w_hh[2 * hsz :].T + b_hh[2 * hsz :]
    k_n = (1.0 - z) * (1.0 - n * n)
    k_z = (h_prev - n) * z * (1.0 - z)
    k_r = k_n * hn * r * (1.0 - r)
    k_hh = np.stack([k_r, k_z, k_n * r], axis=2)  # (L, B, 3, H)
    da_hh = np.empty((n_steps, batch, 3, hsz))
    dh = np.empty((n_steps, batch, hsz))
    carry = np.zeros((batch, hsz))
    for s in range(n_steps - 1, -1, -1):
        dh_s = np.add(dy[s], carry, out=dh[s])
        np.multiply(dh_s[:, None, :], k_hh[s], out=da_hh[s])
        carry = da_hh[s].reshape(batch, 3 * hsz) @ w_hh
        carry += dh_s * z[s]
    da_ih = da_hh.copy()
    da_ih[:, :, 2] = dh * k_n
    return (
        da_ih.reshape(n_steps, batch, 3 * hsz),
        da_hh.reshape(n_steps, batch, 3 * hsz),
        dh,
        carry,
    )


def _gru_cho_steps(
    gates: dict[str, Array], h_prev: Array, dy: Array, w_hh: Array
) -> tuple[Array, Array, Array]:
    """GRU of Cho et al. 2014 (reset_after=False), reset applied before W_hn::

        n  = tanh(W_in x + b_in + W_hn (r * h_prev) + b_hn)   (r, z, h as in torch's GRU)

    Backward, with dh the total dL/dh_s::

        da_n  = dh * (1 - z) * (1 - n^2)
        da_z  = dh * (h_prev - n) * z (1 - z)
        d(rh) = da_n @ W_hn
        da_r  = d(rh) * h_prev * r (1 - r)
        dh_prev = dh * z + d(rh) * r + [da_r, da_z] @ [W_hr; W_hz]

    W_ih and W_hh see the same dA = [da_r, da_z, da_n]; W_hn's input is r * h_prev.

    Returns dA (L, B, 3H), dh (L, B, H), dL/dh_0 (B, H).
    """
    r, z, n = gates["reset"], gates["update"], gates["candidate"]
    n_steps, batch, hsz = r.shape
    k_zn = np.stack([(h_prev - n) * z * (1.0 - z), (1.0 - z) * (1.0 - n * n)], axis=2)
    k_r = h_prev * r * (1.0 - r)
    w_hn = np.ascontiguousarray(w_hh[2 * hsz :])
    w_rz0 = w_hh.copy()
    w_rz0[2 * hsz :] = 0.0  # the n block is carried through d(rh) instead
    da = np.empty((n_steps, batch, 3, hsz))
    dh = np.empty((n_steps, batch, hsz))
    carry = np.zeros((batch, hsz))
    for s in range(n_steps - 1, -1, -1):
        dh_s = np.add(dy[s], carry, out=dh[s])
        da_s = da[s]
        np.multiply(dh_s[:, None, :], k_zn[s], out=da_s[:, 1:])
        d_rh = da_s[:, 2] @ w_hn
        np.multiply(d_rh, k_r[s], out=da_s[:, 0])
        carry = da_s.reshape(batch, 3 * hsz) @ w_rz0
        carry += dh_s * z[s]
        carry += d_rh * r[s]
    return da.reshape(n_steps, batch, 3 * hsz), dh, carry


def _lstm_steps(
    gates: dict[str, Array], h_prev: Array, c0: Array, dy: Array, w_hh: Array
) -> tuple[Array, Array, Array, Array, Array]:
    """LSTM::

        i = sigma(a_i), f = sigma(a_f), g = tanh(a_g), o = sigma(a_o)
        a_* = W_i* x + b_i* + W_h* h_prev + b_h*
        c = f * c_prev + i * g
        h = o * tanh(c)

    Backward, with dh the total dL/dh_s and dc_next = dL/dc_{s} via c_{s+1}::

        dc   = dc_next + dh * o * (1 - tanh(c)^2)      (total dL/dc_s)
        da_i = dc * g * i (1 - i)
        da_f = dc * c_prev * f (1 - f)
        da_g = dc * i * (1 - g^2)
        da_o = dh * tanh(c) * o (1 - o)
        dc_prev = dc * f,   dh_prev = [da_i, da_f, da_g, da_o] @ W_hh

    Returns dA (L, B, 4H), dh (L, B, H), dc (L, B, H), dL/dh_0, dL/dc_0 (B, H).
    """
    i, f, g, o, c = (gates[k] for k in ("input", "forget", "candidate", "output", "cell"))
    n_steps, batch, hsz = c.shape
    c_prev = np.concatenate([c0[None], c[:-1]])
    tc = np.tanh(c)
    k_c = o * (1.0 - tc * tc)
    k_ifg = np.stack([g * i * (1.0 - i), c_prev * f * (1.0 - f), i * (1.0 - g * g)], axis=2)
    k_o = tc * o * (1.0 - o)
    da = np.empty((n_steps, batch, 4, hsz))
    dh = np.empty((n_steps, batch, hsz))
    dc = np.empty((n_steps, batch, hsz))
    carry_h = np.zeros((batch, hsz))
    carry_c = np.zeros((batch, hsz))
    for s in range(n_steps - 1, -1, -1):
        dh_s = np.add(dy[s], carry_h, out=dh[s])
        dc_s = np.multiply(dh_s, k_c[s], out=dc[s])
        dc_s += carry_c
        da_s = da[s]
        np.multiply(dc_s[:, None, :], k_ifg[s], out=da_s[:, :3])
        np.multiply(dh_s, k_o[s], out=da_s[:, 3])
        carry_c = dc_s * f[s]
        carry_h = da_s.reshape(batch, 4 * hsz) @ w_hh
    return da.reshape(n_steps, batch, 4 * hsz), dh, dc, carry_h, carry_c


def _as_array(value: Any) -> np.ndarray:
    if hasattr(value, "detach") and hasattr(
        value, "cpu"
    ):  # a torch tensor, without importing torch
        value = value.detach().cpu().numpy()
    return np.asarray(value)


def _index(value: Any, name: str) -> int:
    if isinstance(value, bool):
        raise ValueError(f"{name}: expected an integer, given {value!r}")
    try:
        return operator.index(value)
    except TypeError:
        raise ValueError(f"{name}: expected an integer, given {value!r}") from None
