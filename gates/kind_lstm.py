"""Long short-term memory (torch.nn.LSTM) and the variants of Greff et al. 2017::

    i  = sigma(W_ii x + b_ii + W_hi h + b_hi)      input gate
    f  = sigma(W_if x + b_if + W_hf h + b_hf)      forget gate
    g  = tanh(W_ig x + b_ig + W_hg h + b_hg)       candidate
    o  = sigma(W_io x + b_io + W_ho h + b_ho)      output gate
    c' = f * c + i * g
    h' = o * tanh(c')

Variants (a removed gate has no weights; torch's block order otherwise):

- ``no_forget`` (Hochreiter & Schmidhuber 1997): f = 1, c' = c + i * g; blocks i, g, o.
- ``no_input``: i = 1, c' = f * c + g; blocks f, g, o.
- ``no_output``: o = 1, h' = tanh(c'); blocks i, f, g.
- ``coupled`` (CIFG): i = 1 - f, no input-gate weights; blocks f, g, o; the trace records
  ``"input"`` as 1 - forget.
- ``peephole`` (Gers & Schmidhuber 2000): i and f add ``w_ci * c``, ``w_cf * c`` (the
  previous cell), o adds ``w_co * c'`` (the new one); blocks i, f, g, o plus three weight
  vectors of size H, ``weight_ci_l{k}``, ``weight_cf_l{k}``, ``weight_co_l{k}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

import numpy as np

from gates.config import NetConfig
from gates.kind_base import (
    NP_TANH_MAX,
    Array,
    BackwardSteps,
    Kind,
    Layout,
    Product,
    RecWeights,
    by_block,
    exp_form,
    ordered,
    tanh_from,
)

_MINUS_TWO = np.array(-2.0)
_ONE = np.array(1.0)
_HALF = np.array(0.5)
PEEPHOLES = ("weight_ci", "weight_cf", "weight_co")


class StepPlan(NamedTuple):
    """Where a variant's blocks are (None: removed) and its per-pass constants."""

    i: int | None
    f: int | None
    g: int
    o: int | None
    coupled: bool
    np_tanh: bool  # tanh(c') by np.tanh (small states), else through exp
    numerators: Array  # (G, 1, ..., 1): 1 for sigmoid blocks, 2 for g (2 sigma(2a))


def step_plan(kind: Kind, state_shape: tuple[int, ...]) -> StepPlan:
    """The plan of a pass whose states have ``state_shape`` (not the peephole variant's:
    :func:`_peephole_forward` is its own pass)."""
    assert not kind.extras
    pos = {b: k for k, b in enumerate(kind.blocks)}
    num = np.array([2.0 if b == "g" else 1.0 for b in kind.blocks])
    num = num.reshape(kind.gate_count, *(1,) * len(state_shape))
    np_tanh = int(np.prod(state_shape)) <= NP_TANH_MAX
    return StepPlan(pos.get("i"), pos.get("f"), pos["g"], pos.get("o"),
                    kind.variant == "coupled", np_tanh, num)


def lstm_step(g: Array, h: Array, c: Array, h_next: Array, c_next: Array, product: Product,
              plan: StepPlan, tmp: Array, inp: Array | None = None) -> None:
    """One LSTM step of any variant but the peephole's, in place (traces and sweeps).

    g (G, *batch, H) comes in as the exp arguments' input parts (sigmoid blocks -x,
    candidate -2x, both biases in) and leaves as the gates; one exp covers every block
    (2 sigma(2a) - 1 = tanh(a) in g's place). ``inp`` (coupled) gets 1 - f.
    """
    g += product(h)
    np.exp(g, out=g)
    g += _ONE
    np.divide(plan.numerators, g, out=g)
    gg = g[plan.g]
    gg -= _ONE
    if plan.coupled:  # i = 1 - f:  c' = g + f * (c - g)
        assert plan.f is not None and inp is not None
        f = g[plan.f]
        np.subtract(_ONE, f, out=inp)
        np.subtract(c, gg, out=c_next)
        c_next *= f
        c_next += gg
    elif plan.f is None:  # c' = c + i * g
        np.multiply(g[plan.i], gg, out=c_next)
        c_next += c
    elif plan.i is None:  # c' = f * c + g
        np.multiply(g[plan.f], c, out=c_next)
        c_next += gg
    else:  # c' = f * c + i * g
        np.multiply(g[plan.f], c, out=c_next)
        c_next += np.multiply(g[plan.i], gg, out=tmp)
    if plan.np_tanh:
        np.tanh(c_next, out=h_next)
    else:
        tanh_from(np.multiply(c_next, _MINUS_TWO, out=h_next))
    if plan.o is not None:
        h_next *= g[plan.o]  # h' = o * tanh(c')


