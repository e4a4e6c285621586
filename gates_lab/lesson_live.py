"""The live controls of the offline lesson file (gates_lab/lesson_file.py): the scenario's key
controls, whose frames the engine computes at export, drawn by the live gates' own
browser code (gates_lab/live/live.js) as on the cell page. No Streamlit here.

Which controls: the weights a preset's explanation names (:data:`PRESET_CONTROLS`), else
each gate's scale and shift. Each gets a coarser step grid than on the page (at most
:data:`MAX_GRID` values, the current value kept exactly), and its frames come from
``gates_lab.live.frames.sweep_payload``: one batched engine pass per control, as the live
gates' frames, so a frame shows what the lab would show for that value.

In the file there is no server: live.js runs with a small host (:data:`HOST_JS`) in place
of Streamlit's. Its trigger "want" hands over the wanted control's embedded frames;
"commit" changes nothing (the scenario's link and settings stay as exported). One control
moves at a time: moving another puts the previous one back to the scenario's value, as
the frames of each were computed with the others at theirs.
"""

from __future__ import annotations

import base64
import dataclasses
import math
from pathlib import Path
from typing import Any

import numpy as np

from gates_lab import equations
from gates_lab import scenario as S
from gates_lab.i18n import t
from gates_lab.live import controls as C
from gates_lab.live import frames
from gates_lab.mathhtml import latex_html

LIVE_DIR = Path(__file__).resolve().parent / "live"

#: The live component's HTML (as gates_lab/live/component.py mounts it; a test keeps them equal).
HTML = ('<div class="gl-live"><div class="gl-side"><div class="gl-controls-title"></div>'
        '<div class="gl-controls"></div></div><div class="gl-chart-wrap">'
        '<div class="gl-status" role="status" aria-live="polite"></div>'
        '<div class="gl-input-help"></div>'
        '<div class="gl-editor" hidden></div><div class="gl-chart"></div></div></div>')

#: The weights each preset's explanation (gates_lab/locales/presets.py) talks about, as edit
#: keys (tensor:row:col; torch's gate order: GRU r z n, LSTM i f g o).
PRESET_CONTROLS: dict[str, tuple[str, ...]] = {
    # "huge biases pin ... the update gate at 0 ... tanh(W_in x + W_hn h)"
    "gru-as-rnn": ("weight_ih_l0:2:0", "weight_hh_l0:2:0", "bias_ih_l0:1"),
    # the write signal's weight into z, z's bias, the value's weight into n
    "gru-latch": ("weight_ih_l0:1:1", "bias_ih_l0:1", "weight_ih_l0:2:0"),
    # the cue's weight into r, the pulses' weight into n, the old state's weight into n
    "gru-reset-wipe": ("weight_ih_l0:0:1", "weight_ih_l0:2:0", "weight_hh_l0:2:0"),
    # z's bias of unit 0 (near 1) and of unit 1 (near 0)
    "gru-update-keeps": ("bias_ih_l0:2", "bias_ih_l0:3"),
    # "weights of size 40": the input's weights into r and z
    "gru-saturated": ("weight_ih_l0:0:0", "weight_ih_l0:2:0"),
    # forget held at 1 (its bias), the input gate on an impulse, the candidate
    "lstm-counter": ("bias_ih_l0:1", "weight_ih_l0:0:0", "weight_ih_l0:2:0"),
    # "the forget gate is sigmoid(5)": its bias; the impulse's write
    "lstm-long-memory": ("bias_ih_l0:1", "weight_ih_l0:2:0"),
    "lstm-short-memory": ("bias_ih_l0:1", "weight_ih_l0:2:0"),
    # the write signal's weights into i and f, the value's weight into g
    "lstm-hold-value": ("weight_ih_l0:0:1", "weight_ih_l0:1:1", "weight_ih_l0:2:0"),
    # the recurrent weight and the input's weight
    "rnn-explode": ("weight_hh_l0:0:0", "weight_ih_l0:0:0"),
    "rnn-vanish": ("weight_hh_l0:0:0", "weight_ih_l0:0:0"),
    "rnn-tanh-saturate": ("weight_ih_l0:0:0", "weight_hh_l0:0:0"),
    # the variants (blocks as the variant stacks them, gates.kinds): no forget gate (i, g,
    # o): the input gate's and the candidate's weights, whose product c adds every step
    "lstm-no-forget": ("weight_ih_l0:0:0", "weight_ih_l0:1:0"),
    # coupled and no-input (f, g, o): the write signal into f, f's bias, the value into g
    "lstm-coupled-hold": ("weight_ih_l0:0:1", "bias_ih_l0:0", "weight_ih_l0:1:0"),
    "lstm-no-input": ("weight_ih_l0:0:1", "bias_ih_l0:0", "weight_ih_l0:1:0"),
    # no output gate (i, f, g): the impulse into i, i's bias, the value into g
    "lstm-no-output": ("weight_ih_l0:0:0", "bias_ih_l0:0", "weight_ih_l0:2:0"),
    # peephole: c's weight into i, i's bias, the drive into g
    "lstm-peephole-limit": ("weight_ci_l0:0", "bias_ih_l0:0", "weight_ih_l0:2:0"),
    # GRU without reset (z, n): the pulses into z, the value into n, the old state into n
    "gru-no-reset": ("weight_ih_l0:0:0", "weight_ih_l0:1:0", "weight_hh_l0:1:0"),
    # MGU (f, n): the write signal into f, f's bias, the value into n
    "mgu-latch": ("weight_ih_l0:0:1", "bias_ih_l0:0", "weight_ih_l0:1:0"),
}

