"""The offline lesson file in Chromium: opened from disk (file://) with the network
blocked, its charts draw and the scrubber's frames advance on Play and on the slider.

Skipped without chromium/playwright unless LAB_REQUIRE_BROWSER=1 (scripts/test.sh).
"""

from __future__ import annotations

import pytest

from lab import lesson_file as LF
from lab import scenario as S
from lab.i18n import t

pytestmark = pytest.mark.timeout(180)

# the equations text of the scrubber (changes with every frame) and its slider's label
STATE_JS = """() => {
    const gd = document.getElementById('scrubber');
    const texts = Array.from(gd.querySelectorAll('.scatterlayer .trace text'))
        .map(e => e.textContent).join('|');
    const label = gd.querySelector('.slider-group > text.slider-label');
    return {texts, label: label ? label.textContent : null};
}"""


@pytest.fixture
def offline_page(browser_context):
    """A tab that lets file:// through and aborts (and records) every other request."""
    tab = browser_context.new_page()
    blocked: list[str] = []

    def route(r):
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    tab.route("**/*", route)
    tab.blocked = blocked
    yield tab
    tab.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lesson_file_opens_offline_draws_and_plays(offline_page, tmp_path, lang):
    scenario = S.scenario_from_preset("gru-latch")
    path = tmp_path / LF.file_name(scenario)
    path.write_bytes(LF.build(scenario, lang=lang).data)
    check_offline(offline_page, path, lang)


def test_the_lesson_downloaded_from_a_cell_page(live_server, browser_context, offline_page,
                                                tmp_path):
    """The real button: open a scenario by its link, download its lesson file from the
    Files tab, open that file offline; its link back is the link we came by."""
    import livelab

    scenario = S.scenario_from_preset("lstm-counter")
    url = LF.link(scenario, live_server.url, "zh")
    tab = browser_context.new_page()
    try:
        livelab.open_page(tab, url)
        livelab.open_tab(tab, t("cell.tab.files", "zh"))
        with tab.expect_download(timeout=60_000) as info:
            tab.get_by_role("button", name=t("lesson.download", "zh")).click()
        download = info.value
        assert download.suggested_filename == "lstm-counter-lesson.html"
        path = tmp_path / download.suggested_filename
        download.save_as(path)
    finally:
        tab.close()
    check_offline(offline_page, path, "zh")
    assert offline_page.locator("#open-in-lab").get_attribute("href") == url


def check_offline(tab, path, lang: str) -> None:
    """Open the file from disk, network blocked: charts, Play, the step slider."""
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.goto(path.as_uri())
    tab.wait_for_selector("#gates .main-svg", timeout=60_000)
    tab.wait_for_selector("#scrubber .main-svg", timeout=60_000)

    # both charts drew their traces as SVG
    assert tab.locator("#gates .scatterlayer .trace path.js-line").count() >= 4
    assert tab.locator("#scrubber .scatterlayer .trace").count() >= 10
    assert tab.locator("#scrubber .slider-container").count() == 1
    assert t("cell.scrubber", lang) in tab.locator("body").inner_text()

    # Play: the frames advance by themselves
    first = tab.evaluate(STATE_JS)
    assert first["label"] and first["label"].strip().endswith("0"), first
    tab.locator("#scrubber .updatemenu-button").filter(
        has_text=t("fig.scr.play", lang)).first.click()
    tab.wait_for_function(f"(f) => ({STATE_JS})().texts !== f.texts", arg=first,
                          timeout=30_000)
    playing = tab.evaluate(STATE_JS)
    assert playing["label"] != first["label"]
    tab.locator("#scrubber .updatemenu-button").filter(
        has_text=t("fig.scr.pause", lang)).first.click()

    # the step slider: a click near the rail's end jumps to a late step
    rail = tab.locator("#scrubber .slider-rail-rect").first.bounding_box()
    before = tab.evaluate(STATE_JS)
    tab.mouse.click(rail["x"] + rail["width"] * 0.9, rail["y"] + rail["height"] / 2)
    tab.wait_for_function(f"(f) => {{ const s = ({STATE_JS})(); "
                          "return s.label !== f.label && s.texts !== f.texts; }", arg=before,
                          timeout=30_000)
    late = tab.evaluate(STATE_JS)
    assert int(late["label"].split()[-1]) > int(before["label"].split()[-1]) + 20, late["label"]

    assert not errors, errors
    assert not tab.blocked, f"the lesson file asked the network for {tab.blocked}"
