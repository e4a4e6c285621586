"""The offline lesson file (gates_lab/lesson_file.py): one self-contained HTML page of a cell
page's scenario, in its language, with plotly.js inside and a link back to the lab.
(tests/test_lesson_browser.py opens it in Chromium with the network blocked.)"""

from __future__ import annotations

import dataclasses
import html
import json
import re
from urllib.parse import parse_qsl, urlsplit

import pytest

from gates_lab import codec, equations
from gates_lab import lesson_file as LF
from gates_lab import scenario as S
from gates_lab.i18n import t

KINDS = ("gru", "lstm", "rnn")


def largest(kind: str) -> S.Scenario:
    """Every size at its maximum (gates_lab/scenario.py MAX_*)."""
    return S.Scenario(
        cell=S.CellSpec(kind=kind, input_size=S.MAX_INPUT, hidden_size=S.MAX_HIDDEN),
        input=S.InputSpec(length=S.MAX_LENGTH,
                          channels=(S.Channel(pattern="noise"),) * S.MAX_INPUT))


def figures_of(page: str) -> dict:
    found = re.search(r"const FIGURES = (\{.*?\});\n", page, re.S)
    assert found
    return json.loads(found.group(1).replace("<\\/", "</"))


def scrub_data(page: str) -> dict:
    found = re.search(r"parentElement: document.getElementById\('scrub-controls'\), data: "
                      r"(\{.*?\})\}\)\);\n", page, re.S)
    assert found
    return json.loads(found.group(1).replace("<\\/", "</"))


def live_of(page: str) -> dict:
    found = re.search(r"window.LESSON_LIVE = (.*?);\n", page, re.S)
    assert found
    return json.loads(found.group(1).replace("<\\/", "</"))


@pytest.mark.parametrize("kind", KINDS)
def test_default_scenario_makes_a_self_contained_file(kind):
    lesson = LF.build(S.Scenario(cell=S.CellSpec(kind=kind)))
    page = lesson.html
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    # plotly.js of the installed package is inside; nothing is fetched from anywhere
    assert LF.plotly_js()[:2000] in page
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", page)
    assert "cdn." not in page.lower().replace(LF.plotly_js().lower(), "")
    for key in ("cell.equations", "cell.over_time", "cell.scrubber", "lesson.settings",
                "lesson.about", "lesson.open"):
        assert t(key, "en") in page, key
    assert t(f"cell.intro.{kind}", "en") in page
    figs = figures_of(page)
    assert figs["gates"]["data"] and figs["scrubber"]["data"]
    assert len(figs["scrubber"]["frames"]) == 40 == lesson.frames == lesson.steps
    # the page's own scrubber controls (gates_lab/scrubber_controls.js) drive the figure's frames
    assert "window.labScrub = function" in page and 'class="scrub"' in page
    assert not figs["scrubber"]["layout"].get("sliders")
    scrub = scrub_data(page)
    assert len(scrub["heads"]) == len(scrub["equations"]) == 40
    # the live controls: each gate's scale and shift (no preset), with their frames
    live = live_of(page)
    ids = [c["id"] for c in live["controls"]]
    blocks = {"gru": 3, "lstm": 4, "rnn": 1}[kind]
    assert ids == [f"{knob}:{b}" for b in range(blocks) for knob in ("scale", "shift")]
    assert set(live["sweeps"]) == set(ids)
    assert lesson.size < 8 * 2**20
    print(f"{kind} default: {lesson.size / 2**20:.2f} MB")


