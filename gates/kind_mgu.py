"""The minimal gated unit (Zhou et al. 2016): one gate, f, for both forgetting and writing::

    f  = sigma(W_f x + b_f + U_f h + b_hf)                 forget gate
    n  = tanh(W_n x + b_n + U_n (f * h) + b_hn)            candidate
    h' = (1 - f) * h + f * n

Weights as torch stacks them, blocks f, n: weight_ih (2H, I), weight_hh (2H, H), biases (2H,).
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


def mgu_step(g: Array, h: Array, h_next: Array, product_f: Product, product_n: Product,
             tmp: Array, n_scale: float = TANH_SCALE) -> None:
    """One step in place: g (2, *batch, H) comes in as (-x_f, n_scale * x_n), both biases
    in (scaled alike, as the products' weights), and leaves as (f, n)."""
    f, n = g
    f += product_f(h)[0]
    sigmoid_from(f)
    n += product_n(np.multiply(f, h, out=tmp))[0]
    tanh_at(n, n_scale)
    np.subtract(n, h, out=h_next)
    h_next *= f
    h_next += h  # h' = h + f * (n - h)


def forward(kind: Kind, layout: Layout, config: NetConfig, xs: Array, h0: Array,
            c0: Array | None, weights: RecWeights, extras: Mapping[str, Array]) -> dict[str, Array]:
    H = config.hidden_size
    n_scale = tanh_scale(h0)
    gates, w_hh = exp_form(kind, layout, config, xs, weights, tanh=n_scale)
    product_f = layout.product(w_hh[..., :H, :])
    product_n = layout.product(w_hh[..., H:, :])
    hidden = np.empty((len(gates), *h0.shape))
    tmp = np.empty(h0.shape)
    h = h0
    with np.errstate(over="ignore"):  # exp may overflow to inf: sigma -> 0, tanh -> -1
        for g, h_next in zip(gates, hidden, strict=True):
            mgu_step(g, h, h_next, product_f, product_n, tmp, n_scale)
            h = h_next
    return {**by_block(kind, gates), "hidden": hidden}


def backward(kind: Kind, config: NetConfig, gates: Mapping[str, Array], h_prev: Array,
             c0: Array | None, dy: Array, weights: RecWeights,
             extras: Mapping[str, Array]) -> BackwardSteps:
    """Backward, with dh the total dL/dh_s::

        da_n   = dh * f * (1 - n^2)
        d(fh)  = da_n @ U_n
        da_f   = (dh * (n - h_prev) + d(fh) * h_prev) * f (1 - f)
        dh_prev = dh * (1 - f) + d(fh) * f + da_f @ U_f

    W_ih sees dA = [da_f, da_n]; U_f reads h_prev, U_n reads f * h_prev.
    """
    f, n = gates["forget"], gates["candidate"]
    n_steps, batch, hsz = f.shape
    w_hh = weights[1]
    u_f, u_n = np.ascontiguousarray(w_hh[:hsz]), np.ascontiguousarray(w_hh[hsz:])
    df = f * (1.0 - f)
    k_n = f * (1.0 - n * n)
    k_f1 = (n - h_prev) * df
    k_f2 = h_prev * df
    keep = 1.0 - f
    da = np.empty((n_steps, batch, 2, hsz))
    dh = np.empty((n_steps, batch, hsz))
    carry = np.zeros((batch, hsz))
    for s in range(n_steps - 1, -1, -1):
        dh_s = np.add(dy[s], carry, out=dh[s])
        da_n = np.multiply(dh_s, k_n[s], out=da[s, :, 1])
        d_fh = da_n @ u_n
        da_f = np.multiply(dh_s, k_f1[s], out=da[s, :, 0])
        da_f += d_fh * k_f2[s]
        carry = da_f @ u_f
        carry += dh_s * keep[s]
        carry += d_fh * f[s]
    da2 = da.reshape(n_steps, batch, 2 * hsz)
    return BackwardSteps(da2, da2, dh, carry, hh_input=(h_prev, f * h_prev))


KINDS = (
    Kind("mgu", "MGU", ("f", "n"), ("forget", "candidate", "hidden"), ("forget", "candidate"),
         frozenset({"forget"}), ("h",), forward, backward,
         summary="f = sigma(...); n = tanh(W_n x + b_n + U_n (f * h) + b_hn); "
                 "h' = (1 - f) * h + f * n"),
)
