"""The Streamlit side of the live gates (see lab/live/live.js for the browser side).

The browser sends two trigger values (custom components v2, widget id
``<component id>__events``, field ``json_trigger_value``, a JSON list of
``{"event": ..., "value": ...}``):

- ``want``: a control id ("w:weight_ih_l0:0:0", "scale:1", ...) or an input point
  ("x:<channel>:<step>") when it is hovered or focused; the live fragment reruns and
  sends its frames.
- ``commit``: ``{"id": <control id>, "value": <number>}`` when a thumb or a point is
  released (or after keyboard steps), or ``{"id": "x:<channel>", "points": [[t, v], ...]}``
  for a stroke drawn on the input; the whole page reruns with it in its settings and link.

and one state value, ``failed`` (why Plotly.js could not load): the page then draws the
chart with Streamlit's own st.plotly_chart and the Settings -> Weights sliders still work.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np
import streamlit as st

from lab import codec, equations
from lab import input_points as IP
from lab import scenario as S
from lab.figures.common import PLOTLY_CONFIG
from lab.live import assets, frames
from lab.live import controls as C
from lab.mathhtml import latex_html
from lab.ui import Bound, Page

HERE = Path(__file__).resolve().parent
HTML = ('<div class="gl-live"><div class="gl-side"><div class="gl-controls-title"></div>'
        '<div class="gl-controls"></div></div><div class="gl-chart-wrap">'
        '<div class="gl-status" role="status" aria-live="polite"></div>'
        '<div class="gl-input-help"></div>'
        # the editor's points come before the chart's own buttons in the Tab order
        '<div class="gl-editor" hidden></div><div class="gl-chart"></div></div></div>')
_mount = st.components.v2.component(
    "gates_lab_live", html=HTML, css=(HERE / "live.css").read_text(),
    js=assets.live_js_source(), isolate_styles=False)


def component_key(kind: str) -> str:
    return f"{kind}-live"


def _commit_key(kind: str) -> str:
    return f"{kind}.live.commit"


def _active_key(kind: str) -> str:
    return f"{kind}.live.active"


def _want_key(kind: str) -> str:  # a "want" arrived: the next mount sends the frames
    return f"{kind}.live.want"


def _sent_key(kind: str) -> str:  # (rev, control id) of the frames the browser holds
    return f"{kind}.live.sent"


def _carry_key(kind: str) -> str:  # a commit whose control's frames stay valid
    return f"{kind}.live.carry"


def settings_rev(scenario: S.Scenario) -> str:
    """What a control's frames depend on: the cell, the input and the update view."""
    key = (codec.cache_key(scenario.cell) + codec.cache_key(scenario.input)
           + str(scenario.view.textbook_update))
    return hashlib.sha1(key.encode()).hexdigest()[:16]


# --------------------------------------------------------------------------- commit path


def take_commit(kind: str) -> Any:
    """The value the browser sent with "commit" (None when there is none), once."""
    return st.session_state.pop(_commit_key(kind), None)


def apply_commit(page: Page, bound: Bound[S.Scenario], payload: Any,
                 fallback_keys: list[str]) -> None:
    """Put a committed value into the page's settings (the URL follows at bound.commit).

    ``fallback_keys``: the Streamlit widgets (Settings -> Weights) showing the same
    values; they are dropped so that they restart from the new settings instead of
    writing their old value back.
    """
    before = bound.value
    if isinstance(payload, dict) and str(payload.get("id", "")).startswith("x:"):
        _commit_points(page, bound, payload)
        return
    cell, problem = C.commit(before.cell, payload)
    if problem:
        st.warning(page.t("live.problem", msg=page.detail(problem)), icon="⚠️")
    if cell != before.cell:
        # Only this control changed, to a value on its grid: the frames the browser holds
        # for it (over that grid, everything else as before) are still the engine's, so
        # they are kept instead of sent again (1.4 MB for a GRU weight).
        sent = st.session_state.get(_sent_key(page.name))
        if problem is None and sent == (settings_rev(before), payload.get("id")):
            st.session_state[_carry_key(page.name)] = {"id": sent[1], "from": sent[0]}
        bound.set("cell", cell)
        for key in fallback_keys:
            st.session_state.pop(key, None)


