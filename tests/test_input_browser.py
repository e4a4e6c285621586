"""The input editor in a real browser (a live `streamlit run app.py` and Debian's
chromium): on the GRU latch, a point of the write signal dragged with the mouse moves
every gate panel before the button is released, the drawn lines are the engine's, the
released edit lands in the link, and a fresh session from that link draws the same lines.
The keyboard reaches the points with Tab; each is a slider named "x1 at t=20" over its
drawn point. The input and the hidden state are on screen together while a point is
edited (1280x720, 1400x900, normal and presentation mode), and a phone's tap works.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import livelab
import numpy as np
import pytest

from gates_lab import codec
from gates_lab import scenario as S

pytestmark = pytest.mark.timeout(300)

LATCH = "gru?preset=gru-latch"
# The live gate lines (not ghosts) and the input lines: [[yaxis, name, y], ...]
LINES_JS = """() => {
  const gd = document.querySelector('.st-key-gru-chart-gates .js-plotly-plot');
  if (!gd || !gd.data) return null;
  return gd.data.filter(t => t.opacity === undefined && t.type === 'scatter' && t.mode !== 'text')
    .map(t => [t.yaxis, t.name, Array.from(t.y)]);
}"""
# Where step t of channel c (its drawn value v) is on screen.
POINT_XY_JS = """([t, v]) => {
  const gd = document.querySelector('.gl-chart'), fl = gd._fullLayout;
  const g = gd.getBoundingClientRect();
  return [g.left + fl.xaxis._offset + fl.xaxis.c2p(t), g.top + fl.yaxis._offset + fl.yaxis.c2p(v)];
}"""
PANELS_JS = """() => {
  const gd = document.querySelector('.gl-chart'), fl = gd._fullLayout;
  const g = gd.getBoundingClientRect();
  const last = Object.keys(fl).filter(k => /^yaxis\\d*$/.test(k))
    .sort((a, b) => Number(a.slice(5) || 1) - Number(b.slice(5) || 1)).pop();
  return {input: [g.top + fl.yaxis._offset, g.top + fl.yaxis._offset + fl.yaxis._length],
          hidden: [g.top + fl[last]._offset, g.top + fl[last]._offset + fl[last]._length],
          height: innerHeight};
}"""


@pytest.fixture
def page(browser_context):
    tab = browser_context.new_page()
    yield tab
    tab.close()


def open_live(tab, url: str) -> None:
    livelab.open_page(tab, url, chart=False)
    tab.wait_for_function(
        "() => { const gd = document.querySelector('[class*=\"-chart-gates\"] .js-plotly-plot');"
        " return gd && gd.data && gd._fullLayout && document.querySelector('.gl-point'); }",
        timeout=60_000)


def engine_lines(query: dict[str, list[str]]) -> list[np.ndarray]:
    """The engine's run of a link's settings: the input channels, then every gate line."""
    scenario, errors = codec.from_query(S.Scenario, {k: v[0] for k, v in query.items()},
                                        S.Scenario(cell=S.CellSpec(kind="gru")))
    assert not errors, errors
    x, _ = S.build_input(scenario.input, scenario.cell.input_size)
    trace = S.cell_net(scenario.cell).trace(x)
    return [x[:, c] for c in range(x.shape[1])] + [
        trace.get(name)[:, u] for name in trace.names for u in range(scenario.cell.hidden_size)]


def assert_drawn_is(drawn, expected: list[np.ndarray]) -> None:
    assert len(drawn) == len(expected), [d[:2] for d in drawn]
    for (axis, name, y), want in zip(drawn, expected, strict=True):
        np.testing.assert_allclose(np.array(y, dtype=float), want, rtol=0, atol=1e-12,
                                   err_msg=f"{axis} {name}")


def test_dragging_a_write_of_the_latch_moves_the_gates_before_release(live_server,
                                                                      browser_context, page):
    open_live(page, f"{live_server.url}/{LATCH}")
    box = page.locator(".gl-editor").bounding_box()
    page.mouse.move(box["x"] + 5, box["y"] + box["height"] / 2)  # the chart comes into view
    page.wait_for_timeout(300)
    x0, y0 = page.evaluate(POINT_XY_JS, [20, 0.0])
    _, y1 = page.evaluate(POINT_XY_JS, [20, 1.0])
    page.mouse.move(x0, y0)  # hovering the point asks the engine for its frames
    page.wait_for_selector('.gl-live[data-sweep="x:1:20"]', state="attached", timeout=60_000)
    before = page.evaluate(LINES_JS)
    page.mouse.down()
    states = []
    for i in range(10):
        page.mouse.move(x0, y0 + (y1 - y0) * (i + 1) / 10)
        page.wait_for_timeout(60)
        states.append(page.evaluate(LINES_JS))
    held = page.evaluate(LINES_JS)
    since = livelab.finished_count(page)
    page.mouse.up()
    gates = [repr([d for d in s if d[0] != "y"]) for s in states]
    assert len(set(gates)) >= 3, f"the gates changed {len(set(gates))} times while held"
    assert held != before

    livelab.wait_rerun(page, since)
    page.wait_for_function("() => location.search.includes('pt=')", timeout=30_000)
    query = parse_qs(urlparse(page.url).query)
    channel_step, value = query["pt"][0].split("=")
    assert channel_step == "1.20" and 0.9 <= float(value) <= 1.1
    livelab.wait_quiet(page)
    expected = engine_lines(query)
    assert_drawn_is(held, expected)  # drawn while held: the engine's run at the released value
    after = page.evaluate(LINES_JS)
    assert_drawn_is(after, expected)

    other = browser_context.new_page()
    try:
        open_live(other, page.url)
        assert not livelab.errors(other)
        assert other.evaluate(LINES_JS) == after
    finally:
        other.close()


def test_the_keyboard_reaches_the_points_by_tab_and_steps_them(live_server, page):
    open_live(page, f"{live_server.url}/{LATCH}")
    page.locator(".gl-controls input[type=range]").last.focus()
    page.keyboard.press("Tab")
    focused = "() => [document.activeElement.getAttribute('role'), document.activeElement.getAttribute('aria-label')]"
    assert page.evaluate(focused) == ["slider", "x0 at t=0"]
    page.keyboard.press("Tab")  # the next channel
    assert page.evaluate(focused) == ["slider", "x1 at t=0"]
    for _ in range(19):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("End")
    page.keyboard.press("Home")
    for _ in range(20):
        page.keyboard.press("ArrowRight")
    point = page.locator(".gl-point:focus")
    assert point.get_attribute("aria-label") == "x1 at t=20"
    assert [point.get_attribute(a) for a in ("aria-valuenow", "aria-valuemin", "aria-valuemax")] \
        == ["0", "-10", "10"]
    # it sits over its drawn point
    b = point.bounding_box()
    x, y = page.evaluate(POINT_XY_JS, [20, 0.0])
    assert abs(b["x"] + b["width"] / 2 - x) < 2 and abs(b["y"] + b["height"] / 2 - y) < 2
    page.wait_for_selector('.gl-live[data-sweep="x:1:20"]', state="attached", timeout=60_000)
    before = page.evaluate(LINES_JS)
    since = livelab.finished_count(page)
    page.keyboard.press("ArrowUp")  # a 0/1 channel: up is its pulse
    page.wait_for_function(f"() => JSON.stringify(({LINES_JS})()) !== {repr(__import__('json').dumps(before))}",
                           polling="raf", timeout=10_000)
    assert point.get_attribute("aria-valuenow") == "1"
    livelab.wait_rerun(page, since)
    page.wait_for_function("() => location.search.includes('pt=1.20%3D1')", timeout=30_000)
    livelab.wait_quiet(page)
    assert page.evaluate(focused)[1] == "x1 at t=20"  # the focus stays on the point


@pytest.mark.parametrize("present", ["0", "1"])
@pytest.mark.parametrize("size", [(1280, 720), (1400, 900)])
def test_the_input_and_the_hidden_state_are_on_screen_while_a_point_is_edited(
        live_server, page, size, present):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    try:
        open_live(page, f"{live_server.url}/{LATCH}&present={present}")
        page.locator(".gl-point").nth(1).focus()  # a point taken with the keyboard
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(400)
        seen = page.evaluate(PANELS_JS)
        for lo, hi in (seen["input"], seen["hidden"]):
            assert 56 <= lo and hi <= seen["height"] + 1, (size, present, seen)
        # the pointer's way: scrolled until the input panel just shows at the bottom
        page.evaluate("() => document.querySelector('.gl-live').scrollIntoView({block: 'start'})")
        page.evaluate("() => document.querySelector('.gl-editor').scrollIntoView({block: 'end'})")
        page.wait_for_timeout(200)
        box = page.locator(".gl-editor").bounding_box()
        page.mouse.move(box["x"] + 4, box["y"] + 4)
        page.mouse.move(box["x"] + 8, box["y"] + 8)
        page.wait_for_timeout(400)
        seen = page.evaluate(PANELS_JS)
        for lo, hi in (seen["input"], seen["hidden"]):
            assert 56 <= lo and hi <= seen["height"] + 1, (size, present, seen)
    finally:
        page.set_viewport_size(livelab.VIEWPORT)


def test_a_tap_on_a_phone_adds_a_pulse(live_server, playwright_instance):
    browser = playwright_instance.chromium.launch(executable_path=livelab.CHROMIUM,
                                                  args=livelab.BROWSER_ARGS)
    try:
        context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True,
                                      is_mobile=True)
        context.add_init_script(livelab.INIT_SCRIPT)
        tab = context.new_page()
        open_live(tab, f"{live_server.url}/{LATCH}")
        tab.locator(".gl-editor").scroll_into_view_if_needed()
        tab.wait_for_timeout(300)
        x, y = tab.evaluate(POINT_XY_JS, [20, 0.0])
        since = livelab.finished_count(tab)
        tab.touchscreen.tap(x, y)
        livelab.wait_rerun(tab, since)
        tab.wait_for_function("() => location.search.includes('pt=1.20%3D1')", timeout=30_000)
        livelab.wait_quiet(tab)
        tab.wait_for_timeout(600)
        box = tab.locator(".gl-editor").bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= 844  # still in view
        assert not livelab.errors(tab)
    finally:
        browser.close()


# Every trace with an opacity (the previous run's ghosts): [[yaxis, y], ...]; and what the
# live chart holds (the figure last sent, the one it draws, a figure it had to ask for).
GHOSTS_JS = """() => {
  const gd = document.querySelector('.st-key-gru-chart-gates .js-plotly-plot');
  return gd.data.filter(t => t.opacity !== undefined).map(t => [t.yaxis, Array.from(t.y)]);
}"""
STATE_JS = """() => { const s = document.querySelector('.gl-live').__gl;
  return {sent: s.fig.sent, drawn: s.drawnRev, asked: s.askedFig || null}; }"""


def test_a_point_release_draws_the_previous_input_and_a_weight_release_after_it_drops_it(
        live_server, page):
    """The merge of issue 17 with issue 20: a point's release (committed inside the live
    fragment: no preset here whose explanation would change) is sent as a new figure with
    the previous input as a faint ghost; a weight's release after it is not patched onto
    that figure (the new one has no input ghost) but sent whole, and draws the engine's run
    with the point's run as the gates' ghost."""
    open_live(page, f"{live_server.url}/gru?L=24")
    page.locator(".gl-controls input[type=range]").last.focus()
    page.keyboard.press("Tab")
    for _ in range(20):
        page.keyboard.press("ArrowRight")
    page.wait_for_selector('.gl-live[data-sweep="x:0:20"]', state="attached", timeout=60_000)
    livelab.wait_quiet(page)
    old_input = [d[2] for d in page.evaluate(LINES_JS) if d[0] == "y"]
    first = page.evaluate(STATE_JS)
    since = livelab.finished_count(page)
    page.keyboard.press("ArrowUp")
    livelab.wait_rerun(page, since)
    page.wait_for_function("() => location.search.includes('pt=0.20')", timeout=30_000)
    livelab.wait_quiet(page)
    after_point = page.evaluate(STATE_JS)
    assert after_point["sent"] != first["sent"] and after_point["asked"] is None
    input_ghosts = [y for axis, y in page.evaluate(GHOSTS_JS) if axis == "y"]
    assert old_input[0] in input_ghosts  # the channel before the edit, drawn faint
    gates_then = [d for d in page.evaluate(LINES_JS) if d[0] != "y"]

    weight = page.locator('.gl-controls input[type="range"][data-weight]').first
    weight.scroll_into_view_if_needed()
    weight.focus()
    page.wait_for_function(
        "() => (document.querySelector('.gl-live').dataset.sweep || '').startsWith('w:')",
        timeout=60_000)
    livelab.wait_quiet(page)
    url = page.url
    since = livelab.finished_count(page)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    livelab.wait_rerun(page, since)
    page.wait_for_function("u => location.href !== u", arg=url, timeout=30_000)
    livelab.wait_quiet(page)
    query = parse_qs(urlparse(page.url).query)
    assert "pt" in query and "w" in query
    assert_drawn_is(page.evaluate(LINES_JS), engine_lines(query))
    ghosts = page.evaluate(GHOSTS_JS)
    assert not [y for axis, y in ghosts if axis == "y"]  # the input did not change this time
    gate_ghosts = [y for axis, y in ghosts if axis != "y"]
    assert len(gate_ghosts) == len(gates_then)
    for drawn, was in zip(gate_ghosts, gates_then, strict=True):
        np.testing.assert_allclose(drawn, was[2], rtol=0, atol=1e-12)
    state = page.evaluate(STATE_JS)
    assert state["sent"] != after_point["sent"] and state["asked"] is None
    assert not livelab.errors(page)
