"""No label cut short at 1280x720, the projector's screen, in a real browser.

Streamlit cuts a metric's, a button's or a toggle's label that does not fit with an
ellipsis (text-overflow: ellipsis on an element narrower than its text). On the pages a
class reads from afar (Gradients' top row, Compare's presets and knobs, Challenges'
buttons, the learned page's accuracy row), in English and Chinese, normal and in
presentation mode, no visible element may be cut. Screenshots go to
artifacts/screenshots/ (look at them: the check measures, the picture shows).
Skipped without chromium/playwright, as the other browser tests.
"""

from __future__ import annotations

from pathlib import Path

import livelab
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "artifacts" / "screenshots"
PROJECTOR = {"width": 1280, "height": 720}

pytestmark = pytest.mark.timeout(300)

# Every visible element that cuts its own text with an ellipsis: its text.
CUT_JS = """() => Array.from(document.querySelectorAll('[data-testid="stMain"] *'))
  .filter(e => e.textContent.trim() && getComputedStyle(e).textOverflow === 'ellipsis'
          && e.getClientRects().length && e.checkVisibility({checkVisibilityCSS: true})
          && e.scrollWidth > e.clientWidth + 1)
  .map(e => e.textContent.trim())"""


@pytest.fixture
def page(browser_context):
    tab = browser_context.new_page()
    tab.set_viewport_size(PROJECTOR)
    yield tab
    tab.close()


def _open_settings(tab) -> None:
    """Open the page's settings expander (collapsed in presentation mode)."""
    summary = tab.locator('[data-testid="stExpander"] summary').first
    if summary.count():
        summary.click()
        tab.wait_for_timeout(800)
        livelab.wait_quiet(tab)


@pytest.mark.parametrize("path", [
    "gradients", "gradients?lang=zh", "gradients?present=1", "gradients?present=1&lang=zh",
    "compare", "compare?present=1", "compare?present=1&lang=zh",
    "challenges?present=1", "challenges?present=1&lang=zh", "learned?present=1&lang=zh",
])
def test_no_label_is_cut_at_1280x720(live_server, page, path):
    livelab.open_page(page, f"{live_server.url}/{path}")
    name = path.replace("?", "-").replace("&", "-").replace("=", "")
    SHOTS.mkdir(parents=True, exist_ok=True)
    metric = page.locator('[data-testid="stMetric"]').first
    if metric.count():
        metric.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"labels-{name}.png"))
    cut = page.evaluate(CUT_JS)
    if "present=1" in path:  # the settings a teacher opens on the projector, too
        _open_settings(page)
        cut += page.evaluate(CUT_JS)
        page.screenshot(path=str(SHOTS / f"labels-{name}-settings.png"))
    assert not cut, f"/{path}: labels cut short at 1280x720: {cut}"


def test_the_check_finds_a_cut_label(live_server, page):
    """The measure is real: squeezed to 900 px in large type, labels do get cut."""
    page.set_viewport_size({"width": 900, "height": 720})
    livelab.open_page(page, f"{live_server.url}/gradients?present=1")
    assert page.evaluate(CUT_JS)
