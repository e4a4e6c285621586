"""The lab at the back of a room and on a phone, in Chromium (issue 19):

- projector (1280x720, presentation mode): the scrubber's Play and slider, the step's
  equations and the whole diagram fit one screen below the app's header; every number on
  the diagram is at least 20 px, in black or white with WCAG contrast of 4.5:1 or more
  on its fill; the strip chart's numbers are 20 px and near-black. A preset's
  explanation collapses so the chart moves up. Screenshots: livelab.screenshot_path
  (artifacts/, or docs/screenshots/ under UPDATE_SCREENSHOTS=1).
- phone (390x844): on a cell page the gates chart stays in view while the sliders
  scroll; the scrubber's diagram is scaled to the width (nothing scrolls sideways, the
  marker at the last step is on screen);
- no Plotly toolbar covers a legend, on every page, on a desktop and on a phone.

Skipped without chromium/playwright unless LAB_REQUIRE_BROWSER=1 (tests/conftest.py).
"""

from __future__ import annotations

from pathlib import Path

import livelab
import pytest

from gates_lab.figures.scrubber_diagram import relative_luminance
from gates_lab.navigation import PAGES

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = livelab.screenshot_path("x").parent  # artifacts/ unless UPDATE_SCREENSHOTS=1
HEADER_PX = 60  # Streamlit's app header covers the top of the page
PROJECTOR = {"width": 1280, "height": 720}
PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.timeout(300)


@pytest.fixture
def page(browser_context):
    tab = browser_context.new_page()
    yield tab
    tab.set_viewport_size(livelab.VIEWPORT)
    tab.close()


def _scroll_to_top_of(tab, selector: str) -> None:
    """Scroll the page so that ``selector``'s top is just below the app's header."""
    tab.locator(selector).first.evaluate(f"""(e) => {{
        e.scrollIntoView({{block: 'start'}});
        let p = e.parentElement;
        while (p && !(p.scrollHeight > p.clientHeight
                      && /(auto|scroll)/.test(getComputedStyle(p).overflowY))) p = p.parentElement;
        (p || document.scrollingElement).scrollTop -= {HEADER_PX + 4}; }}""")
    tab.wait_for_timeout(300)


def _top(tab, selector: str) -> float:
    box = tab.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box["y"]


def _bottom(tab, selector: str) -> float:
    box = tab.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box["y"] + box["height"]


