"""Every link is safe: each page opened under AppTest with random, broken and hostile values
for every URL parameter it knows, and for unknown ones, raises nothing and still renders.

Hypothesis draws the links (huge integers, NaN, infinities, empty values, 5,000-character
values, unicode, repeated keys where one value belongs, values of the right shape with wrong
numbers inside); a fixed set of hostile links runs on every page as well. An unknown
parameter is named back in the page's "could not use" message.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from gates_lab import codec, ui
from gates_lab import scenario as S
from gates_lab.i18n import t
from gates_lab.kind_view import CELL_PAGES
from gates_lab.navigation import PAGES
from gates_lab.pages.challenges import ChallengeSettings
from gates_lab.pages.compare import CompareSettings
from gates_lab.pages.deep import DeepSettings
from gates_lab.pages.gradients import GradSettings
from gates_lab.pages.learned import LearnedSettings

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 120
# links drawn per page (a deeper search: LAB_FUZZ_EXAMPLES=500)
EXAMPLES = int(os.environ.get("LAB_FUZZ_EXAMPLES", "15"))

# the settings class each page reads its link with (gates_lab/ui.py's Bound)
SETTINGS: dict[str, type] = {
    "home": ui.NoSettings, **dict.fromkeys(CELL_PAGES, S.Scenario),
    "compare": CompareSettings, "gradients": GradSettings, "deep": DeepSettings,
    "learned": LearnedSettings, "challenges": ChallengeSettings,
}
GLOBAL = ("lang", "present")
UNKNOWN = ("zzz", "Lx", "h", "l", "PRESET", "设置", "a b", "x" * 300)


def fields(cls: type) -> list[dataclasses.Field[Any]]:
    """Every leaf field of a settings class (nested dataclasses flattened)."""
    out = []
    for f in dataclasses.fields(cls):
        tp = codec.field_type(cls, f)
        out += fields(tp) if isinstance(tp, type) and dataclasses.is_dataclass(tp) else [f]
    return out


HUGE = "9" * 400
HOSTILE = (
    HUGE, "-" + HUGE, "1" + "0" * 399, "1e400", "-1e400", "1e-400", "nan", "NaN", "-nan",
    "inf", "-inf", "Infinity", "-Infinity", "", " ", "0", "-0", "-1", "0.5", "1e308",
    "2147483648", "9223372036854775808", "0x10", "1_000", "١٢", "²", "true", "None",
    "null", "[]", "{}", "'", '"', "%00", "\x00", "<script>alert(1)</script>",
    "weight_hh_l0:0:0=" + HUGE, "weight_hh_l0:99999999999999999999:0=1", "weight_ih_l0:²=1",
    "bias_ih_l0:0=nan;bias_hh_l0:0=inf", "sine,1e400,20,5,0,0", "sine,1,²,5,0,0",
    "noise," + HUGE + ",1,1,1,1", "|||", ",,,", ";;;", "1,2;3", "1," * 2500, "a" * 5000,
    "9" * 5000, "人" * 5000, "🔁" * 1000,
)

numbers = st.one_of(
    st.integers(min_value=-(10**400), max_value=10**400).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["nan", "inf", "-inf", "1e400", "-1e400", HUGE]),
)
scalar = st.one_of(
    st.sampled_from(HOSTILE),
    numbers,
    st.text(max_size=40),  # any unicode, control characters included
    st.sampled_from("9a人🔁,;|=:").map(lambda c: c * 5000),
    st.lists(numbers, min_size=1, max_size=6).map(",".join),  # a list where one number goes
    st.lists(st.lists(numbers, min_size=1, max_size=3).map(",".join),
             min_size=1, max_size=4).map(";".join),
)
# the compound fields' shapes ("w=weight_hh_l0:0:1=0.5;...", "ch=sine,1,20,5,0,0|...",
# "tab=1,2;3,4", "sc=1,2") with hostile pieces: names, indices and numbers
atom = st.one_of(
    numbers, st.sampled_from(["weight_hh_l0", "weight_ih_l0", "bias_ih_l0", "bias_hh_l0",
                              "sine", "noise", "step", "impulses", "²", "١", "", "9" * 5000]),
    st.text(max_size=8),
)
structured = st.recursive(
    atom, lambda inner: st.tuples(st.sampled_from(",;|=:"),
                                  st.lists(inner, min_size=1, max_size=6)).map(
        lambda sep_parts: sep_parts[0].join(sep_parts[1])),
    max_leaves=24)
scalar = st.one_of(scalar, structured)
value = st.one_of(scalar, st.lists(scalar, min_size=2, max_size=3))  # repeated keys


def field_values(f: dataclasses.Field[Any]) -> st.SearchStrategy[str]:
    """Values near what the field accepts: its choices, its limits and just beyond."""
    meta = f.metadata
    near = []
    if meta.get("choices"):
        near.append(st.sampled_from(meta["choices"]))
    for limit in (meta.get("lo"), meta.get("hi")):
        if limit is not None:
            near.append(st.sampled_from([codec.fmt_plain(limit), str(limit * 10 + 1),
                                         str(-limit - 1)]))
    return st.one_of(value, *near) if near else value


def page_links(name: str) -> st.SearchStrategy[dict[str, Any]]:
    known = {f.metadata["url"]: field_values(f) for f in fields(SETTINGS[name])}
    known |= {"lang": st.one_of(st.sampled_from(["en", "zh"]), value),
              "present": st.one_of(st.sampled_from(["1", "0"]), value)}
    chosen = st.lists(st.sampled_from(sorted(known)), unique=True, max_size=len(known))
    unknown = st.dictionaries(st.one_of(st.sampled_from(UNKNOWN), st.text(min_size=1,
                                                                          max_size=12)),
                              value, max_size=2)

    @st.composite
    def link(draw: Any) -> dict[str, Any]:
        out = {k: draw(known[k]) for k in draw(chosen)}
        for k, v in draw(unknown).items():
            if k not in known and k.lower() not in ui.STREAMLIT_KEYS:
                out[k] = v
        return out

    return link()


def open_link(name: str, query: dict[str, Any]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / f"{name}.py"), default_timeout=TIMEOUT)
    for key, val in query.items():
        at.query_params[key] = val
    at.run()
    return at


def check_page(name: str, query: dict[str, Any]) -> None:
    """No uncaught exception, no broken panel, the page drawn, unknown parameters named."""
    at = open_link(name, query)
    shown = {codec.shorten(k): codec.shorten(v) for k, v in query.items()}
    assert not at.exception, ([e.value for e in at.exception], shown)
    lang = "zh" if at.session_state["lab.language"] == "zh" else "en"
    broken = t("common.panel_error", lang, msg="").split("{")[0][:10]
    errors = [e.value for e in at.error if str(e.value).startswith(broken)]
    assert not errors, (errors, shown)
    assert at.title, ("no title", shown)
    # a chart or the equations; or what a section starts from (learned: train, upload);
    # or a message saying what the input should be (e.g. text the task cannot read)
    shown_parts = [*at.get("plotly_chart"), *at.get("bidi_component"), *at.latex,
                   *at.button, *at.get("file_uploader"), *at.error]
    assert shown_parts, ("nothing drawn and nothing said", shown)
    known = codec.url_names(SETTINGS[name]) | set(GLOBAL)
    warnings = " ".join(str(w.value) for w in at.warning)
    for key in query:
        if key not in known:
            assert f"'{codec.shorten(key)}=" in warnings, (key, warnings[:500], shown)


def test_every_page_has_its_settings_class() -> None:
    assert sorted(SETTINGS) == sorted(name for name, _ in PAGES)


@pytest.mark.parametrize("name", list(SETTINGS))
def test_every_parameter_huge_or_hostile(name: str) -> None:
    """The links that crashed 8 of 9 pages: every parameter the page knows set to one
    hostile value at once, plus an unknown one."""
    names = [f.metadata["url"] for f in fields(SETTINGS[name])] + list(GLOBAL)
    for bad in (HUGE, "-" + HUGE, "nan", "inf", "-inf", "", "a" * 5000, "人🔁"):
        check_page(name, {**dict.fromkeys(names, bad), "zzz": bad})
    check_page(name, {**{k: [HUGE, "nan"] for k in names}, "zzz": ["1", "2"]})


@pytest.mark.parametrize("name", list(SETTINGS))
def test_each_parameter_alone_with_each_hostile_value(name: str) -> None:
    names = sorted({f.metadata["url"] for f in fields(SETTINGS[name])})
    for i, key in enumerate(names):
        # every parameter meets two of the hostile values, each page another two
        for bad in HOSTILE[i % 14::14][:2]:
            check_page(name, {key: bad})


# what the random links found once, kept as fixed cases
FOUND = [
    ("gru", {"w": "weight_ih_l0:²=1"}),  # str.isdigit("²"), int("²") fails
    ("lstm", {"sc": "6,-1,100", "sh": "-100"}),  # knobs beyond the live control's range
    ("lstm", {"ra": HUGE, "tb": HUGE, "w": HUGE, "sc": "6"}),
    ("learned", {"view": "train", "hid": HUGE, "kind": "-inf"}),  # a section, no chart
]


@pytest.mark.parametrize(("name", "query"), FOUND)
def test_links_the_fuzz_found(name: str, query: dict[str, Any]) -> None:
    check_page(name, query)


@pytest.mark.parametrize("name", list(SETTINGS))
@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_random_links_open_safely(name: str, data: st.DataObject) -> None:
    check_page(name, data.draw(page_links(name), label="link"))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", list(SETTINGS))
def test_unknown_parameter_is_named(name: str, lang: str) -> None:
    query = {"lang": lang, "colour": "red"}
    plain = [f for f in fields(SETTINGS[name]) if not f.metadata["codec"]]
    if plain:  # and one the page knows, at its default
        query[plain[0].metadata["url"]] = codec.fmt_plain(plain[0].default)
    at = open_link(name, query)
    assert not at.exception
    messages = [str(w.value) for w in at.warning]
    start = t("common.url_problem", lang, msg="")
    # named back once, in the page's language
    assert len([m for m in messages if m.startswith(start) and "'colour=red'" in m]) == 1, \
        messages
    if lang == "zh":
        assert any("'colour=red' 不是本页的设置" in m for m in messages), messages
    assert len(messages) == 1, messages  # nothing else: lang and the known one are fine
