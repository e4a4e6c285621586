"""gates.RNN / GRU / LSTM: NumPy twins of torch.nn.RNN / GRU / LSTM; gates.MGU.

``net(x, hx)`` and ``net.trace(x, hx)`` share one implementation, :func:`run`: the call
is the trace with everything but the output and final states dropped. ``gates.sweep``
runs its weight variants through the same :func:`run` with the variants' layout.
Each class takes ``variant=`` (``gates.kinds.VARIANTS``; "standard" by default).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

import numpy as np
from numpy.typing import NDArray

from gates import kinds, validation
from gates.kind_base import SHARED, Kind, Layout, RecWeights
from gates.trace import LayerRecord, NetConfig, Trace

Array = NDArray[np.float64]
Net = TypeVar("Net", bound="_Recurrent")

__all__ = ["GRU", "LSTM", "MGU", "AnyNet", "NETWORKS", "RNN", "RecWeights", "network_class",
           "param_shapes", "run", "single_cell"]


def param_shapes(kind: str, config: NetConfig) -> dict[str, tuple[int, ...]]:
    """The state_dict names and shapes, in torch's order (:func:`kinds.param_shapes`)."""
    return kinds.param_shapes(kind, config.input_size, config.hidden_size, config.num_layers,
                              config.bidirectional, config.bias, config.variant)


def run(
    kind: str,
    config: NetConfig,
    params: Mapping[str, Array],
    x: Array,
    h0: Array,
    c0: Array | None,
    layout: Layout = SHARED,
) -> tuple[dict[tuple[int, int], LayerRecord], Array, Array, Array | None]:
    """The whole network on internal, time-major arrays.

    Every layer and direction is the kind object's ``forward`` (gates.kinds), run on the
    input in processing order (the reverse direction is the forward loop on reversed
    time), its rows put back in input-time order.

    Args:
        params: state_dict-named weights (a sweep's with a leading variant axis).
        x: (L, ..., input_size); h0, c0: (num_layers*D, ..., H).
        layout: how weights and states are laid out (``kind_base.SHARED``, or a sweep's
            ``kind_base.VARIANTS``).

    Returns:
        (records, output (L, ..., D*H), h_n, c_n) with h_n, c_n (num_layers*D, ..., H).
    """
    spec: Kind = kinds.get_kind(kind, config.variant)
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
            extras = {name: params[name + sfx] for name in spec.extras}
            k = layer * D + direction
            c0_k = None if c0 is None else c0[k]
            xs = layer_x[::-1] if direction else layer_x
            g = spec.forward(spec, layout, config, xs, h0[k], c0_k, (w_ih, w_hh, b_ih, b_hh),
                             extras)
            if direction:  # rows back in input-time order
                g = {name: v[::-1] for name, v in g.items()}
            records[(layer, direction)] = LayerRecord(
                x=layer_x, h0=h0[k], c0=c0_k, gates=g,
                weight_ih=w_ih, weight_hh=w_hh, bias_ih=b_ih, bias_hh=b_hh, extras=extras,
            )
            outs.append(g["hidden"])
            last = 0 if direction else -1  # the reverse pass ends at input step 0
            h_n.append(g["hidden"][last])
            if "cell" in g:
                c_n.append(g["cell"][last])
        layer_x = outs[0] if D == 1 else np.concatenate(outs, axis=-1)
    return records, layer_x, np.stack(h_n), (np.stack(c_n) if c_n else None)


class _Recurrent:
    """Shared body of RNN, GRU, LSTM and MGU: config, weights, forward, trace."""

    kind: ClassVar[str]

    @property
    def cell_kind(self) -> Kind:
        """The kind object of this net's kind and variant (``gates.kinds``)."""
        return kinds.get_kind(self.kind, self.config.variant)

    @property
    def variant(self) -> str:
        """"standard" or the variant's name (e.g. LSTM "coupled", GRU "no_reset")."""
        return self.config.variant

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
        if self.cell_kind.has_cell:
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
        if c.variant != kinds.STANDARD:
            extra += f", variant={c.variant!r}"
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


def _config(kind: str, input_size: Any, hidden_size: Any, num_layers: Any, bias: Any,
            batch_first: Any, bidirectional: Any, nonlinearity: Any = "tanh",
            reset_after: Any = True, variant: Any = "standard") -> NetConfig:
    return NetConfig(
        input_size=validation.check_size(input_size, "input_size"),
        hidden_size=validation.check_size(hidden_size, "hidden_size"),
        num_layers=validation.check_size(num_layers, "num_layers"),
        bidirectional=bool(bidirectional),
        batch_first=bool(batch_first),
        bias=bool(bias),
        nonlinearity=validation.check_nonlinearity(nonlinearity),
        reset_after=bool(reset_after),
        variant=kinds.check_variant(kind, variant),
    )


