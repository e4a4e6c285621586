"""Every string exists in English and Simplified Chinese, and every key used exists."""

import re
from pathlib import Path

import pytest

from gates_lab.i18n import catalogue, t

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_key_has_both_languages():
    for key, (en, zh) in catalogue().items():
        assert en.strip() and zh.strip(), key
        if re.search(r"\b[a-z]{4,}\b", en):  # a real English word needs translating
            assert CJK.search(zh), f"{key}: the Chinese text has no Chinese characters: {zh!r}"


def test_fields_match_between_languages():
    for key, (en, zh) in catalogue().items():
        assert set(re.findall(r"{(\w+)}", en)) == set(re.findall(r"{(\w+)}", zh)), key


def test_literal_keys_used_in_code_exist():
    used = set()
    for path in [*ROOT.glob("gates_lab/*.py"), *ROOT.glob("pages/*.py")]:
        text = path.read_text()
        used |= set(re.findall(r"""(?<![\w.])(?:page\.)?t\(\s*["'](\w+\.[\w.]+)["']""", text))
    missing = sorted(k for k in used if k not in catalogue())
    assert not missing, missing


def test_lookup_and_fields():
    assert t("page.gru", "zh") == "GRU 单元"
    assert t("common.bad_file", "en", msg="x") == "This file could not be used: x"
    assert t("no.such.key") == "[no.such.key]"


# ---------------------------------------------------------------- problem details in zh

ENGLISH_WORDS = re.compile(r"\b(must|kept|default|unknown|ignored|row|rows|number|numbers|"
                           r"expected|file|table|should|needs|values|empty|refused)\b")


def _problems() -> list[str]:
    """Real messages of the settings codec and the file reader, for bad input of each kind."""
    import json

    import pytest

    from gates import model_io
    from gates_lab import codec
    from gates_lab import scenario as S

    found: list[str] = []
    _, errors = codec.from_query(S.Scenario, {"H": "1000", "I": "x", "L": "abc", "m": "nope",
                                          "w": "nonsense", "tb": "7"}, S.Scenario())
    found += errors
    _, errors = codec.from_dict(S.Scenario, {"cell": {"hidden_size": 99, "zzz": 1}, "view": 3})
    found += errors
    for table in (";".join(["1"] * 600), "1,x", "1,1e9", [[1.0], [1.0, 2.0]]):
        with pytest.raises(ValueError) as exc:
            S.parse_table(table)
        found.append(str(exc.value))
    for text in (b"{not json", b"[1, 2]", json.dumps({"settings": {}, "weights": 3}).encode()):
        with pytest.raises(ValueError) as exc:
            S.scenario_from_json(text)
        found.append(str(exc.value))
    from upload_cases import refused_files

    uploads = [b"", b"garbage"] + [data for data, _ in refused_files().values()]
    for data in uploads:
        with pytest.raises(ValueError) as exc:
            model_io.read_state_dict_file(data)
        found.append(str(exc.value))
    return found


def test_problem_details_read_in_chinese():
    from gates_lab.details import detail

    problems = _problems()
    assert len(problems) >= 12, problems
    for message in problems:
        assert detail(message, "en") == message
        zh = detail(message, "zh")
        assert zh != message, message
        assert not ENGLISH_WORDS.search(zh), (message, zh)


def test_a_broken_link_is_explained_in_chinese_on_a_chinese_page():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "pages" / "gru.py"), default_timeout=60)
    at.query_params["lang"] = "zh"
    at.query_params["H"] = "1000"
    at.run()
    warnings = " ".join(w.value for w in at.warning)
    assert "H=1000" in warnings and "应在 1 到 16 之间" in warnings and "已保留默认值" in warnings


@pytest.mark.parametrize("params, needles", [
    ({"lang": "fr"}, ["'lang=fr' must be one of en, zh; kept the default"]),
    ({"present": "maybe"}, ["'present=maybe' must be one of 1, 0; kept the default"]),
    ({"lang": "zh", "present": "2"}, ["'present=2'", "应为以下之一：1, 0", "已保留默认值"]),
])
def test_a_link_with_an_unknown_language_or_mode_says_so(params, needles):
    """lang and present are read before the page's settings: their own message, and the
    page still runs (in English, or the link's good language)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "pages" / "compare.py"), default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert all(n in warnings for n in needles), warnings
    assert at.title[0].value == t("page.compare", params.get("lang", "en"))
