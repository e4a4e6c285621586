"""Every page in a real browser: a live `streamlit run app.py` and Debian's chromium.

For each page of gates_lab.navigation.PAGES that exists in pages/ (new pages are picked up at
collection time): open it, wait for the run to finish and the charts to draw, no error box,
save a screenshot (livelab.screenshot_path: artifacts/, or docs/screenshots/
under UPDATE_SCREENSHOTS=1), move the first slider (no slider: pick another option of
the first radio), a chart changes, still no error. (The scrubber tab and the page in
Chinese get screenshots too, in the tests below.)
Then the language switch, presentation mode and a shared link.

Skipped without chromium/playwright, unless LAB_REQUIRE_BROWSER=1 (scripts/test.sh), where
a missing browser fails. The server and the browser are session fixtures (tests/conftest.py).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import livelab
import pytest

from gates_lab.i18n import t
from gates_lab.navigation import PAGES

ROOT = Path(__file__).resolve().parents[1]
PAGE_NAMES = [name for name, _ in PAGES if (ROOT / "pages" / f"{name}.py").exists()]

pytestmark = pytest.mark.timeout(300)


@pytest.fixture
def page(browser_context):
    tab = browser_context.new_page()
    yield tab
    tab.close()


def assert_no_error(tab, where: str) -> None:
    found = livelab.errors(tab)
    assert not found, f"{where}: error on the page:\n" + "\n---\n".join(found)


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_page_renders_and_reacts(live_server, page, name):
    url = f"{live_server.url}/{name}"
    livelab.open_page(page, url)
    assert_no_error(page, url)
    assert page.locator('[data-testid="stMain"]').inner_text().strip(), f"{url} is empty"
    livelab.full_screenshot(page, livelab.screenshot_path(f"{name}.png"))

    before = page.evaluate(livelab.CHARTS_JS)
    # The first visible slider; a page without one at its defaults (learned): a radio.
    what = "its first slider"
    if not livelab.move_slider(page, presses=2):
        what = "its first radio"
        if not livelab.change_radio(page):
            assert name == "home", f"{url} shows neither a slider nor a radio"
            return
    livelab.wait_quiet(page)
    assert_no_error(page, f"{url} after changing {what}")
    if before:
        after = page.evaluate(livelab.CHARTS_JS)
        assert after != before, f"{url}: no chart changed after changing {what}"


def _sidebar_select(tab, label: str, option: str) -> None:
    # Streamlit 1.67's selectbox is a react-aria combobox: open it, pick the option.
    tab.locator('[data-testid="stSidebar"]').get_by_role("combobox", name=label).click()
    since = livelab.finished_count(tab)
    tab.get_by_role("option", name=option).click()
    livelab.wait_rerun(tab, since)
    livelab.wait_quiet(tab)


def test_language_switch_to_chinese(live_server, page):
    livelab.open_page(page, f"{live_server.url}/gru")
    main = page.locator('[data-testid="stMain"]')
    assert t("cell.hidden_size", "en") in main.inner_text()
    checked = main.locator('input[type="radio"]:checked')
    chosen = checked.count()
    assert chosen >= 2  # reset placement and display
    _sidebar_select(page, t("common.language", "en"), "简体中文")
    assert checked.count() == chosen  # the radios still show their (translated) choice
    text = main.inner_text()
    assert t("page.gru", "zh") in text
    assert t("cell.hidden_size", "zh") in text
    assert t("cell.hidden_size", "en") not in text
    assert_no_error(page, "gru in Chinese")
    assert parse_qs(urlparse(page.url).query).get("lang") == ["zh"]
    livelab.full_screenshot(page, livelab.screenshot_path("gru-zh.png"))


def test_presentation_mode_link(live_server, page):
    url = f"{live_server.url}/gru?present=1"
    livelab.open_page(page, url)
    assert_no_error(page, url)
    assert page.locator(".js-plotly-plot").count() > 0
    # Controls start collapsed, the sidebar toggle is on, the big-font CSS is in.
    assert page.locator('[data-testid="stExpander"] details[open]').count() == 0
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector("
                         "'[data-testid=\"stAppViewContainer\"]')).fontSize)")
    assert size >= 20, size
    assert parse_qs(urlparse(page.url).query).get("present") == ["1"]


def _slider_values(tab) -> dict[str, str]:
    return tab.evaluate("""() => Object.fromEntries(Array.from(
        document.querySelectorAll('[data-testid="stSlider"] input[type="range"]'))
        .map(e => [e.getAttribute('aria-label'), e.value]))""")


def _chart(tab, key: str) -> str:
    return tab.evaluate("""(key) => {
        const gd = document.querySelector('.st-key-' + key + ' .js-plotly-plot');
        return gd ? JSON.stringify(gd.data) : null; }""", key)


def test_shared_link_reopens_the_same_scenario(live_server, browser_context, page):
    livelab.open_page(page, f"{live_server.url}/gru?H=1&L=12")
    values = _slider_values(page)
    assert t("cell.hidden_size", "en") in values, (values, page.url, livelab.errors(page))
    assert values[t("cell.hidden_size", "en")] == "1"
    # Change it some more in this session and open the scrubber; then open its URL in
    # another tab (a new session): same sliders, and the scrubber open with the same data.
    livelab.move_slider(page, presses=1)
    livelab.wait_quiet(page)
    livelab.open_tab(page, t("cell.scrubber", "en"))
    livelab.full_screenshot(page, livelab.screenshot_path("gru-scrubber.png"))
    shared = page.url
    assert "H=1" in shared and "plot=scrubber" in shared, shared
    other = browser_context.new_page()
    try:
        livelab.open_page(other, shared)
        assert_no_error(other, shared)
        assert _slider_values(other) == _slider_values(page)
        scrubber = _chart(page, "gru-chart-scrubber")
        assert scrubber is not None
        assert _chart(other, "gru-chart-scrubber") == scrubber
        for tab in (page, other):  # the input designer shows the same too
            livelab.open_tab(tab, t("cell.tab.input", "en"))
        assert _slider_values(page)[t("cell.length", "en")] == "12"
        assert _slider_values(other) == _slider_values(page)
    finally:
        other.close()
