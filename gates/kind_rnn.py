"""The Elman RNN (torch.nn.RNN)::

    a  = W_ih x + b_ih + W_hh h + b_hh        preactivation
    h' = tanh(a)   (or relu(a))
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from gates.config import NetConfig
from gates.kind_base import ACTIVATIONS, Array, BackwardSteps, Kind, Layout, Product, RecWeights


def rnn_step(g: Array, h: Array, h_next: Array, product: Product, activation: str) -> None:
    """One step: g (1, *batch, H) comes in as W_ih x + b_ih + b_hh and leaves as the
    pre-activation a; h_next = act(a)."""
    a = g[0]
    a += product(h)[0]
    ACTIVATIONS[activation](a, out=h_next)


def forward(kind: Kind, layout: Layout, config: NetConfig, xs: Array, h0: Array,
            c0: Array | None, weights: RecWeights, extras: Mapping[str, Array]) -> dict[str, Array]:
    w_ih, w_hh, b_ih, b_hh = weights
    H = config.hidden_size
    gates = layout.input_part(xs, w_ih, b_ih + b_hh, 1, H)
    hidden = np.empty((len(gates), *h0.shape))
    product = layout.product(w_hh)
    h = h0
    for g, h_next in zip(gates, hidden, strict=True):
        rnn_step(g, h, h_next, product, config.nonlinearity)
        h = h_next
    return {"preactivation": gates[:, 0], "hidden": hidden}


def backward(kind: Kind, config: NetConfig, gates: Mapping[str, Array], h_prev: Array,
             c0: Array | None, dy: Array, weights: RecWeights,
             extras: Mapping[str, Array]) -> BackwardSteps:
    """``h_s = act(a_s)``::

        dh_s     = dy_s + da_{s+1} @ W_hh        (total dL/dh_s)
        da_s     = dh_s * act'(a_s)              tanh: 1 - h_s^2;  relu: [h_s > 0]
    """
    h = gates["hidden"]
    w_hh = weights[1]
    n_steps, batch, hsz = h.shape
    dact = (h > 0).astype(np.float64) if config.nonlinearity == "relu" else 1.0 - h * h
    da = np.empty((n_steps, batch, hsz))
    dh = np.empty((n_steps, batch, hsz))
    carry = np.zeros((batch, hsz))
    for s in range(n_steps - 1, -1, -1):
        dh_s = np.add(dy[s], carry, out=dh[s])
        carry = np.multiply(dh_s, dact[s], out=da[s]) @ w_hh
    return BackwardSteps(da, da, dh, carry)


KINDS = (
    Kind("rnn", "RNN", ("h",), ("preactivation", "hidden"), ("preactivation",), frozenset(),
         ("h",), forward, backward, options=("nonlinearity",),
         torch_options=("nonlinearity",), in_torch=True,
         summary="h' = tanh(W_ih x + b_ih + W_hh h + b_hh) (or relu)"),
)
