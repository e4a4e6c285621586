"""Named classroom scenarios: tiny cells with hand-set weights and a matching input.

Every preset uses the engine's (torch's) conventions exactly:

- GRU, gate blocks stacked ``r, z, n``::

      r = sigmoid(W_ir x + b_ir + W_hr h + b_hr)
      z = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
      n = tanh(W_in x + b_in + r * (W_hn h + b_hn))        (reset_after=True)
      h' = (1 - z) * n + z * h                             (z near 1 keeps h)

- LSTM, gate blocks stacked ``i, f, g, o``::

      i, f, o = sigmoid(...),  g = tanh(...)
      c' = f * c + i * g,      h' = o * tanh(c')

- RNN: ``h' = act(W_ih x + b_ih + W_hh h + b_hh)`` with act ``tanh`` or ``relu``.

Weights are in torch's layout: ``weight_ih_l0 (G*H, I)``, ``weight_hh_l0 (G*H, H)``,
``bias_ih_l0 (G*H,)``, ``bias_hh_l0 (G*H,)`` with G = 1, 3, 4 for RNN, GRU, LSTM.
The initial state is always zero; the inputs do all the writing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from gates.kinds import check_kind, check_variant, param_shapes
from gates_lab.classroom.inputs import ChannelSpec, make_input
from gates_lab.classroom.weights import block_weights

if TYPE_CHECKING:
    from gates.network import AnyNet

__all__ = ["OPENINGS", "PRESETS", "Preset", "get_preset", "preset_input", "preset_net",
           "presets_for"]


@dataclass(frozen=True)
class Preset:
    """One classroom scenario: a cell, its weights, its input and what it shows.

    ``state_dict`` holds read-only float64 arrays in torch's layout (see the module
    docstring); ``inputs`` holds one :class:`ChannelSpec` per input channel, rendered
    over ``length`` steps by :func:`preset_input`.
    """

    name: str  # stable: the key of its title and text in gates_lab/locales/presets.py
    kind: str
    input_size: int
    hidden_size: int
    state_dict: dict[str, np.ndarray] = field(compare=False, repr=False)
    inputs: tuple[ChannelSpec, ...]
    length: int
    reset_after: bool = True
    nonlinearity: str = "tanh"
    variant: str = "standard"

    def __post_init__(self) -> None:
        check_variant(check_kind(self.kind), self.variant)
        if len(self.inputs) != self.input_size:
            raise ValueError(f"preset {self.name}: {self.input_size} input channel(s) "
                             f"expected, got {len(self.inputs)}")
        shapes = param_shapes(self.kind, self.input_size, self.hidden_size,
                              variant=self.variant)
        got = {k: v.shape for k, v in self.state_dict.items()}
        if got != shapes:
            raise ValueError(f"preset {self.name}: state_dict shapes {shapes} expected, "
                             f"got {got}")


_PRESET_LIST: tuple[Preset, ...] = (
    Preset(
        name="gru-as-rnn", kind="gru",
        input_size=1, hidden_size=1,
        state_dict=block_weights("gru", 1, 1, ih={"n": 1.0}, hh={"n": 0.8},
                                 b_ih={"r": 20.0, "z": -20.0}),
        inputs=(ChannelSpec("sine", amplitude=1.5, period=16),), length=48,
    ),
    Preset(
        name="gru-latch", kind="gru",
        input_size=2, hidden_size=1,
        state_dict=block_weights("gru", 2, 1, ih={"z": [[0.0, -30.0]], "n": [[1.0, 0.0]]},
                                 b_ih={"z": 15.0}),
        inputs=(ChannelSpec("sine", amplitude=1.5, period=37),
                ChannelSpec("impulses", period=13, onset=4)),
        length=64,
    ),
    Preset(
        name="gru-reset-wipe", kind="gru",
        input_size=2, hidden_size=1,
        state_dict=block_weights("gru", 2, 1,
                                 ih={"r": [[0.0, -30.0]], "z": [[-30.0, -30.0]], "n": [[0.5, 0.0]]},
                                 hh={"n": 1.0}, b_ih={"r": 15.0, "z": 15.0}),
        inputs=(ChannelSpec("impulses", period=6, onset=2),
                ChannelSpec("impulses", period=20, onset=17)),
        length=45,
    ),
    Preset(
        name="gru-update-keeps", kind="gru",
        input_size=1, hidden_size=2,
        state_dict=block_weights("gru", 1, 2, ih={"n": [[1.5], [1.5]]},
                                 b_ih={"z": [5.0, -5.0]}),
        inputs=(ChannelSpec("step", onset=3),), length=40,
    ),
    Preset(
        name="gru-saturated", kind="gru",
        input_size=1, hidden_size=2,
        state_dict=block_weights("gru", 1, 2,
                                 ih={"r": [[40.0], [-40.0]], "z": [[-40.0], [40.0]],
                                "n": [[2.0], [-2.0]]},
                                 hh={"n": [[0.5, -1.0], [1.0, 0.5]]}),
        inputs=(ChannelSpec("sine", period=12, phase=0.3),), length=48,
    ),
    Preset(
        name="lstm-counter", kind="lstm",
        input_size=1, hidden_size=1,
        state_dict=block_weights("lstm", 1, 1, ih={"i": 30.0, "g": 20.0},
                                 b_ih={"i": -15.0, "f": 20.0}),
        inputs=(ChannelSpec("impulses", period=7, onset=3),), length=50,
    ),
    Preset(
        name="lstm-long-memory", kind="lstm",
        input_size=1, hidden_size=1,
        state_dict=block_weights("lstm", 1, 1, ih={"i": 20.0, "g": 20.0},
                                 b_ih={"i": -10.0, "f": 5.0, "o": 5.0}),
        inputs=(ChannelSpec("impulse", onset=2),), length=80,
    ),
    Preset(
        name="lstm-short-memory", kind="lstm",
        input_size=1, hidden_size=1,
        state_dict=block_weights("lstm", 1, 1, ih={"i": 20.0, "g": 20.0},
                                 b_ih={"i": -10.0, "f": -3.0, "o": 5.0}),
        inputs=(ChannelSpec("impulse", onset=2),), length=30,
    ),
    Preset(
        name="lstm-hold-value", kind="lstm",
        input_size=2, hidden_size=1,
        state_dict=block_weights("lstm", 2, 1,
                                 ih={"i": [[0.0, 40.0]], "f": [[0.0, -40.0]], "g": [[1.0, 0.0]]},
                                 b_ih={"i": -20.0, "f": 20.0, "o": 10.0}),
        inputs=(ChannelSpec("sine", period=17, phase=1.0),
                ChannelSpec("impulse", onset=3)),
        length=70,
    ),
    Preset(
        # Variants (issue 18): take a gate away and see what it was for.
        name="lstm-no-forget", kind="lstm", variant="no_forget",
        input_size=1, hidden_size=1,
        state_dict=block_weights("lstm", 1, 1, ih={"i": 2.0, "g": 2.0}, b_ih={"o": 2.0},
                                 variant="no_forget"),
        inputs=(ChannelSpec("constant", amplitude=0.5),), length=80,
    ),
    Preset(
        name="lstm-coupled-hold", kind="lstm", variant="coupled",
        input_size=2, hidden_size=1,
        state_dict=block_weights("lstm", 2, 1, ih={"f": [[0.0, -40.0]], "g": [[1.0, 0.0]]},
                                 b_ih={"f": 20.0, "o": 10.0}, variant="coupled"),
        inputs=(ChannelSpec("sine", period=17, phase=1.0),
                ChannelSpec("impulse", onset=3)),
        length=70,
    ),
    Preset(
        name="lstm-no-input", kind="lstm", variant="no_input",
        input_size=2, hidden_size=1,
        state_dict=block_weights("lstm", 2, 1, ih={"f": [[0.0, -40.0]], "g": [[1.0, 0.0]]},
                                 b_ih={"f": 20.0, "o": 10.0}, variant="no_input"),
        inputs=(ChannelSpec("sine", period=17, phase=1.0),
                ChannelSpec("impulse", onset=3)),
        length=70,
    ),
    Preset(
        name="lstm-no-output", kind="lstm", variant="no_output",
        input_size=2, hidden_size=1,
        state_dict=block_weights("lstm", 2, 1, ih={"i": [[40.0, 0.0]], "g": [[1.0, 0.0]]},
                                 b_ih={"i": -20.0, "f": 20.0}, variant="no_output"),
        inputs=(ChannelSpec("impulse", onset=3),
                ChannelSpec("impulses", period=10, onset=12)),
        length=40,
    ),
    Preset(
        name="lstm-peephole-limit", kind="lstm", variant="peephole",
        input_size=1, hidden_size=1,
        state_dict=block_weights("lstm", 1, 1, ih={"g": 20.0},
                                 b_ih={"i": 6.0, "f": 20.0, "o": 10.0},
                                 variant="peephole", extras={"weight_ci": -4.0}),
        inputs=(ChannelSpec("constant", amplitude=1.0),), length=40,
    ),
    Preset(
        name="gru-no-reset", kind="gru", variant="no_reset",
        input_size=2, hidden_size=1,
        state_dict=block_weights("gru", 2, 1, ih={"z": [[-30.0, -30.0]], "n": [[0.5, 0.0]]},
                                 hh={"n": 1.0}, b_ih={"z": 15.0}, variant="no_reset"),
        inputs=(ChannelSpec("impulses", period=6, onset=2),
                ChannelSpec("impulses", period=20, onset=17)),
        length=45,
    ),
    Preset(
        name="mgu-latch", kind="mgu",
        input_size=2, hidden_size=1,
        state_dict=block_weights("mgu", 2, 1, ih={"f": [[0.0, 30.0]], "n": [[1.0, 0.0]]},
                                 b_ih={"f": -15.0}),
        inputs=(ChannelSpec("sine", amplitude=1.5, period=37),
                ChannelSpec("impulses", period=13, onset=4)),
        length=64,
    ),
    Preset(
        name="rnn-explode", kind="rnn", nonlinearity="relu",
        input_size=1, hidden_size=1,
        state_dict=block_weights("rnn", 1, 1, ih={"h": 1.0}, hh={"h": 1.5}),
        inputs=(ChannelSpec("impulse", onset=0),), length=30,
    ),
    Preset(
        name="rnn-vanish", kind="rnn",
        input_size=1, hidden_size=1,
        state_dict=block_weights("rnn", 1, 1, ih={"h": 1.0}, hh={"h": 0.5}),
        inputs=(ChannelSpec("impulse", onset=0),), length=30,
    ),
    Preset(
        name="rnn-tanh-saturate", kind="rnn",
        input_size=1, hidden_size=1,
        state_dict=block_weights("rnn", 1, 1, ih={"h": 4.0}, hh={"h": 0.5}),
        inputs=(ChannelSpec("ramp", amplitude=2.0),), length=40,
    ),
)

PRESETS: dict[str, Preset] = {p.name: p for p in _PRESET_LIST}


#: What a cell page shows on a visit without settings in its link (not a preset: it is not
#: in the picker). The GRU page opens on its update gate holding a state that is not 0:
#: one impulse at step 5; unit 0's z = sigmoid(9 - 18 x) is near 1 except at the impulse,
#: so it takes the impulse in (tanh 1.5 = 0.91) and holds it to the end; unit 1's z is
#: near 0, so it follows the input and drops back at once. (h starts at 0, so a gate that
#: holds from the start would only hold a flat 0.)
OPENINGS: dict[str, Preset] = {
    "gru": Preset(
        name="gru-opening", kind="gru", input_size=1, hidden_size=2,
        state_dict=block_weights("gru", 1, 2, ih={"z": [[-18.0], [0.0]], "n": [[1.5], [1.5]]},
                                 b_ih={"z": [9.0, -5.0]}),
        inputs=(ChannelSpec("impulse", onset=5),), length=40,
    ),
}


def get_preset(name: str) -> Preset:
    """The preset called ``name``; ``ValueError`` listing the valid names otherwise."""
    try:
        return PRESETS[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown preset {name!r}; valid names: {', '.join(PRESETS)}") from None


def presets_for(kind: str) -> tuple[Preset, ...]:
    """The presets of one cell kind (its variants' included), in order."""
    check_kind(kind)
    return tuple(p for p in PRESETS.values() if p.kind == kind)


def preset_input(p: Preset | str) -> np.ndarray:
    """The preset's input sequence, shape ``(length, input_size)``."""
    p = get_preset(p) if isinstance(p, str) else p
    return make_input(p.length, p.inputs)


def preset_net(p: Preset | str) -> AnyNet:
    """A fresh ``gates.RNN`` / ``GRU`` / ``LSTM`` with the preset's weights loaded."""
    from gates.network import single_cell

    p = get_preset(p) if isinstance(p, str) else p
    net = single_cell(p.kind, p.input_size, p.hidden_size, reset_after=p.reset_after,
                      nonlinearity=p.nonlinearity, seed=0, variant=p.variant)
    net.load_state_dict({k: v.copy() for k, v in p.state_dict.items()})
    return net