# the diagram's rectangle on screen (the axes x2/y2) and its figure's numbers
DIAGRAM_JS = """(key) => {
    const gd = document.querySelector('.st-key-' + key + ' .js-plotly-plot');
    const L = gd._fullLayout, r = gd.getBoundingClientRect();
    const top = r.top + L._size.t, h = L._size.h;
    const cells = gd.data.find(d => d.name === 'cells');
    const fills = gd.data.filter(d => d.fill === 'toself').map(d => d.fillcolor);
    return {top: top + h * (1 - L.yaxis2.domain[1]), bottom: top + h * (1 - L.yaxis2.domain[0]),
            inks: cells.textfont.color, size: cells.textfont.size, fills};
}"""
# the rendered text of the diagram's value cells and of the strip chart's ticks
TEXTS_JS = """(key) => {
    const gd = document.querySelector('.st-key-' + key + ' .js-plotly-plot');
    const style = (e) => ({text: e.textContent, size: parseFloat(getComputedStyle(e).fontSize),
                           fill: getComputedStyle(e).fill});
    const cells = Array.from(gd.querySelectorAll('.scatterlayer .trace text'))
        .filter(e => /=\\s*[\\u2212-]?\\d/.test(e.textContent)).map(style);
    const ticks = Array.from(gd.querySelectorAll('.xtick text, .ytick text')).map(style);
    return {cells, ticks};
}"""


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("kind", ["gru", "lstm", "rnn"])
def test_on_a_projector_the_scrubber_fits_one_screen_with_large_dark_numbers(
        live_server, page, kind):
    page.set_viewport_size(PROJECTOR)
    livelab.open_page(page, f"{live_server.url}/{kind}?plot=scrubber&present=1", chart=True)
    controls = f".st-key-{kind}-scrubber"
    page.wait_for_selector(f"{controls} input.range", timeout=60_000)
    _scroll_to_top_of(page, controls)
    top = _top(page, f"{controls} button.play")
    assert top >= HEADER_PX - 1, top  # not under the header
    diagram = page.evaluate(DIAGRAM_JS, f"{kind}-chart-scrubber")
    eqs_bottom = _bottom(page, f"{controls} .eqs")
    # Play, the slider, the equations and the whole diagram on one 720 px screen
    assert _bottom(page, f"{controls} input.range") <= PROJECTOR["height"]
    assert eqs_bottom <= diagram["top"] + 1, (eqs_bottom, diagram)
    assert diagram["bottom"] <= PROJECTOR["height"], diagram
    if kind == "gru":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "gru-scrubber-projector.png"))

    # every number on the diagram: 20 px or more, black or white, 4.5:1 on its fill
    assert diagram["size"] >= 20
    inks, fills = diagram["inks"], diagram["fills"]
    assert len(inks) == len(fills) > 0
    for ink, fill in zip(inks, fills, strict=True):
        assert ink in ("#000000", "#ffffff"), ink
        assert _contrast(ink, fill) >= 4.5, (ink, fill)
    texts = page.evaluate(TEXTS_JS, f"{kind}-chart-scrubber")
    assert len(texts["cells"]) >= len(inks), texts["cells"][:3]
    for text in texts["cells"] + texts["ticks"]:
        assert text["size"] >= 20, text
    for tick in texts["ticks"]:
        assert tick["fill"] == "rgb(17, 17, 17)", tick
    # Play moves the numbers; they stay large
    page.locator(f"{controls} button.play").click()
    page.wait_for_timeout(600)
    assert all(t["size"] >= 20 for t in page.evaluate(TEXTS_JS, f"{kind}-chart-scrubber")["cells"])


def test_a_presets_explanation_collapses_and_the_chart_moves_up(live_server, page):
    page.set_viewport_size(PROJECTOR)
    livelab.open_page(page, f"{live_server.url}/gru?preset=gru-latch", chart=True)
    summary = page.locator('[data-testid="stExpander"] summary').filter(
        has_text="GRU latch").first
    assert summary.get_attribute("aria-expanded") in ("true", None) or \
        page.locator('[data-testid="stExpander"] details[open]').count() > 0
    before = _top(page, ".gl-chart")
    summary.click()
    page.wait_for_timeout(500)
    after = _top(page, ".gl-chart")
    assert after < before - 40, (before, after)
    # on a projector it starts collapsed: the chart starts on the first screen
    livelab.open_page(page, f"{live_server.url}/gru?preset=gru-latch&present=1", chart=True)
    summary = page.locator('[data-testid="stExpander"] summary').filter(
        has_text="GRU latch").first
    assert summary.locator("xpath=..").get_attribute("open") is None
    # (the input editor's one-line help sits above it: at least 80 px of the chart, its
    # legend and the input panel, are on the first screen)
    assert _top(page, ".gl-chart") < PROJECTOR["height"] - 80
    page.screenshot(path=str(SCREENSHOTS / "gru-preset-projector.png"))


def test_on_a_phone_the_gates_chart_stays_in_view_while_the_sliders_scroll(live_server, page):
    page.set_viewport_size(PHONE)
    livelab.open_page(page, f"{live_server.url}/gru", chart=True)
    page.wait_for_selector(".gl-chart .main-svg", timeout=60_000)
    chart = page.locator(".gl-chart")
    # the chart takes about half the screen, so the sliders show below it
    box = chart.bounding_box()
    assert box is not None and box["height"] <= PHONE["height"] * 0.6, box
    last = page.locator(".gl-controls input[type=range]").last
    last.evaluate("e => e.scrollIntoView({block: 'end'})")  # scrolled down to the last one
    page.wait_for_timeout(300)
    chart_box, slider = chart.bounding_box(), last.bounding_box()
    assert chart_box is not None and slider is not None
    assert HEADER_PX - 1 <= chart_box["y"] and chart_box["y"] + chart_box["height"] <= PHONE["height"]
    assert slider["y"] >= chart_box["y"] + chart_box["height"] - 1, (chart_box, slider)
    assert slider["y"] + slider["height"] <= PHONE["height"] + 1  # sub-pixel rounding
    # and it still follows a slider moved down there
    before = page.evaluate("() => document.querySelector('.gl-chart').dataset.frame || ''")
    last.hover()
    last.focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("(b) => (document.querySelector('.gl-chart').dataset.frame || '') !== b",
                           arg=before, timeout=30_000)
    page.screenshot(path=str(SCREENSHOTS / "gru-phone-sliders.png"))


