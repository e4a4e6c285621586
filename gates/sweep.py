"""Many weight variants of one network on one input, in one batched pass.

The V variants become the batch axis: every weight gets a leading variant axis
(V, G*H, in), and :func:`gates.network.run` walks the layers and directions with a
direction pass of this module's own, :func:`_sweep_direction`, whose steps advance all V
states at once. The result is an ordinary batched :class:`~gates.trace.Trace` whose batch
index b is variant b (``tr.get(name)`` is ``(L, V, H)``), with ``tr.variants == V`` and
the records' weights and biases kept with their variant axis. gates.backward does not
take sweep traces.

Where the time goes, for V = 64 variants of width 16: exp (every gate of every variant
at every step is a sigmoid or tanh, and NumPy's float64 exp costs ~10 ns an element), the
recurrent product (V small matmuls a step, through every variant's W_hh), and page
faults on big fresh arrays. Hence the steps below: the gates are computed through one
exp each, the sigmoid gates' pre-activations come negated and the tanh ones times -2
(weights scaled once, exact in floating point), and the gates' record doubles as the
buffer of the input projections, so a sweep allocates little beyond what it returns.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from gates import kinds, validation
from gates.cells import ACTIVATIONS
from gates.network import (
    RecWeights,
    _public_shape,
    _Recurrent,
    lstm_order,
    named_gates,
    param_shapes,
    run,
)
from gates.trace import LayerRecord, NetConfig, Trace

Array = NDArray[np.float64]

# below this width the recurrent product sums h's entries times W_hh's rows: V tiny
# matmuls would cost more in call overhead
_ROWS_MAX_H = 4
# exp arguments: sigmoid gates' pre-activations negated, tanh ones times -2 (exact scalings)
_EXP_SCALE = {"gru": (-1.0, -1.0, -2.0), "lstm": (-1.0, -1.0, -1.0, -2.0), "rnn": (1.0,)}
_ONE, _TWO, _MINUS_TWO = np.array(1.0), np.array(2.0), np.array(-2.0)  # faster than floats
_LSTM_NUMERATORS = np.array([1.0, 1.0, 1.0, 2.0])[:, None, None, None]  # i, f, o, g blocks


def sweep(
    net: _Recurrent, x: Any, state_dicts: Sequence[Mapping[str, Any]], hx: Any = None
) -> Trace:
    """Run ``len(state_dicts)`` weight variants of ``net`` on one unbatched input.

    Args:
        net: the network whose configuration every variant shares.
        x: (L, input_size), unbatched.
        state_dicts: V complete state dicts (as ``net.load_state_dict`` takes).
        hx: optional unbatched initial state, shared by every variant
            ((h_0, c_0) for an LSTM).

    Returns:
        A batched Trace with batch index = variant; ``tr.output`` is laid out as for a
        batch of V copies of x (``(L, V, D*H)``, or ``(V, L, D*H)`` with batch_first).
    """
    cfg = net.config
    xi, batched = validation.check_input(x, cfg)
    if batched:
        raise ValueError(
            f"x: expected one unbatched sequence (seq_len, input_size), given shape {np.shape(x)}"
        )
    if isinstance(state_dicts, Mapping) or not isinstance(state_dicts, Sequence) or not state_dicts:
        raise ValueError(
            "state_dicts: expected a non-empty sequence of state dicts, "
            f"given {type(state_dicts).__name__} of length {len(state_dicts) if hasattr(state_dicts, '__len__') else '?'}"
        )
    params = _stacked(state_dicts, param_shapes(net.kind, cfg))
    V = len(state_dicts)

    h0, c0 = validation.check_hx(hx, net.kind, cfg, 1, False)  # (num_layers*D, 1, H)
    stack_shape = (h0.shape[0], V, 1, cfg.hidden_size)
    h0 = np.broadcast_to(h0[:, None], stack_shape)
    c0 = None if c0 is None else np.broadcast_to(c0[:, None], stack_shape)
    records, out, h_n, c_n = run(net.kind, cfg, params, xi[:, :, None, :], h0, c0,
                                 direction_pass=_sweep_direction)

    def drop(a: Array) -> Array:  # (..., V, 1, n) -> (..., V, n)
        return a[..., 0, :]

    flat = {
        key: LayerRecord(
            x=drop(np.broadcast_to(r.x, r.x.shape[:1] + (V,) + r.x.shape[2:])),
            h0=drop(r.h0), c0=None if r.c0 is None else drop(r.c0),
            gates={k: drop(v) for k, v in r.gates.items()},
            weight_ih=r.weight_ih, weight_hh=r.weight_hh, bias_ih=r.bias_ih, bias_hh=r.bias_hh,
        )
        for key, r in records.items()
    }
    output = drop(out)
    return Trace(
        kind=net.kind, config=cfg, batched=True,
        x_shape=_public_shape((xi.shape[0], V, cfg.input_size), cfg, True),
        records=flat,
        output=np.ascontiguousarray(output.transpose(1, 0, 2) if cfg.batch_first else output),
        h_n=drop(h_n), c_n=None if c_n is None else drop(c_n), variants=V,
    )


def _stacked(
    state_dicts: Sequence[Mapping[str, Any]], shapes: Mapping[str, tuple[int, ...]]
) -> dict[str, Array]:
    """Every weight stacked over the variants, (V, *shape), float64.

    Checking each array on its own costs more than the whole sweep of a small network,
    so dicts of plain NumPy arrays are stacked first and checked together; anything else
    (tensors, lists, a bad key, shape, dtype or value) goes through
    validation.check_state_dict one dict at a time, which raises its usual errors.
    """
    params = {}
    if all(type(sd) is dict and sd.keys() == shapes.keys() for sd in state_dicts):
        for name, shape in shapes.items():
            arrays = [sd[name] for sd in state_dicts]
            if not all(type(a) is np.ndarray and a.shape == shape for a in arrays):
                break
            stack = np.concatenate(arrays).reshape(len(arrays), *shape)  # = np.stack, faster
            if stack.dtype.kind not in "biuf" or not np.isfinite(stack).all():
                break
            params[name] = stack.astype(np.float64, copy=False)
        else:
            return params
    checked = [validation.check_state_dict(sd, shapes) for sd in state_dicts]
    return {name: np.stack([sd[name] for sd in checked]) for name in shapes}


def _sweep_direction(
    kind: str,
    config: NetConfig,
    x: Array,
    h0: Array,
    c0: Array | None,
    rec_weights: RecWeights,
    reverse: bool,
) -> dict[str, Array]:
    """One layer in one direction for V variants (a :data:`gates.network.DirectionPass`).

    x (L, 1 or V, 1, in) in input-time order (1: shared by the variants), h0/c0 (V, 1, H),
    weights with a leading variant axis. The equations are gates.cells' (which see); the
    gates are computed from exp arguments, see the module docstring.
    """
    w_ih, w_hh, b_ih, b_hh = rec_weights
    G, H = kinds.gate_count(kind), config.hidden_size
    if kind == "lstm":  # sigmoid gates first: i, f, o, g
        order = lstm_order(H)
        w_ih, w_hh, b_ih, b_hh = (a[:, order] for a in (w_ih, w_hh, b_ih, b_hh))
    scale = np.repeat(_EXP_SCALE[kind], H)  # (G*H,)
    # both biases go with the input part, but the GRU's b_hn that r multiplies
    inside = kind == "gru" and config.reset_after
    b = b_ih + b_hh
    if inside:
        b[:, 2 * H:] = b_ih[:, 2 * H:]
    xs = x[::-1] if reverse else x  # the reverse direction is the forward loop on reversed time
    gates = _input_part(xs, w_ih * scale[:, None], b * scale, G, H)
    w_hh = w_hh * scale[:, None]
    hidden = np.empty((len(gates), *h0.shape))

    cell = None
    with np.errstate(over="ignore"):  # exp may overflow to inf: sigma -> 0, tanh -> -1
        if kind == "gru":
            b_hn = (b_hh[:, 2 * H:] * scale[2 * H:])[:, None, :] if inside else None
            _gru_steps(gates, hidden, h0, w_hh, b_hn)
        elif kind == "lstm":
            assert c0 is not None
            cell = np.empty(hidden.shape)
            _lstm_steps(gates, hidden, cell, h0, c0, _product(w_hh))
        else:
            _rnn_steps(gates, hidden, h0, _product(w_hh), ACTIVATIONS[config.nonlinearity])
    return named_gates(kind, gates, hidden, cell, reverse)


def _input_part(xs: Array, w_ih: Array, b: Array, G: int, H: int) -> Array:
    """W_ih x_t + b for every step and variant, block-major (L, G, V, 1, H).

    This is the gates' record to be: the steps turn each row into the gates in place.
    """
    L, V = len(xs), len(w_ih)
    out = np.empty((L, G, V, 1, H))
    w = w_ih.reshape(V, G, H, -1)
    if xs.shape[1] == 1:  # x shared by the variants: one (L, in) @ (in, G*V*H) matmul
        w_all = np.ascontiguousarray(w.transpose(3, 1, 0, 2)).reshape(-1, G * V * H)
        if w_all.shape[0] == 1:  # an outer product, which BLAS does ten times slower
            np.multiply(xs[:, 0, 0], w_all, out=out.reshape(L, -1))
        else:
            np.matmul(xs[:, 0, 0], w_all, out=out.reshape(L, -1))
    else:  # each variant's own x (deeper layers): (V, L, in) @ (V, in, H), block by block
        xv = xs[:, :, 0].transpose(1, 0, 2)
        for k in range(G):
            np.matmul(xv, w[:, k].transpose(0, 2, 1), out=out[:, k, :, 0].transpose(1, 0, 2))
    out += b.reshape(V, G, H).transpose(1, 0, 2)[:, :, None]
    return out


def _product(w_hh: Array) -> Callable[[Array], Array]:
    """The step's recurrent product for all variants: h (V, 1, H) -> (G, V, 1, H), the
    gate blocks of W_hh h (a view of a buffer that the next call overwrites).

    w_hh: (V, G*H, H), torch's layout. Per-variant weights: one stacked matmul
    (V, 1, H) @ (V, H, G*H), read block-major through a transposed view (tiny H: a sum
    over h's entries instead). Weights all variants share (say a sweep of one bias): one
    (V, H) @ (H, G*H) matmul.
    """
    V, GH, H = w_hh.shape
    G = GH // H
    buf = np.empty((V, 1, GH))
    blocks = buf.reshape(V, 1, G, H).transpose(2, 0, 1, 3)

    if (w_hh == w_hh[:1]).all():
        w_shared = np.ascontiguousarray(w_hh[0].T)  # (H, G*H)

        def shared(h: Array) -> Array:
            np.matmul(h[:, 0], w_shared, out=buf[:, 0])
            return blocks
        return shared

    if H <= _ROWS_MAX_H:
        rows = np.ascontiguousarray(w_hh.reshape(V, G, H, H).transpose(3, 1, 0, 2)[:, :, :, None])
        acc = np.empty((G, V, 1, H))  # rows[j]: column j of every block, (G, V, 1, H)

        def summed(h: Array) -> Array:
            np.multiply(h[..., 0, None], rows[0], out=acc)
            for j in range(1, H):
                np.add(acc, h[..., j, None] * rows[j], out=acc)
            return acc
        return summed

    w_T = np.ascontiguousarray(w_hh.transpose(0, 2, 1))  # (V, H, G*H)

    def stacked(h: Array) -> Array:
        np.matmul(h, w_T, out=buf)
        return blocks
    return stacked


def _sigmoid_from(a: Array) -> None:
    """In place: a holds -x, leaves sigma(x) = 1 / (1 + exp(-x))."""
    np.exp(a, out=a)
    a += _ONE
    np.reciprocal(a, out=a)


def _tanh_from(a: Array) -> None:
    """In place: a holds -2x, leaves tanh(x) = 2 / (1 + exp(-2x)) - 1.

    One exp is about half of NumPy's float64 tanh here; the error is ~1e-16 absolute.
    """
    np.exp(a, out=a)
    a += _ONE
    np.divide(_TWO, a, out=a)
    a -= _ONE


def _gru_steps(gates: Array, hidden: Array, h: Array, w_hh: Array, b_hn: Array | None) -> None:
    """GRU steps (gates.cells.gru_cell). gates[t] comes in as the exp arguments' input
    parts (-x_r, -x_z, -2 x_n) and leaves as (r, z, n); w_hh and b_hn come scaled alike.
    b_hn is given with reset_after (torch's n = tanh(x_n + r * (W_hn h + b_hn))), None for
    reset_after=False (n = tanh(x_n + W_hn (r * h) + b_hn), b_hn in x_n).
    """
    H = h.shape[-1]
    reset_after = b_hn is not None
    product = _product(w_hh if reset_after else w_hh[:, :2 * H])
    product_n = None if reset_after else _product(w_hh[:, 2 * H:])
    tmp = np.empty(h.shape)  # W_hn h + b_hn, or r * h
    for g, h_next in zip(gates, hidden, strict=True):
        r, z, n = g
        rz = g[:2]
        p = product(h)
        rz += p[:2]
        if b_hn is not None:
            np.add(p[2], b_hn, out=tmp)
            _sigmoid_from(rz)
            n += np.multiply(r, tmp, out=tmp)
        else:
            _sigmoid_from(rz)
            assert product_n is not None
            n += product_n(np.multiply(r, h, out=tmp))[0]
        _tanh_from(n)
        np.subtract(h, n, out=h_next)
        h_next *= z
        h_next += n  # h' = n + z * (h - n)
        h = h_next


def _lstm_steps(gates: Array, hidden: Array, cell: Array, h: Array, c: Array,
                product: Callable[[Array], Array]) -> None:
    """LSTM steps (gates.cells.lstm_cell). gates[t] comes in as the exp arguments' input
    parts (-x_i, -x_f, -x_o, -2 x_g), both biases in, and leaves as (i, f, o, g)."""
    ig = np.empty(h.shape)
    for g, h_next, c_next in zip(gates, hidden, cell, strict=True):
        i, f, o, gg = g
        g += product(h)
        np.exp(g, out=g)  # one exp for all four gates
        g += _ONE
        np.divide(_LSTM_NUMERATORS, g, out=g)  # i, f, o = sigma; 2 sigma(2a) in g's place
        gg -= _ONE  # g = tanh
        np.multiply(f, c, out=c_next)
        c_next += np.multiply(i, gg, out=ig)  # c' = f * c + i * g
        _tanh_from(np.multiply(c_next, _MINUS_TWO, out=h_next))
        h_next *= o  # h' = o * tanh(c')
        h, c = h_next, c_next


def _rnn_steps(gates: Array, hidden: Array, h: Array, product: Callable[[Array], Array],
               activation: Callable[..., Array]) -> None:
    """Elman steps (gates.cells.rnn_cell): gates[t] comes in as W_ih x_t + b_ih + b_hh
    and leaves as the pre-activation."""
    for g, h_next in zip(gates, hidden, strict=True):
        a = g[0]
        a += product(h)[0]
        activation(a, out=h_next)
        h = h_next


def sweep_param(
    net: _Recurrent,
    x: Any,
    key: str,
    values: Sequence[Any] | Array,
    index: int | tuple[int, ...] | None = None,
    hx: Any = None,
) -> Trace:
    """Sweep one weight: variant b is ``net`` with ``state_dict[key]`` (or its element at
    ``index``) set to ``values[b]``. See :func:`sweep` for the returned Trace.
    """
    base = net.state_dict()
    if key not in base:
        raise ValueError(f"key: expected one of {list(base)}, given {key!r}")
    shape = base[key].shape
    if index is not None:
        idx = (index,) if not isinstance(index, tuple) else index
        if len(idx) != len(shape) or any(
            isinstance(i, bool) or not isinstance(i, int | np.integer) or not -n <= i < n
            for i, n in zip(idx, shape, strict=False)
        ):
            raise ValueError(
                f"index: expected {len(shape)} integer(s) within shape {shape} of {key!r}, given {index!r}"
            )
    vals = list(values)
    if not vals:
        raise ValueError("values: expected at least one value, given none")
    state_dicts = []
    for v in vals:
        sd = dict(base)
        if index is None:
            arr = validation.as_float_array(v, f"values for {key!r}")
            if arr.shape != shape:
                raise ValueError(f"values for {key!r}: expected shape {shape}, given {arr.shape}")
            sd[key] = arr
        else:
            arr = validation.as_float_array(v, f"values for {key!r}[{index}]")
            if arr.shape != ():
                raise ValueError(f"values for {key!r}[{index}]: expected a scalar, given shape {arr.shape}")
            sd[key] = base[key].copy()
            sd[key][idx] = arr
        state_dicts.append(sd)
    return sweep(net, x, state_dicts, hx=hx)