def test_a_preset_in_chinese_has_its_explanation_and_chinese_labels():
    scenario = S.scenario_from_preset("gru-latch")
    page = LF.build(scenario, lang="zh").html
    assert '<html lang="zh-Hans">' in page
    assert t("preset.gru-latch.title", "zh") in page
    assert t("preset.gru-latch.explain", "zh") in page
    assert t("preset.gru-latch.explain", "en") not in page
    for key in ("cell.equations", "cell.scrubber_help", "cell.hidden_size", "lesson.open"):
        assert t(key, "zh") in page, key
    assert t("cell.equations", "en") not in page
    assert scrub_data(page)["play"] == t("fig.scr.play", "zh")
    assert t("lesson.live_note", "zh") in page


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_gates_chart_draws_the_input_first_as_the_page_does(lang):
    """The latch's explanation names a value channel and a write signal: the file shows them."""
    page = LF.build(S.scenario_from_preset("gru-latch"), lang=lang).html
    names = [d.get("name") for d in figures_of(page)["gates"]["data"]]
    value, write = t("fig.ch.gru-latch.0", lang), t("fig.ch.gru-latch.1", lang)
    assert names.index(value) < names.index(write) < len(names) - 1, names
    assert names.index(write) < min(i for i, n in enumerate(names) if n not in (value, write))


@pytest.mark.parametrize("kind", KINDS)
def test_the_largest_settings_are_downsampled_and_stay_small(kind):
    lesson = LF.build(largest(kind))
    assert lesson.steps == S.MAX_LENGTH and lesson.frames == LF.LESSON_FRAMES < lesson.steps
    figs = figures_of(lesson.html)
    assert len(figs["scrubber"]["frames"]) == LF.LESSON_FRAMES
    types = [d["type"] for d in figs["gates"]["data"]]
    # 16 units: the input's lines first, then heatmaps, as on the page
    assert types[0] == "scatter" and "heatmap" in types, types
    assert t("lesson.strided", "en", n=LF.LESSON_FRAMES, total=S.MAX_LENGTH) in lesson.html
    assert t("lesson.weights_in_json", "en") in lesson.html
    assert lesson.size < 8 * 2**20 < LF.MAX_BYTES
    print(f"{kind} largest: {lesson.size / 2**20:.2f} MB")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_file_over_the_limit_is_refused_with_a_message(lang):
    with pytest.raises(LF.LessonTooBig) as exc:
        LF.build(largest("lstm"), lang=lang, max_bytes=2**20)
    message = str(exc.value)
    assert "MB" in message and "1 MB" in message
    assert (t("lesson.too_big", lang, mb="X", limit="Y").split("X")[0]) in message


def test_bad_settings_raise_value_error_as_the_page_shows_them():
    empty_text = S.Scenario(input=S.InputSpec(mode="text", text=""))
    with pytest.raises(ValueError):
        LF.build(empty_text)


@pytest.mark.parametrize("preset", ["gru-latch", "lstm-counter"])
def test_the_link_reopens_the_same_scenario(preset):
    scenario = S.scenario_from_preset(preset)
    scenario = dataclasses.replace(scenario, view=dataclasses.replace(scenario.view,
                                                                      plot="scrubber"))
    url = LF.link(scenario, "https://lab.school.example/rnn-lab", "zh")
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == \
        f"https://lab.school.example/rnn-lab/{scenario.cell.kind}"
    params = dict(parse_qsl(parts.query))
    assert params.pop("lang") == "zh"
    again, errors = codec.from_query(S.Scenario, params,
                                 S.Scenario(cell=S.CellSpec(kind=scenario.cell.kind)))
    assert not errors and again == scenario
    page = LF.build(scenario, lang="zh", lab_url="https://lab.school.example/rnn-lab").html
    assert f'href="{html.escape(url)}"' in page


def test_lab_base_from_the_page_address():
    assert LF.lab_base("http://127.0.0.1:8501/gru", "gru") == "http://127.0.0.1:8501"
    assert LF.lab_base("https://x.org/lab/lstm/", "lstm") == "https://x.org/lab"
    assert LF.lab_base("https://x.org/lab", "gru") == "https://x.org/lab"
    assert LF.lab_base(None, "gru") == LF.DEFAULT_URL
    assert LF.lab_base("javascript:alert(1)", "gru") == LF.DEFAULT_URL


@pytest.mark.parametrize("kind,reset_after,nl,textbook", [
    ("gru", True, "tanh", False), ("gru", False, "tanh", True), ("lstm", True, "tanh", False),
    ("rnn", True, "tanh", False), ("rnn", True, "relu", False)])
