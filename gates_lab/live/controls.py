"""The live controls of a cell page: which there are, their ranges and step grids, and
how a value sent back from the browser becomes settings (pure, no Streamlit).

A control is one weight or bias element (hidden sizes up to ``SMALL_HIDDEN``) or one
per-gate knob (a scale of the gate's weights, a shift of its biases; every hidden size).
Its step grid is anchored at its current value, so the first step from a seeded,
off-grid weight moves it by exactly one step instead of snapping it to the grid.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from gates_lab import equations
from gates_lab import scenario as S
from gates_lab.i18n import t

SMALL_HIDDEN = 2  # up to this hidden size every weight gets its own control
WEIGHT_RANGE = 10.0
WEIGHT_STEP = 0.05
SCALE_RANGE = (0.0, 5.0, 0.05)  # lo, hi, step
SHIFT_RANGE = (-10.0, 10.0, 0.1)
DECIMALS = 10  # grid values off the anchor are rounded so links stay short


@dataclass(frozen=True)
class Control:
    """One live control. ``id`` is what the browser sends back: "w:<edit key>",
    "scale:<block>" or "shift:<block>"; ``label`` is its plain-text name (W_ir[0,0])."""

    id: str
    label: str
    block: int
    value: float
    lo: float
    hi: float
    step: float


def knob_values(cell: S.CellSpec) -> tuple[list[float], list[float]]:
    """The per-gate scales and shifts, one per gate block (neutral where unset)."""
    blocks = len(S.cell_blocks(cell))
    scale = list(cell.scale[:blocks]) + [1.0] * (blocks - len(cell.scale[:blocks]))
    shift = list(cell.shift[:blocks]) + [0.0] * (blocks - len(cell.shift[:blocks]))
    return scale, shift


def controls_for(cell: S.CellSpec, weights: dict[str, np.ndarray] | None = None
                 ) -> list[Control]:
    """Every live control of the cell, gate by gate: its two knobs, then (small hidden
    sizes) its weights and biases in the weight editor's order."""
    if weights is None:  # every want, release and mount asks: made once per cell
        return list(_controls_of(cell))
    return _make_controls(cell, weights)


@functools.lru_cache(maxsize=1024)
def _controls_of(cell: S.CellSpec) -> tuple[Control, ...]:
    return tuple(_make_controls(cell, None))


def _make_controls(cell: S.CellSpec, weights: dict[str, np.ndarray] | None
                   ) -> list[Control]:
    scale, shift = knob_values(cell)
    with_weights = cell.hidden_size <= SMALL_HIDDEN
    if with_weights and weights is None:
        weights = S.base_weights(cell)
    out = []
    for b, block in enumerate(S.cell_blocks(cell)):
        symbol = block  # the plain RNN's one block is "h"
        # a link may hold a knob beyond the control's range (the codec allows ±100):
        # the range widens to it, as for the weights below
        lo, hi, step = SCALE_RANGE
        out.append(Control(f"scale:{b}", f"scale {symbol}", b, scale[b],
                           min(lo, scale[b]), max(hi, scale[b]), step))
        lo, hi, step = SHIFT_RANGE
        out.append(Control(f"shift:{b}", f"shift {symbol}", b, shift[b],
                           min(lo, shift[b]), max(hi, shift[b]), step))
        if not with_weights:
            continue
        assert weights is not None
        for name, index, sub in S.block_elements(weights, b, cell.hidden_size, block):
            value = float(weights[name][index])
            label = f"{equations.weight_symbol(name, block)}[{sub}]"
            out.append(Control(f"w:{S.edit_key(name, index)}", label, b, value,
                               min(-WEIGHT_RANGE, value), max(WEIGHT_RANGE, value),
                               WEIGHT_STEP))
    return out


def grid(control: Control) -> np.ndarray:
    """The control's values: its current value plus whole steps, within [lo, hi].

    The anchor (the current value) is kept exactly; the others are rounded to
    ``DECIMALS`` places, so -0.28 with step 0.05 steps to -0.23 and -0.33.
    """
    v, step = control.value, control.step
    below = math.floor((v - control.lo) / step + 1e-9)
    above = math.floor((control.hi - v) / step + 1e-9)
    values = np.round(v + step * np.arange(-below, above + 1), DECIMALS)
    values[below] = v
    return np.clip(values, control.lo, control.hi)


def apply(cell: S.CellSpec, control: Control, value: float) -> S.CellSpec:
    """The cell with the control set to ``value`` (assumed checked)."""
    kind, _, rest = control.id.partition(":")
    if kind == "w":
        name, index = S.parse_edit_key(rest)
        return S.with_edit(cell, name, index, value)
    scale, shift = knob_values(cell)
    knobs = scale if kind == "scale" else shift
    knobs[control.block] = value
    neutral = 1.0 if kind == "scale" else 0.0
    packed = () if all(k == neutral for k in knobs) else tuple(knobs)
    if kind == "scale":
        return dataclasses.replace(cell, scale=packed)
    return dataclasses.replace(cell, shift=packed)


def commit(cell: S.CellSpec, payload: Any) -> tuple[S.CellSpec, str | None]:
    """Apply a value the browser sent ({"id": ..., "value": ...}).

    Returns the new cell and a problem (English, for gates_lab.details) or None. A value out of
    the control's range is clamped, with a message; anything malformed changes nothing.
    """
    if not isinstance(payload, dict):
        return cell, f"a live control sent {type(payload).__name__}, expected an id and a value"
    controls = {c.id: c for c in controls_for(cell)}
    control = controls.get(str(payload.get("id")))
    if control is None:
        return cell, f"no control {str(payload.get('id'))[:40]!r} on this cell; nothing changed"
    raw = payload.get("value")
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        return cell, f"{control.label} needs a finite number, got {str(raw)[:40]!r}; nothing changed"
    value = float(raw)
    message = None
    if not control.lo <= value <= control.hi:
        clamped = min(max(value, control.lo), control.hi)
        message = (f"{control.label} must be from {control.lo:g} to {control.hi:g}, "
                   f"not {value:g}; set to {clamped:g}")
        value = clamped
    return apply(cell, control, value), message


@functools.lru_cache(maxsize=8192)
def control_data(control: Control, lang: str) -> dict[str, Any]:
    """A control as live.js reads it (the page's live gates and the lesson file's).
    Shared (a release changes one control of a list): callers only read it."""
    values = grid(control)
    kind, _, _ = control.id.partition(":")
    anchor = int(np.flatnonzero(values == control.value)[0])
    if kind == "w":
        text, label, role = control.label, control.label, "weight"
    else:
        symbol = control.label.split()[-1]
        text = t(f"live.{kind}", lang)
        label = f"{t(f'cell.{kind}', lang)} {symbol}"
        role = "knob"
    return {"id": control.id, "label": label, "text": text, "kind": role,
            "block": control.block, "value": control.value, "min": float(values[0]),
            "max": float(values[-1]), "step": control.step, "k": anchor, "n": len(values)}
