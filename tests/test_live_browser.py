"""The live gates in a real browser (a live `streamlit run app.py` and Debian's chromium):
a weight dragged with the mouse moves the gates before the button is released, the drawn
trajectories are the engine's, the released value lands in the link, and a fresh session
opened from that link draws the same trajectories. Keyboard steps move the chart too.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import livelab
import numpy as np
import pytest

from gates_lab import codec
from gates_lab import scenario as S

pytestmark = pytest.mark.timeout(300)

CONTROL = "w:weight_hh_l0:2:0"  # W_hz[0,0]: the update gate's own recurrence
INPUT = 'input[type="range"][data-weight="W_hz[0,0]"]'

# The live traces (not the previous run's ghost) of the gates chart: [[name, y], ...].
LIVE_JS = """() => {
  const gd = document.querySelector('.st-key-gru-chart-gates .js-plotly-plot');
  if (!gd || !gd.data) return null;
  return gd.data.filter(t => t.opacity === undefined).map(t => [t.yaxis, t.name, Array.from(t.y)]);
}"""


@pytest.fixture
def page(browser_context):
    tab = browser_context.new_page()
    yield tab
    tab.close()


def engine_lines(query: dict[str, list[str]]) -> dict[str, np.ndarray]:
    """The engine's ordinary run of the settings in a link: name -> (L, H)."""
    scenario, errors = codec.from_query(S.Scenario, {k: v[0] for k, v in query.items()},
                                    S.Scenario(cell=S.CellSpec(kind="gru")))
    assert not errors
    x, _ = S.build_input(scenario.input, scenario.cell.input_size)
    trace = S.cell_net(scenario.cell).trace(x)
    return {name: trace.get(name) for name in trace.names}


def assert_lines_are(drawn, expected: dict[str, np.ndarray]) -> None:
    """The drawn live lines (4 panels x 2 units, in panel order) equal the engine's."""
    gates = [d for d in drawn if d[1].startswith("unit")][-8:]
    columns = [v[:, u] for v in expected.values() for u in range(v.shape[1])]
    assert len(gates) == len(columns)
    for (axis, name, y), want in zip(gates, columns, strict=True):
        np.testing.assert_allclose(np.array(y, dtype=float), want, rtol=0, atol=1e-12,
                                   err_msg=f"{axis} {name}")


def open_live(tab, url: str) -> None:
    livelab.open_page(tab, url, chart=False)
    tab.wait_for_function(
        "() => { const gd = document.querySelector('[class*=\"-chart-gates\"] .js-plotly-plot');"
        " return gd && gd.data && gd._fullLayout; }", timeout=60_000)


def wait_for_frames(tab, control: str) -> None:
    tab.wait_for_selector(f'.gl-live[data-sweep="{control}"]', state="attached", timeout=60_000)


def test_dragging_a_weight_moves_the_gates_before_release(live_server, browser_context, page):
    open_live(page, f"{live_server.url}/gru?L=24")
    weight = page.locator(INPUT)
    weight.scroll_into_view_if_needed()
    box = weight.bounding_box()
    x0, y0 = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x0, y0)  # hovering asks the server for this control's frames
    wait_for_frames(page, CONTROL)
    before = page.evaluate(LIVE_JS)
    page.mouse.down()
    states, values = [], []
    for i in range(12):
        page.mouse.move(x0 - 3 * (i + 1), y0)
        page.wait_for_timeout(60)
        states.append(page.evaluate(LIVE_JS))
        values.append(weight.evaluate("e => e.getAttribute('aria-valuetext')"))
    held = page.evaluate(LIVE_JS)
    since = livelab.finished_count(page)
    page.mouse.up()
    distinct = {repr(s) for s in states}
    assert len(distinct) >= 5, f"the chart changed {len(distinct)} times during the drag"
    assert states[-1] != before
    assert len(set(values)) >= 5

    livelab.wait_rerun(page, since)
    page.wait_for_function("() => location.search.includes('weight_hh_l0')", timeout=30_000)
    query = parse_qs(urlparse(page.url).query)
    edits = dict(p.split("=") for p in query["w"][0].split(";"))
    released = float(edits["weight_hh_l0:2:0"])
    assert released < -0.5  # dragged left about 36 px of a 20-wide range
    livelab.wait_quiet(page)
    # What was drawn while the button was held is the engine's run at the released value,
    # and so is the chart the page drew after the release.
    expected = engine_lines(query)
    assert_lines_are(held, expected)
    after = page.evaluate(LIVE_JS)
    assert_lines_are(after, expected)

    other = browser_context.new_page()
    try:
        open_live(other, page.url)
        assert not livelab.errors(other)
        assert other.locator(INPUT).evaluate("e => e.getAttribute('aria-valuetext')") == values[-1]
        fresh = other.evaluate(LIVE_JS)
        assert [d[2] for d in fresh if d[1].startswith("unit")][-8:] == \
            [d[2] for d in after if d[1].startswith("unit")][-8:]
    finally:
        other.close()


