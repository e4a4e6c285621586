"""What a class should look at on each page, preset, lesson step, learned task and
challenge, with one or two questions whose answers wait behind a reveal.

Pure (no streamlit): the texts are in gates_lab/locales/guidance.py (presets) and
guidance_pages.py (the rest) under
``guide.<key>.n1..n3`` (what to notice) and ``guide.<key>.q1/a1, q2/a2`` (questions);
gates_lab/guide_ui.py shows them. ``guide_keys()`` is derived from the registries (presets,
learned tasks, challenges), so a new preset without guidance fails tests/test_guidance.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from gates_lab.i18n import catalogue, t

__all__ = ["PAGE_KEYS", "Guide", "guide", "guide_keys"]

# The pages and lesson steps with guidance of their own (the two-step lessons of
# gates_lab/pages/compare.py and gradients.py, and the Stacked & bidirectional page).
PAGE_KEYS: tuple[str, ...] = ("compare.step1", "compare.step2", "gradients.step1",
                              "gradients.step2", "deep")
MAX_NOTICES = 3
MAX_QUESTIONS = 2


@dataclass(frozen=True)
class Guide:
    notice: tuple[str, ...]  # 2-3 "what to notice" lines
    questions: tuple[tuple[str, str], ...]  # 1-2 (question, answer)


def guide_keys() -> tuple[str, ...]:
    """Every key that must have a guide: each preset, lesson step, page, task, challenge."""
    from gates_lab.classroom.challenges import CHALLENGES
    from gates_lab.classroom.presets import PRESETS
    from gates_lab.classroom.tasks import TASKS

    return (tuple(f"preset.{name}" for name in PRESETS) + PAGE_KEYS
            + tuple(f"learned.{name}" for name in TASKS)
            + tuple(f"challenge.{cid}" for cid in CHALLENGES))


def guide(key: str, lang: str) -> Guide | None:
    """The guide of ``key`` in ``lang`` ("en" or "zh"); None when ``key`` has none."""
    strings = catalogue()
    prefix = f"guide.{key}."
    notice = tuple(t(f"{prefix}n{i}", lang) for i in range(1, MAX_NOTICES + 1)
                   if f"{prefix}n{i}" in strings)
    questions = tuple((t(f"{prefix}q{i}", lang), t(f"{prefix}a{i}", lang))
                      for i in range(1, MAX_QUESTIONS + 1)
                      if f"{prefix}q{i}" in strings and f"{prefix}a{i}" in strings)
    if not notice and not questions:
        return None
    return Guide(notice, questions)
