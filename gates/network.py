"""gates.RNN / GRU / LSTM: NumPy twins of torch.nn.RNN / GRU / LSTM.

``net(x, hx)`` and ``net.trace(x, hx)`` share one implementation, :func:`run`: the call
is the trace with everything but the output and final states dropped. ``gates.sweep``
runs its weight variants through the same :func:`run` with its own direction pass.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar, TypeVar

import numpy as np
from numpy.typing import NDArray

from gates import kinds, validation
from gates.cells import gru_cell, lstm_cell, rnn_cell
from gates.trace import LayerRecord, NetConfig, Trace

Array = NDArray[np.float64]
Net = TypeVar("Net", bound="_Recurrent")

RecWeights = tuple[Array, Array, Array, Array]  # weight_ih, weight_hh, bias_ih, bias_hh
# one layer in one direction: (kind, config, x, h0, c0, weights, reverse) -> gates by name
DirectionPass = Callable[[str, NetConfig, Array, Array, Array | None, RecWeights, bool],
                         dict[str, Array]]


def param_shapes(kind: str, config: NetConfig) -> dict[str, tuple[int, ...]]:
    """torch's state_dict names and shapes, in torch's order (:func:`kinds.param_shapes`)."""
    return kinds.param_shapes(kind, config.input_size, config.hidden_size, config.num_layers,
                              config.bidirectional, config.bias)


def lstm_order(hidden_size: int) -> NDArray[np.intp]:
    """Row permutation from torch's i, f, g, o to the cell's i, f, o, g."""
    i, f, g, o = (np.arange(k * hidden_size, (k + 1) * hidden_size) for k in range(4))
    return np.concatenate([i, f, o, g])


def _blocks_first(a: Array, G: int, H: int) -> Array:
    """(..., G*H) -> (G, ..., H): the cells' block-major layout."""
    return np.moveaxis(a.reshape(*a.shape[:-1], G, H), -2, 0)


def _run_direction(
    kind: str,
    config: NetConfig,
    x: Array,
    h0: Array,
    c0: Array | None,
    rec_weights: RecWeights,
    reverse: bool,
) -> dict[str, Array]:
    """One layer in one direction. x (L, B, in) in input-time order, h0/c0 (B, H).

    Returns the gates by public name, (L, B, H), rows in input-time order.
    """
    w_ih, w_hh, b_ih, b_hh = rec_weights
    G, H = kinds.gate_count(kind), config.hidden_size
    if kind == "lstm":  # the cell wants the sigmoid gates first
        order = lstm_order(H)
        w_ih, w_hh, b_ih, b_hh = w_ih[order], w_hh[order], b_ih[order], b_hh[order]
    if kind != "gru":  # the GRU needs b_hh inside r * (W_hn h + b_hn); others fold it in
        b_ih, b_hh = b_ih + b_hh, np.zeros_like(b_hh)
    b_ih = _blocks_first(b_ih, G, H)[..., None, :]  # (G, 1, H): broadcasts over the batch
    b_hh = np.ascontiguousarray(_blocks_first(b_hh, G, H)[..., None, :])  # added every step
    # W_hh^T as a view of C-ordered W_hh is what ndarray.dot likes best
    w_hhT = np.ascontiguousarray(w_hh).T

    xs = x[::-1] if reverse else x  # the reverse direction is the forward loop on reversed time
    xp = (xs.reshape(-1, xs.shape[-1]) @ w_ih.T).reshape(*xs.shape[:-1], G, H)
    xp = np.ascontiguousarray(np.moveaxis(xp, -2, 1))  # (L, G, B, H): one matmul for all steps
    xp += b_ih
    state_shape = (len(xp), *xp.shape[2:])
    gates = np.empty(xp.shape)
    hidden = np.empty(state_shape)

    h, cell = h0, None
    if kind == "gru":
        scratch = np.empty(xp.shape[1:])
        reset_after = config.reset_after
        for xp_t, gates_t, h_next in zip(xp, gates, hidden, strict=True):
            gru_cell(xp_t, h, w_hhT, b_hh, reset_after, out=(gates_t, h_next, scratch))
            h = h_next
    elif kind == "lstm":
        assert c0 is not None
        cell = cells = np.empty(state_shape)
        scratch = np.empty(state_shape[1:])
        c = c0
        for xp_t, gates_t, h_next, c_next in zip(xp, gates, hidden, cells, strict=True):
            lstm_cell(xp_t, h, c, w_hhT, out=(gates_t, h_next, c_next, scratch))
            h, c = h_next, c_next
    else:
        for xp_t, gates_t, h_next in zip(xp, gates, hidden, strict=True):
            rnn_cell(xp_t, h, w_hhT, config.nonlinearity, out=(gates_t, h_next))
            h = h_next
    return named_gates(kind, gates, hidden, cell, reverse)