def test_a_drag_beyond_the_frames_sent_gets_the_frames_around_it(live_server, page):
    open_live(page, f"{live_server.url}/gru?L=24")
    weight = page.locator(INPUT)
    weight.scroll_into_view_if_needed()
    box = weight.bounding_box()
    x0, y0 = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x0, y0)
    wait_for_frames(page, CONTROL)
    page.mouse.down()
    page.mouse.move(box["x"] + 2, y0, steps=4)  # to about -10: far beyond the 40 steps sent
    # still held: the frames around that value arrive and are drawn
    page.wait_for_function(
        "c => { const f = document.querySelector('.gl-live .gl-chart').dataset.frame || '';"
        " return f.startsWith(c + '@') && Number(f.split('@')[1]) < 20; }",
        arg=CONTROL, timeout=60_000)
    held = page.evaluate(LIVE_JS)
    since = livelab.finished_count(page)
    page.mouse.up()
    livelab.wait_rerun(page, since)
    page.wait_for_function("() => location.search.includes('weight_hh_l0')", timeout=30_000)
    query = parse_qs(urlparse(page.url).query)
    edits = dict(p.split("=") for p in query["w"][0].split(";"))
    assert float(edits["weight_hh_l0:2:0"]) < -8
    livelab.wait_quiet(page)
    assert_lines_are(held, engine_lines(query))


def test_keyboard_steps_move_the_gates_and_commit(live_server, page):
    open_live(page, f"{live_server.url}/gru?L=16")
    knob = page.locator('input[type="range"][data-knob="shift:1"]')
    knob.scroll_into_view_if_needed()
    knob.focus()  # focusing asks for the frames too
    wait_for_frames(page, "shift:1")
    assert knob.get_attribute("aria-label") == "bias shift z"
    before = page.evaluate(LIVE_JS)
    page.evaluate(f"() => {{ window.__before = JSON.stringify(({LIVE_JS})()); }}")
    since = livelab.finished_count(page)
    for _ in range(3):  # (PageUp jumps beyond the frames sent: see the drag test)
        page.keyboard.press("ArrowRight")
    # drawn from the frames at the next animation frame, before any rerun finished
    page.wait_for_function(f"() => JSON.stringify(({LIVE_JS})()) !== window.__before",
                           polling="raf", timeout=10_000)
    assert livelab.finished_count(page) == since
    assert page.evaluate(LIVE_JS) != before
    livelab.wait_rerun(page, since)
    page.wait_for_function("() => location.search.includes('sh=')", timeout=30_000)
    shift = parse_qs(urlparse(page.url).query)["sh"][0].split(",")
    assert float(shift[1]) > 0 and float(shift[0]) == 0
    page.keyboard.press("Home")
    page.wait_for_function(
        "() => new URLSearchParams(location.search).get('sh') === '0,-10,0'", timeout=30_000)


def test_without_plotly_js_the_page_falls_back_to_streamlit_charts_and_sliders(live_server,
                                                                                 page):
    """Plotly.js cannot load (blocked here): the component says so, the page draws the
    chart with st.plotly_chart, and the Streamlit weight sliders still change it."""
    from gates_lab.i18n import t

    page.route("**/app/static/plotly.min.js", lambda route: route.abort())
    livelab.open_page(page, f"{live_server.url}/gru?L=12", chart=False)
    page.wait_for_selector('.st-key-gru-chart-gates [data-testid="stPlotlyChart"] .main-svg',
                           timeout=60_000)
    assert t("live.failed", "en") in page.locator(".gl-status").inner_text()
    livelab.wait_quiet(page)
    before = page.evaluate(livelab.CHARTS_JS)
    livelab.open_tab(page, t("cell.tab.weights", "en"))
    slider = page.locator('[data-testid="stSlider"] input[type="range"][aria-label*="W"]').first
    since = livelab.finished_count(page)
    slider.focus()
    page.keyboard.press("ArrowRight")
    livelab.wait_rerun(page, since)
    livelab.wait_quiet(page)
    assert page.evaluate(livelab.CHARTS_JS) != before
    assert "w=" in page.url