MAX_GRID = 61  #: values of one control's grid in the file (the page has up to 1001)
NICE_STEPS = (0.05, 0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 2.5, 5.0, 10.0)
#: float64 numbers of all the controls' frames together (~2.7 MB as base64): keeps the
#: file under 8 MB at the defaults; a larger scenario gets coarser grids, or none.
MAX_NUMBERS = 260_000
MIN_GRID = 5


def key_controls(scenario: S.Scenario) -> list[C.Control]:
    """The controls the file offers: a preset's named weights (over the preset's own
    cell), else each gate's scale and shift."""
    cell = scenario.cell
    every = {c.id: c for c in C.controls_for(cell)}
    name = scenario.preset
    if name in PRESET_CONTROLS and is_preset_scenario(scenario):
        named = [every.get(f"w:{key}") for key in PRESET_CONTROLS[name]]
        if all(c is not None for c in named):
            return [c for c in named if c is not None]
    return [every[f"{knob}:{b}"] for b in range(len(S.cell_blocks(cell)))
            for knob in ("scale", "shift")]


def is_preset_scenario(scenario: S.Scenario) -> bool:
    """True when the scenario shows its preset's own cell and input (as the cell page
    decides whether the preset's explanation applies)."""
    try:
        own = S.scenario_from_preset(scenario.preset)
    except (KeyError, ValueError):
        return False
    return (own.cell, own.input) == (scenario.cell, scenario.input)


def coarse(control: C.Control, most: int = MAX_GRID) -> C.Control:
    """The control with a step from :data:`NICE_STEPS` that gives at most ``most`` grid
    values over its range (never finer than the page's step)."""
    span = control.hi - control.lo
    step = next((s for s in NICE_STEPS if s >= control.step - 1e-12
                 and math.floor(span / s + 1e-9) + 1 <= most), None)
    if step is None:
        step = span / max(most - 1, 1)
    return dataclasses.replace(control, step=step)


def _grid_size(control: C.Control) -> int:
    return len(C.grid(control))


