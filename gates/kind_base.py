"""What a cell kind is, and the numerics every kind's steps share.

A :class:`Kind` is one object: its gate blocks, trace names, sigmoid gates, states and
extra weights, plus its two functions, ``forward`` (one layer in one direction, the time
loop around the kind's one step function) and ``backward`` (BPTT through one layer and
direction). The modules ``gates.kind_rnn``, ``kind_gru``, ``kind_lstm`` and ``kind_mgu``
define them; ``gates.kinds`` is the registry.

The same ``forward`` runs an ordinary network (``net.trace``) and a sweep of V weight
variants (``gates.sweep``): the two differ only in how the weights are laid out, which a
:class:`Layout` hides (:data:`SHARED`: one set of weights, state ``(B, H)``;
:data:`VARIANTS`: a leading variant axis on every weight, state ``(V, 1, H)``).

Speed (see gates/sweep.py's docstring for where the time goes): a step computes its gates
from exp arguments, one exp per gate. The sigmoid gates' pre-activations come negated and
the tanh ones times -2 (the weights are scaled once per pass, exact in floating point),
so sigma = 1 / (1 + exp(arg)) and tanh = 2 / (1 + exp(arg)) - 1; the gates' record doubles
as the buffer of the input projections, so a pass allocates little beyond what it returns.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

import numpy as np
from numpy.typing import NDArray

from gates.config import NetConfig

Array = NDArray[np.float64]
RecWeights = tuple[Array, Array, Array, Array]  # weight_ih, weight_hh, bias_ih, bias_hh
Product = Callable[[Array], Array]

_ONE, _TWO = np.array(1.0), np.array(2.0)  # 0-d arrays: ufuncs take them faster than floats
# below this width the variants' recurrent product sums h's entries times W_hh's rows:
# V tiny matmuls would cost more in call overhead
_ROWS_MAX_H = 4

#: exp-argument scale of a block: sigmoid gates negated, tanh ones times -2
SIGMOID_SCALE, TANH_SCALE = -1.0, -2.0
#: Up to this many numbers a step (batch or variants times H), NumPy's tanh (one call,
#: vectorised) beats the exp form (four calls); above it, exp is the cheaper per number.
#: A pass then keeps its tanh blocks unscaled (scale 1) and calls np.tanh.
NP_TANH_MAX = 256


def tanh_scale(state: Array) -> float:
    """The scale of a pass's tanh blocks: 1 (np.tanh) for small states, else -2 (exp form)."""
    return 1.0 if state.size <= NP_TANH_MAX else TANH_SCALE


def tanh_at(a: Array, scale: float) -> None:
    """In place: a holds scale * x (``tanh_scale``), leaves tanh(x)."""
    if scale == 1.0:
        np.tanh(a, out=a)
    else:
        tanh_from(a)


# --------------------------------------------------------------------------- the kind


class ForwardPass(Protocol):
    def __call__(self, kind: Kind, layout: Layout, config: NetConfig, xs: Array, h0: Array,
                 c0: Array | None, weights: RecWeights,
                 extras: Mapping[str, Array]) -> dict[str, Array]: ...


class BackwardPass(Protocol):
    def __call__(self, kind: Kind, config: NetConfig, gates: Mapping[str, Array],
                 h_prev: Array, c0: Array | None, dy: Array, weights: RecWeights,
                 extras: Mapping[str, Array]) -> BackwardSteps: ...


class BackwardSteps(NamedTuple):
    """What a kind's backward pass returns for one layer and direction, processing order.

    ``da_ih`` / ``da_hh``: (L, B, G*H) gradients of the pre-activations that W_ih / W_hh
    (and the biases) feed; ``hh_input``: what each block of W_hh multiplies, one (L, B, H)
    array for every block (None: h_prev for all); ``extras``: gradients of the kind's
    extra weights by base name (peepholes).
    """

    da_ih: Array
    da_hh: Array
    dh: Array
    dh0: Array
    dc: Array | None = None
    dc0: Array | None = None
    hh_input: tuple[Array, ...] | None = None
    extras: dict[str, Array] = {}  # noqa: RUF012 (NamedTuple default, never mutated)


