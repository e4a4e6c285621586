"""How fast the pages answer: server-side reruns, and in a browser what the eye sees.

    .venv/bin/python benchmarks/pages.py            # everything (needs chromium for b and c)
    .venv/bin/python benchmarks/pages.py --server   # (a) only
    .venv/bin/python benchmarks/pages.py --browser --root /tmp/before   # (b, c) of another tree

(a) each page of gates_lab.navigation.PAGES at default settings, AppTest: one warm-up run, then
    20 timed ``at.run()``; median and 95th percentile. The cell pages once more with their
    heaviest tabs open (Settings -> Weights, plots -> Step through time). (AppTest, like
    our config with runner.postScriptGC = false, runs no full garbage collection after a
    rerun.)
(b) a live server + chromium (1400x1000), on /gru, /lstm and /rnn and /compare. In the
    page a requestAnimationFrame loop re-queries the gates chart every frame (inside the
    element with class ``st-key-{page}-chart-gates``; Streamlit replaces the chart's
    elements when it remounts it) and takes a signature of what is drawn: the ``d`` of
    every scatter line and the href of every heatmap image. Timed with performance.now():
    - a key step (ArrowRight/ArrowLeft, one warm-up) on a weight control: from the keydown
      to the first frame whose signature differs (blank frames do not count). The weight
      control is the live ``input[type=range][data-weight]`` of issue 10 where the page has
      one, else the first Streamlit weight slider (Settings -> Weights).
    - a drag of that control (3 drags, to and fro): mouse down on the thumb, 30 small
      moves over ~1 s (a third of the track), mouse up; the chart states drawn while the
      button was held (per second), the median time between them, and from the first move
      to the first state. The note gives the value before -> after, the states drawn after
      the release (a commit) and blank frames (a chart that vanished) while held.
    - key steps on controls that need the server: the input-size slider of the cell pages
      and the Compare page's hidden-size slider.
    - the same key steps on a bare Streamlit app (one slider driving one Plotly chart of
      about the gates chart's size, served in the same run): the framework's floor. Each
      control that needs the server (input size, hidden size, sequence length, pattern
      choice) is reported as a ratio to it; target <= 1.25x.
    - the input editor (issue 17): a key step on the focused input point (ArrowUp) drawn,
      and a drag of an input point: time between states, states drawn while held.
    15 key steps per control (--moves); a step that draws nothing within 8 s is counted
    apart. Only the lines count: a change the eye cannot see (hover, tick labels) does not.
    Targets (issue 10): a weight key step drawn <= 100 ms; a drag >= 20 states/s (median
    interval <= 50 ms); a control that needs the server <= 250 ms median.
(c) the scrubber figure on /gru (its tab open): Plotly.animate to the next frame
    (transition 0), timed (1) until the figure's DOM holds the new frame (its last
    mutation; the browser paints it at the next vsync) and (2) until Plotly's
    'plotly_animated' event, which its animation loop emits one animation frame later;
    20 frames. No server round trip.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "support")]  # livelab, stclient

import livelab  # noqa: E402

from gates_lab.navigation import PAGES  # noqa: E402

CELL_PAGES = ("gru", "lstm", "rnn")
TARGET_MS = {"gru": 150, "lstm": 150, "rnn": 150, "gradients": 200, "learned": 300}
SCRUB_TARGET_MS = 50


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def row(name: str, values: list[float] | None, target: float | None, note: str = "",
        unit: str = "ms", higher: bool = False) -> str:
    """One line: median and 95th percentile (5th when higher is better) beside the target."""
    if not values:
        return f"{name:<40} {'-':>8} {'-':>8} {'-':>9}  {note}"
    med = statistics.median(values)
    tail = pct(values, 0.05 if higher else 0.95)
    tgt = "-" if not target else f"{'>=' if higher else '<='}{target:.0f}"
    good = target and (med >= target if higher else med <= target)
    verdict = "" if not target else ("ok" if good else "MISSED")
    return (f"{name:<40} {med:>8.1f} {tail:>8.1f} {tgt:>9}  {unit:<3} {verdict:<6} "
            f"{note}").rstrip()


HEADER = (f"{'measurement':<40} {'median':>8} {'p95/p5':>8} {'target':>9}  unit verdict note")


# ---------------------------------------------------------------- (a) server-side reruns


def server_reruns(repeats: int) -> list[str]:
    from streamlit.testing.v1 import AppTest

    from gates_lab.i18n import t
    from gates_lab.ui import tab_key

    lines = []
    for name, _ in PAGES:
        path = ROOT / "pages" / f"{name}.py"
        if not path.exists():
            continue
        at = AppTest.from_file(str(path), default_timeout=300)
        at.run()  # warm: imports, caches
        if at.exception:
            lines.append(row(f"rerun {name}", None, None,
                             f"EXCEPTION {at.exception[0].value[:60]}"))
            continue
        lines.append(row(f"rerun {name} (AppTest)", timed_reruns(at, repeats),
                         TARGET_MS.get(name)))
        if name in CELL_PAGES:
            # The heaviest tabs open (gates_lab.ui.lazy_tabs): every weight slider, the scrubber.
            at.session_state[tab_key(name, "controls")] = t("cell.tab.weights", "en")
            at.session_state[tab_key(name, "plots")] = t("cell.scrubber", "en")
            at.run()
            lines.append(row(f"rerun {name} weights+scrubber tabs", timed_reruns(at, repeats),
                             TARGET_MS.get(name)))
    return lines


def timed_reruns(at: Any, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - t0) * 1000)
    return times


# ---------------------------------------------------------------- (b) what the eye sees

# Installed in the page once per navigation. A requestAnimationFrame loop re-queries the
# gates chart EVERY frame (Streamlit replaces the chart's elements when it remounts it, so
# nothing may be held on to) and computes a signature of what is drawn: the `d` of every
# scatter line and the href of every heatmap image inside the chart's container (open
# shadow roots included, for components). Each keydown / pointerdown notes the signature
# at the event; the first later frame whose (non-blank) signature differs is the answer.
# Every change of signature is logged with its frame's performance.now(), so a drag can
# be read as the chart states drawn while the button was held.
FRAMES_JS = r"""(sel) => {
  const w = window.__frames || (window.__frames = {});
  w.sel = sel;
  if (w.running) { w.prev = w.sig(); return true; }
  const deepAll = (root, css, out) => {
    root.querySelectorAll(css).forEach((e) => out.push(e));
    root.querySelectorAll('div, span, section, article').forEach((e) => {
      if (e.shadowRoot) deepAll(e.shadowRoot, css, out);
    });
    return out;
  };
  w.deepAll = deepAll;
  w.sig = () => {
    const parts = [];
    for (const box of deepAll(document, w.sel, [])) {
      for (const el of deepAll(box, '.js-plotly-plot .scatterlayer path.js-line, '
                                  + '.js-plotly-plot .heatmaplayer image', [])) {
        parts.push(el.tagName === 'image'
          ? (el.getAttribute('href') || el.getAttribute('xlink:href') || '')
          : (el.getAttribute('d') || ''));
      }
    }
    return parts.join('|');
  };
  w.running = true;
  w.frames = 0;
  w.changes = [];   // [frame time, blank?] of every frame whose signature changed
  w.events = [];    // {type, t, base, hit}
  w.prev = w.sig();
  const loop = () => {
    const s = w.sig(), now = performance.now();
    w.frames += 1;
    if (s !== w.prev) {
      w.changes.push([now, s === '' ? 1 : 0]);
      w.prev = s;
      for (const ev of w.events) {
        if (ev.hit === null && s !== '' && s !== ev.base && now >= ev.t) ev.hit = now;
      }
    }
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  const note = (e) => {
    const now = performance.now();
    // The event's own time stamp (includes queueing on a busy main thread) when sane.
    const t = (e.timeStamp > now - 1000 && e.timeStamp <= now) ? e.timeStamp : now;
    const tracked = e.type === 'keydown' || e.type === 'pointerdown';
    w.events.push({type: e.type, t, base: tracked ? w.sig() : null, hit: tracked ? null : -1});
  };
  for (const type of ['keydown', 'pointerdown', 'pointermove', 'pointerup'])
    window.addEventListener(type, note, true);
  return true;
}"""

# Marks the control to move with data-bench="1" and returns its geometry, or null.
# `live`: the live weight controls of issue 10 (input[type=range][data-weight]);
# otherwise the visible Streamlit slider whose label matches `label` (a regex).
MARK_JS = r"""([live, label]) => {
  const w = window.__frames;
  document.querySelectorAll('[data-bench]').forEach((e) => e.removeAttribute('data-bench'));
  w.deepAll(document, '[data-bench]', []).forEach((e) => e.removeAttribute('data-bench'));
  const shown = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  let el = null, kind = '';
  if (live) {
    el = w.deepAll(document, 'input[type="range"][data-weight]', []).filter(shown)[0] || null;
    kind = 'live';
  }
  if (!el && label) {
    const re = new RegExp(label);
    el = Array.from(document.querySelectorAll('[data-testid="stSlider"] input[type="range"]'))
      .filter((e) => e.closest('[data-testid="stSlider"]').offsetParent !== null)
      .find((e) => re.test(e.getAttribute('aria-label') || '')) || null;
    kind = 'streamlit';
  }
  if (!el) return null;
  el.setAttribute('data-bench', '1');
  el.scrollIntoView({block: 'center'});
  const lo = Number(el.min), hi = Number(el.max), v = Number(el.value);
  // The thumb: Streamlit's visually hidden input sits inside it (its first ancestor drawn
  // wider than 2 px); a native range draws its own, at the value's fraction of the track.
  let box = el.getBoundingClientRect(), x, y;
  if (kind === 'streamlit') {
    let th = el.parentElement;
    while (th && th.getBoundingClientRect().width <= 2) th = th.parentElement;
    box = th.getBoundingClientRect();
    x = box.left + box.width / 2;
  } else {
    const thumb = Math.min(16, box.height);
    x = box.left + thumb / 2 + (hi > lo ? (v - lo) / (hi - lo) : 0) * (box.width - thumb);
  }
  y = box.top + box.height / 2;
  const track = el.closest('[data-testid="stSlider"]') || el;
  return {kind, lo, hi, v, step: Number(el.step) || 1, x, y,
          name: el.getAttribute('aria-label') || el.dataset.weight || '',
          width: track.getBoundingClientRect().width};
}"""

SETTLE_JS = """(ms) => {
  const app = document.querySelector('[data-testid="stApp"]');
  return performance.now() - window.__lab.lastMutation > ms
    && (!app || app.getAttribute('data-test-script-state') !== 'running')
    && !document.querySelector('[data-testid="stStatusWidgetRunningIcon"]');
}"""

KEY_TARGET_MS = 100     # a live weight control, keyboard step, drawn
SERVER_TARGET_MS = 250  # a control that needs the server (sizes, presets, ...)
DRAG_RATE_TARGET = 20   # chart states drawn per second while the button is held
DRAG_GAP_TARGET_MS = 50
FLOOR_RATIO_TARGET = 1.25  # a control that needs the server, against the bare app

# The framework floor: one slider, one Plotly chart of about the gates chart's size (five
# stacked panels, ten lines of 40 points), in the container the frame watcher looks in.
BARE_APP = '''
import numpy as np
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

n = st.slider("Bare size", 1, 4, 1)
t = np.arange(40)
fig = make_subplots(rows=5, cols=1, shared_xaxes=True)
for r in range(5):
    for u in range(2):
        fig.add_trace(go.Scatter(x=t, y=np.sin(t / (3 + n + r) + u), mode="lines+markers"),
                      row=r + 1, col=1)
fig.update_layout(height=900)
with st.container(key="bare-chart-gates"):
    st.plotly_chart(fig, key="bare-chart")
'''


def settle(page: Any, quiet_ms: int = 500, timeout: float = 60.0) -> None:
    """No rerun running and no DOM change for ``quiet_ms``."""
    page.wait_for_function(SETTLE_JS, arg=quiet_ms, timeout=timeout * 1000, polling=50)


def watch(page: Any, selector: str) -> None:
    page.evaluate(FRAMES_JS, selector)


def mark(page: Any, live: bool, label: str | None) -> dict[str, Any] | None:
    result: dict[str, Any] | None = page.evaluate(MARK_JS, [live, label])
    return result


def key_steps(page: Any, live: bool, label: str | None, moves: int,
              timeout: float = 8.0) -> tuple[list[float], int, str]:
    """ArrowRight/ArrowLeft on the control (one warm-up move): ms from the keydown to the
    first frame drawing a different chart; also the moves that drew nothing in time."""
    drawn: list[float] = []
    missed = 0
    kind = ""
    up = True
    for i in range(moves + 1):
        info = mark(page, live, label)
        if info is None:
            return drawn, missed, "control not found"
        kind = info["kind"]
        up = (info["v"] < info["hi"]) if (i % 2 == 0) else info["v"] <= info["lo"]
        n = page.evaluate("() => window.__frames.events.length")
        page.locator('[data-bench="1"]').focus()
        page.keyboard.press("ArrowRight" if up else "ArrowLeft")
        try:
            page.wait_for_function(
                """(n) => window.__frames.events.slice(n)
                     .some((e) => e.type === 'keydown' && e.hit !== null)""",
                arg=n, timeout=timeout * 1000, polling=50)
        except Exception:  # noqa: BLE001 - playwright's TimeoutError: nothing drawn
            pass
        settle(page)
        ev = page.evaluate("""(n) => window.__frames.events.slice(n)
            .filter((e) => e.type === 'keydown').map((e) => [e.t, e.hit])""", n)
        if i == 0:
            continue  # warm-up move
        if not ev or ev[0][1] is None:
            missed += 1
        else:
            drawn.append(ev[0][1] - ev[0][0])
    return drawn, missed, kind


def select_steps(page: Any, label: str, moves: int, timeout: float = 8.0
                 ) -> tuple[list[float], int, str]:
    """A selectbox (``label``, exact) set to its next / previous option with the keyboard:
    ms from the Enter that picks it to the first frame drawing a different chart."""
    drawn: list[float] = []
    missed = 0
    for i in range(moves + 1):
        box = page.get_by_label(label, exact=True)
        if box.count() == 0:
            return drawn, missed, "control not found"
        box.first.scroll_into_view_if_needed()
        box.first.click()
        page.keyboard.press("ArrowDown" if i % 2 == 0 else "ArrowUp")
        n = page.evaluate("() => window.__frames.events.length")
        page.keyboard.press("Enter")
        try:
            page.wait_for_function(
                """(n) => window.__frames.events.slice(n)
                     .some((e) => e.type === 'keydown' && e.hit !== null)""",
                arg=n, timeout=timeout * 1000, polling=50)
        except Exception:  # noqa: BLE001 - playwright's TimeoutError: nothing drawn
            pass
        settle(page)
        ev = page.evaluate("""(n) => window.__frames.events.slice(n)
            .filter((e) => e.type === 'keydown').map((e) => [e.t, e.hit])""", n)
        if i == 0:
            continue
        if not ev or ev[0][1] is None:
            missed += 1
        else:
            drawn.append(ev[0][1] - ev[0][0])
    return drawn, missed, "streamlit"


# The input editor's focusable point of the first channel (gates_lab/live/input_editor.js).
POINT_JS = r"""() => {
  const w = window.__frames;
  const el = w.deepAll(document, '.gl-point[role="slider"]', [])[0];
  if (!el) return null;
  el.scrollIntoView({block: 'nearest'});
  const b = el.getBoundingClientRect();
  return {x: b.left + b.width / 2, y: b.top + b.height / 2,
          v: Number(el.getAttribute('aria-valuenow')), name: el.getAttribute('aria-label')};
}"""


def point_key_steps(page: Any, moves: int, timeout: float = 8.0) -> tuple[list[float], int, str]:
    """ArrowUp / ArrowDown on the focused input point: ms from the keydown to the first
    frame drawing a different chart (the point's frames come from the engine once, when it
    is focused)."""
    if page.evaluate(POINT_JS) is None:
        return [], 0, "control not found"
    point = page.locator('.gl-point[role="slider"]').first
    point.focus()
    page.wait_for_timeout(1500)  # its frames arrive
    drawn: list[float] = []
    missed = 0
    for i in range(moves + 1):
        n = page.evaluate("() => window.__frames.events.length")
        point.press("ArrowUp" if i % 2 == 0 else "ArrowDown")
        try:
            page.wait_for_function(
                """(n) => window.__frames.events.slice(n)
                     .some((e) => e.type === 'keydown' && e.hit !== null)""",
                arg=n, timeout=timeout * 1000, polling=50)
        except Exception:  # noqa: BLE001
            pass
        settle(page)
        ev = page.evaluate("""(n) => window.__frames.events.slice(n)
            .filter((e) => e.type === 'keydown').map((e) => [e.t, e.hit])""", n)
        if i == 0:
            continue
        if not ev or ev[0][1] is None:
            missed += 1
        else:
            drawn.append(ev[0][1] - ev[0][0])
        point = page.locator('.gl-point[role="slider"]').first
    return drawn, missed, "input point"


def point_drag(page: Any, up: bool, moves: int = 30, seconds: float = 1.0
               ) -> dict[str, Any] | None:
    """Hover the first channel's focused point (its frames are asked), press, ``moves``
    small vertical moves over ``seconds``, release: the states drawn while held."""
    info = page.evaluate(POINT_JS)
    if info is None:
        return None
    x, y = info["x"], info["y"]
    page.mouse.move(x, y)
    page.wait_for_timeout(1200)  # hovered: its frames arrive
    n_ev = page.evaluate("() => window.__frames.events.length")
    page.mouse.down()
    t0 = time.perf_counter()
    # 3 px a move: at least one step of the point's value grid (0.05) on the input panel
    # of the default pages (~2 px a step), so every move asks for a new state
    dy = (-1 if up else 1) * 3.0
    for i in range(1, moves + 1):
        wait = t0 + i * seconds / moves - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        page.mouse.move(x, y + dy * i)
    page.mouse.up()
    settle(page)
    got = page.evaluate("""(n) => {
      const w = window.__frames, ev = w.events.slice(n);
      const down = ev.find((e) => e.type === 'pointerdown');
      const up = ev.find((e) => e.type === 'pointerup');
      const first = ev.find((e) => e.type === 'pointermove' && down && e.t > down.t);
      if (!down || !up) return null;
      const held = w.changes.filter((c) => c[0] > down.t && c[0] <= up.t);
      const after = w.changes.filter((c) => c[0] > up.t && !c[1]).length;
      const moves = ev.filter((e) => e.type === 'pointermove' && e.t > down.t && e.t <= up.t);
      // each move: to the first state drawn after it (while held)
      const lat = moves.map((m) => { const c = held.find((c) => !c[1] && c[0] > m.t);
                                     return c ? c[0] - m.t : null; }).filter((v) => v !== null);
      return {down: down.t, up: up.t, first: first ? first.t : down.t,
              moves: moves.length, lat,
              drawn: held.filter((c) => !c[1]).map((c) => c[0]),
              blank: held.filter((c) => c[1]).length, after};
    }""", n_ev)
    if got:
        after = page.evaluate(POINT_JS)
        got.update(kind="input point", values=(info["v"], after["v"] if after else None))
    return got


def point_stroke(page: Any, index: int) -> float | None:
    """Shift-drag a stroke across 8 steps of the input panel, release: ms from the
    pointerup to the first state drawn after it (the commit's rerun), or None."""
    box = page.evaluate(r"""() => { const e = window.__frames.deepAll(document, '.gl-editor', [])[0];
      if (!e || e.hidden) return null; const b = e.getBoundingClientRect();
      return {x: b.left, y: b.top, w: b.width, h: b.height}; }""")
    if not box:
        return None
    x0 = box["x"] + box["w"] * (0.2 + 0.1 * (index % 3))
    y = box["y"] + box["h"] * (0.3 if index % 2 else 0.7)
    page.mouse.move(x0, y)
    page.wait_for_timeout(300)
    n_ev = page.evaluate("() => window.__frames.events.length")
    page.keyboard.down("Shift")
    page.mouse.down()
    for i in range(1, 9):
        page.mouse.move(x0 + i * box["w"] / 60, y)
        page.wait_for_timeout(30)
    page.mouse.up()
    page.keyboard.up("Shift")
    try:
        page.wait_for_function(
            """(n) => { const w = window.__frames, up = w.events.slice(n)
                          .find((e) => e.type === 'pointerup');
                        return up && w.changes.some((c) => c[0] > up.t && !c[1]); }""",
            arg=n_ev, timeout=8000, polling=50)
    except Exception:  # noqa: BLE001 - nothing drawn after the release
        return None
    settle(page)
    got: float | None = page.evaluate("""(n) => { const w = window.__frames;
      const up = w.events.slice(n).find((e) => e.type === 'pointerup');
      const c = w.changes.find((c) => c[0] > up.t && !c[1]);
      return c ? c[0] - up.t : null; }""", n_ev)
    return got


def ratio_row(name: str, values: list[float], floor: float | None, note: str) -> str:
    """A server-bound control's median as a ratio to the bare app's (the floor)."""
    if not values or not floor:
        return row(f"{name} / floor", None, None, note or "no floor measured")
    med = statistics.median(values)
    ratio = med / floor
    verdict = "ok" if ratio <= FLOOR_RATIO_TARGET else "MISSED"
    return (f"{name + ' / floor':<40} {ratio:>8.2f} {'':>8} {'<=' + str(FLOOR_RATIO_TARGET):>9}"
            f"  x   {verdict:<6} {med:.0f} ms / {floor:.0f} ms; {note}").rstrip()


def bare_floor(page: Any, url: str, moves: int, before: str = "") -> tuple[list[str], float | None]:
    """The bare app's slider key step, drawn: the framework's floor (median ms)."""
    livelab.open_page(page, url)
    watch(page, chart_selector("bare"))
    settle(page)
    steps, missed, kind = key_steps(page, False, r"^Bare size$", moves)
    note = f"bare Streamlit app, {len(steps)} steps" + (f", {missed} drew nothing" if missed else "")
    floor = statistics.median(steps) if steps else None
    return [row(f"bare slider key step -> drawn (floor{', ' + before if before else ''})",
                steps or None, None, note)], floor


def drag(page: Any, live: bool, label: str | None, forward: bool, moves: int = 30,
         seconds: float = 1.0) -> dict[str, Any] | None:
    """Mouse down on the thumb, ``moves`` small moves over ``seconds``, mouse up: the chart
    states drawn while the button was held and the times between them."""
    info = mark(page, live, label)
    if info is None:
        return None
    page.wait_for_timeout(300)  # scrolled into view
    info = mark(page, live, label)
    assert info is not None
    # ~1/3 of the track in the direction with room, in small even steps.
    span = max(30.0, info["width"] / 3)
    room = (info["hi"] - info["v"]) / max(info["hi"] - info["lo"], 1e-9)
    sign = 1 if (forward and room > 0.35) or room > 0.65 else -1
    dx = sign * span / moves
    x, y = info["x"], info["y"]
    n_ev = page.evaluate("() => window.__frames.events.length")
    page.mouse.move(x, y)
    page.mouse.down()
    t0 = time.perf_counter()
    for i in range(1, moves + 1):
        wait = t0 + i * seconds / moves - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        page.mouse.move(x + dx * i, y)
    page.mouse.up()
    try:  # a control that commits on release redraws then: wait for it before the next
        page.wait_for_function(
            """(n) => { const w = window.__frames, up = w.events.slice(n)
                          .find((e) => e.type === 'pointerup');
                        return up && w.changes.some((c) => c[0] > up.t); }""",
            arg=n_ev, timeout=5000, polling=50)
    except Exception:  # noqa: BLE001 - playwright's TimeoutError: nothing drawn on release
        pass
    settle(page)
    got = page.evaluate("""(n) => {
      const w = window.__frames, ev = w.events.slice(n);
      const down = ev.find((e) => e.type === 'pointerdown');
      const up = ev.find((e) => e.type === 'pointerup');
      const first = ev.find((e) => e.type === 'pointermove' && down && e.t > down.t);
      if (!down || !up) return null;
      const held = w.changes.filter((c) => c[0] > down.t && c[0] <= up.t);
      const after = w.changes.filter((c) => c[0] > up.t && !c[1]).length;
      const moves = ev.filter((e) => e.type === 'pointermove' && e.t > down.t && e.t <= up.t);
      // each move: to the first state drawn after it (while held)
      const lat = moves.map((m) => { const c = held.find((c) => !c[1] && c[0] > m.t);
                                     return c ? c[0] - m.t : null; }).filter((v) => v !== null);
      return {down: down.t, up: up.t, first: first ? first.t : down.t,
              moves: moves.length, lat,
              drawn: held.filter((c) => !c[1]).map((c) => c[0]),
              blank: held.filter((c) => c[1]).length, after};
    }""", n_ev)
    if got:
        after = mark(page, live, label)
        got.update(kind=info["kind"], values=(info["v"], after["v"] if after else None))
    return got


def drag_rows(name: str, drags: list[dict[str, Any]]) -> list[str]:
    if not drags:
        return [row(f"{name} drag", None, None, "control not found")]
    rates, gaps, firsts, counts, lats = [], [], [], [], []
    blanks = after = 0
    for d in drags:
        held_s = max(d["up"] - d["down"], 1.0) / 1000
        counts.append(len(d["drawn"]))
        rates.append(len(d["drawn"]) / held_s)
        gaps += [b - a for a, b in zip(d["drawn"], d["drawn"][1:], strict=False)]
        if d["drawn"]:
            firsts.append(d["drawn"][0] - d["first"])
        blanks += d["blank"]
        after += d["after"]
        lats += d.get("lat", [])
    held = statistics.median((d["up"] - d["down"]) / 1000 for d in drags)
    moved = ", ".join(f"{a:g}->{b:g}" for a, b in (d["values"] for d in drags)
                      if b is not None)
    note = (f"{len(drags)} drags of {held:.1f} s held, {drags[0]['moves']} moves each "
            f"(value {moved}); states drawn while held {counts}; after release {after}; "
            f"blank {blanks}")
    return [
        row(f"{name} drag: states/s while held", rates, DRAG_RATE_TARGET, note, unit="/s",
            higher=True),
        row(f"{name} drag: time between states", gaps or None, DRAG_GAP_TARGET_MS,
            "" if gaps else "fewer than 2 states drawn while held"),
        row(f"{name} drag: 1st move -> 1st state", firsts or None, None,
            "" if firsts else "nothing drawn while held"),
        row(f"{name} drag: each move -> next state", lats or None, DRAG_GAP_TARGET_MS,
            f"{len(lats)} moves" if lats else "nothing drawn while held"),
    ]


def chart_selector(page_name: str) -> str:
    """The gates chart's container (contract with the component of issue 10)."""
    return f'[class*="st-key-{page_name}-chart-gates"]'


def open_tab_if_any(page: Any, label: str) -> bool:
    tab = page.get_by_role("tab", name=label, exact=True)
    if tab.count() == 0:
        return False
    if tab.first.get_attribute("aria-selected") != "true":
        livelab.open_tab(page, label)
    return True


def cell_page_timings(page: Any, url: str, name: str, moves: int, drags: int,
                      floor: float | None = None) -> list[str]:
    from gates_lab.i18n import t

    lines = []
    livelab.open_page(page, url)
    watch(page, chart_selector(name))
    settle(page)
    # The weight control: the live one of issue 10 where it exists, else a Streamlit
    # slider in Settings -> Weights.
    if mark(page, True, None) is None:
        open_tab_if_any(page, t("cell.tab.weights", "en"))
    steps, missed, kind = key_steps(page, True, r"W_", moves)
    note = f"{kind}, {len(steps)} steps" + (f", {missed} drew nothing in 8 s" if missed else "")
    lines.append(row(f"{name} weight key step -> drawn", steps or None, KEY_TARGET_MS, note))
    done = [d for d in (drag(page, True, r"W_", forward=i % 2 == 0) for i in range(drags)) if d]
    lines += drag_rows(f"{name} weight", done)
    # The input size: needs the server.
    if mark(page, False, r"^Input size$") is None:
        open_tab_if_any(page, t("cell.tab.cell", "en"))
    steps, missed, kind = key_steps(page, False, r"^Input size$", moves)
    note = f"{kind}, {len(steps)} steps" + (f", {missed} drew nothing in 8 s" if missed else "")
    lines.append(row(f"{name} input size key step -> drawn", steps or None, SERVER_TARGET_MS,
                     note))
    lines.append(ratio_row(f"{name} input size", steps, floor, note))
    steps, missed, kind = key_steps(page, False, r"^Hidden size$", moves)
    note = f"{kind}, {len(steps)} steps" + (f", {missed} drew nothing in 8 s" if missed else "")
    lines.append(ratio_row(f"{name} hidden size", steps, floor, note))
    open_tab_if_any(page, t("cell.tab.input", "en"))
    steps, missed, kind = key_steps(page, False, r"^Sequence length$", moves)
    note = f"{kind}, {len(steps)} steps" + (f", {missed} drew nothing in 8 s" if missed else "")
    lines.append(ratio_row(f"{name} sequence length", steps, floor, note))
    steps, missed, kind = select_steps(page, t("cell.pattern", "en"), moves)
    note = f"{kind}, {len(steps)} steps" + (f", {missed} drew nothing in 8 s" if missed else "")
    lines.append(ratio_row(f"{name} pattern choice", steps, floor, note))
    # The input editor on the chart (issue 17).
    livelab.open_page(page, url)
    watch(page, chart_selector(name))
    try:  # its points are placed once Plotly has drawn (slow on a loaded machine)
        page.wait_for_selector('.gl-point[role="slider"]', state="attached", timeout=30_000)
    except Exception:  # noqa: BLE001 - reported as "control not found" below
        pass
    settle(page)
    steps, missed, kind = point_key_steps(page, moves)
    note = f"{kind}, {len(steps)} steps" + (f", {missed} drew nothing in 8 s" if missed else "")
    lines.append(row(f"{name} input point key step -> drawn", steps or None, KEY_TARGET_MS,
                     note))
    done = [d for d in (point_drag(page, up=i % 2 == 0) for i in range(drags)) if d]
    lines += drag_rows(f"{name} input point", done)
    strokes = [v for v in (point_stroke(page, i) for i in range(drags)) if v is not None]
    note = f"Shift-drag over 8 steps, release -> drawn, {len(strokes)} strokes"
    lines.append(row(f"{name} input stroke release -> drawn", strokes or None, None, note))
    lines.append(ratio_row(f"{name} input stroke", strokes, floor, note))
    assert not livelab.errors(page), livelab.errors(page)
    return lines


def browser_timings(moves: int, frames: int, drags: int, root: Path,
                    only: set[str] | None = None) -> list[str]:
    import tempfile

    from playwright.sync_api import sync_playwright

    from gates_lab.i18n import t

    lines = []
    bare_dir = Path(tempfile.mkdtemp(prefix="bare-app-"))
    (bare_dir / "app.py").write_text(BARE_APP)
    (bare_dir / ".streamlit").mkdir()
    (bare_dir / ".streamlit" / "config.toml").write_text(
        (ROOT / ".streamlit" / "config.toml").read_text())
    with livelab.LiveServer(root=root) as server, livelab.LiveServer(root=bare_dir) as bare, \
            sync_playwright() as pw, livelab.launch_browser(pw) as context:
        page = context.new_page()
        for name in [p for p in CELL_PAGES if not only or p in only]:
            # the floor again before each page: on a shared machine the load moves
            floor_lines, floor = bare_floor(page, bare.url, moves, name)
            for line in floor_lines:
                print(line, flush=True)
                lines.append(line)
            for line in cell_page_timings(page, f"{server.url}/{name}", name, moves, drags,
                                          floor):
                print(line, flush=True)
                lines.append(line)
        if only and "compare" not in only:
            return lines
        livelab.open_page(page, f"{server.url}/compare")
        watch(page, chart_selector("compare"))
        settle(page)
        steps, missed, kind = key_steps(page, False, r"^Hidden size H", moves)
        note = f"{kind}, {len(steps)} steps" + (f", {missed} drew nothing in 8 s" if missed else "")
        line = row("compare hidden size key step -> drawn", steps or None, SERVER_TARGET_MS,
                   note)
        print(line, flush=True)
        lines.append(line)
        assert not livelab.errors(page), livelab.errors(page)
        if only and "scrubber" not in only:
            return lines
        livelab.open_page(page, f"{server.url}/gru")
        if open_tab_if_any(page, t("cell.scrubber", "en")):
            scrub = page.evaluate(SCRUB_JS, frames) or [None, None]
            note = f"{frames} frames" if scrub[0] else "no frames in the scrubber"
            for line in (row("gru scrubber: next frame drawn", scrub[0], SCRUB_TARGET_MS, note),
                         row("gru scrubber: plotly_animated", scrub[1], None, note)):
                print(line, flush=True)
                lines.append(line)
    return lines


# ---------------------------------------------------------------- (c) scrubber

SCRUB_JS = """async (n) => {
  const gd = document.querySelector('.st-key-gru-chart-scrubber .js-plotly-plot');
  const frames = (gd._transitionData || {})._frames || [];
  if (!frames.length) return null;
  const names = frames.map(f => f.name);
  // the options of the figure's own slider steps; the page's scrubber controls
  // (gates_lab/scrubber_controls.py) animate with {frame: {duration: 0, redraw: false}}
  const steps = ((gd.layout.sliders || [])[0] || {}).steps || [];
  let changed = 0;
  const watch = new MutationObserver(() => { changed = performance.now(); });
  watch.observe(gd, {subtree: true, childList: true, attributes: true, characterData: true});
  const drawn = [], animated = [];
  for (let i = 0; i < n; i++) {
    const k = (i + 1) % names.length;
    const own = steps[k] && steps[k].args && steps[k].args[1] ? steps[k].args[1] : {};
    const opts = Object.assign({}, own, {mode: 'immediate',
        frame: Object.assign({redraw: false}, own.frame || {}, {duration: 0}),
        transition: {duration: 0}});
    const t0 = performance.now();
    await new Promise((done) => {
      gd.once('plotly_animated', done);
      window.Plotly.animate(gd, [names[k]], opts);
    });
    animated.push(performance.now() - t0);
    drawn.push(changed - t0);
  }
  watch.disconnect();
  return [drawn, animated];
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--server", action="store_true", help="server-side reruns only (a)")
    parser.add_argument("--browser", action="store_true", help="browser timings only (b, c)")
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="serve the app from this tree (b, c), e.g. a worktree of main")
    parser.add_argument("--only", default="",
                        help="browser parts, comma-separated: gru,lstm,rnn,compare,scrubber")
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--moves", type=int, default=15, help="key steps per control")
    parser.add_argument("--drags", type=int, default=3, help="drags per weight control")
    args = parser.parse_args()
    os.chdir(ROOT)
    load = os.getloadavg()[0]
    print(f"gates lab page timings  ({os.cpu_count()} cores, load average {load:.1f})")
    print(HEADER)
    if not args.browser:
        for line in server_reruns(args.repeats):
            print(line, flush=True)
    if not args.server:
        why = livelab.browser_missing()
        if why:
            print(f"(browser timings skipped: {why})")
        else:
            root = args.root.resolve()
            head = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%h %s"],
                                  capture_output=True, text=True).stdout.strip()
            print(f"(b, c) app served from {root} at {head[:70]}", flush=True)
            browser_timings(args.moves, args.repeats, args.drags, root,
                            set(filter(None, args.only.split(","))))
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
