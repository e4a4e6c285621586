"""Guidance ("what to notice" and questions) on every preset, lesson step, page, learned
task and challenge, in both languages, with every number it cites recomputed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from guidance_claims import CLAIMS

from gates_lab.guidance import Guide, guide, guide_keys
from gates_lab.i18n import LANGUAGES, catalogue

ROOT = Path(__file__).resolve().parent.parent
# A number as written: not part of a name (x_0, W_hh, h0), maybe signed, maybe 1.5e-24.
NUMBER = re.compile(r"(?<![A-Za-z_\d.])-?\d+(?:\.\d+)?(?:e-?\d+)?")
# Gate ends and channel indices (x[0], x[1]) need no claim.
FREE = {"0", "1", "-1"}


def numbers(text: str) -> list[str]:
    return NUMBER.findall(text.replace("−", "-"))


def rounds_to(text: str, value: float) -> bool:
    """True when ``value`` written with ``text``'s precision is ``text``."""
    text = text.strip()
    if "e" in text:
        digits = len(text.split("e")[0].partition(".")[2])
        return f"{value:.{digits}e}".replace("e-0", "e-").replace("e+", "e") == text
    digits = len(text.partition(".")[2])
    return f"{value:.{digits}f}".replace("-0.000", "0.000") == text


def test_every_registry_entry_has_a_key():
    from gates_lab.classroom.challenges import CHALLENGES
    from gates_lab.classroom.presets import PRESETS
    from gates_lab.classroom.tasks import TASKS
    from gates_lab.pages import compare, gradients

    keys = set(guide_keys())
    assert {f"preset.{n}" for n in PRESETS} <= keys
    assert {f"learned.{n}" for n in TASKS} <= keys
    assert {f"challenge.{c}" for c in CHALLENGES} <= keys
    for lesson in (compare.LESSON, gradients.LESSON):
        assert {f"{lesson.key}.step{i}" for i in (1, 2)} <= keys
    assert "deep" in keys
    assert len(keys) == len(guide_keys()) == len(PRESETS) + 4 + 1 + len(TASKS) + len(CHALLENGES)


@pytest.mark.parametrize("key", guide_keys())
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_key_has_notes_and_questions(key, lang):
    g = guide(key, lang)
    assert isinstance(g, Guide), key
    assert 2 <= len(g.notice) <= 3, (key, g.notice)
    assert 1 <= len(g.questions) <= 2, (key, g.questions)
    for line in g.notice + tuple(x for qa in g.questions for x in qa):
        assert line.strip() and not line.startswith("["), (key, line)
    assert guide(key, "en") != guide(key, "zh")


def test_no_orphan_guides():
    """Every guide string belongs to a guide key (a renamed preset leaves none behind)."""
    frame = {"guide.notice", "guide.ask", "guide.questions", "guide.own_settings",
             "guide.own_input"}
    parts = re.compile(r"guide\.(.+)\.(n[1-3]|[qa][12])$")
    keys = set(guide_keys())
    for key in catalogue():
        if key.startswith("guide.") and key not in frame:
            found = parts.match(key)
            assert found and found.group(1) in keys, key
            part = found.group(2)
            if part[0] in "qa":  # a question needs its answer, and back
                other = {"q": "a", "a": "q"}[part[0]] + part[1]
                assert f"guide.{found.group(1)}.{other}" in catalogue(), key


def test_no_guide_for_unknown_key():
    assert guide("preset.no-such-preset", "en") is None


def test_every_claimed_key_is_a_guide_key():
    assert set(CLAIMS) == set(guide_keys())


@pytest.mark.parametrize("key", guide_keys())
def test_the_numbers_in_the_notes_are_what_the_charts_show(key):
    check_claims(key)


def check_claims(key: str) -> None:
    facts = CLAIMS[key]()
    en, zh = guide(key, "en"), guide(key, "zh")
    assert en is not None and zh is not None
    texts = {"en": " ".join(en.notice + tuple(a for _, a in en.questions)),
             "zh": " ".join(zh.notice + tuple(a for _, a in zh.questions))}
    for text, value in facts.items():
        assert rounds_to(text, float(value)), f"{key}: the text says {text}, the engine {value}"
        for lang, full in texts.items():
            assert text.strip() in numbers(full), f"{key} ({lang}) does not cite {text}"
    claimed = {t.strip() for t in facts} | FREE
    for g in (en, zh):
        for line in g.notice:
            unclaimed = [n for n in numbers(line) if n not in claimed]
            assert not unclaimed, f"{key}: {unclaimed} in {line!r} are not checked"


def test_the_check_can_fail():
    """A changed preset would make its notes wrong: the claims see it."""
    assert not rounds_to("0.736", 0.7371)
    assert rounds_to("0.736", 0.7357)
    assert rounds_to("2.5e-24", 2.5435e-24) and not rounds_to("2.5e-24", 3.1e-24)
    assert rounds_to("127834", 127834.04) and not rounds_to("10", 9)
    assert numbers("x_0 at t = 4 is −0.884, hn[1], 6.36e-25") == ["4", "-0.884", "1",
                                                                   "6.36e-25"]


def test_a_changed_preset_makes_its_notes_fail(monkeypatch):
    """The latch with a weaker keep bias (3, not 15) no longer holds: its notes are wrong."""
    import dataclasses

    import guidance_claims

    from gates_lab.classroom import presets
    from gates_lab.classroom.weights import block_weights

    weaker = dataclasses.replace(presets.PRESETS["gru-latch"], state_dict=block_weights(
        "gru", 2, 1, ih={"z": [[0.0, -30.0]], "n": [[1.0, 0.0]]}, b_ih={"z": 3.0}))
    monkeypatch.setitem(presets.PRESETS, "gru-latch", weaker)
    guidance_claims.preset_run.cache_clear()
    try:
        with pytest.raises(AssertionError):
            check_claims("preset.gru-latch")
    finally:
        guidance_claims.preset_run.cache_clear()
