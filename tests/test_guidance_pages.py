"""AppTest: every page shows its guide ("what to notice" and the questions, each answer
behind a collapsed expander) in English and Chinese, for the settings it describes."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from gates_lab.classroom.challenges import CHALLENGES
from gates_lab.classroom.presets import PRESETS
from gates_lab.classroom.tasks import TASKS
from gates_lab.guidance import guide
from gates_lab.i18n import t

ROOT = Path(__file__).resolve().parent.parent


def run(page: str, query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=90)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def notice_label(lang: str) -> str:
    return f"👀 {t('guide.notice', lang)}"


def assert_guide(at: AppTest, key: str, lang: str, expanded: bool = True) -> None:
    g = guide(key, lang)
    assert g is not None
    notes = [e for e in at.expander if e.label == notice_label(lang)]
    assert len(notes) == 1, [e.label for e in at.expander]
    assert notes[0].proto.expanded is expanded
    shown = " ".join(m.value for m in notes[0].markdown)
    for line in g.notice:
        assert line in shown, (key, line)
    for question, answer in g.questions:
        box = [e for e in at.expander if e.label == f"❓ {question}"]
        assert len(box) == 1, (key, question)
        assert not box[0].proto.expanded  # the answer waits behind the reveal
        assert answer in " ".join(m.value for m in box[0].markdown)


def assert_no_guide(at: AppTest, lang: str = "en") -> None:
    assert not [e for e in at.expander if e.label == notice_label(lang)]


@pytest.mark.parametrize("name", list(PRESETS))
def test_each_preset_shows_its_guide(name):
    at = run(PRESETS[name].kind, {"preset": name})
    assert_guide(at, f"preset.{name}", "en")


@pytest.mark.parametrize("page, preset", [("gru", "gru-latch"), ("lstm", "lstm-counter"),
                                          ("rnn", "rnn-explode")])
def test_a_preset_guide_in_chinese(page, preset):
    at = run(page, {"preset": preset, "lang": "zh"})
    assert_guide(at, f"preset.{preset}", "zh")


def test_no_preset_no_guide_and_changed_data_no_guide():
    assert_no_guide(run("gru", {}))
    # the preset's name over other data: its notes would describe what is not on screen
    assert_no_guide(run("gru", {"preset": "gru-latch", "L": "30"}))


def test_presentation_mode_starts_notes_and_questions_as_one_line_each():
    at = run("lstm", {"preset": "lstm-counter", "present": "1"})
    assert_guide(at, "preset.lstm-counter", "en", expanded=False)
    popovers = at.get("popover")
    assert len(popovers) == 1
    assert popovers[0].proto.popover.label == "❓ " + t("guide.questions", "en", n=2)
    inside = [e.label for e in popovers[0].children.values()]
    assert inside == [f"❓ {q}" for q, _ in guide("preset.lstm-counter", "en").questions]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", ["compare", "gradients"])
def test_lesson_steps_show_their_guides(page, lang):
    at = run(page, {"lang": lang})
    assert_guide(at, f"{page}.step1", lang)
    assert not at.caption or all(t("guide.own_settings", lang) != c.value for c in at.caption)
    at.button(key=f"{page}.lesson.init").click().run()
    assert not at.exception
    assert_guide(at, f"{page}.step2", lang)


def test_a_changed_step_says_its_numbers_may_differ():
    at = run("compare", {"H": "4", "fb": "2", "ub": "2"})  # step 1 with another size
    assert_guide(at, "compare.step1", "en")
    assert t("guide.own_settings", "en") in [c.value for c in at.caption]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_deep_shows_its_guide(lang):
    assert_guide(run("deep", {"lang": lang}), "deep", lang)


@pytest.mark.parametrize("task", list(TASKS))
def test_each_learned_task_shows_its_guide(task):
    lang = "zh" if task == "sentiment" else "en"
    assert_guide(run("learned", {"task": task, "lang": lang}), f"learned.{task}", lang)


@pytest.mark.parametrize("cid", list(CHALLENGES))
def test_each_challenge_shows_its_guide(cid):
    lang = "zh" if cid == "gru-latch" else "en"
    assert_guide(run("challenges", {"challenge": cid, "lang": lang}), f"challenge.{cid}", lang)


def test_learned_notes_say_when_the_input_is_not_the_example():
    note = t("guide.own_input", "en")
    at = run("learned", {"task": "adding"})
    assert note not in [c.value for c in at.caption]
    at = run("learned", {"task": "adding", "txt": "0.3 0.8* 0.1 0.5* 0.9"})
    assert_guide(at, "learned.adding", "en")
    assert note in [c.value for c in at.caption]