@pytest.mark.parametrize("query", ["lstm?H=1", "gru?H=2&ra=0", "rnn?H=2&nl=relu"])
def test_gate_equations_are_never_cut_off(live_server, page, query):
    """At 1400x900 the gates' equations above the weight sliders (Settings -> Weights) and
    beside the live controls fit their boxes."""
    from gates_lab.i18n import t

    page.set_viewport_size({"width": 1400, "height": 900})
    try:
        open_live(page, f"{live_server.url}/{query}")
        livelab.open_tab(page, t("cell.tab.weights", "en"))
        boxes = page.evaluate("""() => {
          const out = [];
          for (const e of document.querySelectorAll(
              '[data-testid="stExpander"] .katex-display, .gl-live .gl-eq')) {
            const inner = e.querySelector('.katex') || e;
            out.push([e.className, e.scrollWidth - e.clientWidth,
                      inner.getBoundingClientRect().right - e.getBoundingClientRect().right]);
          }
          return out;
        }""")
        assert len(boxes) >= 2, boxes
        for name, overflow, right in boxes:
            assert overflow <= 3 and right <= 1, (query, name, overflow, right)
    finally:
        page.set_viewport_size(livelab.VIEWPORT)


@pytest.mark.parametrize("size", [(1280, 720), (1400, 900)])
@pytest.mark.parametrize("kind", ["gru", "lstm"])
def test_the_control_and_every_gate_panel_are_on_screen_together(live_server, page, kind,
                                                                 size):
    """One view: with the live section scrolled to the top, any weight control brought
    into view has the whole gates chart (every panel) on screen beside it."""
    page.set_viewport_size({"width": size[0], "height": size[1]})
    try:
        open_live(page, f"{live_server.url}/{kind}")
        page.evaluate("() => document.querySelector('.gl-live').scrollIntoView({block: 'start'})")
        weights = page.locator('input[type="range"][data-weight]')
        n = weights.count()
        assert n >= 30
        for i in (0, n // 2, n - 1):
            weights.nth(i).evaluate("e => e.scrollIntoView({block: 'nearest'})")
            page.wait_for_timeout(150)
            seen = page.evaluate("""(i) => {
              const c = document.querySelectorAll('input[type="range"][data-weight]')[i]
                .getBoundingClientRect();
              const g = document.querySelector('[class*="-chart-gates"] .js-plotly-plot')
                .getBoundingClientRect();
              return [c.top, c.bottom, g.top, g.bottom, innerHeight];
            }""", i)
            top, bottom, chart_top, chart_bottom, height = seen
            assert 0 <= top and bottom <= height + 1, (i, seen)
            assert 0 <= chart_top and chart_bottom <= height + 1, (i, seen)
    finally:
        page.set_viewport_size(livelab.VIEWPORT)


@pytest.mark.parametrize("kind", ["lstm", "rnn"])
def test_a_drag_pressed_at_once_never_draws_nothing(live_server, page, kind):
    """Issue 17: the pointer put on a weight and pressed at once (no hover pause before the
    press, so the frames are asked only then): frames that come late are drawn as soon as
    they come, and the drag draws while held, every time."""
    open_live(page, f"{live_server.url}/{kind}?L=24")
    lines = LIVE_JS.replace("gru-chart-gates", f"{kind}-chart-gates")
    weights = page.locator('input[type="range"][data-weight]')
    for n in (0, 3, 6):
        weight = weights.nth(n)
        weight.scroll_into_view_if_needed()
        livelab.wait_quiet(page)
        box = weight.bounding_box()
        x0, y0 = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        before = page.evaluate(lines)
        page.mouse.move(x0, y0)
        page.mouse.down()  # at once
        states = set()
        for i in range(10):
            page.mouse.move(x0 + 4 * (i + 1), y0)
            page.wait_for_timeout(80)
            states.add(repr(page.evaluate(lines)))
        since = livelab.finished_count(page)
        page.mouse.up()
        states.discard(repr(before))
        assert len(states) >= 2, f"weight {n}: {len(states)} states drawn while held"
        livelab.wait_rerun(page, since)


GHOST_JS = """() => {
  const gd = document.querySelector('.st-key-gru-chart-gates .js-plotly-plot');
  return gd.data.filter(t => t.opacity !== undefined).map(t => Array.from(t.y));
}"""
# What the live chart holds: the figure it was last sent, the one it draws, and whether it
# ever had to ask for a figure it was told it draws.
STATE_JS = """() => { const s = document.querySelector('.gl-live').__gl;
  return {sent: s.fig.sent, drawn: s.drawnRev, asked: s.askedFig || null}; }"""


def test_a_release_is_drawn_from_the_frames_with_its_ghost_and_no_figure_sent(live_server,
                                                                               page):
    """A release commits inside the live fragment: the link and the settings change, the
    chart is not sent again (the browser draws the released frame, and the frame it left
    as the previous run's ghost), and the other tabs show the released value."""
    from gates_lab.i18n import t

    open_live(page, f"{live_server.url}/gru?L=24")
    weight = page.locator(INPUT)
    weight.scroll_into_view_if_needed()
    weight.focus()
    wait_for_frames(page, CONTROL)
    # The first release of a session gets a figure: the one drawn had no ghost yet.
    for steps in (2, 4):
        livelab.wait_quiet(page)
        before = [d[2] for d in page.evaluate(LIVE_JS) if d[1].startswith("unit")][-8:]
        first = page.evaluate(STATE_JS)
        since = livelab.finished_count(page)
        url = page.url
        for _ in range(steps):
            page.keyboard.press("ArrowRight")
        livelab.wait_rerun(page, since)
        page.wait_for_function("u => location.href !== u", arg=url, timeout=30_000)
    livelab.wait_quiet(page)
    query = parse_qs(urlparse(page.url).query)
    released = float(dict(p.split("=") for p in query["w"][0].split(";"))["weight_hh_l0:2:0"])
    assert_lines_are(page.evaluate(LIVE_JS), engine_lines(query))
    ghost = page.evaluate(GHOST_JS)
    assert len(ghost) == 8
    for drawn, was in zip(ghost, before, strict=True):
        np.testing.assert_allclose(drawn, was, rtol=0, atol=1e-12)
    state = page.evaluate(STATE_JS)
    assert state["sent"] == first["sent"] and state["drawn"] != first["drawn"], state
    assert state["asked"] is None
    # Settings -> Weights (a full rerun) shows the released value; the chart stays as drawn.
    livelab.open_tab(page, t("cell.tab.weights", "en"))
    livelab.wait_quiet(page)
    shown = page.locator('[data-testid="stSlider"]').filter(has_text="W_hz[0,0]").locator(
        'input[type="range"]').first.input_value(timeout=30_000)
    assert abs(float(shown) - released) <= 0.025  # (a range input shows its step grid)
    assert page.evaluate(STATE_JS) == state
    assert not livelab.errors(page)


def test_leaving_a_preset_is_committed_in_the_fragment_and_the_explanation_says_so(
        live_server, page):
    """A class's first move leaves the preset's data: the release is still committed in
    the live fragment (no run of the whole page), and the explanation above the chart,
    drawn by the fragment, gives way to the line saying the data changed."""
    from gates_lab.i18n import t

    open_live(page, f"{live_server.url}/gru?preset=gru-latch")
    title = t("preset.gru-latch.title", "en")
    page.get_by_text(t("preset.gru-latch.explain", "en")).wait_for(timeout=30_000)
    weight = page.locator(INPUT)  # W_hz[0,0]: the latch has one unit, so its own id
    weight.scroll_into_view_if_needed()
    weight.focus()
    wait_for_frames(page, weight.get_attribute("data-control"))
    livelab.wait_quiet(page)
    since, url = livelab.finished_count(page), page.url
    page.keyboard.press("ArrowRight")
    page.wait_for_function("u => location.href !== u", arg=url, timeout=30_000)
    livelab.wait_rerun(page, since)
    livelab.wait_quiet(page)
    changed = t("cell.preset.changed", "en", name=title)
    page.get_by_text(changed).wait_for(timeout=30_000)
    assert page.get_by_text(t("preset.gru-latch.explain", "en")).count() == 0
    # script_finished 3: a fragment's run; 0 would be a run of the whole page
    statuses = [s for _, s in page.evaluate("() => window.__lab.finished")[since:]]
    assert statuses and set(statuses) == {3}, statuses
    assert "w=" in page.url and not livelab.errors(page)
