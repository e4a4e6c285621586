"""The trajectories the browser draws while a control moves: every gate panel at every
value of the control's step grid, from one batched engine pass (gates.sweep for a weight
or knob, gates.input_sweep for an input point). Which chart trace shows which panel is
the figure's own ``live_map`` (gates_lab/figures/over_time.py). Pure: no Streamlit.

What the browser draws for grid value k is frame k; on release the page commits grid[k]
and the engine's ordinary run gives the same numbers (to ~1e-16: the sweep computes each
gate through one exp), so nothing jumps when the button is let go.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

import numpy as np

from gates_lab import scenario as S
from gates_lab.kind_view import shown_values, view_of
from gates_lab.live.controls import Control, knob_values

#: The knobs' arithmetic on given base weights, without re-seeding the network for each
#: grid value: the very function S.effective_weights uses, so the frames match exactly.
effective_from_base = S.with_knobs


def sweep_trace(cell: S.CellSpec, x: np.ndarray, control: Control, values: np.ndarray) -> Any:
    """The engine's batched trace of the cell with the control at each of ``values``."""
    from gates.sweep import sweep, sweep_param

    kind, _, rest = control.id.partition(":")
    scale, shift = knob_values(cell)
    if kind == "w":
        name, index = S.parse_edit_key(rest)
        b = control.block
        # The effective weight is the slider's value through its gate's knob, computed
        # as S.effective_weights does (v * scale, v + shift).
        if name.startswith("bias"):
            effective = values + shift[b] if b < len(cell.shift) else values
        else:
            effective = values * scale[b] if b < len(cell.scale) else values
        return sweep_param(S.cell_net(cell), x, name, effective, index=index)
    base = S.base_weights(cell)
    dicts = []
    for v in values.tolist():
        knobs = {"scale": list(scale), "shift": list(shift)}
        knobs[kind][control.block] = v
        # unset knobs are not applied at all by S.effective_weights: keep that exact
        sc = knobs["scale"] if (cell.scale or kind == "scale") else []
        sh = knobs["shift"] if (cell.shift or kind == "shift") else []
        dicts.append(effective_from_base(cell.kind, cell.hidden_size, base, sc, sh,
                                         cell.variant))
    return sweep(S.seeded_net(dataclasses.replace(cell, edits=())), x, dicts)


def panel_values(trace: Any, textbook_update: bool = False) -> tuple[list[str], np.ndarray]:
    """The names drawn and their values, (V, P, L, H) for a sweep trace (V variants),
    as the gate panels draw them (GRU's update as 1 - z in the textbook convention)."""
    names = list(trace.names)
    arrays = []
    for name in names:
        values = np.asarray(trace.get(name), dtype=np.float64)  # (L, V, H)
        values = shown_values(view_of(trace), name, values, textbook_update)
        arrays.append(values.transpose(1, 0, 2))
    return names, np.stack(arrays, axis=1)


def ghost_map(spec: Mapping[str, Any], live_map: list[list[int]]) -> list[list[int]]:
    """[[trace index, panel, unit], ...] of the previous run's ghost traces (those with an
    opacity): a panel's ghosts share its live traces' axes, one per unit, in unit order."""
    data = spec.get("data", [])
    panel_of = {data[i].get("yaxis"): p for i, p, u in live_map if u >= 0}
    units: dict[Any, int] = {}
    out = []
    for i, tr in enumerate(data):
        axis = tr.get("yaxis")
        if "opacity" not in tr or axis not in panel_of:
            continue
        u = units.get(axis, 0)
        units[axis] = u + 1
        out.append([i, panel_of[axis], u])
    return out


def has_input_ghost(spec: Mapping[str, Any], inputs: list[list[int]]) -> bool:
    """Does the figure draw a previous input (a ghost trace on the input traces' axes)?"""
    data = spec.get("data", [])
    axes = {data[i].get("yaxis") for i, _ in inputs}
    return any("opacity" in tr and tr.get("yaxis") in axes for tr in data)


def encode(frames: np.ndarray) -> bytes:
    """Little-endian float64 bytes (exact; the browser reads a Float64Array)."""
    return np.ascontiguousarray(frames, dtype="<f8").tobytes()


#: At most this many numbers in one control's frames (3.2 MB as float64): the whole grid
#: of every small cell; around the current value for long inputs and wide cells.
MAX_VALUES = 400_000
MAX_PANELS = 6  # LSTM: input, forget, cell candidate, output, cell, hidden


def window(values: np.ndarray, anchor: float, per_frame: int, limit: int = MAX_VALUES,
           span: int | None = None, centre: int | None = None) -> tuple[int, int]:
    """The slice [lo, hi) of the grid whose frames are sent: all of it when they fit in
    ``limit`` numbers (and ``span`` steps either side), else as many as fit, centred on
    grid index ``centre`` (default: the current value)."""
    n = len(values)
    fit = max(3, limit // max(per_frame, 1))
    if span is not None:
        fit = min(fit, 2 * span + 1)
    if n <= fit:
        return 0, n
    if centre is not None:
        k = min(max(int(centre), 0), n - 1)
    else:
        k = int(np.flatnonzero(values == anchor)[0]) if anchor in values else n // 2
    lo = min(max(k - fit // 2, 0), n - fit)
    return lo, lo + fit


def sweep_payload(cell: S.CellSpec, x: np.ndarray, control: Control, values: np.ndarray,
                  textbook_update: bool = False, limit: int = MAX_VALUES,
                  span: int | None = None, centre: int | None = None) -> dict[str, Any]:
    """What the browser needs to follow the control: its grid and the frames of
    ``grid[k0:k0 + len(frames)]`` (all of them unless that is more than ``limit`` numbers
    or ``span`` steps either side of ``centre``; see ``window``)."""
    lo, hi = window(values, control.value, MAX_PANELS * len(x) * cell.hidden_size, limit,
                    span, centre)
    _, frames = panel_values(sweep_trace(cell, x, control, values[lo:hi]), textbook_update)
    return {"id": control.id, "grid": values.tolist(), "k0": lo, "shape": list(frames.shape),
            "frames": encode(frames)}


def point_payload(cell: S.CellSpec, x: np.ndarray, channel: int, step: int, control: Control,
                  values: np.ndarray, textbook_update: bool = False, limit: int = MAX_VALUES,
                  span: int | None = None, centre: int | None = None) -> dict[str, Any]:
    """What the browser needs to follow input point x[step, channel] through its grid: the
    frames of the steps ``step`` .. L-1 only (nothing before a point changes with it), from
    one batched pass of gates.input_sweep. ``frames[k, p, s, u]`` is step ``step + s``."""
    from gates.input_sweep import input_sweep

    tail = x.shape[0] - step
    lo, hi = window(values, control.value, MAX_PANELS * tail * cell.hidden_size, limit,
                    span, centre)
    trace = input_sweep(S.cell_net(cell), x, step, channel, values[lo:hi])
    _, frames = panel_values(trace, textbook_update)
    return {"id": control.id, "grid": values.tolist(), "k0": lo, "t": step,
            "shape": list(frames.shape), "frames": encode(frames)}