def named_gates(kind: str, gates: Array, hidden: Array, cell: Array | None,
                reverse: bool) -> dict[str, Array]:
    """The public names of a pass's block-major gates (L, G, ..., H), rows put back in
    input-time order. LSTM blocks come as the cells keep them: i, f, o, g."""
    if kind == "gru":
        names = {"reset": gates[:, 0], "update": gates[:, 1], "candidate": gates[:, 2],
                 "hidden": hidden}
    elif kind == "lstm":
        assert cell is not None
        names = {"input": gates[:, 0], "forget": gates[:, 1], "candidate": gates[:, 3],
                 "output": gates[:, 2], "cell": cell, "hidden": hidden}
    else:
        names = {"preactivation": gates[:, 0], "hidden": hidden}
    return {k: v[::-1] for k, v in names.items()} if reverse else names


def run(
    kind: str,
    config: NetConfig,
    params: Mapping[str, Array],
    x: Array,
    h0: Array,
    c0: Array | None,
    direction_pass: DirectionPass = _run_direction,
) -> tuple[dict[tuple[int, int], LayerRecord], Array, Array, Array | None]:
    """The whole network on internal, time-major arrays.

    Args:
        params: state_dict-named weights (a sweep's with a leading variant axis).
        x: (L, ..., input_size); h0, c0: (num_layers*D, ..., H).
        direction_pass: runs one layer in one direction (a sweep brings its own).

    Returns:
        (records, output (L, ..., D*H), h_n, c_n) with h_n, c_n (num_layers*D, ..., H).
    """
    D = config.num_directions
    records: dict[tuple[int, int], LayerRecord] = {}
    h_n, c_n = [], []
    layer_x = x
    for layer in range(config.num_layers):
        outs = []
        for direction in range(D):
            sfx = f"_l{layer}" + ("_reverse" if direction else "")
            w_ih, w_hh = params["weight_ih" + sfx], params["weight_hh" + sfx]
            if config.bias:
                b_ih, b_hh = params["bias_ih" + sfx], params["bias_hh" + sfx]
            else:
                b_ih = b_hh = np.zeros(w_ih.shape[:-1])
            k = layer * D + direction
            c0_k = None if c0 is None else c0[k]
            g = direction_pass(kind, config, layer_x, h0[k], c0_k, (w_ih, w_hh, b_ih, b_hh),
                               bool(direction))
            records[(layer, direction)] = LayerRecord(
                x=layer_x, h0=h0[k], c0=c0_k, gates=g,
                weight_ih=w_ih, weight_hh=w_hh, bias_ih=b_ih, bias_hh=b_hh,
            )
            outs.append(g["hidden"])
            last = 0 if direction else -1  # the reverse pass ends at input step 0
            h_n.append(g["hidden"][last])
            if "cell" in g:
                c_n.append(g["cell"][last])
        layer_x = outs[0] if D == 1 else np.concatenate(outs, axis=-1)
    return records, layer_x, np.stack(h_n), (np.stack(c_n) if c_n else None)


