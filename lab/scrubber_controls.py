"""The scrubber's controls: a slider, Play / Pause and the equations, in the page.

The scrubber figure (``cell_scrubber(..., page_controls=True)``) carries one Plotly frame
per step and no controls of its own. This Streamlit component (``st.components.v2``, no
iframe: its JavaScript runs in the page) draws them under the figure and moves the
figure with ``Plotly.animate`` (plotly.js as the page already loaded it; no download):

- a native range slider, full width on its own row, so the handle is never covered and
  a phone's thumb can take it; arrow keys, Page Up/Down, Home and End step through time
  when the slider or the figure has focus (clicking the figure focuses it);
- the equations with the step's numbers as HTML: large dark text that wraps on a phone.

Nothing goes back to Python: moving through time never reruns the page. The figure and
the controls find each other by the figure's Streamlit key (``.st-key-<key>``).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from lab.figures.scrubber_panel import ScrubberPanel

CSS = """
.scrub { font-family: inherit; color: #111; }
.scrub .row { display: flex; align-items: center; gap: 0.75rem; flex-wrap: wrap; }
.scrub button { font: inherit; font-size: 1rem; padding: 0.35rem 0.9rem; cursor: pointer;
  border: 1px solid #888; border-radius: 0.4rem; background: #fff; color: #111; }
.scrub button:focus-visible, .scrub input:focus-visible { outline: 3px solid #1f77b4; }
.scrub input[type=range] { flex: 1 1 16rem; min-width: 12rem; height: 2.2rem;
  accent-color: #d62728; cursor: pointer; }
.scrub .now { font-weight: 700; font-size: 1.15rem; min-width: 9rem; }
.scrub .keys { color: #444; font-size: 0.9rem; margin: 0.2rem 0 0.6rem; }
.scrub .eqs { font-size: 1.3rem; line-height: 1.55; }
.scrub.present .eqs { font-size: 1.9rem; }
.scrub .eq { margin: 0 0 0.55rem; overflow-wrap: anywhere; }
.scrub .num { padding-left: 1.6rem; }
.scrub .num b { color: #000; }
.scrub .note { color: #333; font-style: italic; font-size: 1rem; margin-top: 0.4rem; }
"""

HTML = """
<div class="scrub">
  <div class="row">
    <button type="button" class="play"></button>
    <input class="range" type="range" min="0" max="0" step="1" value="0">
    <span class="now" aria-live="polite"></span>
  </div>
  <div class="keys"></div>
  <div class="unit"></div>
  <div class="eqs"></div>
  <div class="note"></div>
</div>
"""

JS = """
export default function (component) {
  const { parentElement, data } = component;
  const root = parentElement.querySelector('.scrub');
  const range = root.querySelector('.range');
  const play = root.querySelector('.play');
  const now = root.querySelector('.now');
  const eqs = root.querySelector('.eqs');
  const n = data.heads.length;
  root.classList.toggle('present', !!data.present);
  root.querySelector('.keys').textContent = data.keys;
  root.querySelector('.unit').textContent = data.unit;
  root.querySelector('.note').textContent = data.note;
  range.max = String(n - 1);
  range.setAttribute('aria-label', data.label);
  const opts = {mode: 'immediate', frame: {duration: 0, redraw: false},
                transition: {duration: 0}};
  const holder = () => document.querySelector('.st-key-' + data.chart);
  const chart = () => { const h = holder(); return h && h.querySelector('.js-plotly-plot'); };
  // the step survives a rerun that changes the figure (another unit, new numbers)
  const state = root.__state || (root.__state = {k: data.start, timer: null, poll: null});
  // a new render (new data) replaces the last one's timers: they hold its data
  if (state.timer) clearInterval(state.timer);
  if (state.poll) clearInterval(state.poll);
  state.timer = null;
  const animate = (k) => {
    const gd = chart();
    if (!gd || !window.Plotly || !gd._transitionData) return;
    const frames = gd._transitionData._frames || [];
    if (frames.length !== n) return;  // the old figure is still on screen
    window.Plotly.animate(gd, [String(k)], opts).catch(() => {});
  };
  const show = (k) => {
    k = Math.max(0, Math.min(n - 1, k));
    state.k = k;
    range.value = String(k);
    now.textContent = data.heads[k];
    // our own HTML: fixed symbols and the engine's numbers (tokens only reach the heading, as text)
    eqs.innerHTML = data.equations[k];
    const h = holder();
    if (h) h.dataset.step = String(k);
    animate(k);
  };
  const stop = () => {
    if (state.timer) clearInterval(state.timer);
    state.timer = null;
    play.textContent = data.play;
  };
  const start = () => {
    if (state.k >= n - 1) show(0);
    play.textContent = data.pause;
    state.timer = setInterval(() => {
      if (state.k >= n - 1) { stop(); return; }
      show(state.k + 1);
    }, 150);
  };
  const key = (e) => {
    const moves = {ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1,
                   PageUp: 10, PageDown: -10};
    let k = null;
    if (e.key in moves) k = state.k + moves[e.key];
    else if (e.key === 'Home') k = 0;
    else if (e.key === 'End') k = n - 1;
    if (k === null) return;
    e.preventDefault();
    stop();
    show(k);
  };
  range.oninput = () => { stop(); show(parseInt(range.value, 10)); };
  range.onkeydown = key;
  play.onclick = () => (state.timer ? stop() : start());
  const h = holder();
  if (h) {
    h.tabIndex = 0;
    h.setAttribute('aria-label', data.label);
    h.onkeydown = key;
  }
  // a new figure (Streamlit redraws it after a rerun) starts at its first frame: put it
  // back on the step shown here
  const watch = () => {
    const gd = chart();
    if (gd && !gd.__labScrubber) {
      gd.__labScrubber = true;
      gd.on('plotly_afterplot', () => animate(state.k));
    }
  };
  watch();
  state.poll = setInterval(watch, 500);
  play.textContent = data.play;
  show(Math.min(state.k, n - 1));
  return () => { clearInterval(state.poll); stop(); };
}
"""

_component: Any = None


def _renderer() -> Any:
    """The component, registered once per process (Streamlit warns on a second one)."""
    global _component
    if _component is None:
        _component = st.components.v2.component("gates_lab.scrubber_controls", html=HTML,
                                                css=CSS, js=JS)
    return _component


def equations_html(panel: ScrubberPanel) -> list[str]:
    """One HTML block per frame: each equation, then its numbers on an indented line."""
    return ["".join(f'<div class="eq"><div class="sym">{sym}</div>'
                    f'<div class="num">{num}</div></div>' for sym, num in lines)
            for lines in panel.equations]


def controls_data(panel: ScrubberPanel, *, chart: str, labels: dict[str, str],
                  present: bool) -> dict[str, Any]:
    """What the component's JavaScript reads (all of it plain JSON)."""
    return {"chart": chart, "heads": list(panel.heads), "equations": equations_html(panel),
            "note": panel.note, "start": 0, "present": present, **labels}


def show_controls(panel: ScrubberPanel, *, chart_key: str, key: str,
                  labels: dict[str, str], present: bool) -> None:
    """The controls under the figure whose Streamlit key is ``chart_key``."""
    chart = chart_key.replace(".", "-")  # Streamlit's .st-key-<key> class
    _renderer()(key=key, data=controls_data(panel, chart=chart, labels=labels,
                                            present=present))
