"""The scrubber (Step through time) in a real browser: the slider's handle can be taken at
step 0 and dragged, arrow keys / Home / End step through time on the slider and on the
figure, the figure follows (Plotly frames), and on a phone (390×844) the diagram is
scaled to the width while the equations wrap. Screenshots: livelab.screenshot_path
(artifacts/, or docs/screenshots/ under UPDATE_SCREENSHOTS=1).

Skipped without chromium/playwright unless LAB_REQUIRE_BROWSER=1 (tests/conftest.py).
"""

from __future__ import annotations

from pathlib import Path

import livelab
import pytest

ROOT = Path(__file__).resolve().parents[1]
RANGE = ".st-key-gru-scrubber input[type=range]"
CHART = ".st-key-gru-chart-scrubber"

pytestmark = pytest.mark.timeout(300)

# the step the figure shows: the x of its dashed time line (trace "time")
FIGURE_STEP_JS = """() => {
  const gd = document.querySelector('.st-key-gru-chart-scrubber .js-plotly-plot');
  const line = gd && gd.data.find(d => d.name === 'time');
  return line ? line.x[0] : null; }"""


@pytest.fixture
def page(browser_context):
    tab = browser_context.new_page()
    yield tab
    tab.close()


def _open(page, url: str) -> None:
    livelab.open_page(page, url, chart=True)
    page.wait_for_selector(RANGE, timeout=60_000)
    page.locator(CHART).scroll_into_view_if_needed()


def _state(page) -> tuple[int, int | None, str]:
    """(the slider's value, the figure's step, the heading over the equations)."""
    value = int(page.locator(RANGE).input_value())
    heading = page.locator(".st-key-gru-scrubber .now").inner_text()
    return value, page.evaluate(FIGURE_STEP_JS), heading


def _wait_step(page, step: int) -> None:
    page.wait_for_function(f"() => ({FIGURE_STEP_JS})() === {step}", timeout=10_000)


def test_the_handle_is_free_at_step_0_and_dragging_it_moves_time(live_server, page):
    _open(page, f"{live_server.url}/gru?plot=scrubber&H=2&L=30")
    assert _state(page) == (0, 0, "Step t = 0")
    page.locator(RANGE).scroll_into_view_if_needed()  # elementFromPoint sees the viewport only
    range_box = page.locator(RANGE).bounding_box()
    assert range_box is not None
    # the handle at step 0 is at the slider's left end; nothing lies on top of it
    x0, y = range_box["x"] + 8, range_box["y"] + range_box["height"] / 2
    on_top = page.evaluate("""([x, y]) => {
        let e = document.elementFromPoint(x, y);
        while (e && e.shadowRoot) {
          const inner = e.shadowRoot.elementFromPoint(x, y);
          if (!inner || inner === e) break;
          e = inner;
        }
        return e ? e.tagName + '.' + (e.type || '') : null; }""", [x0, y])
    assert on_top == "INPUT.range", on_top
    page.mouse.move(x0, y)
    page.mouse.down()
    page.mouse.move(x0 + range_box["width"] * 0.5, y, steps=8)
    page.mouse.up()
    value, _, heading = _state(page)
    assert 10 <= value <= 20, value
    _wait_step(page, value)
    assert heading == f"Step t = {value}"
    # the equations follow: the numbers of step `value`, not of step 0
    assert page.locator(".st-key-gru-scrubber .eqs").inner_text().count("=") >= 8


def test_arrow_keys_home_and_end_step_through_time(live_server, page):
    _open(page, f"{live_server.url}/gru?plot=scrubber&H=2&L=30")
    page.locator(RANGE).focus()
    for key, expected in (("ArrowRight", 1), ("ArrowRight", 2), ("ArrowRight", 3),
                          ("ArrowLeft", 2), ("End", 29), ("ArrowRight", 29),
                          ("Home", 0), ("ArrowLeft", 0), ("PageUp", 10)):
        page.keyboard.press(key)
        _wait_step(page, expected)
        assert _state(page) == (expected, expected, f"Step t = {expected}"), key
    # the figure itself takes the keys once clicked (it has focus then)
    # a click lands in the viewport only, and below the app's header
    page.locator(CHART).evaluate("e => e.scrollIntoView({block: 'center'})")
    box = page.locator(CHART).bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, max(box["y"], 80) + 30)
    page.keyboard.press("End")
    _wait_step(page, 29)
    page.keyboard.press("ArrowLeft")
    _wait_step(page, 28)
    assert _state(page) == (28, 28, "Step t = 28")