# The peephole variant's pass (tanh form). Per step, block-major: g, f, i, o, c'
# (c' is the cell's record). The sigmoid gates come as x/2, sigma(x) = (1 + tanh(x/2)) / 2,
# so g, f, i take one tanh and o, tanh(c') another; c' = f * c + i * g is one product of
# (f, i) and (c, g), which lie side by side: c, the previous step's last block, just before
# g (a record ahead of the first step holds c0). o and h are kept doubled in the loop
# (o~ = 1 + tanh, h~ = o~ tanh(c'), W_hh halved: exact) and halved once after it. Every
# call's operands are contiguous and alike in shape: NumPy's fast path (a broadcast or a
# strided view costs it three times as much on these tiny arrays). Measured against the
# exp form (as lstm_step, with o and tanh(c') sharing an exp) from 512 to 32768 numbers a
# step, traces and sweeps: never slower, so it is the variant's one pass.
_PEEP_ORDER = [2, 1, 0, 3]  # torch's i, f, g, o -> g, f, i, o
_PEEP_SCALE = np.array([1.0, 0.5, 0.5, 0.5])  # g, f, i, o as tanh arguments


def _peephole_forward(layout: Layout, config: NetConfig, xs: Array, h0: Array, c0: Array,
                      weights: RecWeights, extras: Mapping[str, Array]) -> dict[str, Any]:
    H, L, state = config.hidden_size, len(xs), h0.shape

    def blocks(w: Array, pad: bool) -> Array:  # rows i, f, g, o -> g, f, i, o (+ c': zero)
        w = w.reshape(*w.shape[:-2], 4, H, w.shape[-1])[..., _PEEP_ORDER, :, :]
        w = w * _PEEP_SCALE[:, None, None]
        if pad:
            w = np.concatenate([w, np.zeros_like(w[..., :1, :, :])], axis=-3)
        return w.reshape(*w.shape[:-3], -1, w.shape[-1])

    w_ih, w_hh, b_ih, b_hh = weights
    w_in = blocks(w_ih, True)
    b = blocks((b_ih + b_hh)[..., None], True)[..., 0]
    xs1 = np.concatenate([np.zeros((1, *xs.shape[1:])), xs])  # the record ahead
    gates = layout.input_part(xs1, w_in, b, 5, H)  # (1 + L, 5, *state)
    gates[0, 4] = c0
    flat = gates.reshape(-1, *state)
    assert np.shares_memory(flat, gates)
    cgs = flat[4:4 + 5 * L].reshape(L, 5, *state)[:, :2]  # (c, g) of every step
    product = layout.product(blocks(w_hh, False) * 0.5)  # of h~ = 2 h
    p_i, p_f, p_o = (np.ascontiguousarray(np.broadcast_to(layout.vector(extras[k]) * 0.5, state))
                     for k in PEEPHOLES)
    hidden = np.empty((L, *state))
    tmp, tt, fc_ig = np.empty(state), np.empty((2, *state)), np.empty((2, *state))
    t_o, t_c = tt
    fc, ig = fc_ig
    mul, add, tanh, half, one = np.multiply, np.add, np.tanh, _HALF, _ONE  # locals: per step
    h: Any = h0 * 2.0
    c: Any = c0
    rec = gates[1:]
    # every step's blocks as views made once: slicing g each step costs more than the math
    for g4, f, i, o, c_next, early, f_i, late, cg, h_next in zip(
            rec[:, :4], rec[:, 1], rec[:, 2], rec[:, 3], rec[:, 4], rec[:, :3], rec[:, 1:3],
            rec[:, 3:], cgs, hidden, strict=True):
        g4 += product(h)
        f += mul(p_f, c, out=tmp)
        i += mul(p_i, c, out=tmp)
        tanh(early, out=early)
        f_i *= half
        f_i += half
        mul(f_i, cg, out=fc_ig)
        add(fc, ig, out=c_next)
        o += mul(p_o, c_next, out=tmp)
        tanh(late, out=tt)
        add(t_o, one, out=o)
        mul(o, t_c, out=h_next)
        h, c = h_next, c_next
    hidden *= _HALF
    rec[:, 3] *= _HALF
    return {"input": rec[:, 2], "forget": rec[:, 1], "candidate": rec[:, 0], "output": rec[:, 3],
            "cell": rec[:, 4], "hidden": hidden}


