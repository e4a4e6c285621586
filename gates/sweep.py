"""Many weight variants of one network on one input, in one batched pass.

The V variants become the batch axis: every weight gets a leading variant axis
(V, G*H, in), and :func:`gates.network.run` walks the layers and directions with the
kinds' own forward passes in the variants' layout (``gates.kind_base.VARIANTS``), whose
steps, the same as an ordinary trace's, advance all V states at once. The result is an
ordinary batched :class:`~gates.trace.Trace` whose batch index b is variant b
(``tr.get(name)`` is ``(L, V, H)``), with ``tr.variants == V`` and the records' weights
and biases kept with their variant axis. gates.backward does not take sweep traces.

Where the time goes, for V = 64 variants of width 16: exp (every gate of every variant
at every step is a sigmoid or tanh, and NumPy's float64 exp costs ~10 ns an element), the
recurrent product (V small matmuls a step, through every variant's W_hh), and page
faults on big fresh arrays. Hence the steps' exp-argument form (gates/kind_base.py): one
exp per gate, and the gates' record doubles as the buffer of the input projections, so a
sweep allocates little beyond what it returns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from gates import validation
from gates.kind_base import VARIANTS
from gates.network import _public_shape, _Recurrent, param_shapes, run
from gates.trace import LayerRecord, Trace

Array = NDArray[np.float64]


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
                                 layout=VARIANTS)

    def drop(a: Array) -> Array:  # (..., V, 1, n) -> (..., V, n)
        return a[..., 0, :]

    flat = {
        key: LayerRecord(
            x=drop(np.broadcast_to(r.x, r.x.shape[:1] + (V,) + r.x.shape[2:])),
            h0=drop(r.h0), c0=None if r.c0 is None else drop(r.c0),
            gates={k: drop(v) for k, v in r.gates.items()},
            weight_ih=r.weight_ih, weight_hh=r.weight_hh, bias_ih=r.bias_ih, bias_hh=r.bias_hh,
            extras=r.extras,
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
