"""The guide in a real browser: the notes are on screen under a preset, an answer appears
only when its question is opened, and the block stays compact (a few lines above the
chart; on a projector at 1280x720 one line of notes and one of questions). Screenshots:
artifacts/guidance/.

Skipped without chromium/playwright unless LAB_REQUIRE_BROWSER=1 (tests/conftest.py).
"""

from __future__ import annotations

from pathlib import Path

import livelab
import pytest

from gates_lab.guidance import guide
from gates_lab.i18n import t

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "artifacts" / "guidance"
BLOCK = ".st-key-guide-preset-gru-latch"

pytestmark = pytest.mark.timeout(300)


@pytest.fixture
def page(browser_context):
    tab = browser_context.new_page()
    yield tab
    tab.close()


def test_notes_on_screen_and_answers_behind_their_question(live_server, page):
    page.set_viewport_size({"width": 1400, "height": 1000})
    livelab.open_page(page, f"{live_server.url}/gru?preset=gru-latch&lang=zh")
    g = guide("preset.gru-latch", "zh")
    assert g is not None
    block = page.locator(BLOCK)
    block.wait_for(timeout=60_000)
    for line in g.notice:
        assert block.get_by_text(line).is_visible()
    question, answer = g.questions[0]
    assert not block.get_by_text(answer).is_visible()
    block.locator("summary", has_text=question).click()
    block.get_by_text(answer).wait_for(state="visible", timeout=10_000)
    box = block.bounding_box()
    assert box is not None and box["height"] < 320, box  # notes and questions side by side
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "gru-latch-zh.png"))
    assert not livelab.errors(page)


def test_on_a_projector_the_guide_takes_one_line(live_server, page):
    page.set_viewport_size({"width": 1280, "height": 720})
    livelab.open_page(page, f"{live_server.url}/gru?preset=gru-latch&present=1")
    g = guide("preset.gru-latch", "en")
    assert g is not None
    block = page.locator(BLOCK)
    block.wait_for(timeout=60_000)
    box = block.bounding_box()
    assert box is not None and box["height"] < 90, box
    assert not block.get_by_text(g.notice[0]).is_visible()  # collapsed until opened
    block.get_by_text(t("guide.questions", "en", n=len(g.questions))).click()
    question, answer = g.questions[0]
    page.locator("summary", has_text=question).click()
    page.get_by_text(answer).wait_for(state="visible", timeout=10_000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "gru-latch-present.png"))
    assert not livelab.errors(page)