def _commit_points(page: Page, bound: Bound[S.Scenario], payload: dict[str, Any]) -> None:
    """An input point (or a stroke) released on the chart: into the input settings."""
    before = bound.value
    inp, problem = IP.commit(before.input, before.cell.input_size, payload)
    if problem:
        st.warning(page.t("live.point_problem", msg=page.detail(problem)), icon="⚠️")
    if inp != before.input:
        sent = st.session_state.get(_sent_key(page.name))
        # A point released on its own grid: the frames the browser holds for it stay the
        # engine's (only that point changed), as for a weight.
        if problem is None and "points" not in payload and \
                sent == (settings_rev(before), payload.get("id")):
            st.session_state[_carry_key(page.name)] = {"id": sent[1], "from": sent[0]}
        bound.set("input", inp)


def _on_commit(kind: str) -> None:
    result = st.session_state.get(component_key(kind))
    value = getattr(result, "commit", None) if result is not None else None
    if value is not None:
        st.session_state[_commit_key(kind)] = value


def _on_want(kind: str) -> None:
    result = st.session_state.get(component_key(kind))
    value = getattr(result, "want", None) if result is not None else None
    if isinstance(value, str) and len(value) < 100:
        # "<id>" or "<id>@<k>": the frames around grid index k (a drag beyond those sent)
        control_id, _, at = value.partition("@")
        st.session_state[_active_key(kind)] = control_id
        st.session_state[_want_key(kind)] = int(at) if at.isdigit() else True


# --------------------------------------------------------------------------- data


#: Frames are sent for this many grid steps either side of the current value (or of the
#: index a drag reached): a GRU weight's 51 of 401 values, 0.18 MB instead of 1.4 MB.
#: A drag beyond them asks for the frames around it (live.js).
SPAN = 25
POINT_SPAN = 40  # an input point: 81 values, 4 px apart on a 0..1 channel's panel


@st.cache_data(max_entries=32, show_spinner=False)
def _sweep(cell_key: str, input_key: str, control_id: str, textbook: bool,
           centre: int | None, _cell: S.CellSpec, _inp: S.InputSpec) -> dict[str, Any] | None:
    """The control's frames. Cached on the settings' JSON (the keys); the settings
    themselves come decoded (Streamlit does not hash arguments named with a leading _)."""
    cell, inp = _cell, _inp
    where = IP.parse_point_id(control_id)
    if where is not None:
        return _point_sweep(cell, inp, where, control_id, textbook, centre)
    control = next((c for c in C.controls_for(cell) if c.id == control_id), None)
    if control is None:
        return None
    x, _ = S.build_input(inp, cell.input_size)
    return frames.sweep_payload(cell, x, control, C.grid(control), textbook,
                                span=SPAN, centre=centre)


def point_control(x: np.ndarray, channel: int, step: int) -> C.Control:
    """Input point x[step, channel] as a live control: its value grid (POINT_STEP apart,
    anchored at its value) within ±POINT_RANGE."""
    value = float(x[step, channel])
    return C.Control(IP.point_id(channel, step), f"x{channel} at t={step}", -1, value,
                     min(-IP.POINT_RANGE, value), max(IP.POINT_RANGE, value), IP.POINT_STEP)


def _point_sweep(cell: S.CellSpec, inp: S.InputSpec, where: tuple[int, int], control_id: str,
                 textbook: bool, centre: int | None) -> dict[str, Any] | None:
    if not IP.editable(inp):
        return None
    x, _ = S.build_input(inp, cell.input_size)
    channel, step = where
    if not (channel < x.shape[1] and step < x.shape[0]):
        return None
    control = point_control(x, channel, step)
    return frames.point_payload(cell, x, channel, step, control, C.grid(control), textbook,
                                span=POINT_SPAN, centre=centre)


def _input_data(page: Page, scenario: S.Scenario, x: np.ndarray, fig: Any) -> dict[str, Any]:
    """What the input editor needs: the channels drawn (which trace, their values, their
    0/1 pulse), the grid of a point's value and whether this input can be edited."""
    inp = scenario.input
    traces = (fig.live_map or {}).get("inputs", []) if hasattr(fig, "live_map") else []
    channels = [{"c": c, "trace": index, "pulse": IP.pulse_value(x[:, c])}
                for index, c in traces if c < x.shape[1]]
    return {"editable": IP.editable(inp) and bool(channels), "channels": channels,
            "length": int(x.shape[0]), "lo": -IP.POINT_RANGE, "hi": IP.POINT_RANGE,
            "step": IP.POINT_STEP,
            "help": page.t("live.input_help" if IP.editable(inp) else "live.input_text"),
            "name": page.t("live.point_name")}


