"""The link encoding of input points edited on the chart (``InputSpec.points``, link
``pt=1.20=0.5;...``: channel.step=value) and their limits. Pure: no Streamlit.

Apart from gates_lab/input_points.py (what an edit does to the settings) because
gates_lab/scenario.py's schema needs this codec and input_points needs the scenario:
no module imports one that imports it back (tests/test_layers.py).
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

from gates_lab.codec import FieldCodec, fmt_plain

#: At most this many overrides, each within ±POINT_RANGE (the channels' amplitude range).
MAX_POINTS = 64
POINT_RANGE = 10.0
POINT_STEP = 0.05  # the value grid of a dragged point (frames are computed on it)
MAX_INPUT, MAX_LENGTH, MAX_VALUE = 4, 500, 1e4  # as gates_lab.scenario's limits


def _fmt_points(points: tuple[tuple[int, int, float], ...]) -> str:
    return ";".join(f"{c}.{t}={fmt_plain(v)}" for c, t, v in points)


def _parse_point(item: Any) -> tuple[int, int, float]:
    if isinstance(item, str):
        key, _, raw = item.partition("=")
        parts: list[Any] = [*key.split("."), raw]
    else:
        parts = list(item)
    if len(parts) != 3:
        raise ValueError("needs entries like 1.20=0.5 (channel.step=value)")
    c, t, raw = parts
    try:
        channel, step, value = int(c), int(t), float(raw)
    except (TypeError, ValueError):
        raise ValueError(f"{str(item)[:20]!r} is not channel.step=value, e.g. 1.20=0.5") from None
    if not (0 <= channel < MAX_INPUT and 0 <= step < MAX_LENGTH):
        raise ValueError(f"{str(item)[:20]!r} names no channel 0 to {MAX_INPUT - 1} "
                         f"and step 0 to {MAX_LENGTH - 1}")
    if not math.isfinite(value) or abs(value) > MAX_VALUE:
        raise ValueError(f"{str(item)[:20]!r} must be a finite number within ±{MAX_VALUE:g}")
    return channel, step, value


def _parse_points(value: Any, f: dataclasses.Field[Any]) -> tuple[tuple[int, int, float], ...]:
    items = [p for p in value.split(";") if p] if isinstance(value, str) else list(value)
    points = {(c, t): v for c, t, v in map(_parse_point, items)}  # the last of a step wins
    return tuple((c, t, v) for (c, t), v in sorted(points.items()))


def clean_points(inp: Any) -> tuple[Any, list[str]]:
    """The input's (a gates_lab.scenario.InputSpec) point overrides within their limits: values clamped to ±POINT_RANGE,
    steps past the sequence dropped, at most MAX_POINTS kept; a message for each change."""
    messages = []
    points = list(inp.points)
    if any(abs(v) > POINT_RANGE for _, _, v in points):
        messages.append(f"input points must be from {-POINT_RANGE:g} to {POINT_RANGE:g}; "
                        "the values beyond were clamped")
        points = [(c, t, min(max(v, -POINT_RANGE), POINT_RANGE)) for c, t, v in points]
    beyond = [p for p in points if p[1] >= inp.length]
    if beyond:
        messages.append(f"{len(beyond)} edited input point(s) past the last step "
                        f"{inp.length - 1} were dropped")
        points = [p for p in points if p[1] < inp.length]
    if len(points) > MAX_POINTS:
        messages.append(f"at most {MAX_POINTS} edited input points; the first {MAX_POINTS} "
                        "were kept")
        points = points[:MAX_POINTS]
    if not messages:
        return inp, []
    return dataclasses.replace(inp, points=tuple(points)), messages



POINTS = FieldCodec(_fmt_points, _parse_points)
