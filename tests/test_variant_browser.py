"""Issue 18 in a real browser (a live `streamlit run app.py` and Debian's chromium): the
live gates of a variant carry its own controls (a peephole vector's too) and move with
them before any rerun; the MGU's page draws and moves its one gate; the released value
lands in a link that keeps the variant."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import livelab
import pytest

from tests.test_live_browser import open_live, wait_for_frames

pytestmark = pytest.mark.timeout(300)

# every live trace of the gates chart (not the ghost): [[axis, name, y], ...]
LINES_JS = """(page) => {
  const gd = document.querySelector(`.st-key-${page}-chart-gates .js-plotly-plot`);
  if (!gd || !gd.data) return null;
  return JSON.stringify(gd.data.filter(t => t.opacity === undefined)
                          .map(t => [t.yaxis, t.name, Array.from(t.y || [])]));
}"""


@pytest.fixture
def page(browser_context):
    tab = browser_context.new_page()
    yield tab
    tab.close()


def step_and_commit(tab, name: str, selector: str, control: str) -> None:
    """Focus a live control, three arrow steps: the chart moves from the frames (no rerun
    finished), then the value is committed (a rerun)."""
    handle = tab.locator(selector)
    handle.scroll_into_view_if_needed()
    handle.focus()  # focusing asks the server for the control's frames
    wait_for_frames(tab, control)
    tab.evaluate(f"() => {{ window.__before = ({LINES_JS})('{name}'); }}")
    since = livelab.finished_count(tab)
    for _ in range(3):
        tab.keyboard.press("ArrowRight")
    tab.wait_for_function(f"() => ({LINES_JS})('{name}') !== window.__before",
                          polling="raf", timeout=10_000)
    assert livelab.finished_count(tab) == since  # drawn before any rerun finished
    livelab.wait_rerun(tab, since)


def test_a_peephole_weight_moves_the_gates_and_lands_in_the_link(live_server, page):
    open_live(page, f"{live_server.url}/lstm?var=peephole&H=1&L=16")
    groups = page.locator(".gl-controls input[type=range]")
    assert groups.count() > 0
    step_and_commit(page, "lstm", 'input[type="range"][data-weight="p_f[0]"]',
                    "w:weight_cf_l0:0")
    page.wait_for_function("() => location.search.includes('weight_cf_l0')", timeout=30_000)
    query = parse_qs(urlparse(page.url).query)
    assert query["var"] == ["peephole"]
    edits = dict(p.split("=") for p in query["w"][0].split(";"))
    assert float(edits["weight_cf_l0:0"]) > 0


def test_a_variant_without_a_gate_has_no_controls_for_it(live_server, page):
    open_live(page, f"{live_server.url}/lstm?var=no_forget&H=1&L=16")
    labels = page.locator(".gl-controls input[type=range]").evaluate_all(
        "els => els.map(e => e.getAttribute('aria-label'))")
    assert labels and not any("W_if" in (x or "") or "W_hf" in (x or "") for x in labels)
    assert any("W_ii" in (x or "") for x in labels)


def test_the_mgu_page_draws_and_moves_its_one_gate(live_server, page):
    open_live(page, f"{live_server.url}/mgu?L=16")
    assert page.locator('input[type="range"][data-knob="shift:1"]').count() == 1
    assert page.locator('input[type="range"][data-knob="shift:2"]').count() == 0
    step_and_commit(page, "mgu", 'input[type="range"][data-knob="shift:0"]', "shift:0")
    page.wait_for_function("() => location.search.includes('sh=')", timeout=30_000)
