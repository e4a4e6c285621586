"""Input points edited on the chart: how a value sent by the input editor (gates_lab/live)
becomes settings (their link encoding and limits: gates_lab/input_codec.py). Pure: no
Streamlit.

In pattern mode an edited point is an override on top of the channel's pattern (kept in
``InputSpec.points``, link ``pt=1.20=0.5;...``: channel.step=value), as weight edits are
on top of the seeded init; a point set back to the pattern's own value is dropped. In
table mode the edit is the table's cell. Typed text has no points to edit: each step is
its token's fixed embedding (gates_lab.classroom.inputs.token_vector), so the text is what changes.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import numpy as np

from gates_lab import scenario as S
from gates_lab.input_codec import (  # noqa: F401  (the editor's names, with their codec)
    MAX_INPUT,
    MAX_LENGTH,
    MAX_POINTS,
    MAX_VALUE,
    POINT_RANGE,
    POINT_STEP,
    POINTS,
    clean_points,
)
from gates_lab.scenario import InputSpec


def point_id(channel: int, step: int) -> str:
    """What the browser sends for a point: "x:<channel>:<step>"."""
    return f"x:{channel}:{step}"


def parse_point_id(text: str) -> tuple[int, int] | None:
    kind, _, rest = text.partition(":")
    c, _, t = rest.partition(":")
    if kind != "x" or not (c.isdigit() and t.isdigit()):
        return None
    return int(c), int(t)


def pulse_value(column: np.ndarray) -> float | None:
    """The pulse of a 0/1 channel (the latch's write signal): its one non-zero value when
    the channel holds only 0 and that value, else None (a click then sets the value)."""
    levels = np.unique(column)
    if len(levels) == 2 and levels[0] == 0.0:
        return float(levels[1])
    if len(levels) == 2 and levels[1] == 0.0:
        return float(levels[0])
    return None


def editable(inp: InputSpec) -> bool:
    """Whether the chart edits this input (typed text: no; see the module's note)."""
    return inp.mode in ("pattern", "table")


def with_points(inp: InputSpec, input_size: int, edits: list[tuple[int, int, float]]
                ) -> tuple[InputSpec, str | None]:
    """The input with the points (channel, step, value) set; returns it and a problem (for
    gates_lab.details, English) or None. Values beyond ±POINT_RANGE are clamped with a message;
    more than MAX_POINTS overrides are refused with a message that says the limit."""
    if not editable(inp):
        return inp, ("typed text has no points to edit: each step is its token's "
                     "embedding; change the text instead")
    try:
        x, _ = S.build_input(inp, input_size)
    except ValueError as exc:  # no input to edit (an empty table): the page says why
        return inp, f"{exc}; nothing changed"
    length = x.shape[0]
    problem = None
    clean = []
    for c, t, v in edits:
        if not (0 <= c < input_size and 0 <= t < length):
            return inp, (f"no input point x{c} at t={t} (channels 0 to {input_size - 1}, "
                         f"steps 0 to {length - 1}); nothing changed")
        if abs(v) > POINT_RANGE:
            clamped = min(max(v, -POINT_RANGE), POINT_RANGE)
            problem = (f"x{c} at t={t} must be from {-POINT_RANGE:g} to {POINT_RANGE:g}, "
                       f"not {v:g}; set to {clamped:g}")
            v = clamped
        clean.append((c, t, float(v)))
    if inp.mode == "table":
        table = [list(row) for row in inp.table]
        for c, t, v in clean:
            table[t][c] = v
        return dataclasses.replace(inp, table=tuple(tuple(r) for r in table)), problem
    base, _ = S.build_input(dataclasses.replace(inp, points=()), input_size)
    points = {(c, t): v for c, t, v in inp.points}
    for c, t, v in clean:
        if v == float(base[t, c]):
            points.pop((c, t), None)  # back to the pattern's own value
        else:
            points[(c, t)] = v
    if len(points) > MAX_POINTS:
        return inp, (f"at most {MAX_POINTS} input points can be edited over the patterns; "
                     "set some back, or use the values table (Settings → Input sequence)")
    new = tuple((c, t, v) for (c, t), v in sorted(points.items()))
    return dataclasses.replace(inp, points=new), problem


def commit(inp: InputSpec, input_size: int, payload: Any) -> tuple[InputSpec, str | None]:
    """Apply what the input editor sent: {"id": "x:c:t", "value": v} (one point) or
    {"id": "x:c", "points": [[t, v], ...]} (a stroke). Malformed: nothing changes."""
    if not isinstance(payload, dict):
        return inp, f"the input editor sent {type(payload).__name__}, expected an id and a value"
    ident = str(payload.get("id"))
    edits: list[tuple[int, int, float]] = []
    if "points" in payload:
        kind, _, c = ident.partition(":")
        raw = payload.get("points")
        if kind != "x" or not c.isdigit() or not isinstance(raw, list) or not raw \
                or len(raw) > MAX_LENGTH:
            return inp, f"the input editor sent a stroke {ident[:20]!r} it cannot read; nothing changed"
        pairs = raw
        channel = int(c)
    else:
        where = parse_point_id(ident)
        if where is None:
            return inp, f"no input point {ident[:40]!r}; nothing changed"
        channel, step = where
        pairs = [[step, payload.get("value")]]
    for pair in pairs:
        if not (isinstance(pair, list) and len(pair) == 2):
            return inp, "the input editor sent a stroke it cannot read; nothing changed"
        t, v = pair
        if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v) \
                or isinstance(t, bool) or not isinstance(t, int):
            return inp, (f"x{channel} at t={str(t)[:8]} needs a finite number, got "
                         f"{str(v)[:40]!r}; nothing changed")
        edits.append((channel, t, float(v)))
    return with_points(inp, input_size, edits)
