"""Why gates exist, in numbers: memory, gradients through time and model cost.

Pure functions on engine networks, traces and arrays (NumPy only), used by the compare,
gradients and deep pages and checked against theory in tests/test_analysis.py.

- :func:`influence_curve`   ||dh_t/dx_0|| for every t (one batched backward pass)
- :func:`retention_horizon` first step after the peak where that influence is below 1 %
- :func:`bptt`              dL/dh_t, dL/dx_t (and LSTM dL/dc_t) for L = h_T . v
- :func:`step_norms`, :func:`decay_factor`, :func:`rnn_step_gain`, :func:`forget_product`
- :func:`param_count`, :func:`param_formula`
- weight edits: :func:`scale_recurrent`, :func:`shift_gate_bias`, :func:`identity_recurrent`
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from gates import kinds
from gates.backward import backward

Array = NDArray[np.float64]

#: Gate blocks per cell kind, in torch's stacking order (from :mod:`gates.kinds`).
GATES: dict[str, tuple[str, ...]] = kinds.GATE_BLOCKS
#: States carried from one step to the next.
STATES: dict[str, tuple[str, ...]] = kinds.STATES

__all__ = [
    "GATES", "STATES", "BPTTResult", "bptt", "decay_factor", "forget_product",
    "identity_recurrent", "influence_curve", "param_count", "param_formula",
    "retention_horizon", "rnn_step_gain", "scale_recurrent", "shift_gate_bias", "step_norms",
]


# --------------------------------------------------------------------------- memory


def influence_curve(net: Any, x: Any) -> Array:
    """||dh_t / dx_0|| (Frobenius norm of the H x I Jacobian) for t = 0..L-1.

    ``net``: a one-layer, one-direction engine network (batch_first False);
    ``x``: (L, input_size), unbatched. One backward pass: the input is replicated
    L*H times, batch item (t, k) takes grad_output one-hot at step t, unit k, so its
    ``dL/dx_0`` is row k of the Jacobian dh_t/dx_0.
    """
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 2:
        raise ValueError(f"x: expected (seq_len, input_size), given shape {x.shape}")
    if net.num_layers != 1 or net.bidirectional or net.batch_first:
        raise ValueError("influence_curve: expected one layer, one direction, time-major")
    steps, n_in = x.shape
    hidden = net.hidden_size
    batch = steps * hidden
    tr = net.trace(np.broadcast_to(x[:, None, :], (steps, batch, n_in)))
    grad = np.zeros((steps, batch, hidden))
    items = np.arange(batch)
    grad[items // hidden, items, items % hidden] = 1.0
    jac = backward(tr, grad).input[0]  # (L*H, I): row (t, k) = d h_t[k] / d x_0
    return np.sqrt(np.sum(jac.reshape(steps, hidden * n_in) ** 2, axis=1))


def retention_horizon(curve: Any, fraction: float = 0.01) -> int | None:
    """The first step after the curve's peak where it falls below ``fraction`` of the peak.

    None when it never does within the sequence (the memory outlasts it).
    """
    c = np.asarray(curve, dtype=np.float64)
    if c.size == 0 or not np.any(c > 0):
        return 0 if c.size else None
    peak = int(np.argmax(c))
    below = np.nonzero(c[peak:] < fraction * c[peak])[0]
    return peak + int(below[0]) if below.size else None


# --------------------------------------------------------------------------- gradients


class BPTTResult(NamedTuple):
    """Gradients of L = h_T . v through time; every array time-major (L, ...)."""

    dh: Array  # (L, H) dL/dh_t
    dx: Array  # (L, I) dL/dx_t
    dc: Array | None  # (L, H) dL/dc_t (kinds with a cell state: LSTM)
    trace: Any


def bptt(net: Any, x: Any, loss_step: int, v: Any = None) -> BPTTResult:
    """Backpropagate L = h_T . v (v = ones: L = sum(h_T)) taken at step T = loss_step.

    ``net``: one layer, one direction; ``x``: (L, input_size) unbatched.
    """
    tr = net.trace(x)
    steps, hidden = tr.output.shape
    if not 0 <= loss_step < steps:
        raise ValueError(f"loss_step: expected 0..{steps - 1}, given {loss_step}")
    grad = np.zeros((steps, hidden))
    grad[loss_step] = 1.0 if v is None else np.asarray(v, dtype=np.float64)
    g = backward(tr, grad)
    return BPTTResult(g.hidden(), g.input, g.cell() if tr.cell_kind.has_cell else None, tr)


def step_norms(a: Any) -> Array:
    """Euclidean norm over the last axis: (L, H) -> (L,)."""
    return np.linalg.norm(np.asarray(a, dtype=np.float64), axis=-1)


def decay_factor(norms: Any, loss_step: int) -> float:
    """Geometric mean of ||dL/dh_{t-1}|| / ||dL/dh_t|| over t = 1..T.

    Below 1: the gradient vanishes going back in time; above 1: it explodes. Steps
    whose norm underflowed to 0 are left out (the mean runs from the first nonzero one).
    NaN when fewer than two usable steps.
    """
    n = np.asarray(norms, dtype=np.float64)[: loss_step + 1]
    nonzero = np.nonzero(n > 0)[0]
    if loss_step < 1 or nonzero.size == 0 or n[loss_step] <= 0 or nonzero[0] >= loss_step:
        return float("nan")
    first = int(nonzero[0])
    return float(np.exp((np.log(n[first]) - np.log(n[loss_step])) / (loss_step - first)))


class StepGain(NamedTuple):
    """A plain RNN's Jacobian dh_t/dh_{t-1} = diag(phi'(a_t)) W_hh, summarised."""

    spectral_radius: float  # max |eigenvalue| of W_hh
    mean_derivative: float  # mean phi'(a_t) over steps and units
    gain: float  # their product: the typical per-step factor


def rnn_step_gain(weight_hh: Any, preactivation: Any, nonlinearity: str = "tanh") -> StepGain:
    """Spectral radius of W_hh times the mean slope of the nonlinearity along the run."""
    w = np.asarray(weight_hh, dtype=np.float64)
    a = np.asarray(preactivation, dtype=np.float64)
    rho = float(np.max(np.abs(np.linalg.eigvals(w)))) if w.size else 0.0
    slope = (a > 0).astype(np.float64) if nonlinearity == "relu" else 1.0 - np.tanh(a) ** 2
    mean = float(np.mean(slope)) if slope.size else 0.0
    return StepGain(rho, mean, rho * mean)


def forget_product(forget: Any, loss_step: int) -> Array:
    """prod_{s=t+1..T} f_s per unit for t <= T (1 at t = T), NaN after T.

    The factor by which the LSTM's cell-state path alone carries dL/dc_T back to c_t:
    dc_t = dc_T * prod f along the "gradient highway".
    """
    f = np.asarray(forget, dtype=np.float64)
    out = np.full(f.shape, np.nan)
    out[loss_step] = 1.0
    if loss_step > 0:
        out[:loss_step] = np.cumprod(f[loss_step:0:-1], axis=0)[::-1]
    return out


# --------------------------------------------------------------------------- cost


def param_count(kind: str, input_size: int, hidden_size: int, num_layers: int = 1,
                bidirectional: bool = False, bias: bool = True,
                variant: str = "standard") -> int:
    """Number of weights and biases of the net (torch.nn.RNN / GRU / LSTM's for the
    standard cells) with these sizes.

    Per layer and direction: G*H*(I_l + H) + 2*G*H with G the kind's gate blocks (1 RNN,
    3 GRU, 4 LSTM, 2 MGU, one fewer for a variant without a gate), plus H per extra weight
    vector (3H for the peephole LSTM); I_0 = input_size, I_l = D*H above.
    """
    shapes = kinds.param_shapes(kind, input_size, hidden_size, num_layers, bidirectional, bias,
                                variant)
    return sum(int(np.prod(shape)) for shape in shapes.values())


def param_formula(kind: str, variant: str = "standard") -> str:
    """The one-layer count as a formula in I and H (what the comparison table shows)."""
    spec = kinds.get_kind(kind, variant)
    g = spec.gate_count
    base = "H(I+H) + 2H" if g == 1 else f"{g}·[H(I+H) + 2H]"
    return base + (f" + {len(spec.extras)}H" if spec.extras else "")


# --------------------------------------------------------------------------- weight edits


def _blocks(sd: Mapping[str, Any]) -> dict[str, Array]:
    return {k: np.array(v, dtype=np.float64) for k, v in sd.items()}


def scale_recurrent(state_dict: Mapping[str, Any], factor: float) -> dict[str, Array]:
    """A copy with every weight_hh multiplied by ``factor``."""
    out = _blocks(state_dict)
    for name in out:
        if name.startswith("weight_hh"):
            out[name] *= factor
    return out


def shift_gate_bias(state_dict: Mapping[str, Any], kind: str, gate: str,
                    shift: float, variant: str = "standard") -> dict[str, Array]:
    """A copy with ``shift`` added to one gate's bias_hh (so the gate's total bias moves)."""
    out = _blocks(state_dict)
    for name in out:
        if name.startswith("bias_hh"):
            h = out[name].shape[0] // kinds.gate_count(kind, variant)
            out[name][kinds.block_slice(kind, gate, h, variant)] += shift
    return out


def identity_recurrent(state_dict: Mapping[str, Any], weight: float) -> dict[str, Array]:
    """A copy of a plain RNN's weights with W_hh = weight * I (a unit keeps its own value)."""
    out = _blocks(state_dict)
    for name in out:
        if name.startswith("weight_hh"):
            out[name] = weight * np.eye(out[name].shape[1])
    return out