class RNN(_Recurrent):
    """Elman RNN, h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh) (or relu).

    Weights (torch's names): weight_ih_l{k} (H, in_k), weight_hh_l{k} (H, H),
    bias_ih_l{k} (H,), bias_hh_l{k} (H,); ``_reverse`` twins when bidirectional.
    """

    kind = "rnn"

    def __init__(self, input_size: int, hidden_size: int, num_layers: int = 1,
                 nonlinearity: str = "tanh", bias: bool = True, batch_first: bool = False,
                 bidirectional: bool = False, seed: int | None = None,
                 variant: str = "standard") -> None:
        super().__init__(_config(self.kind, input_size, hidden_size, num_layers, bias,
                                 batch_first, bidirectional, nonlinearity=nonlinearity,
                                 variant=variant), seed)

    @property
    def nonlinearity(self) -> str:
        return self.config.nonlinearity


class GRU(_Recurrent):
    """Gated recurrent unit; equations in :mod:`gates.kind_gru`. ``variant="no_reset"``:
    no reset gate (blocks z, n), for either ``reset_after``.

    Weights: weight_ih_l{k} (3H, in_k), weight_hh_l{k} (3H, H), bias_ih_l{k} (3H,),
    bias_hh_l{k} (3H,), blocks stacked r, z, n; ``_reverse`` twins when bidirectional.
    """

    kind = "gru"

    def __init__(self, input_size: int, hidden_size: int, num_layers: int = 1,
                 bias: bool = True, batch_first: bool = False, bidirectional: bool = False,
                 reset_after: bool = True, seed: int | None = None,
                 variant: str = "standard") -> None:
        super().__init__(_config(self.kind, input_size, hidden_size, num_layers, bias,
                                 batch_first, bidirectional, reset_after=reset_after,
                                 variant=variant), seed)

    @property
    def reset_after(self) -> bool:
        return self.config.reset_after


class LSTM(_Recurrent):
    """Long short-term memory; equations in :mod:`gates.kind_lstm`. ``variant``: "standard",
    "no_forget", "no_input", "no_output", "coupled" (CIFG; blocks f, g, o) or "peephole"
    (adds weight_ci_l{k}, weight_cf_l{k}, weight_co_l{k}, each (H,)); a removed gate's
    block is not stacked.

    Weights: weight_ih_l{k} (4H, in_k), weight_hh_l{k} (4H, H), bias_ih_l{k} (4H,),
    bias_hh_l{k} (4H,), blocks stacked i, f, g, o; ``_reverse`` twins when bidirectional.
    """

    kind = "lstm"

    def __init__(self, input_size: int, hidden_size: int, num_layers: int = 1,
                 bias: bool = True, batch_first: bool = False, bidirectional: bool = False,
                 seed: int | None = None, variant: str = "standard") -> None:
        super().__init__(_config(self.kind, input_size, hidden_size, num_layers, bias,
                                 batch_first, bidirectional, variant=variant), seed)


class MGU(_Recurrent):
    """Minimal gated unit (Zhou et al. 2016); equations in :mod:`gates.kind_mgu`.

    Weights: weight_ih_l{k} (2H, in_k), weight_hh_l{k} (2H, H), bias_ih_l{k} (2H,),
    bias_hh_l{k} (2H,), blocks stacked f, n; ``_reverse`` twins when bidirectional.
    torch.nn has no MGU: ``to_torch`` raises ValueError.
    """

    kind = "mgu"

    def __init__(self, input_size: int, hidden_size: int, num_layers: int = 1,
                 bias: bool = True, batch_first: bool = False, bidirectional: bool = False,
                 seed: int | None = None, variant: str = "standard") -> None:
        super().__init__(_config(self.kind, input_size, hidden_size, num_layers, bias,
                                 batch_first, bidirectional, variant=variant), seed)


AnyNet = RNN | GRU | LSTM | MGU

#: kind -> network class: the one factory table (``NETWORKS[kind](input_size, ...)``).
NETWORKS: dict[str, type[AnyNet]] = {cls.kind: cls for cls in (RNN, GRU, LSTM, MGU)}


def network_class(kind: str) -> type[AnyNet]:
    """``gates.RNN``, ``GRU``, ``LSTM`` or ``MGU`` for ``kind``; ``ValueError`` for an
    unknown kind (each class takes ``variant=``)."""
    return NETWORKS[kinds.check_kind(kind)]


def single_cell(kind: str, input_size: int, hidden_size: int, *, reset_after: bool = True,
                nonlinearity: str = "tanh", seed: int | None = None,
                variant: str = "standard") -> AnyNet:
    """One layer, one direction of ``kind`` in ``variant``: the lab's tiny cells.

    ``reset_after`` and ``nonlinearity`` go to the kinds that read them (GRU, RNN).
    """
    options: dict[str, Any] = {"reset_after": reset_after, "nonlinearity": nonlinearity}
    spec = kinds.get_kind(kind, variant)
    return NETWORKS[kind](input_size, hidden_size, seed=seed, variant=variant,
                          **{name: options[name] for name in spec.options})