class _Recurrent:
    """Shared body of RNN, GRU and LSTM: config, weights, forward, trace."""

    kind: ClassVar[str]

    def __init__(self, config: NetConfig, seed: Any) -> None:
        self.config = config
        k = 1.0 / np.sqrt(config.hidden_size)
        rng = np.random.default_rng(seed)
        self._params: dict[str, Array] = {
            name: _frozen(rng.uniform(-k, k, size=shape))
            for name, shape in param_shapes(self.kind, config).items()
        }

    # -- hyper-parameters, named as torch names them ------------------------------
    @property
    def input_size(self) -> int:
        return self.config.input_size

    @property
    def hidden_size(self) -> int:
        return self.config.hidden_size

    @property
    def num_layers(self) -> int:
        return self.config.num_layers

    @property
    def bias(self) -> bool:
        return self.config.bias

    @property
    def batch_first(self) -> bool:
        return self.config.batch_first

    @property
    def bidirectional(self) -> bool:
        return self.config.bidirectional

    # -- weights ------------------------------------------------------------------
    def state_dict(self) -> dict[str, Array]:
        """Copies of the weights with torch's names, shapes and gate order."""
        return {name: value.copy() for name, value in self._params.items()}

    def load_state_dict(self, state_dict: Mapping[str, Any]) -> None:
        """Replace every weight (NumPy arrays or torch tensors); all or nothing."""
        checked = validation.check_state_dict(state_dict, param_shapes(self.kind, self.config))
        self._params = {name: _frozen(value) for name, value in checked.items()}

    # -- forward ------------------------------------------------------------------
    def trace(self, x: Any, hx: Any = None) -> Trace:
        """Run the network and record every gate of every layer and direction."""
        cfg = self.config
        xi, batched = validation.check_input(x, cfg)
        h0, c0 = validation.check_hx(hx, self.kind, cfg, xi.shape[1], batched)
        records, out, h_n, c_n = run(self.kind, cfg, self._params, xi, h0, c0)
        if not batched:
            output, h_n = out[:, 0, :], h_n[:, 0, :]
            c_n = None if c_n is None else c_n[:, 0, :]
        else:
            output = out.transpose(1, 0, 2) if cfg.batch_first else out
        return Trace(
            kind=self.kind, config=cfg, batched=batched, x_shape=_public_shape(xi.shape, cfg, batched),
            records=records, output=np.ascontiguousarray(output), h_n=h_n, c_n=c_n,
        )

    def __call__(self, x: Any, hx: Any = None) -> tuple[Array, Any]:
        tr = self.trace(x, hx)
        if self.kind == "lstm":
            return tr.output, (tr.h_n, tr.c_n)
        return tr.output, tr.h_n

    forward = __call__

    # -- torch --------------------------------------------------------------------
    @classmethod
    def from_torch(cls: type[Net], module: Any) -> Net:
        """Copy a torch.nn module of the same kind (float32 weights become float64)."""
        from gates.torch_bridge import from_torch

        return from_torch(cls, module)

    def to_torch(self) -> Any:
        """The equivalent float64 torch.nn module."""
        from gates.torch_bridge import to_torch

        return to_torch(self)

    def __repr__(self) -> str:
        c = self.config
        extra = ", bidirectional=True" if c.bidirectional else ""
        return (f"{type(self).__name__}({c.input_size}, {c.hidden_size}, "
                f"num_layers={c.num_layers}{extra})")


def _public_shape(shape: tuple[int, ...], cfg: NetConfig, batched: bool) -> tuple[int, ...]:
    """The user-facing shape of an internal (L, B, n) array."""
    L, B, n = shape
    if not batched:
        return (L, n)
    return (B, L, n) if cfg.batch_first else (L, B, n)


def _frozen(a: Array) -> Array:
    """A read-only float64 copy: traces can then share the weights without copying."""
    a = np.array(a, dtype=np.float64)
    a.setflags(write=False)
    return a