def test_equations_become_plain_html(kind, reset_after, nl, textbook):
    latex = equations.all_equations(kind, reset_after, nl, textbook)
    out = LF.latex_html(latex)
    assert "\\" not in out and "{" not in out and "}" not in out, out
    assert out.count("<br>") == latex.count("\\\\")
    assert "<sub>t</sub>" in out


def test_file_name():
    assert LF.file_name(S.Scenario()) == "gru-lesson.html"
    assert LF.file_name(S.scenario_from_preset("gru-latch")) == "gru-latch-lesson.html"


@pytest.mark.parametrize("kind", KINDS)
def test_every_cell_page_offers_the_lesson_file_in_its_language(kind):
    """AppTest: the Files tab of each cell page has the lesson download (Chinese here)."""
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    from gates_lab.ui import tab_key

    root = Path(__file__).resolve().parents[1]
    at = AppTest.from_file(str(root / "pages" / f"{kind}.py"), default_timeout=60)
    at.query_params["lang"] = "zh"
    at.run()
    at.session_state[tab_key(kind, "controls")] = t("cell.tab.files", "zh")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    buttons = {b.proto.label: b.proto for b in at.get("download_button")}
    lesson = buttons.get(t("lesson.download", "zh"))
    assert lesson is not None, list(buttons)
    assert lesson.help == t("lesson.download_help", "zh")
    assert lesson.deferred_file_id  # built on click, not on every rerun


# ------------------------------------------------------------------ live controls


def test_every_preset_names_its_key_controls():
    """Each preset's controls (gates_lab/lesson_live.py) exist on its cell, and the file offers
    exactly them over the preset's own data (knobs once the data differs)."""
    from gates_lab import lesson_live
    from gates_lab.classroom import presets
    from gates_lab.live import controls as C

    names = {p.name for p in presets.PRESETS.values()}
    assert set(lesson_live.PRESET_CONTROLS) == names
    for name in names:
        scenario = S.scenario_from_preset(name)
        ids = [c.id for c in lesson_live.key_controls(scenario)]
        assert ids == [f"w:{k}" for k in lesson_live.PRESET_CONTROLS[name]], name
        assert set(ids) <= {c.id for c in C.controls_for(scenario.cell)}
    changed = S.scenario_from_preset("gru-latch")
    changed = dataclasses.replace(changed, input=dataclasses.replace(changed.input, length=20))
    assert [c.id for c in lesson_live.key_controls(changed)][:2] == ["scale:0", "shift:0"]


@pytest.mark.parametrize("preset,which", [("gru-latch", 0), ("lstm-counter", 2),
                                          ("rnn-explode", 0)])
def test_embedded_frames_are_the_engines_run_at_each_grid_value(preset, which):
    """Frame k of a control in the file = the engine's ordinary run with the control at
    grid[k] (every panel, every unit), as the live gates' frames are."""
    import base64

    import numpy as np

    from gates_lab.live import controls as C
    from gates_lab.live import frames as F

    scenario = S.scenario_from_preset(preset)
    live = live_of(LF.build(scenario).html)
    control = live["controls"][which]
    sweep = live["sweeps"][control["id"]]
    values = np.frombuffer(base64.b64decode(sweep["frames"]), "<f8").reshape(sweep["shape"])
    assert len(sweep["grid"]) == control["n"] == sweep["shape"][0] <= 61
    assert sweep["grid"][control["k"]] == control["value"]
    cell = scenario.cell
    x, _ = S.build_input(scenario.input, cell.input_size)
    ctl = next(c for c in C.controls_for(cell) if c.id == control["id"])
    for k in (0, control["k"], len(sweep["grid"]) - 1):
        moved = C.apply(cell, ctl, sweep["grid"][k])
        _, want = F.panel_values(S.cell_net(moved).trace(x[:, None, :]))
        np.testing.assert_allclose(values[k], want[0], atol=1e-12)


def test_a_large_scenario_gets_coarser_grids_or_none_and_says_so():
    from gates_lab import lesson_live

    big = largest("lstm")
    x, _ = S.build_input(big.input, big.cell.input_size)
    trace = S.cell_net(big.cell).trace(x)
    assert lesson_live.live_data(big, trace, x, {"data": []}, {}, "en") is None
    page = LF.build(big).html
    assert t("lesson.live_none", "en") in page and "window.LESSON_LIVE = null" in page