def forward(kind: Kind, layout: Layout, config: NetConfig, xs: Array, h0: Array,
            c0: Array | None, weights: RecWeights, extras: Mapping[str, Array]) -> dict[str, Array]:
    assert c0 is not None
    if kind.extras:
        return ordered(kind, _peephole_forward(layout, config, xs, h0, c0, weights, extras))
    plan = step_plan(kind, h0.shape)
    gates, w_hh = exp_form(kind, layout, config, xs, weights)
    product = layout.product(w_hh)
    hidden = np.empty((len(gates), *h0.shape))
    cell: Any = np.empty(hidden.shape)
    inp: Any = np.empty(hidden.shape) if plan.coupled else None
    tmp = np.empty(h0.shape)
    h: Any = h0
    c: Any = c0
    with np.errstate(over="ignore"):  # exp may overflow to inf: sigma -> 0, tanh -> -1
        if inp is None:
            for g, h_next, c_next in zip(gates, hidden, cell, strict=True):
                lstm_step(g, h, c, h_next, c_next, product, plan, tmp)
                h, c = h_next, c_next
        else:
            for g, h_next, c_next, inp_t in zip(gates, hidden, cell, inp, strict=True):
                lstm_step(g, h, c, h_next, c_next, product, plan, tmp, inp_t)
                h, c = h_next, c_next
    found = {**by_block(kind, gates), "cell": cell, "hidden": hidden}
    if inp is not None:
        found["input"] = inp
    return ordered(kind, found)


