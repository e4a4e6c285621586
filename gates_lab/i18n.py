"""English and Simplified Chinese for every label the lab shows.

Usage: ``t("cell.hidden_size", lang)`` or with fields ``t("fig.step", lang, t=3)``.
The catalogues live in ``gates_lab/locales/<area>.py``; every module there is merged here, and
a test checks that every key has both languages and that the keys used in code exist.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from gates_lab import locales

LANGUAGES: tuple[str, ...] = ("en", "zh")
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "zh": "简体中文"}


@cache
def catalogue() -> dict[str, tuple[str, str]]:
    """All strings of all areas, merged; a key defined twice is an error."""
    merged: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(locales.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{locales.__name__}.{info.name}")
        for key, pair in module.STRINGS.items():
            if key in merged:
                raise KeyError(f"string key {key!r} is defined twice (again in {info.name})")
            merged[key] = pair
    return merged


def t(key: str, lang: str = "en", **fields: object) -> str:
    """The text of ``key`` in ``lang`` ("en" or "zh"), with ``{fields}`` filled in.

    An unknown key shows itself in brackets rather than crashing a page.
    """
    pair = catalogue().get(key)
    if pair is None:
        return f"[{key}]"
    text = pair[1] if lang == "zh" else pair[0]
    return text.format(**fields) if fields else text