def live_data(scenario: S.Scenario, trace: Any, x: np.ndarray, spec: dict[str, Any],
              config: dict[str, Any], lang: str,
              live_map: dict[str, list[list[int]]] | None = None) -> dict[str, Any] | None:
    """What live.js reads (its ``data``) plus ``sweeps``: every control's frames, by id.
    None when even :data:`MIN_GRID` values per control would not fit :data:`MAX_NUMBERS`.
    ``live_map``: the figure's own map of its traces (LabFigure.live_map). The input is
    not edited in the file: editing it needs the engine, and the file has no server."""
    cell, view = scenario.cell, scenario.view
    controls = key_controls(scenario)
    panels = len(trace.names)
    per_frame = panels * x.shape[0] * cell.hidden_size
    most = min(MAX_GRID, MAX_NUMBERS // max(per_frame * len(controls), 1))
    if most < MIN_GRID:
        return None
    controls = [coarse(c, most) for c in controls]
    while sum(_grid_size(c) for c in controls) * per_frame > MAX_NUMBERS and most > MIN_GRID:
        most -= 2
        controls = [coarse(c, most) for c in controls]
    sweeps = {}
    for c in controls:
        values = C.grid(c)
        sweep = frames.sweep_payload(cell, x, c, values, view.textbook_update,
                                     limit=len(values) * frames.MAX_PANELS
                                     * x.shape[0] * cell.hidden_size)  # all of it
        # the file's data is JSON: the frames as base64 text (live.js reads either)
        sweeps[c.id] = {**sweep, "frames": base64.b64encode(sweep["frames"]).decode()}
    eqs = equations.gate_equations(cell.kind, cell.reset_after, cell.nonlinearity, cell.variant)
    return {
        "rev": "lesson",
        "carry": None,
        "figure": spec,
        "figure_rev": "lesson",
        "config": config,
        "map": (live_map or {}).get("gates", []),
        "inputs": {"editable": False, "channels": [], "length": int(x.shape[0]), "lo": 0.0,
                   "hi": 0.0, "step": 1.0, "help": "", "name": ""},
        # the gates with a control in the file (an empty group would only say "no slider")
        "groups": [{"block": b, "title": t(f"gate.{cell.kind}.{block}", lang),
                    "equation": latex_html(eqs[block])}
                   for b, block in enumerate(S.cell_blocks(cell))
                   if any(c.block == b for c in controls)],
        "controls": [C.control_data(c, lang) for c in controls],
        "sweep": None,
        "sweeps": sweeps,
        "plotly_url": "",
        "present": False,
        "fit": True,
        "text": {"title": t("lesson.live_title", lang), "failed": t("live.failed", lang),
                 "beyond": t("live.beyond", lang)},
    }


def live_js() -> str:
    """gates_lab/live's JS (live.js with the adapter and the editor it uses) as a classic script
    that defines ``window.labLive`` (the file has no module loader; its ``export default``
    is the component's entry point)."""
    from gates_lab.live.assets import live_js_source

    source = live_js_source()
    marker = "export default function"
    if marker not in source:
        raise RuntimeError("gates_lab/live/live.js no longer has 'export default function'")
    return "(() => {\n" + source.replace(marker, "window.labLive = function", 1) + "\n})();"


def live_css() -> str:
    return (LIVE_DIR / "live.css").read_text()


#: Streamlit's part, played in the file: mount live.js on #gates with the data, answer
#: "want" with the embedded frames, keep one control moved at a time.
HOST_JS = """
(() => {
  const LIVE = window.LESSON_LIVE;
  const root = document.getElementById('gates');
  if (!LIVE || !root || !window.labLive) return;
  const byId = Object.fromEntries(LIVE.controls.map((c) => [c.id, c]));
  const fmt = (v) => {
    const a = Math.abs(v);
    const s = a !== 0 && a < 0.01 ? v.toExponential(1) : v.toFixed(3);
    return s.replace(/\\.?0+$/, '').replace(/^-0$/, '0').replace('-', '\\u2212');
  };
  let moved = null;
  const mount = (id) => {
    const data = Object.assign({}, LIVE, {sweep: id ? LIVE.sweeps[id] : null});
    delete data.sweeps;
    window.labLive({data, parentElement: root, setTriggerValue: trigger,
                    setStateValue: () => {}});
  };
  function trigger(event, value) {
    if (event !== 'want') return;  // "commit": no server; the value stays drawn
    const id = String(value).split('@')[0];
    if (LIVE.sweeps[id]) setTimeout(() => mount(id), 0);
  }
  // another control moves: the one moved before goes back to the scenario's value
  root.addEventListener('input', (e) => {
    const id = e.target && e.target.dataset && e.target.dataset.control;
    if (!id) return;
    if (moved && moved !== id) {
      const back = root.querySelector('input[data-control="' + moved + '"]');
      if (back) {
        back.value = String(byId[moved].value);
        back.setAttribute('aria-valuetext', fmt(byId[moved].value));
        const out = back.parentElement.querySelector('output');
        if (out) out.textContent = fmt(byId[moved].value);
      }
    }
    moved = id;
  }, true);
  mount(null);
})();
"""
