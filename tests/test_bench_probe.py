"""The browser probe of benchmarks/pages.py sees what the eye sees (Chromium, no server).

A stand-in for a live weight control (an ``input[type=range][data-weight]``) redraws a
Plotly chart inside ``.st-key-gru-chart-gates`` on every input event, and does it the
hard way: it throws the chart's element away and draws a new one (as Streamlit does when
it remounts a chart), optionally inside a shadow root (as a component may). The probe
must still time every key step and count the states drawn during a drag; a control
that changes nothing must count as nothing drawn. No timing is asserted.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import plotly
import pytest

ROOT = Path(__file__).resolve().parents[1]
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"

spec = importlib.util.spec_from_file_location("bench_pages", ROOT / "benchmarks" / "pages.py")
assert spec and spec.loader
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)

PAGE = """<!doctype html><html><body style="margin:40px">
<input type="range" data-weight="W_ir[0,0]" aria-label="W_ir[0,0]" min="-2" max="2"
       step="0.01" value="0" style="width:400px">
<div class="st-key-gru-chart-gates" style="width:600px;height:300px"></div>
</body></html>"""

REDRAW_JS = """([shadow, frozen]) => {
  const box = document.querySelector('.st-key-gru-chart-gates');
  const draw = (v) => {
    box.replaceChildren();  // the old chart element is gone
    const host = document.createElement('div');
    box.appendChild(host);
    const root = shadow ? host.attachShadow({mode: 'open'}) : host;
    const gd = document.createElement('div');
    gd.style.width = '600px'; gd.style.height = '300px';
    root.appendChild(gd);
    Plotly.newPlot(gd, [{y: [0, v, -v, v], mode: 'lines'}],
                  {margin: {t: 10}, yaxis: {range: [-3, 3]}});  // fixed: lines move
  };
  draw(0);
  const input = document.querySelector('input[data-weight]');
  input.addEventListener('input', () => draw(frozen ? 0 : Number(input.value)));
}"""


def open_stand_in(context, shadow: bool, frozen: bool = False):
    page = context.new_page()
    page.set_content(PAGE)
    page.add_script_tag(path=str(PLOTLY_JS))
    page.evaluate(REDRAW_JS, [shadow, frozen])
    bench.watch(page, bench.chart_selector("gru"))
    page.wait_for_function("() => window.__frames.sig().length > 0")
    return page


@pytest.mark.parametrize("shadow", [False, True], ids=["light-dom", "shadow-root"])
def test_probe_times_key_steps_and_counts_drag_states_on_a_replaced_chart(browser_context,
                                                                          shadow):
    page = open_stand_in(browser_context, shadow)
    try:
        steps, missed, kind = bench.key_steps(page, True, None, moves=4)
        assert kind == "live" and missed == 0 and len(steps) == 4
        assert all(ms >= 0 for ms in steps)
        got = bench.drag(page, True, None, forward=True, moves=20, seconds=0.6)
        assert got is not None and got["kind"] == "live" and got["moves"] == 20
        assert len(got["drawn"]) >= 5  # the chart followed the thumb while it was held
        assert all(got["down"] < t <= got["up"] for t in got["drawn"])
        assert got["blank"] == 0
        lines = bench.drag_rows("stand-in weight", [got])
        assert "states/s while held" in lines[0] and "states drawn while held" in lines[0]
    finally:
        page.close()


def test_probe_counts_nothing_when_the_chart_does_not_change(browser_context):
    page = open_stand_in(browser_context, shadow=False, frozen=True)
    try:
        steps, missed, _ = bench.key_steps(page, True, None, moves=2, timeout=1.0)
        assert steps == [] and missed == 2
        got = bench.drag(page, True, None, forward=True, moves=10, seconds=0.3)
        assert got is not None and got["drawn"] == []
    finally:
        page.close()
