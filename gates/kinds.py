"""The one registry of cell kinds: every fact about RNN, GRU and LSTM written once.

Like torch's ``rnn.py``, which derives ``gate_size`` from the mode in one place, every
table of gate blocks, trace names, gate counts, sigmoid gates and weight shapes in the
engine, the classroom and the lab is read from here.

- ``blocks``: the gate blocks stacked in ``weight_ih`` / ``weight_hh`` / biases, in
  torch's order (GRU ``r, z, n``; LSTM ``i, f, g, o``; RNN one block ``h``).
- ``names``: the public trace names (``Trace.names``, docs/API.md), in order.
- ``sigmoid``: the trace names that are sigmoid gates (values in [0, 1]).
- ``states``: what is carried from one step to the next.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "GATE_BLOCKS", "KIND_NAMES", "KINDS", "NAMES", "SIGMOID_GATES", "STATES", "Kind",
    "block_slice", "check_kind", "gate_count", "get_kind", "param_shapes",
]


@dataclass(frozen=True)
class Kind:
    """One cell kind."""

    name: str                       # "rnn", "gru", "lstm"
    torch_name: str                 # torch.nn class name
    blocks: tuple[str, ...]         # gate blocks, torch's stacking order
    names: tuple[str, ...]          # public trace names, in order
    sigmoid: frozenset[str]         # trace names that are sigmoid gates
    states: tuple[str, ...]         # carried from step to step

    @property
    def gate_count(self) -> int:
        """G: rows of ``weight_ih`` are ``G * hidden_size``."""
        return len(self.blocks)


#: Every kind, in the one canonical order (the order of docs/API.md).
KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("rnn", "RNN", ("h",), ("preactivation", "hidden"), frozenset(), ("h",)),
    Kind("gru", "GRU", ("r", "z", "n"), ("reset", "update", "candidate", "hidden"),
         frozenset({"reset", "update"}), ("h",)),
    Kind("lstm", "LSTM", ("i", "f", "g", "o"),
         ("input", "forget", "candidate", "output", "cell", "hidden"),
         frozenset({"input", "forget", "output"}), ("h", "c")),
)}

KIND_NAMES: tuple[str, ...] = tuple(KINDS)
#: kind -> gate blocks in torch's order.
GATE_BLOCKS: dict[str, tuple[str, ...]] = {k: v.blocks for k, v in KINDS.items()}
#: kind -> public trace names.
NAMES: dict[str, tuple[str, ...]] = {k: v.names for k, v in KINDS.items()}
#: kind -> states carried from one step to the next.
STATES: dict[str, tuple[str, ...]] = {k: v.states for k, v in KINDS.items()}
#: Every trace name that is a sigmoid gate, of any kind.
SIGMOID_GATES: frozenset[str] = frozenset().union(*(v.sigmoid for v in KINDS.values()))


def check_kind(kind: object) -> str:
    """``kind`` if it is a known kind; ``ValueError`` listing the kinds otherwise."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KIND_NAMES)}; got {kind!r}")
    return str(kind)


def get_kind(kind: str) -> Kind:
    """The :class:`Kind` called ``kind`` (``ValueError`` for an unknown one)."""
    return KINDS[check_kind(kind)]


def gate_count(kind: str) -> int:
    """G = 1 (RNN), 3 (GRU), 4 (LSTM)."""
    return get_kind(kind).gate_count


def block_slice(kind: str, block: str, hidden_size: int) -> slice:
    """The rows of gate ``block`` (e.g. ``"f"``) in a stacked weight or bias."""
    blocks = get_kind(kind).blocks
    if block not in blocks:
        raise ValueError(f"gate block: expected one of {', '.join(blocks)} for a "
                         f"{kind.upper()}, given {block!r}")
    k = blocks.index(block)
    return slice(k * hidden_size, (k + 1) * hidden_size)


def param_shapes(kind: str, input_size: int, hidden_size: int, num_layers: int = 1,
                 bidirectional: bool = False, bias: bool = True) -> dict[str, tuple[int, ...]]:
    """torch's state_dict names and shapes, in torch's order.

    Per layer and direction: ``weight_ih`` ``(G*H, I_l)``, ``weight_hh`` ``(G*H, H)``,
    ``bias_ih`` / ``bias_hh`` ``(G*H,)``; I_0 = input_size, I_l = D*H above; suffix
    ``_l{layer}`` plus ``_reverse`` for direction 1.
    """
    gh = gate_count(kind) * hidden_size
    directions = 2 if bidirectional else 1
    shapes: dict[str, tuple[int, ...]] = {}
    for layer in range(num_layers):
        n_in = input_size if layer == 0 else directions * hidden_size
        for direction in range(directions):
            sfx = f"_l{layer}" + ("_reverse" if direction else "")
            shapes["weight_ih" + sfx] = (gh, n_in)
            shapes["weight_hh" + sfx] = (gh, hidden_size)
            if bias:
                shapes["bias_ih" + sfx] = (gh,)
                shapes["bias_hh" + sfx] = (gh,)
    return shapes
