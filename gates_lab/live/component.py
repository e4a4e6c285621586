"""The Streamlit side of the live gates (see gates_lab/live/live.js for the browser side).

The data goes as bytes (gates_lab/live/wire.py: JSON, then a control's frames as they are).
The browser sends two trigger values (custom components v2, widget id
``<component id>__events``, field ``json_trigger_value``, a JSON list of
``{"event": ..., "value": ...}``):

- ``want``: a control id ("w:weight_ih_l0:0:0", "scale:1", ...) or an input point
  ("x:<channel>:<step>") when it is hovered or focused; the live fragment reruns and
  sends its frames.
- ``commit``: ``{"id": <control id>, "value": <number>}`` when a thumb or a point is
  released (or after keyboard steps), or ``{"id": "x:<channel>", "points": [[t, v], ...]}``
  for a stroke drawn on the input; it goes into the settings and the link
  (gates_lab/pages/cell.py does it in the live fragment unless something else on the page
  depends on it).

A figure the browser already draws is not built or sent again: the data carries the
figure's key (``figure_rev``, from the settings) and the figure only when the browser
does not hold it. After a release of a weight or knob whose frames the browser holds, it
draws the new figure itself from them (``patch``: the released frame, and the frame it
left as the ghost). An input point's release is sent as a new figure: the new figure's
input panel gains the previous input as its ghost (traces the drawn one may not have).
A browser that finds itself without the figure asks with ``want`` = "#figure".

and one state value, ``failed`` (why Plotly.js could not load): the page then draws the
chart with Streamlit's own st.plotly_chart and the Settings -> Weights sliders still work.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Any

import numpy as np
import streamlit as st

from gates_lab import codec, equations
from gates_lab import input_points as IP
from gates_lab import scenario as S
from gates_lab.figures.common import PLOTLY_CONFIG
from gates_lab.i18n import t
from gates_lab.live import assets, frames, wire
from gates_lab.live import controls as C
from gates_lab.live.frame_cache import FrameCache
from gates_lab.mathhtml import latex_html
from gates_lab.ui import Bound, Page

HERE = Path(__file__).resolve().parent
HTML = ('<div class="gl-live"><div class="gl-side"><div class="gl-controls-title"></div>'
        '<div class="gl-controls"></div></div><div class="gl-chart-wrap">'
        '<div class="gl-status" role="status" aria-live="polite"></div>'
        '<div class="gl-input-help"></div>'
        # the editor's points come before the chart's own buttons in the Tab order
        '<div class="gl-editor" hidden></div><div class="gl-chart"></div></div></div>')


@functools.cache
def _component() -> Any:
    """The component, registered once per process: its JS served from static/ (a loader
    inline) where that folder can be written, else inline."""
    served = assets.ensure_live_js()
    js = (assets.loader_js(assets.served_url(served.name)) if served is not None
          else assets.live_js_source())
    return st.components.v2.component("gates_lab_live", html=HTML,
                                      css=(HERE / "live.css").read_text(), js=js,
                                      isolate_styles=False)


def component_key(kind: str) -> str:
    return f"{kind}-live"


def commit_key(kind: str) -> str:
    return f"{kind}.live.commit"


def _active_key(kind: str) -> str:
    return f"{kind}.live.active"


def _want_key(kind: str) -> str:  # a "want" arrived: the next mount sends the frames
    return f"{kind}.live.want"


def _sent_key(kind: str) -> str:  # (rev, control id) of the frames the browser holds
    return f"{kind}.live.sent"


def _carry_key(kind: str) -> str:  # a commit whose control's frames stay valid
    return f"{kind}.live.carry"


def _window_key(kind: str) -> str:  # (k0, k1): the grid indices of the frames sent
    return f"{kind}.live.window"


def _drawn_key(kind: str) -> str:  # (figure key, ghost traces?, heatmap?) the browser draws
    return f"{kind}.live.drawn"


def _patch_key(kind: str) -> str:  # a release the browser can draw from its frames
    return f"{kind}.live.patch"


def forget_drawn(kind: str) -> None:
    """The chart left the page (another plot tab): the next mount sends the figure."""
    st.session_state.pop(_drawn_key(kind), None)


def settings_rev(scenario: S.Scenario) -> str:
    """What a control's frames depend on: the cell, the input and the update view."""
    key = (codec.cache_key(scenario.cell) + codec.cache_key(scenario.input)
           + str(scenario.view.textbook_update))
    return hashlib.sha1(key.encode()).hexdigest()[:16]