def backward(kind: Kind, config: NetConfig, gates: Mapping[str, Array], h_prev: Array,
             c0: Array | None, dy: Array, weights: RecWeights,
             extras: Mapping[str, Array]) -> BackwardSteps:
    """Backward, with dh the total dL/dh_s and the carry dL/dc_s via c_{s+1}
    (a removed gate is 1; coupled: i = 1 - f; p_* the peepholes, 0 without)::

        da_o = dh * tanh(c) * o (1 - o)
        dc   = carry_c + dh * o * (1 - tanh(c)^2) + da_o * p_o     (total dL/dc_s)
        da_i = dc * g * i (1 - i)
        da_f = dc * c_prev * f (1 - f)          coupled: dc * (c_prev - g) * f (1 - f)
        da_g = dc * i * (1 - g^2)
        dc_prev = dc * f + da_i * p_i + da_f * p_f
        dh_prev = dA @ W_hh

    Every factor after dh or dc comes from the trace: a step is two products and a matmul.
    """
    assert c0 is not None
    c = gates["cell"]
    n_steps, batch, hsz = c.shape
    c_prev = np.concatenate([c0[None], c[:-1]])
    g = gates["candidate"]
    i: Any = gates.get("input", _ONE)  # a removed gate is 1
    f: Any = gates.get("forget", _ONE)
    o: Any = gates.get("output", _ONE)
    tc = np.tanh(c)
    k_c = o * (1.0 - tc * tc)
    k_o = tc * o * (1.0 - o)
    peep = {k: np.asarray(extras[k], dtype=np.float64) for k in PEEPHOLES} if kind.extras else None
    if peep is not None:
        k_c = k_c + k_o * peep["weight_co"]
    k_f = (c_prev - g if kind.variant == "coupled" else c_prev) * f * (1.0 - f)
    k_i = g * i * (1.0 - i)
    factors = {"i": k_i, "f": k_f, "g": i * (1.0 - g * g)}
    c_blocks = [b for b in kind.blocks if b != "o"]  # o, when there, is the last block
    k_cb = np.stack([np.broadcast_to(factors[b], c.shape) for b in c_blocks], axis=2)
    k_carry = np.broadcast_to(f, c.shape)
    if peep is not None:
        k_carry = k_carry + k_i * peep["weight_ci"] + k_f * peep["weight_cf"]
    nc, G = len(c_blocks), kind.gate_count
    w_hh = weights[1]
    da = np.empty((n_steps, batch, G, hsz))
    dh = np.empty((n_steps, batch, hsz))
    dc = np.empty((n_steps, batch, hsz))
    carry_h = np.zeros((batch, hsz))
    carry_c = np.zeros((batch, hsz))
    for s in range(n_steps - 1, -1, -1):
        dh_s = np.add(dy[s], carry_h, out=dh[s])
        dc_s = np.multiply(dh_s, k_c[s], out=dc[s])
        dc_s += carry_c
        da_s = da[s]
        np.multiply(dc_s[:, None, :], k_cb[s], out=da_s[:, :nc])
        if nc < G:
            np.multiply(dh_s, k_o[s], out=da_s[:, nc])
        carry_c = dc_s * k_carry[s]
        carry_h = da_s.reshape(batch, G * hsz) @ w_hh
    extra_grads: dict[str, Array] = {}
    if peep is not None:
        pos = {b: k for k, b in enumerate(kind.blocks)}
        extra_grads = {
            "weight_ci": np.einsum("lbh,lbh->h", da[:, :, pos["i"]], c_prev),
            "weight_cf": np.einsum("lbh,lbh->h", da[:, :, pos["f"]], c_prev),
            "weight_co": np.einsum("lbh,lbh->h", da[:, :, pos["o"]], c),
        }
    da2 = da.reshape(n_steps, batch, G * hsz)
    return BackwardSteps(da2, da2, dh, carry_h, dc, carry_c, extras=extra_grads)


_NAMES = {"i": "input", "f": "forget", "g": "candidate", "o": "output"}


def _kind(variant: str, blocks: str, summary: str, extras: tuple[str, ...] = ()) -> Kind:
    gate_names = tuple(_NAMES[b] for b in blocks)
    recorded = set(gate_names) | ({"input"} if variant == "coupled" else set())
    names = tuple(n for n in ("input", "forget", "candidate", "output") if n in recorded)
    return Kind("lstm", "LSTM", tuple(blocks), (*names, "cell", "hidden"), gate_names,
                frozenset(recorded - {"candidate"}), ("h", "c"), forward, backward,
                variant=variant, extras=extras, in_torch=variant == "standard",
                summary=summary)


KINDS = (
    _kind("standard", "ifgo", "c' = f * c + i * g; h' = o * tanh(c')"),
    _kind("no_forget", "igo", "no forget gate: c' = c + i * g"),
    _kind("no_input", "fgo", "no input gate: c' = f * c + g"),
    _kind("no_output", "ifg", "no output gate: h' = tanh(c')"),
    _kind("coupled", "fgo", "coupled input and forget gates (CIFG): i = 1 - f"),
    _kind("peephole", "ifgo", "peepholes: i, f see c, o sees c' (w_ci, w_cf, w_co)",
          PEEPHOLES),
)
