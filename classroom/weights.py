"""Hand-set weights from per-gate blocks: what presets and challenges are written in.

A teacher names the blocks they set (``ih={"f": 5.0}``); everything else is zero. The
block order and shapes come from :mod:`gates.kinds`, so this file knows no cell kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from gates.kinds import GATE_BLOCKS, check_kind, param_shapes

__all__ = ["block_weights"]


def block_weights(kind: str, input_size: int, hidden_size: int,
                  ih: Mapping[str, Any] | None = None, hh: Mapping[str, Any] | None = None,
                  b_ih: Mapping[str, Any] | None = None,
                  b_hh: Mapping[str, Any] | None = None) -> dict[str, np.ndarray]:
    """One layer's state_dict (torch's layout) stacked from per-gate blocks (by gate
    name, e.g. ``"r"``, ``"f"``); missing blocks are zero. Arrays are read-only float64.

    ``ih[gate]`` is ``(H, I)``, ``hh[gate]`` ``(H, H)``, biases ``(H,)`` (scalars and
    nested lists broadcast to those shapes).
    """
    names = GATE_BLOCKS[check_kind(kind)]
    shapes = param_shapes(kind, input_size, hidden_size)

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

    return {"weight_ih_l0": stack(ih, "weight_ih_l0"), "weight_hh_l0": stack(hh, "weight_hh_l0"),
            "bias_ih_l0": stack(b_ih, "bias_ih_l0"), "bias_hh_l0": stack(b_hh, "bias_hh_l0")}
