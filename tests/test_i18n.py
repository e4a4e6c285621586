"""Every string exists in English and Simplified Chinese, and every key used exists."""

import re
from pathlib import Path

from lab.i18n import catalogue, t

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
    for path in [*ROOT.glob("lab/*.py"), *ROOT.glob("pages/*.py")]:
        text = path.read_text()
        used |= set(re.findall(r"""(?<![\w.])(?:page\.)?t\(\s*["'](\w+\.[\w.]+)["']""", text))
    missing = sorted(k for k in used if k not in catalogue())
    assert not missing, missing


def test_lookup_and_fields():
    assert t("page.gru", "zh") == "GRU 单元"
    assert t("common.bad_file", "en", msg="x") == "This file could not be used: x"
    assert t("no.such.key") == "[no.such.key]"
