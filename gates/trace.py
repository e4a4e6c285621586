"""What a forward pass recorded: every gate of every layer and direction at every step.

Internally every array is time-major with a batch axis (B = 1 for unbatched input).
One :class:`LayerRecord` per ``(layer, direction)`` holds what that pass read, started
from and computed, plus the weights it was computed with, so :func:`gates.backward`
can differentiate it without re-running anything.

Sweep traces (``gates.sweep``) run V weight variants of one network as a batch of V:
their records' weights and biases carry a leading variant axis, ``(V, G*H, in_l)`` and
``(V, G*H)``, and ``Trace.variants`` is V (``None`` for an ordinary trace).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from gates import validation
from gates.config import NetConfig
from gates.kind_base import Kind
from gates.kinds import NAMES, get_kind

Array = NDArray[np.float64]

__all__ = ["NAMES", "LayerRecord", "NetConfig", "Trace"]


@dataclass(frozen=True)
class LayerRecord:
    """One layer and direction of a forward pass, time-major, rows by input time step.

    Attributes:
        x:     (L, B, in_l) the input this pass read, in input-time order (layer 0: the
               user's x; layer l > 0: layer l-1's output, forward half first).
        h0:    (B, H) initial hidden state.
        c0:    (B, H) initial cell state (LSTM), else None.
        gates: name -> (L, B, H), the public names of ``Trace.names``. For direction 1,
               row t is what the reverse pass computed on reading x[t]; its previous
               state is row t+1 (h0 at t = L-1).
        weight_ih (G*H, in_l), weight_hh (G*H, H), bias_ih (G*H,), bias_hh (G*H,):
               the weights used, torch's gate order; zero biases when bias=False.
               Sweep traces: a leading variant axis on all four.
        extras: the kind's extra weights by base name (the peephole LSTM's
               ``weight_ci``, ``weight_cf``, ``weight_co``, each (H,)); empty otherwise.
    """

    x: Array
    h0: Array
    c0: Array | None
    gates: dict[str, Array]
    weight_ih: Array
    weight_hh: Array
    bias_ih: Array
    bias_hh: Array
    extras: dict[str, Array] = field(default_factory=dict)


@dataclass(frozen=True)
class Trace:
    """Every gate at every step of one forward pass (see docs/API.md).

    ``output``, ``h_n`` and ``c_n`` are laid out exactly as ``net(x, hx)`` returns them.
    """

    kind: str
    config: NetConfig
    batched: bool
    x_shape: tuple[int, ...]
    records: dict[tuple[int, int], LayerRecord]
    output: Array
    h_n: Array
    c_n: Array | None
    variants: int | None = None

    @property
    def cell_kind(self) -> Kind:
        """The kind object of this trace's kind and variant (``gates.kinds``)."""
        return get_kind(self.kind, self.config.variant)

    @property
    def variant(self) -> str:
        return self.config.variant

    @property
    def names(self) -> tuple[str, ...]:
        """The recorded quantities of this cell kind and variant, in order."""
        return self.cell_kind.names

    def get(self, name: str, layer: int = 0, direction: int = 0) -> Array:
        """One recorded quantity: (L, hidden_size), or (L, B, hidden_size) batched.

        Always time-major; row t belongs to input step t, for direction 1 too.
        """
        validation.check_gate_name(name, self.names)
        validation.check_layer_direction(layer, direction, self.config)
        values = self.records[(int(layer), int(direction))].gates[name]
        return (values if self.batched else values[:, 0, :]).copy()
