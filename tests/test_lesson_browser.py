"""The offline lesson file in Chromium: opened from disk (file://) with the network
blocked, its charts draw and the scrubber's frames advance on Play and on the slider.

Skipped without chromium/playwright unless LAB_REQUIRE_BROWSER=1 (scripts/test.sh).
"""

from __future__ import annotations

import pytest

from gates_lab import lesson_file as LF
from gates_lab import scenario as S
from gates_lab.i18n import t

pytestmark = pytest.mark.timeout(180)

# the scrubber's state: the step its figure shows (the dashed time line), the heading and
# the equations under it (the page's controls, gates_lab/scrubber_controls.js)
STATE_JS = """() => {
    const gd = document.getElementById('scrubber');
    const line = gd.data && gd.data.find(d => d.name === 'time');
    return {step: line ? line.x[0] : null,
            now: document.querySelector('.scrub .now').textContent,
            eqs: document.querySelector('.scrub .eqs').textContent};
}"""
# every y of the live gates chart as drawn (the SVG paths), and the frame it shows
GATES_JS = """() => {
    const gd = document.querySelector('#gates .gl-chart');
    return {paths: Array.from(gd.querySelectorAll('.scatterlayer path.js-line'))
                .map(p => p.getAttribute('d')).join('|'),
            frame: gd.dataset.frame || null};
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
    """Open the file from disk, network blocked: charts, a live control, Play, the step
    slider, equations at 16 px or more."""
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.goto(path.as_uri())
    tab.wait_for_selector("#gates .main-svg", timeout=60_000)
    tab.wait_for_selector("#scrubber .main-svg", timeout=60_000)

    # both charts drew their traces as SVG
    assert tab.locator("#gates .scatterlayer .trace path.js-line").count() >= 4
    assert tab.locator("#scrubber .scatterlayer .trace").count() >= 10
    assert t("cell.scrubber", lang) in tab.locator("body").inner_text()

    # a key control: the chart follows it (frames embedded at export, drawn by live.js)
    controls = tab.locator("#gates input[type=range]")
    assert controls.count() >= 2
    before = tab.evaluate(GATES_JS)
    control = controls.first
    control.hover()
    control.focus()
    at_max = control.evaluate("e => e.valueAsNumber >= Number(e.max)")
    for _ in range(6):
        tab.keyboard.press("ArrowLeft" if at_max else "ArrowRight")
    tab.wait_for_function(f"(b) => ({GATES_JS})().paths !== b.paths", arg=before,
                          timeout=30_000)
    # the chart settles on the frame of the slider's last value (frames drawn on the way
    # there may lag the keys by a step or two)
    k = int(control.evaluate("e => Math.round((e.valueAsNumber - e.min) / e.step)"))
    tab.wait_for_function(f"(k) => (({GATES_JS})().frame || '').endsWith('@' + k)", arg=k,
                          timeout=10_000)
    moved = tab.evaluate(GATES_JS)
    assert moved["frame"] and moved["frame"].endswith(f"@{k}")
    # another control: the first goes back to the scenario's value
    first_value = control.input_value()
    second = controls.nth(1)
    second.hover()
    second.focus()
    tab.keyboard.press("ArrowLeft")
    tab.wait_for_function("(v) => document.querySelector('#gates input[type=range]').value !== v",
                          arg=first_value, timeout=30_000)

    # Play: the frames advance by themselves
    first = tab.evaluate(STATE_JS)
    assert first["step"] == 0 and "t = 0" in first["now"], first
    tab.locator(".scrub button.play").click()
    tab.wait_for_function(f"(f) => ({STATE_JS})().step > 3", arg=first, timeout=30_000)
    playing = tab.evaluate(STATE_JS)
    assert playing["now"] != first["now"] and playing["eqs"] != first["eqs"]
    tab.locator(".scrub button.play").click()  # pause

    # the step slider: End jumps to the last step; the figure and the equations follow
    tab.locator(".scrub input.range").focus()
    tab.keyboard.press("End")
    last = int(tab.locator(".scrub input.range").get_attribute("max"))
    tab.wait_for_function(f"() => ({STATE_JS})().step >= {last}", timeout=30_000)

    # the step's equations are large: 16 px or more
    size = tab.evaluate("() => parseFloat(getComputedStyle("
                        "document.querySelector('.scrub .eqs .num')).fontSize)")
    assert size >= 16, size

    assert not errors, errors
    assert not tab.blocked, f"the lesson file asked the network for {tab.blocked}"