@functools.cache
def _plotly_url() -> str:
    """The served plotly.min.js (copied on first use), or "" when it cannot be."""
    try:
        return assets.plotly_url() if assets.ensure_plotly_js() is not None else ""
    except Exception:  # noqa: BLE001 - no live chart is no reason to lose the page
        return ""


#: A gate's LaTeX equation as short HTML text that wraps (never cut off).
plain_equation = latex_html


def _control_data(page: Page, cell: S.CellSpec, control: C.Control) -> dict[str, Any]:
    values = C.grid(control)
    kind, _, _ = control.id.partition(":")
    anchor = int(np.flatnonzero(values == control.value)[0])
    if kind == "w":
        text, label, role = control.label, control.label, "weight"
    else:
        symbol = control.label.split()[-1]
        text = page.t(f"live.{kind}")
        label = f"{page.t(f'cell.{kind}')} {symbol}"
        role = "knob"
    return {"id": control.id, "label": label, "text": text, "kind": role,
            "block": control.block, "value": control.value, "min": float(values[0]),
            "max": float(values[-1]), "step": control.step, "k": anchor, "n": len(values)}


def mount(page: Page, scenario: S.Scenario, trace: Any, fig: Any, x: np.ndarray) -> bool:
    """Draw the live gates; False when the browser reported that it cannot (then the
    caller draws the ordinary chart)."""
    kind = page.name
    cell, view = scenario.cell, scenario.view
    cell_key, input_key = codec.cache_key(cell), codec.cache_key(scenario.input)
    controls = C.controls_for(cell)
    ids = {c.id for c in controls}
    where = IP.parse_point_id(str(st.session_state.get(_active_key(kind), "")))
    if where is not None and where[0] < x.shape[1] and where[1] < x.shape[0]:
        ids.add(IP.point_id(*where))
    ss = st.session_state
    rev = settings_rev(scenario)
    carry = ss.pop(_carry_key(kind), None)
    if carry is not None:  # a commit kept the browser's frames of that control
        ss[_sent_key(kind)] = (rev, carry["id"])
    # The frames go out once, in the run a "want" asked for them (the browser asks only
    # when it does not hold them): not again with every later rerun.
    active = ss.get(_active_key(kind))
    sweep = None
    wanted = ss.pop(_want_key(kind), False)
    if wanted is not False and active in ids:
        centre = wanted if type(wanted) is int else None
        sweep = _sweep(cell_key, input_key, active, view.textbook_update, centre, cell,
                       scenario.input)
        ss[_sent_key(kind)] = (rev, active)
    eqs = equations.gate_equations(cell.kind, cell.reset_after, cell.nonlinearity, cell.variant)
    spec = fig.spec if hasattr(fig, "spec") else fig.to_dict()
    data = {
        "rev": rev,
        "carry": carry,
        "figure": spec,
        "figure_rev": hashlib.sha1(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:16],
        "config": PLOTLY_CONFIG,
        "map": (getattr(fig, "live_map", None) or {}).get("gates", []),
        "inputs": _input_data(page, scenario, x, fig),
        "groups": [{"block": b, "title": page.t(f"gate.{cell.kind}.{block}"),
                    "equation": plain_equation(eqs[block])}
                   for b, block in enumerate(S.cell_blocks(cell))],
        "controls": [_control_data(page, cell, c) for c in controls],
        "sweep": sweep,
        "plotly_url": _plotly_url(),
        "present": page.present,
        "fit": True,
        "text": {"title": page.t("live.title"), "failed": page.t("live.failed"),
                 "beyond": page.t("live.beyond"), "waiting": page.t("live.waiting")},
    }
    result = _mount(key=component_key(kind), data=data, default={"failed": None},
                    on_want_change=lambda: _on_want(kind),
                    on_commit_change=lambda: _on_commit(kind),
                    on_failed_change=lambda: None)
    return not getattr(result, "failed", None)


def commit_pending(kind: str) -> bool:
    return _commit_key(kind) in st.session_state