# --------------------------------------------------------------------------- commit path


def take_commit(kind: str) -> Any:
    """The value the browser sent with "commit" (None when there is none), once."""
    return st.session_state.pop(commit_key(kind), None)


def apply_commit(page: Page, bound: Bound[S.Scenario], payload: Any,
                 fallback_keys: list[str]) -> None:
    """Put a committed value into the page's settings (the URL follows at bound.commit).

    ``fallback_keys``: the Streamlit widgets (Settings -> Weights) showing the same
    values; they are dropped so that they restart from the new settings instead of
    writing their old value back.
    """
    before = bound.value
    if is_point_commit(payload):
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
            _note_patch(page.name, before.cell, str(payload.get("id")), float(payload["value"]))
        bound.set("cell", cell)
        for key in fallback_keys:
            st.session_state.pop(key, None)


def is_point_commit(payload: Any) -> bool:
    """Is this commit an input point's (or a stroke's) rather than a control's?"""
    return isinstance(payload, dict) and str(payload.get("id", "")).startswith("x:")


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


def _note_patch(kind: str, cell: S.CellSpec, control_id: str, value: float) -> None:
    """After a release of a control whose frames the browser holds, it can draw the new
    figure itself: the frame of the released value, and as the ghost (the previous run)
    the frame of the value before. Possible when both are among the frames sent and the
    drawn figure has the traces to fill (ghost lines, or heatmaps, which have none) and
    nothing else that changes."""
    ss = st.session_state
    drawn, window = ss.get(_drawn_key(kind)), ss.get(_window_key(kind))
    control = next((c for c in _controls(cell) if c.id == control_id), None)
    if drawn is None or window is None or control is None:
        return
    _, has_ghost, heatmap, _, input_ghost = drawn
    values = C.grid(control)
    old = int(np.flatnonzero(values == control.value)[0])
    hit = np.flatnonzero(values == value)
    # A drawn ghost of an earlier input (a point edit before) leaves the new figure, whose
    # input is its previous run's: the patch would keep it, so the figure is sent.
    if not (has_ghost or heatmap) or input_ghost or not len(hit):
        return
    new = int(hit[0])
    if all(window[0] <= k < window[1] for k in (old, new)):
        ss[_patch_key(kind)] = {"from": drawn[0], "id": control_id, "live": new, "ghost": old}


def _on_commit(kind: str) -> None:
    result = st.session_state.get(component_key(kind))
    value = getattr(result, "commit", None) if result is not None else None
    if value is not None:
        st.session_state[commit_key(kind)] = value


def _on_want(kind: str) -> None:
    result = st.session_state.get(component_key(kind))
    value = getattr(result, "want", None) if result is not None else None
    if value == "#figure":  # the browser does not hold the figure it was told it does
        st.session_state.pop(_drawn_key(kind), None)
    elif isinstance(value, str) and len(value) < 100:
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


#: Every session's frames, shared (gates_lab/live/frame_cache.py: 64 MB at most).
FRAMES = FrameCache()


def _sweep(cell_key: str, input_key: str, control_id: str, textbook: bool,
           centre: int | None, _cell: S.CellSpec, _inp: S.InputSpec) -> dict[str, Any] | None:
    """The control's (or input point's) frames, from the process-wide cache (keyed on the
    settings' JSON); the settings themselves come decoded."""
    def compute() -> dict[str, Any] | None:
        where = IP.parse_point_id(control_id)
        if where is not None:
            return _point_sweep(_cell, _inp, where, control_id, textbook, centre)
        control = next((c for c in _controls(_cell) if c.id == control_id), None)
        if control is None:
            return None
        x, _ = S.build_input(_inp, _cell.input_size)
        return frames.sweep_payload(_cell, x, control, C.grid(control), textbook,
                                    span=SPAN, centre=centre)

    return FRAMES.get((cell_key, input_key, control_id, textbook, centre), compute)


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


