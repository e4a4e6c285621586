"""The preset buttons and the two-step lesson shared by the Compare and Vanishing-gradients
pages: each page opens on its lesson's first step, says why the chart looks as it does,
and offers the other step (at random initialisation) one click away."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import streamlit as st

from gates_lab.guide_ui import show_guide
from gates_lab.ui import Bound, Page


@dataclass(frozen=True)
class Lesson:
    """``area``: the locale prefix (``cmp`` -> keys ``cmp.presets``, ``cmp.preset.<name>``,
    ``cmp.lesson.<step>``, ``cmp.lesson.go_<step>``); ``key``: the widget-key prefix;
    ``presets``: named field values; ``steps``: the lesson's two presets, in order (their
    guides: ``<key>.step1``, ``<key>.step2`` in gates_lab/locales/guidance.py); ``view_only``:
    fields that change what is shown, not the numbers the guides cite."""

    area: str
    key: str
    presets: Mapping[str, Mapping[str, Any]]
    steps: tuple[str, str]
    view_only: tuple[str, ...] = ()

    @property
    def fields(self) -> tuple[str, ...]:
        """The fields the steps set: a link naming none of them opens on step 1 (see
        gates_lab.ui.Bound's ``opening_fields``)."""
        return tuple(dict.fromkeys(f for step in self.steps for f in self.presets[step]))

    def applier(self, bound: Bound[Any], name: str) -> Callable[[], None]:
        def apply() -> None:
            bound.replace_all(dataclasses.replace(bound.value, **self.presets[name]))
        return apply

    def step(self, s: Any) -> str | None:
        """Which step the settings show (None: the class went its own way)."""
        return next((n for n in self.steps
                     if s == dataclasses.replace(s, **self.presets[n])), None)

    def preset_buttons(self, page: Page, bound: Bound[Any]) -> None:
        st.markdown(f"**{page.t(f'{self.area}.presets')}**")
        # in large type four buttons in a row would cut their labels short: two a row;
        # in normal type up to four fit a row at 1280x720, more go three a row
        n = len(self.presets)
        per_row = 2 if page.present else (n if n <= 4 else 3)
        cols = [c for start in range(0, len(self.presets), per_row)
                for c in st.columns(per_row)][:len(self.presets)]
        for col, name in zip(cols, self.presets, strict=True):
            col.button(page.t(f"{self.area}.preset.{name}"), on_click=self.applier(bound, name),
                       key=f"{self.key}.preset.{name}",
                       help=page.t(f"{self.area}.preset.{name}_help"), width="stretch")

    def show(self, page: Page, bound: Bound[Any], s: Any) -> None:
        """Why the chart looks as it does, and the button to the lesson's other step."""
        step = self.step(s)
        if step is None:
            return
        other = self.steps[1 - self.steps.index(step)]
        st.info(page.t(f"{self.area}.lesson.{step}"), icon="💡")
        own = type(s)(**self.presets[step])  # the step as the lesson opens it
        changed = any(getattr(s, f.name) != getattr(own, f.name)
                      for f in dataclasses.fields(s) if f.name not in self.view_only)
        show_guide(page, f"{self.key}.step{self.steps.index(step) + 1}",
                   note=page.t("guide.own_settings") if changed else None)
        st.button(page.t(f"{self.area}.lesson.go_{other}"), on_click=self.applier(bound, other),
                  key=f"{self.key}.lesson.{other}",
                  type="primary" if other == "init" else "secondary")
