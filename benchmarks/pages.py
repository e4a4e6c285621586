"""How fast the pages answer: server-side reruns, slider-to-chart in a browser, scrubbing.

    .venv/bin/python benchmarks/pages.py            # everything (needs chromium for b and c)
    .venv/bin/python benchmarks/pages.py --server   # (a) only

(a) each page of lab.navigation.PAGES at default settings, AppTest: one warm-up run, then
    20 timed ``at.run()``; median and 95th percentile. The cell pages once more with their
    heaviest tabs open (Settings -> Weights, plots -> Step through time). (AppTest, like
    our config with runner.postScriptGC = false, runs no full garbage collection after a
    rerun.)
(b) a live server + chromium: ArrowRight/ArrowLeft on the first weight slider of /gru
    (Settings -> Weights), then on the input-size slider (Settings -> Cell), with the gates
    chart in view, timed in the page with performance.now() from the keydown to (1) the
    script_finished message and (2) the last change of the gates chart's DOM (the chart
    redrawn); ~20 moves each.
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
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

import livelab  # noqa: E402

from lab.navigation import PAGES  # noqa: E402

CELL_PAGES = ("gru", "lstm", "rnn")
TARGET_MS = {"gru": 150, "lstm": 150, "rnn": 150, "gradients": 200, "learned": 300}
SLIDER_TARGET_MS = 400
SCRUB_TARGET_MS = 50


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def row(name: str, values: list[float] | None, target: float | None, note: str = "") -> str:
    if not values:
        return f"{name:<34} {'-':>9} {'-':>9} {'-':>8}  {note}"
    med, p95 = statistics.median(values), pct(values, 0.95)
    tgt = f"{target:.0f}" if target else "-"
    verdict = "" if not target else ("ok" if med <= target else "SLOWER")
    return f"{name:<34} {med:>9.1f} {p95:>9.1f} {tgt:>8}  {verdict} {note}".rstrip()


HEADER = f"{'measurement':<34} {'median':>9} {'p95':>9} {'target':>8}  (ms)"


# ---------------------------------------------------------------- (a) server-side reruns


def server_reruns(repeats: int) -> list[str]:
    from streamlit.testing.v1 import AppTest

    from lab.i18n import t
    from lab.ui import tab_key

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
            # The heaviest tabs open (lab.ui.lazy_tabs): every weight slider, the scrubber.
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


# ---------------------------------------------------------------- (b) and (c) in chromium

WATCH_CHART_JS = """(key) => {
  const box = document.querySelector('.st-key-' + key) ||
              document.querySelector('[data-testid="stPlotlyChart"]');
  window.__bench = {last: 0};
  if (window.__benchObserver) window.__benchObserver.disconnect();
  window.__benchObserver = new MutationObserver(() => { window.__bench.last = performance.now(); });
  window.__benchObserver.observe(box,
      {subtree: true, childList: true, attributes: true, characterData: true});
}"""

SCRUB_JS = """async (n) => {
  const gd = document.querySelector('.st-key-gru-chart-scrubber .js-plotly-plot');
  const frames = (gd._transitionData || {})._frames || [];
  if (!frames.length) return null;
  const names = frames.map(f => f.name);
  // the options of the figure's own slider steps; the page's scrubber controls
  // (lab/scrubber_controls.py) animate with {frame: {duration: 0, redraw: false}}
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


def slider_moves(page, moves: int) -> tuple[list[float], list[float]]:
    """ArrowRight/ArrowLeft on the first visible slider: ms from the key press to the run's
    script_finished and to the gates chart's last DOM change (one warm-up move)."""
    to_finish, to_chart = [], []
    lo, hi, value = page.evaluate(livelab.MARK_SLIDER_JS, 0)
    for i in range(moves + 1):
        up = value < hi if i % 2 == 0 else value <= lo
        key = "ArrowRight" if up else "ArrowLeft"
        page.evaluate(WATCH_CHART_JS, "gru-chart-gates")
        since = livelab.finished_count(page)
        page.locator(livelab.SLIDER).focus()
        page.keyboard.press(key)
        livelab.wait_rerun(page, since)
        livelab.wait_quiet(page, quiet_ms=500)
        keyed, finished, last = page.evaluate(
            "() => [window.__lab.keys.at(-1)[0], window.__lab.finished.at(-1)[0],"
            " window.__bench.last]")
        value = float(page.evaluate(livelab.MARK_SLIDER_JS, 0)[2])  # re-marks it, too
        if i == 0:
            continue  # warm-up move
        to_finish.append(finished - keyed)
        to_chart.append(max(last, finished) - keyed)
    return to_finish, to_chart


def browser_timings(moves: int, frames: int) -> list[str]:
    from playwright.sync_api import sync_playwright

    from lab.i18n import t

    lines = []
    with livelab.LiveServer() as server, sync_playwright() as pw, \
            livelab.launch_browser(pw) as context:
        page = context.new_page()
        livelab.open_page(page, f"{server.url}/gru")
        # The lesson's move: a weight slider (Settings -> Weights), gates chart in view.
        livelab.open_tab(page, t("cell.tab.weights", "en"))
        to_finish, to_chart = slider_moves(page, moves)
        lines.append(row("gru weight slider -> rerun finished", to_finish, None,
                         f"{moves} moves"))
        lines.append(row("gru weight slider -> chart redrawn", to_chart, SLIDER_TARGET_MS,
                         f"{moves} moves"))
        # A structural move: the input size (1 <-> 2) rebuilds the network and its widgets.
        livelab.open_tab(page, t("cell.tab.cell", "en"))
        to_finish, to_chart = slider_moves(page, moves)
        lines.append(row("gru input size -> rerun finished", to_finish, None, f"{moves} moves"))
        lines.append(row("gru input size -> chart redrawn", to_chart, SLIDER_TARGET_MS,
                         f"{moves} moves"))
        assert not livelab.errors(page), livelab.errors(page)
        livelab.open_tab(page, t("cell.scrubber", "en"))
        scrub = page.evaluate(SCRUB_JS, frames) or [None, None]
        note = f"{frames} frames" if scrub[0] else "no frames in the scrubber"
        lines.append(row("gru scrubber: next frame drawn", scrub[0], SCRUB_TARGET_MS, note))
        lines.append(row("gru scrubber: plotly_animated", scrub[1], None, note))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--server", action="store_true", help="server-side reruns only")
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--moves", type=int, default=20)
    args = parser.parse_args()
    os.chdir(ROOT)
    load = os.getloadavg()[0]
    print(f"gates lab page timings  ({os.cpu_count()} cores, load average {load:.1f})")
    print(HEADER)
    for line in server_reruns(args.repeats):
        print(line, flush=True)
    if not args.server:
        why = livelab.browser_missing()
        if why:
            print(f"(browser timings skipped: {why})")
        else:
            for line in browser_timings(args.moves, args.repeats):
                print(line, flush=True)
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