@dataclass(frozen=True)
class Kind:
    """One cell kind in one variant: every fact about it, and its forward and backward.

    Attributes:
        name: "rnn", "gru", "lstm", "mgu".
        torch_name: the class name (``gates.<torch_name>``; torch.nn's, when ``in_torch``).
        blocks: the gate blocks stacked in ``weight_ih`` / ``weight_hh`` / biases, in
            torch's order (GRU ``r, z, n``; LSTM ``i, f, g, o``); a removed gate has none.
        names: the public trace names (``Trace.names``), in order.
        block_names: the trace name of each block (same order as ``blocks``).
        sigmoid: the trace names that are sigmoid gates (values in [0, 1]).
        states: what is carried from one step to the next (``"h"``, ``"c"``).
        variant: "standard" or the variant's name.
        extras: extra weight vectors of size H per layer and direction (state_dict base
            names, e.g. ``"weight_ci"``), after the four stacked weights.
        options: the NetConfig fields this kind reads besides the sizes
            (``"nonlinearity"``, ``"reset_after"``); network classes take them as keywords.
        torch_options: those that torch's module takes too.
        in_torch: torch.nn has a class for this kind and variant.
        summary: the variant's equations in one line (docs, error messages).
    """

    name: str
    torch_name: str
    blocks: tuple[str, ...]
    names: tuple[str, ...]
    block_names: tuple[str, ...]
    sigmoid: frozenset[str]
    states: tuple[str, ...]
    forward: ForwardPass = field(repr=False, compare=False)
    backward: BackwardPass = field(repr=False, compare=False)
    variant: str = "standard"
    extras: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    torch_options: tuple[str, ...] = ()
    in_torch: bool = False
    summary: str = ""

    def __post_init__(self) -> None:
        names = set(self.names)
        if (len(self.block_names) != len(self.blocks) or not set(self.block_names) <= names
                or not self.sigmoid <= names):
            raise ValueError(f"inconsistent kind {self.name!r} variant {self.variant!r}")

    @property
    def gate_count(self) -> int:
        """G: rows of ``weight_ih`` are ``G * hidden_size``."""
        return len(self.blocks)

    @property
    def has_cell(self) -> bool:
        """Whether a cell state c is carried (``hx`` is then ``(h_0, c_0)``)."""
        return "c" in self.states

    @property
    def title(self) -> str:
        """"LSTM", "LSTM (coupled)": the kind's class name and its variant."""
        return self.torch_name + ("" if self.variant == "standard" else f" ({self.variant})")

    def block_scale(self, hidden_size: int, tanh: float = TANH_SCALE) -> Array:
        """(G*H,) exp-argument scale of every row: -1 for sigmoid blocks, ``tanh`` (-2,
        or 1 when the step calls np.tanh) for the others."""
        return np.repeat([SIGMOID_SCALE if n in self.sigmoid else tanh
                          for n in self.block_names], hidden_size)

    def torch_refusal(self, config: NetConfig) -> str | None:
        """Why torch.nn has no module for this kind and config (None: it has one)."""
        if not self.in_torch:
            what = (f"kind: torch.nn has no class for an {self.torch_name}"
                    if self.variant == "standard"
                    else f"variant: torch.nn has no class for the {self.torch_name} variant "
                         f"{self.variant!r}")
            return what + "; only the standard RNN, GRU and LSTM convert to torch"
        if "reset_after" in self.options and not config.reset_after:
            return ("reset_after: torch.nn.GRU only implements reset_after=True, "
                    "given reset_after=False")
        return None


# --------------------------------------------------------------------------- layouts


class Layout:
    """How one pass's weights and states are laid out (see the module docstring)."""

    def input_part(self, xs: Array, w_ih: Array, b: Array, G: int, H: int) -> Array:
        """W_ih x_t + b for every step, block-major (L, G, *batch, H): the gates' record
        to be (the steps turn each row into the gates in place)."""
        raise NotImplementedError

    def product(self, w_hh: Array) -> Product:
        """The step's recurrent product: h -> (G, *batch, H), the gate blocks of W_hh h
        (a view of a buffer that the next call overwrites). w_hh: torch's layout."""
        raise NotImplementedError

    def vector(self, v: Array) -> Array:
        """A per-unit weight vector (H,) (variants: (V, H)), broadcastable to the state."""
        raise NotImplementedError


