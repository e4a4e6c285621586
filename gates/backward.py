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

from gates.kind_base import Kind
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
    extras: dict[str, Array]  # the kind's extra weights (peepholes), by base name


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
    spec = tr.cell_kind
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
            res = _direction_backward(spec, cfg, rec, dy[:, :, d * hsz : (d + 1) * hsz], d == 1)
            suffix = f"_l{layer}" + ("_reverse" if d else "")
            params["weight_ih" + suffix] = res.weight_ih
            params["weight_hh" + suffix] = res.weight_hh
            if cfg.bias:
                params["bias_ih" + suffix] = res.bias_ih
                params["bias_hh" + suffix] = res.bias_hh
            for name, grad in res.extras.items():
                params[name + suffix] = grad
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
        kind, cfg.input_size, hsz, num_layers, cfg.bidirectional, cfg.bias, cfg.variant)}

    if not tr.batched:
        dx_public = dy[:, 0, :]
    elif cfg.batch_first:
        dx_public = dy.transpose(1, 0, 2)
    else:
        dx_public = dy
    dx_public = np.ascontiguousarray(dx_public).reshape(tuple(tr.x_shape))

    h_0 = np.stack(h0_grads)
    c_0 = np.stack(c0_grads) if spec.has_cell else None
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
        dc=dc_all if spec.has_cell else None,
    )


def _direction_backward(spec: Kind, cfg: Any, rec: Any, dy: Array,
                        reverse: bool) -> _DirectionGrads:
    """BPTT through one layer and direction; ``dy`` (L, B, H) in input-time order.

    The steps are the kind object's ``backward``; the weight gradients are one matmul each.
    """
    x = np.asarray(rec.x, dtype=np.float64)
    gates = {k: np.asarray(v, dtype=np.float64) for k, v in rec.gates.items()}
    if reverse:  # processing order = reversed input order
        x = x[::-1]
        dy = dy[::-1]
        gates = {k: v[::-1] for k, v in gates.items()}
    h0 = np.asarray(rec.h0, dtype=np.float64)
    h = gates["hidden"]
    h_prev = np.concatenate([h0[None], h[:-1]])
    weights = tuple(np.asarray(w, dtype=np.float64)
                    for w in (rec.weight_ih, rec.weight_hh, rec.bias_ih, rec.bias_hh))
    c0 = None if rec.c0 is None else np.asarray(rec.c0, dtype=np.float64)
    res = spec.backward(spec, cfg, gates, h_prev, c0, dy, weights, rec.extras)  # type: ignore[arg-type]

    da_ih, da_hh = res.da_ih, res.da_hh
    n_steps, batch, gh = da_ih.shape
    hsz = h.shape[-1]
    a_ih = da_ih.reshape(-1, gh)
    a_hh = da_hh.reshape(-1, gh)
    dw_ih = a_ih.T @ x.reshape(n_steps * batch, -1)
    if res.hh_input is None:
        dw_hh = a_hh.T @ h_prev.reshape(-1, hsz)
    else:  # blocks reading something else than h_prev (r * h_prev, f * h_prev)
        dw_hh = np.concatenate([a_hh[:, k * hsz:(k + 1) * hsz].T @ inp.reshape(-1, hsz)
                                for k, inp in enumerate(res.hh_input)])
    db_ih = a_ih.sum(axis=0)
    db_hh = db_ih.copy() if da_hh is da_ih else a_hh.sum(axis=0)
    dx = da_ih @ weights[0]

    dh, dc = res.dh, res.dc
    if reverse:
        dx, dh = dx[::-1], dh[::-1]
        dc = None if dc is None else dc[::-1]
    return _DirectionGrads(
        dx=dx,
        weight_ih=dw_ih,
        weight_hh=dw_hh,
        bias_ih=db_ih,
        bias_hh=db_hh,
        dh=dh,
        dc=dc,
        dh0=res.dh0,
        dc0=res.dc0,
        extras=res.extras,
    )


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
