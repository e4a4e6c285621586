"""The one registry of cell kinds: every fact about RNN, GRU, LSTM and MGU written once.

A kind in a variant is one :class:`~gates.kind_base.Kind` object: its gate blocks,
trace names, sigmoid gates, states, extra weights and its forward and backward passes
(defined in ``gates.kind_rnn``, ``kind_gru``, ``kind_lstm``, ``kind_mgu``). Every table of
gate blocks, trace names, gate counts, sigmoid gates and weight shapes in the engine, the
classroom and the lab is read from here; the engine dispatches through the object.

- ``blocks``: the gate blocks stacked in ``weight_ih`` / ``weight_hh`` / biases, in
  torch's order (GRU ``r, z, n``; LSTM ``i, f, g, o``; RNN one block ``h``; MGU ``f, n``).
- ``names``: the public trace names (``Trace.names``, docs/API.md), in order.
- ``sigmoid``: the trace names that are sigmoid gates (values in [0, 1]).
- ``states``: what is carried from one step to the next.

``KINDS`` holds each kind's standard cell; ``VARIANTS`` every (kind, variant).
"""

from __future__ import annotations

from gates import kind_gru, kind_lstm, kind_mgu, kind_rnn
from gates.kind_base import Kind

__all__ = [
    "ALL_KIND_NAMES", "GATE_BLOCKS", "KIND_NAMES", "KINDS", "NAMES", "SIGMOID_GATES",
    "STATES", "TORCH_KIND_NAMES", "VARIANTS", "Kind", "block_slice", "check_kind",
    "check_variant", "gate_count", "get_kind", "param_shapes", "variant_names",
]

STANDARD = "standard"

#: Every (kind, variant), in the one canonical order (docs/API.md's).
VARIANTS: dict[tuple[str, str], Kind] = {
    (k.name, k.variant): k
    for k in (*kind_rnn.KINDS, *kind_gru.KINDS, *kind_lstm.KINDS, *kind_mgu.KINDS)
}
#: Each kind's standard cell, by kind name.
KINDS: dict[str, Kind] = {name: k for (name, variant), k in VARIANTS.items() if variant == STANDARD}

#: Every kind name, MGU included.
ALL_KIND_NAMES: tuple[str, ...] = tuple(KINDS)
#: The kinds torch.nn has a class for (rnn, gru, lstm): the lab's three cells, the
#: kinds a task trains with torch and an uploaded state_dict can be.
TORCH_KIND_NAMES: tuple[str, ...] = tuple(name for name, k in KINDS.items() if k.in_torch)
KIND_NAMES: tuple[str, ...] = TORCH_KIND_NAMES
#: kind -> gate blocks of its standard cell in torch's order.
GATE_BLOCKS: dict[str, tuple[str, ...]] = {k: v.blocks for k, v in KINDS.items()}
#: kind -> public trace names of its standard cell.
NAMES: dict[str, tuple[str, ...]] = {k: v.names for k, v in KINDS.items()}
#: kind -> states carried from one step to the next.
STATES: dict[str, tuple[str, ...]] = {k: v.states for k, v in KINDS.items()}
#: Every trace name that is a sigmoid gate, of any kind and variant.
SIGMOID_GATES: frozenset[str] = frozenset().union(*(v.sigmoid for v in VARIANTS.values()))


def variant_names(kind: str) -> tuple[str, ...]:
    """The variants of ``kind``, standard first (``ValueError`` for an unknown kind)."""
    kind = check_kind(kind)
    return tuple(v for k, v in VARIANTS if k == kind)


def check_kind(kind: object) -> str:
    """``kind`` if it is a known kind; ``ValueError`` listing the kinds otherwise."""
    if not isinstance(kind, str) or kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(ALL_KIND_NAMES)}; got {kind!r}")
    return kind


def check_variant(kind: object, variant: object = STANDARD) -> str:
    """``variant`` if ``kind`` has it; ``ValueError`` listing that kind's variants otherwise."""
    valid = variant_names(check_kind(kind))
    if not isinstance(variant, str) or variant not in valid:
        raise ValueError(f"variant must be one of {', '.join(valid)} for kind {kind!r}; "
                         f"got {variant!r}")
    return variant


def get_kind(kind: str, variant: str = STANDARD) -> Kind:
    """The :class:`Kind` of ``kind`` in ``variant`` (``ValueError`` for an unknown one)."""
    return VARIANTS[(check_kind(kind), check_variant(kind, variant))]


def gate_count(kind: str, variant: str = STANDARD) -> int:
    """G = 1 (RNN), 3 (GRU), 4 (LSTM), 2 (MGU); a variant without a gate has one fewer."""
    return get_kind(kind, variant).gate_count


def block_slice(kind: str, block: str, hidden_size: int, variant: str = STANDARD) -> slice:
    """The rows of gate ``block`` (e.g. ``"f"``) in a stacked weight or bias."""
    spec = get_kind(kind, variant)
    if block not in spec.blocks:
        raise ValueError(f"gate block: expected one of {', '.join(spec.blocks)} for a "
                         f"{spec.title}, given {block!r}")
    k = spec.blocks.index(block)
    return slice(k * hidden_size, (k + 1) * hidden_size)


def param_shapes(kind: str, input_size: int, hidden_size: int, num_layers: int = 1,
                 bidirectional: bool = False, bias: bool = True,
                 variant: str = STANDARD) -> dict[str, tuple[int, ...]]:
    """The state_dict names and shapes, in torch's order.

    Per layer and direction: ``weight_ih`` ``(G*H, I_l)``, ``weight_hh`` ``(G*H, H)``,
    ``bias_ih`` / ``bias_hh`` ``(G*H,)``, then the kind's extra vectors ``(H,)`` (the
    peephole LSTM's ``weight_ci``, ``weight_cf``, ``weight_co``); I_0 = input_size,
    I_l = D*H above; suffix ``_l{layer}`` plus ``_reverse`` for direction 1.
    """
    spec = get_kind(kind, variant)
    gh = spec.gate_count * hidden_size
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
            for extra in spec.extras:
                shapes[extra + sfx] = (hidden_size,)
    return shapes