def test_the_live_html_is_the_components():
    from gates_lab import lesson_live
    from gates_lab.live import component

    assert lesson_live.HTML == component.HTML


# ------------------------------------------------------------------ link back


def test_the_link_back_is_where_the_lab_is_served():
    public = "https://lab.school.example/gates"
    # a setting for the public address wins
    assert LF.served_base(public, "http://localhost:8501/gru", {}, "gru") == public
    # else the address the browser shows
    assert LF.served_base(None, "http://10.0.0.5:8501/gru", {}, "gru") == "http://10.0.0.5:8501"
    # else the request's host (behind a proxy: the forwarded one)
    assert LF.served_base(None, None, {"Host": "lab.local:8501"}) == "http://lab.local:8501"
    assert LF.served_base(None, None, {"Host": "127.0.0.1:8501",
                                       "X-Forwarded-Host": "gates.school.org",
                                       "X-Forwarded-Proto": "https"}) == "https://gates.school.org"
    assert LF.served_base(None, None, {"Host": "bad host<script>"}) == LF.DEFAULT_URL
    # localhost only when that is the address
    assert LF.served_base(None, "http://localhost:8501/gru", {}, "gru") == "http://localhost:8501"
    assert LF.served_base(None, None, None) == LF.DEFAULT_URL
    assert LF.is_local("http://localhost:8501") and LF.is_local("http://127.0.0.1:9")
    assert not LF.is_local("http://10.0.0.5:8501") and not LF.is_local(public)


def test_a_local_link_is_flagged_in_the_file():
    local = LF.build(S.Scenario(), lab_url="http://localhost:8501").html
    public = LF.build(S.Scenario(), lab_url="https://lab.school.example").html
    assert t("lesson.link_local", "en") in local
    assert t("lesson.link_local", "en") not in public


# ------------------------------------------------------------------ guidance


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_file_carries_the_guidance_with_answers_behind_a_reveal(lang, monkeypatch):
    """With a guide for the preset (gates_lab.guidance's API; a stand-in here, with markup to
    escape), its lines and questions are in the file, each answer inside a <details>."""
    from typing import NamedTuple

    class Guide(NamedTuple):
        notice: tuple
        questions: tuple

    calls = []

    def guide(key, lang_):
        calls.append((key, lang_))
        if key == "preset.gru-latch":
            return Guide((f"line one {lang_}", "at **t = 4** z drops"),
                         ((f"Why {lang_}?", "Because <z> is 0."),))
        return None

    from gates_lab import guidance

    monkeypatch.setattr(guidance, "guide", guide)
    page = LF.build(S.scenario_from_preset("gru-latch"), lang=lang).html
    assert ("preset.gru-latch", lang) in calls
    assert t("guide.notice", lang) in page and t("guide.ask", lang) in page
    assert f"<li>line one {lang}</li>" in page and "<b>t = 4</b>" in page
    assert re.search(rf"<p class='q'>Why {lang}\?</p><details><summary>"
                     rf"{re.escape(t('lesson.answer', lang))}</summary><p>Because &lt;z&gt; is 0."
                     r"</p></details>", page)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_presets_file_carries_its_guide(lang):
    """The real guides (gates_lab/guidance.py): every line and question of each preset's guide
    is in its lesson file, each answer behind a reveal; a scenario without a preset has
    none."""
    from gates_lab.classroom import presets
    from gates_lab.guidance import guide

    for name in presets.PRESETS:
        g = guide(f"preset.{name}", lang)
        assert g is not None and g.notice and g.questions, name
        page = LF.build(S.scenario_from_preset(name), lang=lang).html
        for line in g.notice:
            assert LF._inline(line) in page, (name, line)
        for question, answer in g.questions:
            assert f"<p class='q'>{LF._inline(question)}</p>" in page, (name, question)
            assert f"</summary><p>{LF._inline(answer)}</p></details>" in page, (name, answer)
    assert "id='guide'" not in LF.build(S.Scenario(), lang=lang).html