class _Shared(Layout):
    """One network: weights (G*H, in), x (L, B, in), states (B, H)."""

    def input_part(self, xs: Array, w_ih: Array, b: Array, G: int, H: int) -> Array:
        L, B = xs.shape[:2]
        xp = (xs.reshape(L * B, -1) @ w_ih.T).reshape(L, B, G, H)
        out = np.ascontiguousarray(xp.transpose(0, 2, 1, 3)) if B > 1 else xp.reshape(L, G, 1, H)
        out += b.reshape(G, 1, H)
        return out

    def product(self, w_hh: Array) -> Product:
        GH, H = w_hh.shape
        G = GH // H
        w_T = np.ascontiguousarray(w_hh).T  # a view of C-ordered W_hh: what dot likes best
        bufs: dict[int, tuple[Array, Array]] = {}

        def shared(h: Array) -> Array:
            B = len(h)
            if B not in bufs:
                buf = np.empty((B, GH))
                bufs[B] = (buf, buf.reshape(B, G, H).transpose(1, 0, 2))
            buf, blocks = bufs[B]
            if B == 1:  # ndarray.dot: by far the cheapest call for one row
                h.dot(w_T, out=buf)
            else:
                np.matmul(h, w_T, out=buf)
            return blocks
        return shared

    def vector(self, v: Array) -> Array:
        return v


class _Variants(Layout):
    """V weight variants: weights (V, G*H, in), x (L, 1 or V, 1, in), states (V, 1, H)."""

    def input_part(self, xs: Array, w_ih: Array, b: Array, G: int, H: int) -> Array:
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

    def product(self, w_hh: Array) -> Product:
        """Per-variant weights: one stacked matmul (V, 1, H) @ (V, H, G*H), read
        block-major through a transposed view (tiny H: a sum over h's entries instead).
        Weights all variants share (say a sweep of one bias): one (V, H) @ (H, G*H)."""
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

    def vector(self, v: Array) -> Array:
        return v[:, None, :]


SHARED: Layout = _Shared()
VARIANTS: Layout = _Variants()


# --------------------------------------------------------------------------- numerics


def relu(x: Array, out: Array | None = None) -> Array:
    """relu(x) = max(x, 0)."""
    return np.maximum(x, 0.0, out=out)


def tanh(x: Array, out: Array | None = None) -> Array:
    return np.tanh(x, out=out)


#: the RNN's nonlinearities by name
ACTIVATIONS = {"tanh": tanh, "relu": relu}


def sigmoid_from(a: Array) -> None:
    """In place: a holds -x, leaves sigma(x) = 1 / (1 + exp(-x))."""
    np.exp(a, out=a)
    a += _ONE
    np.reciprocal(a, out=a)


def tanh_from(a: Array) -> None:
    """In place: a holds -2x, leaves tanh(x) = 2 / (1 + exp(-2x)) - 1.

    One exp is about half of NumPy's float64 tanh; the error is ~1e-16 absolute.
    """
    np.exp(a, out=a)
    a += _ONE
    np.divide(_TWO, a, out=a)
    a -= _ONE


def exp_form(kind: Kind, layout: Layout, config: NetConfig, xs: Array,
             weights: RecWeights, inside: slice | None = None,
             scratch_blocks: int = 0, tanh: float = TANH_SCALE) -> tuple[Array, Array]:
    """The pass's input part in exp-argument form and W_hh scaled alike.

    Both biases go with the input part, except the rows ``inside`` (b_hh that a gate
    multiplies, GRU's b_hn with reset_after), which the step adds itself.
    ``scratch_blocks``: zero blocks after the kind's, room for a step's own scratch;
    ``tanh``: the tanh blocks' scale (:func:`tanh_scale`).
    Returns (gates (L, G + scratch_blocks, *batch, H), scaled w_hh).
    """
    w_ih, w_hh, b_ih, b_hh = weights
    H = config.hidden_size
    scale = kind.block_scale(H, tanh)
    b = b_ih + b_hh
    if inside is not None:
        b[..., inside] = b_ih[..., inside]
    w_in, b = w_ih * scale[:, None], b * scale
    if scratch_blocks:
        pad = scratch_blocks * H
        w_in = np.concatenate([w_in, np.zeros((*w_in.shape[:-2], pad, w_in.shape[-1]))], axis=-2)
        b = np.concatenate([b, np.zeros((*b.shape[:-1], pad))], axis=-1)
    gates = layout.input_part(xs, w_in, b, kind.gate_count + scratch_blocks, H)
    return gates, w_hh * scale[:, None]


def by_block(kind: Kind, gates: Array) -> dict[str, Array]:
    """The trace names of a pass's block-major record (L, G, *batch, H)."""
    return {name: gates[:, k] for k, name in enumerate(kind.block_names)}


def ordered(kind: Kind, found: Mapping[str, Any]) -> dict[str, Any]:
    """``found`` in the kind's trace-name order (every name must be there)."""
    return {name: found[name] for name in kind.names}