def _input_data(page: Page, scenario: S.Scenario, x: np.ndarray,
                traces: list[list[int]]) -> dict[str, Any]:
    """What the input editor needs: the channels drawn (``traces``: [[trace, channel], ...]
    of the figure the browser draws), their 0/1 pulse, the grid of a point's value and
    whether this input can be edited."""
    inp = scenario.input
    channels = [{"c": c, "trace": index, "pulse": IP.pulse_value(x[:, c])}
                for index, c in traces if c < x.shape[1]]
    return {"editable": IP.editable(inp) and bool(channels), "channels": channels,
            "length": int(x.shape[0]), "lo": -IP.POINT_RANGE, "hi": IP.POINT_RANGE,
            "step": IP.POINT_STEP,
            "help": page.t(("live.input_help_short" if page.present else "live.input_help")
                         if IP.editable(inp) else "live.input_text"),
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




@functools.lru_cache(maxsize=1024)
def _controls(cell: S.CellSpec) -> tuple[C.Control, ...]:
    """The cell's live controls (every mount, commit and want asks; shared, read-only)."""
    return tuple(C.controls_for(cell))


@functools.lru_cache(maxsize=1024)
def _fixed_json(cell: S.CellSpec, lang: str, present: bool, plotly_url: str) -> str:
    """The data that follows from the cell and the page's language and mode alone (the
    controls, their gates' titles and equations, the texts), encoded once: a "want" and
    most releases send it unchanged."""
    eqs = equations.gate_equations(cell.kind, cell.reset_after, cell.nonlinearity, cell.variant)
    return wire.encode({
        "config": PLOTLY_CONFIG,
        "groups": [{"block": b, "title": t(f"gate.{cell.kind}.{block}", lang),
                    "equation": plain_equation(eqs[block])}
                   for b, block in enumerate(S.cell_blocks(cell))],
        "controls": [C.control_data(c, lang) for c in _controls(cell)],
        "plotly_url": plotly_url,
        "present": present,
        "fit": True,
        "text": {key: t(f"live.{key}", lang) for key in ("title", "failed", "beyond", "waiting")},
    })


def figure_key(page: Page, scenario: S.Scenario, ghost_key: str | None) -> str:
    """What the gates figure follows from: the scenario, the ghost, language and mode."""
    key = f"{codec.cache_key(scenario)}|{ghost_key}|{page.lang}|{page.present}"
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def mount(page: Page, scenario: S.Scenario, ghost_key: str | None, build: Any,
          x: np.ndarray) -> bool:
    """Draw the live gates; False when the browser reported that it cannot (then the
    caller draws the ordinary chart). ``build()`` makes the gates figure: called only
    when the browser does not already draw it (or cannot draw it from its frames)."""
    kind = page.name
    cell, view = scenario.cell, scenario.view
    cell_key, input_key = codec.cache_key(cell), codec.cache_key(scenario.input)
    controls = _controls(cell)
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
        if sweep is not None:
            ss[_window_key(kind)] = (sweep["k0"], sweep["k0"] + sweep["shape"][0])
    # The figure: sent when the browser does not draw it yet, else only named.
    fig_key = figure_key(page, scenario, ghost_key)
    drawn = ss.get(_drawn_key(kind))
    patch = ss.pop(_patch_key(kind), None)
    figure: dict[str, Any] | None = None
    extra: dict[str, Any] = {}
    if drawn is None or drawn[0] != fig_key:
        if patch is not None and drawn is not None and patch["from"] == drawn[0]:
            ss[_drawn_key(kind)] = (fig_key, *drawn[1:])
        else:
            fig = build()
            figure = fig.spec if hasattr(fig, "spec") else fig.to_dict()
            live_map = getattr(fig, "live_map", None) or {}
            gates, inputs = live_map.get("gates", []), live_map.get("inputs", [])
            ghosts = frames.ghost_map(figure, gates)
            heatmap = any(tr.get("type") == "heatmap" for tr in figure.get("data", ()))
            ss[_drawn_key(kind)] = (fig_key, bool(ghosts), heatmap, inputs,
                                    frames.has_input_ghost(figure, inputs))
            extra = {"map": gates, "ghost_map": ghosts}
            patch = None
    else:
        patch = None
    data = {
        "rev": rev,
        "carry": carry,
        "figure": figure,
        "figure_rev": fig_key,
        "patch": patch,
        **extra,
        "inputs": _input_data(page, scenario, x, ss[_drawn_key(kind)][3]),
        "sweep": sweep,
    }
    fixed = _fixed_json(cell, page.lang, page.present, _plotly_url())
    result = _component()(key=component_key(kind), data=wire.pack(data, fixed),
                          default={"failed": None},
                          on_want_change=lambda: _on_want(kind),
                          on_commit_change=lambda: _on_commit(kind),
                          on_failed_change=lambda: None)
    failed = bool(getattr(result, "failed", None))
    if failed:  # the ordinary chart draws it instead
        ss.pop(_drawn_key(kind), None)
    return not failed


def commit_pending(kind: str) -> bool:
    return commit_key(kind) in st.session_state