def test_on_a_phone_the_scrubber_diagram_scales_to_the_width(live_server, page):
    page.set_viewport_size(PHONE)
    livelab.open_page(page, f"{live_server.url}/gru?plot=scrubber&H=2&L=32", chart=True)
    page.wait_for_selector(".st-key-gru-scrubber input.range", timeout=60_000)
    page.locator(".st-key-gru-scrubber input.range").focus()
    page.keyboard.press("End")
    page.wait_for_timeout(400)
    page.locator(".st-key-gru-chart-scrubber").scroll_into_view_if_needed()
    # the diagram is scaled to the width once Plotly has drawn it at its own size
    page.wait_for_function("""() => {
        const svg = document.querySelector('.st-key-gru-chart-scrubber .main-svg');
        return svg && svg.getBoundingClientRect().width >= window.innerWidth * 0.8; }""",
                           timeout=15_000)
    sizes = page.evaluate("""() => {
        const chart = document.querySelector('.st-key-gru-chart-scrubber');
        const svg = chart.querySelector('.main-svg').getBoundingClientRect();
        const gd = chart.querySelector('.js-plotly-plot');
        const marker = gd.querySelector('.scatterlayer .trace:last-child path.js-line');
        return {left: svg.left, right: svg.right, width: svg.width,
                page: document.scrollingElement.scrollWidth, screen: window.innerWidth,
                marker: marker ? marker.getBoundingClientRect().right : null,
                step: gd.data.find(d => d.name === 'time').x[0]}; }""")
    assert sizes["step"] == 31, sizes
    assert sizes["left"] >= 0 and sizes["right"] <= sizes["screen"], sizes  # scaled in
    assert sizes["width"] >= sizes["screen"] * 0.8, sizes  # to the width, not a stamp
    assert sizes["page"] <= sizes["screen"], sizes  # nothing scrolls sideways
    assert sizes["marker"] is not None and sizes["marker"] <= sizes["screen"], sizes
    # the controls follow right under the scaled diagram
    gap = _top(page, ".st-key-gru-scrubber") - _bottom(page, ".st-key-gru-chart-scrubber")
    assert 0 <= gap < 60, gap


# every Plotly chart's toolbar rectangle against its legend's (the toolbar shows on hover)
OVERLAP_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map((gd) => {
    const bar = gd.querySelector('.modebar');
    const legend = gd.querySelector('.legend');
    if (!bar || !legend) return null;
    const a = bar.getBoundingClientRect(), b = legend.getBoundingClientRect();
    const hit = a.width && b.width && a.left < b.right && b.left < a.right
        && a.top < b.bottom && b.top < a.bottom;
    return {hit, bar: [a.left, a.top, a.right, a.bottom], legend: [b.left, b.top, b.right, b.bottom]};
}).filter(Boolean)"""

PAGE_NAMES = [name for name, _ in PAGES if (ROOT / "pages" / f"{name}.py").exists()]


@pytest.mark.parametrize("viewport", [livelab.VIEWPORT, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("where", [*PAGE_NAMES, "gru?plot=saturation", "lstm?plot=phase"])
def test_no_toolbar_covers_a_legend(live_server, page, where, viewport):
    page.set_viewport_size(viewport)
    livelab.open_page(page, f"{live_server.url}/{where}")
    page.wait_for_timeout(300)
    found = page.evaluate(OVERLAP_JS)
    hits = [f for f in found if f["hit"]]
    assert not hits, hits
