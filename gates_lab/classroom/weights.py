"""Hand-set weights from per-gate blocks: what presets and challenges are written in.

A teacher names the blocks they set (``ih={"f": 5.0}``); everything else is zero. The
block order and shapes come from :mod:`gates.kinds`, so this file knows no cell kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from gates.kinds import STANDARD, get_kind, param_shapes

__all__ = ["block_weights"]


def block_weights(kind: str, input_size: int, hidden_size: int,
                  ih: Mapping[str, Any] | None = None, hh: Mapping[str, Any] | None = None,
                  b_ih: Mapping[str, Any] | None = None,
                  b_hh: Mapping[str, Any] | None = None, *, variant: str = STANDARD,
                  extras: Mapping[str, Any] | None = None) -> dict[str, np.ndarray]:
    """One layer's state_dict (torch's layout) stacked from per-gate blocks (by gate
    name, e.g. ``"r"``, ``"f"``) of ``kind`` in ``variant``; missing blocks are zero.
    Arrays are read-only float64.

    ``ih[gate]`` is ``(H, I)``, ``hh[gate]`` ``(H, H)``, biases ``(H,)`` (scalars and
    nested lists broadcast to those shapes); ``extras`` the variant's extra vectors by
    base name (the peephole LSTM's ``weight_ci``, ``weight_cf``, ``weight_co``: ``(H,)``).
    """
    names = get_kind(kind, variant).blocks
    shapes = param_shapes(kind, input_size, hidden_size, variant=variant)

    def stack(blocks: Mapping[str, Any] | None, key: str) -> np.ndarray:
        blocks = blocks or {}
        unknown = set(blocks) - set(names)
        if unknown:
            raise ValueError(f"gate blocks {sorted(unknown)} are not in {names}")
        shape = (hidden_size, *shapes[key][1:])  # one block: H rows of the stacked G*H
        out = np.concatenate([np.broadcast_to(np.asarray(blocks.get(g, 0.0), dtype=np.float64),
                                              shape) for g in names])
        out.setflags(write=False)
        return out

    out = {"weight_ih_l0": stack(ih, "weight_ih_l0"), "weight_hh_l0": stack(hh, "weight_hh_l0"),
           "bias_ih_l0": stack(b_ih, "bias_ih_l0"), "bias_hh_l0": stack(b_hh, "bias_hh_l0")}
    extras = dict(extras or {})
    valid = [k.removesuffix("_l0") for k in shapes if k not in out]
    for key, shape in shapes.items():
        if key not in out:  # an extra vector of the variant, e.g. weight_ci_l0
            base = key.removesuffix("_l0")
            vec = np.array(np.broadcast_to(np.asarray(extras.pop(base, 0.0), dtype=np.float64),
                                           shape))
            vec.setflags(write=False)
            out[key] = vec
    if extras:
        raise ValueError(f"extra weights {sorted(extras)}: this cell has "
                         f"{', '.join(valid) or 'none'}")
    return out
