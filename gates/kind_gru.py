"""The gated recurrent unit (torch.nn.GRU) and its variant without a reset gate::

    r  = sigma(W_ir x + b_ir + W_hr h + b_hr)                reset gate
    z  = sigma(W_iz x + b_iz + W_hz h + b_hz)                update gate
    n  = tanh(W_in x + b_in + r * (W_hn h + b_hn))           reset_after=True (torch)
    n  = tanh(W_in x + b_in + W_hn (r * h) + b_hn)           reset_after=False (Cho 2014)
    h' = (1 - z) * n + z * h

``"no_reset"``: r is 1, no reset-gate weights (blocks z, n), so
``n = tanh(W_in x + b_in + W_hn h + b_hn)`` for either reset placement.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from gates.config import NetConfig
from gates.kind_base import (
    TANH_SCALE,
    Array,
    BackwardSteps,
    Kind,
    Layout,
    Product,
    RecWeights,
    by_block,
    exp_form,
    sigmoid_from,
    tanh_at,
    tanh_scale,
)

AFTER, BEFORE, NO_RESET = "after", "before", "none"  # where the reset gate acts


def gru_step(g: Array, h: Array, h_next: Array, product: Product, mode: str,
             product_n: Product | None = None, b_hn: Array | None = None,
             tmp: Array | None = None, n_scale: float = TANH_SCALE) -> None:
    """One GRU step, in place (the one GRU step of the engine: traces and sweeps).

    g (G, *batch, H) comes in as the exp arguments' input parts, both biases in but
    b_hn with reset_after: (-x_r, -x_z, -2 x_n), or (-x_z, -2 x_n) without a reset
    gate; it leaves as the gates (r, z, n) or (z, n). ``product`` gives the blocks of
    W_hh h (scaled alike): every block, but only r and z for mode BEFORE, whose n block
    ``product_n`` applies to r * h. ``b_hn`` (scaled, mode AFTER) is added inside r * (...).
    ``tmp``: scratch shaped like h. ``n_scale``: the n block's scale (-2, or 1 for a
    small state, whose n then goes through np.tanh; ``kind_base.tanh_scale``).
    """
    n, z = g[-1], g[-2]
    if tmp is None:
        tmp = np.empty(h.shape)
    p = product(h)
    if mode == AFTER:
        assert b_hn is not None
        sig = g[:2]
        sig += p[:2]
        np.add(p[2], b_hn, out=tmp)
        sigmoid_from(sig)
        n += np.multiply(g[0], tmp, out=tmp)
    elif mode == BEFORE:
        assert product_n is not None
        sig = g[:2]
        sig += p
        sigmoid_from(sig)
        n += product_n(np.multiply(g[0], h, out=tmp))[0]
    else:  # no reset gate
        g += p
        sigmoid_from(g[:1])
    tanh_at(n, n_scale)
    np.subtract(h, n, out=h_next)
    h_next *= z
    h_next += n  # h' = n + z * (h - n)


def mode_of(kind: Kind, config: NetConfig) -> str:
    if "r" not in kind.blocks:
        return NO_RESET
    return AFTER if config.reset_after else BEFORE


def forward(kind: Kind, layout: Layout, config: NetConfig, xs: Array, h0: Array,
            c0: Array | None, weights: RecWeights, extras: Mapping[str, Array]) -> dict[str, Array]:
    H = config.hidden_size
    mode = mode_of(kind, config)
    inside = slice(2 * H, 3 * H) if mode == AFTER else None
    n_scale = tanh_scale(h0)
    gates, w_hh = exp_form(kind, layout, config, xs, weights, inside, tanh=n_scale)
    product_n = b_hn = None
    if mode == AFTER:
        b_hn = layout.vector(weights[3][..., inside] * n_scale)
        product = layout.product(w_hh)
    elif mode == BEFORE:
        product = layout.product(w_hh[..., :2 * H, :])
        product_n = layout.product(w_hh[..., 2 * H:, :])
    else:
        product = layout.product(w_hh)
    hidden = np.empty((len(gates), *h0.shape))
    tmp = np.empty(h0.shape)
    h = h0
    with np.errstate(over="ignore"):  # exp may overflow to inf: sigma -> 0, tanh -> -1
        for g, h_next in zip(gates, hidden, strict=True):
            gru_step(g, h, h_next, product, mode, product_n, b_hn, tmp, n_scale)
            h = h_next
    return {**by_block(kind, gates), "hidden": hidden}


def backward(kind: Kind, config: NetConfig, gates: Mapping[str, Array], h_prev: Array,
             c0: Array | None, dy: Array, weights: RecWeights,
             extras: Mapping[str, Array]) -> BackwardSteps:
    """Backward, with dh the total dL/dh_s (mode by mode below)::

        da_n = dh * (1 - z) * (1 - n^2)
        da_z = dh * (h_prev - n) * z (1 - z)
    """
    mode = mode_of(kind, config)
    if mode == AFTER:
        return _after_steps(gates, h_prev, dy, weights[1], weights[3])
    if mode == BEFORE:
        return _before_steps(gates, h_prev, dy, weights[1])
    return _no_reset_steps(gates, h_prev, dy, weights[1])


def _after_steps(gates: Mapping[str, Array], h_prev: Array, dy: Array, w_hh: Array,
                 b_hh: Array) -> BackwardSteps:
    """torch's GRU, ``n = tanh(a_n + r * hn)``, ``hn = W_hn h_prev + b_hn``::

        da_r = da_n * hn * r (1 - r)
        dh_prev = dh * z + [da_r, da_z, r * da_n] @ W_hh

    Every factor after ``dh`` is known from the trace, so a step is ``dh`` times a
    precomputed (B, 3, H) block. W_hh's n block sees ``r * da_n``; W_ih's sees ``da_n``.
    """
    r, z, n = gates["reset"], gates["update"], gates["candidate"]
    n_steps, batch, hsz = r.shape
    hn = h_prev @ w_hh[2 * hsz:].T + b_hh[2 * hsz:]
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
    return BackwardSteps(da_ih.reshape(n_steps, batch, 3 * hsz),
                         da_hh.reshape(n_steps, batch, 3 * hsz), dh, carry)


def _before_steps(gates: Mapping[str, Array], h_prev: Array, dy: Array,
                  w_hh: Array) -> BackwardSteps:
    """Cho et al. 2014, ``n = tanh(a_n + W_hn (r * h_prev))``::

        d(rh) = da_n @ W_hn
        da_r  = d(rh) * h_prev * r (1 - r)
        dh_prev = dh * z + d(rh) * r + [da_r, da_z] @ [W_hr; W_hz]

    W_ih and W_hh see the same dA = [da_r, da_z, da_n]; W_hn's input is r * h_prev.
    """
    r, z, n = gates["reset"], gates["update"], gates["candidate"]
    n_steps, batch, hsz = r.shape
    k_zn = np.stack([(h_prev - n) * z * (1.0 - z), (1.0 - z) * (1.0 - n * n)], axis=2)
    k_r = h_prev * r * (1.0 - r)
    w_hn = np.ascontiguousarray(w_hh[2 * hsz:])
    w_rz0 = w_hh.copy()
    w_rz0[2 * hsz:] = 0.0  # the n block is carried through d(rh) instead
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
    da2 = da.reshape(n_steps, batch, 3 * hsz)
    return BackwardSteps(da2, da2, dh, carry, hh_input=(h_prev, h_prev, r * h_prev))


def _no_reset_steps(gates: Mapping[str, Array], h_prev: Array, dy: Array,
                    w_hh: Array) -> BackwardSteps:
    """No reset gate, ``n = tanh(a_n)`` with W_hn h_prev inside a_n::

        dh_prev = dh * z + [da_z, da_n] @ W_hh
    """
    z, n = gates["update"], gates["candidate"]
    n_steps, batch, hsz = z.shape
    k = np.stack([(h_prev - n) * z * (1.0 - z), (1.0 - z) * (1.0 - n * n)], axis=2)
    da = np.empty((n_steps, batch, 2, hsz))
    dh = np.empty((n_steps, batch, hsz))
    carry = np.zeros((batch, hsz))
    for s in range(n_steps - 1, -1, -1):
        dh_s = np.add(dy[s], carry, out=dh[s])
        np.multiply(dh_s[:, None, :], k[s], out=da[s])
        carry = da[s].reshape(batch, 2 * hsz) @ w_hh
        carry += dh_s * z[s]
    da2 = da.reshape(n_steps, batch, 2 * hsz)
    return BackwardSteps(da2, da2, dh, carry)


_COMMON = dict(forward=forward, backward=backward, options=("reset_after",), states=("h",))

KINDS = (
    Kind("gru", "GRU", ("r", "z", "n"), ("reset", "update", "candidate", "hidden"),
         ("reset", "update", "candidate"), sigmoid=frozenset({"reset", "update"}), in_torch=True,
         summary="r, z = sigma(...); n = tanh(W_in x + b_in + r * (W_hn h + b_hn)); "
                 "h' = (1 - z) * n + z * h", **_COMMON),  # type: ignore[arg-type]
    Kind("gru", "GRU", ("z", "n"), ("update", "candidate", "hidden"), ("update", "candidate"),
         sigmoid=frozenset({"update"}), variant="no_reset",
         summary="r = 1: n = tanh(W_in x + b_in + W_hn h + b_hn); h' = (1 - z) * n + z * h",
         **_COMMON),  # type: ignore[arg-type]
)