def test_play_runs_to_the_end(live_server, page):
    _open(page, f"{live_server.url}/gru?plot=scrubber&H=1&L=8")
    page.locator(".st-key-gru-scrubber button.play").click()
    _wait_step(page, 7)
    assert _state(page)[0] == 7


def test_on_a_phone_the_diagram_fits_the_width_and_the_equations_wrap(live_server, page):
    page.set_viewport_size({"width": 390, "height": 844})
    _open(page, f"{live_server.url}/gru?plot=scrubber&H=2&L=30")
    sizes = page.evaluate("""() => {
        const chart = document.querySelector('.st-key-gru-chart-scrubber');
        const svg = chart.querySelector('.main-svg');
        const find = (root, sel) => root.querySelector(sel) || [...root.querySelectorAll('*')]
            .filter(e => e.shadowRoot).map(e => find(e.shadowRoot, sel)).find(Boolean);
        const eqs = find(document.querySelector('.st-key-gru-scrubber'), '.eqs');
        return {diagram: svg.getBoundingClientRect().width, chart: chart.clientWidth,
                scrolls: chart.scrollWidth > chart.clientWidth
                    && getComputedStyle(chart).overflowX !== 'hidden',
                right: svg.getBoundingClientRect().right,
                eqs: eqs.scrollWidth, eqsBox: eqs.clientWidth,
                eqsRight: eqs.getBoundingClientRect().right, screen: window.innerWidth}; }""")
    # drawn at its least width (boxes and labels never overlap), scaled to the screen:
    # nothing scrolls sideways (tests/test_classroom_browser.py checks the last step too)
    assert sizes["screen"] * 0.8 <= sizes["diagram"] <= sizes["chart"] + 1, sizes
    assert not sizes["scrolls"] and sizes["right"] <= sizes["screen"], sizes
    assert sizes["eqs"] <= sizes["eqsBox"] + 1, sizes  # no equation runs out of its box
    assert sizes["eqsRight"] <= sizes["screen"], sizes
    # the page's own controls are on screen: the slider fits the phone
    range_box = page.locator(RANGE).bounding_box()
    assert range_box is not None and range_box["x"] + range_box["width"] <= 390
    page.keyboard.press("Tab")  # and the keys still work after a tap on the slider
    page.locator(RANGE).focus()
    page.keyboard.press("ArrowRight")
    _wait_step(page, 1)
    height = page.evaluate("""() => {
        const a = document.querySelector('.st-key-gru-chart-scrubber').getBoundingClientRect();
        const b = document.querySelector('.st-key-gru-scrubber').getBoundingClientRect();
        return b.bottom - a.top + 160; }""")
    page.set_viewport_size({"width": 390, "height": max(844, int(height))})
    page.wait_for_timeout(500)
    page.locator(CHART).scroll_into_view_if_needed()
    shot = livelab.screenshot_path("gru-scrubber-phone.png")
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot))


def test_the_step_survives_picking_another_unit(live_server, page):
    """Another unit reruns the page and redraws the figure: the scrubber stays on its step
    and the equations show the new unit's numbers."""
    _open(page, f"{live_server.url}/gru?plot=scrubber&H=3&L=20")
    page.locator(RANGE).focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    _wait_step(page, 5)
    since = livelab.finished_count(page)
    picker = page.locator('[data-testid="stRadio"]').filter(has_text="Numbers for unit")
    picker.get_by_text("2", exact=True).click()
    livelab.wait_rerun(page, since)
    livelab.wait_quiet(page)
    page.wait_for_function("() => document.querySelector('.st-key-gru-scrubber')")
    _wait_step(page, 5)
    assert _state(page) == (5, 5, "Step t = 5")
    unit = page.locator(".st-key-gru-scrubber .unit").inner_text()
    assert "unit 2" in unit, unit