def _config(input_size: Any, hidden_size: Any, num_layers: Any, bias: Any, batch_first: Any,
            bidirectional: Any, nonlinearity: Any = "tanh", reset_after: Any = True) -> NetConfig:
    return NetConfig(
        input_size=validation.check_size(input_size, "input_size"),
        hidden_size=validation.check_size(hidden_size, "hidden_size"),
        num_layers=validation.check_size(num_layers, "num_layers"),
        bidirectional=bool(bidirectional),
        batch_first=bool(batch_first),
        bias=bool(bias),
        nonlinearity=validation.check_nonlinearity(nonlinearity),
        reset_after=bool(reset_after),
    )


class RNN(_Recurrent):
    """Elman RNN, h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh) (or relu).

    Weights (torch's names): weight_ih_l{k} (H, in_k), weight_hh_l{k} (H, H),
    bias_ih_l{k} (H,), bias_hh_l{k} (H,); ``_reverse`` twins when bidirectional.
    """

    kind = "rnn"

    def __init__(self, input_size: int, hidden_size: int, num_layers: int = 1,
                 nonlinearity: str = "tanh", bias: bool = True, batch_first: bool = False,
                 bidirectional: bool = False, seed: int | None = None) -> None:
        super().__init__(_config(input_size, hidden_size, num_layers, bias, batch_first,
                                 bidirectional, nonlinearity=nonlinearity), seed)

    @property
    def nonlinearity(self) -> str:
        return self.config.nonlinearity


class GRU(_Recurrent):
    """Gated recurrent unit; equations in :func:`gates.cells.gru_cell`.

    Weights: weight_ih_l{k} (3H, in_k), weight_hh_l{k} (3H, H), bias_ih_l{k} (3H,),
    bias_hh_l{k} (3H,), blocks stacked r, z, n; ``_reverse`` twins when bidirectional.
    """

    kind = "gru"

    def __init__(self, input_size: int, hidden_size: int, num_layers: int = 1,
                 bias: bool = True, batch_first: bool = False, bidirectional: bool = False,
                 reset_after: bool = True, seed: int | None = None) -> None:
        super().__init__(_config(input_size, hidden_size, num_layers, bias, batch_first,
                                 bidirectional, reset_after=reset_after), seed)

    @property
    def reset_after(self) -> bool:
        return self.config.reset_after


class LSTM(_Recurrent):
    """Long short-term memory; equations in :func:`gates.cells.lstm_cell`.

    Weights: weight_ih_l{k} (4H, in_k), weight_hh_l{k} (4H, H), bias_ih_l{k} (4H,),
    bias_hh_l{k} (4H,), blocks stacked i, f, g, o; ``_reverse`` twins when bidirectional.
    """

    kind = "lstm"

    def __init__(self, input_size: int, hidden_size: int, num_layers: int = 1,
                 bias: bool = True, batch_first: bool = False, bidirectional: bool = False,
                 seed: int | None = None) -> None:
        super().__init__(_config(input_size, hidden_size, num_layers, bias, batch_first,
                                 bidirectional), seed)


#: kind -> network class: the one factory table (``NETWORKS[kind](input_size, ...)``).
NETWORKS: dict[str, type[RNN | GRU | LSTM]] = {cls.kind: cls for cls in (RNN, GRU, LSTM)}


def network_class(kind: str) -> type[RNN | GRU | LSTM]:
    """``gates.RNN``, ``GRU`` or ``LSTM`` for ``kind``; ``ValueError`` for an unknown kind."""
    return NETWORKS[kinds.check_kind(kind)]


def single_cell(kind: str, input_size: int, hidden_size: int, *, reset_after: bool = True,
                nonlinearity: str = "tanh", seed: int | None = None) -> RNN | GRU | LSTM:
    """One layer, one direction of ``kind`` ("rnn", "gru" or "lstm"): the lab's tiny cells."""
    if kind == "gru":
        return GRU(input_size, hidden_size, reset_after=reset_after, seed=seed)
    if kind == "lstm":
        return LSTM(input_size, hidden_size, seed=seed)
    if kind == "rnn":
        return RNN(input_size, hidden_size, nonlinearity=nonlinearity, seed=seed)
    raise ValueError(f"kind: expected 'rnn', 'gru' or 'lstm', given {kind!r}")
