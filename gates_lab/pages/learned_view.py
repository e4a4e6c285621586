"""The learned page's model display: the user's input, a model's predictions and gates,
and the per-session store of models trained in the page (Streamlit widgets)."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import streamlit as st

from gates_lab.classroom import tasks as T
from gates_lab.figures.common import PLOTLY_CONFIG
from gates_lab.figures.learned import class_label, probabilities, view_figures
from gates_lab.learned_models import LearnedSettings, View, encode, example_text, run_model
from gates_lab.ui import Bound, Page, panel, within_limit

MAX_TEXT = 2000  # characters of typed input a learned model reads
MODELS_KEY = "learned.models"  # {"task/kind/free" | "task/kind/limited": TrainedModel}


def session_models() -> dict[str, Any]:
    return st.session_state.setdefault(MODELS_KEY, {})


def input_box(page: Page, bound: Bound[LearnedSettings], task: T.Task
              ) -> tuple[str, np.ndarray, list[str]] | None:
    """The user's input (typed; empty = the example). None (with a message) when bad."""
    example = example_text(task, 0, page.lang)
    c1, c2 = st.columns([3, 1])  # room for the button's label in large type
    with c1:
        # no max_chars: the browser would drop a longer paste silently; cut with a message
        text = within_limit(page, bound.widget(st.text_input, "text",
                                               bound.value.text or example,
                                               page.t("learn.input"),
                                               help=page.t(f"task.{task.name}.hint")),
                            MAX_TEXT)
    bound.set("text", "" if text == example else text)

    def new_example() -> None:
        seed = int(time.time() * 1000) % 100_000 + 1
        bound.replace_all(dataclasses.replace(bound.value,
                                              text=example_text(task, seed, page.lang)))

    with c2:
        st.write("")
        st.button(page.t("learn.new_example"), on_click=new_example, key="learned.example",
                  width="stretch")
    try:
        x, labels = encode(task, text)
    except ValueError as exc:
        st.error(page.t("learn.bad_input", msg=page.detail(exc)), icon="⚠️")
        return None
    return text, x, labels


def show_view(page: Page, model: Any, view: View, labels: list[str], where: str,
              figs: dict[str, Any] | None = None) -> None:
    """Predictions and gates of ``model`` on one input (``figs``: figures built before)."""
    task = T.get_task(model.task)
    figs = figs or view_figures(task, view, labels, lang=page.lang, present=page.present)
    panel(page, lambda: show_predictions(page, task, view, labels, figs["output"]))
    panel(page, lambda: show_model_gates(page, model, figs["gates"], where))


def session_memo(key: Any, build: Callable[[], Any]) -> Any:
    """Per-session memo for what belongs to a model trained in this session (the
    shared caches hold shipped models only)."""
    store = st.session_state.setdefault("learned.memo", {})
    if key not in store:
        if len(store) >= 24:
            store.clear()
        store[key] = build()
    return store[key]


def _model_id(model: Any) -> tuple[int, float]:
    # id() alone may be reused by the next model; its measured training time won't be
    return id(model), float(model.train_seconds)


def show_trained(page: Page, model: Any, text: str, x: np.ndarray, labels: list[str],
                 where: str) -> None:
    """show_view for a model trained in this session, its run and figures memoised."""
    view, figs = session_memo(("view", _model_id(model), text, page), lambda: _view_and_figures(
        page, model, x, labels))
    show_view(page, model, view, labels, where, figs)


def _view_and_figures(page: Page, model: Any, x: np.ndarray, labels: list[str]
                      ) -> tuple[View, dict[str, Any]]:
    view = run_model(model, x)
    return view, view_figures(T.get_task(model.task), view, labels, lang=page.lang,
                               present=page.present)


def show_predictions(page: Page, task: T.Task, view: View, labels: list[str],
                     fig: Any) -> None:
    import pandas as pd

    st.subheader(page.t("learn.predictions"))
    out = view.outputs
    if task.per_step:
        pred = np.argmax(out, axis=1)
        target = view.targets
        scored = target != T.IGNORE
        right = int(np.sum(pred[scored] == target[scored]))
        rows = {
            page.t("learn.row.input"): labels,
            page.t("learn.row.prediction"): [task.class_labels[p] for p in pred],
            page.t("learn.row.answer"): [task.class_labels[t] if t != T.IGNORE else "·"
                                         for t in target],
            page.t("learn.row.right"): ["" if t == T.IGNORE else ("✓" if p == t else "✗")
                                        for p, t in zip(pred, target, strict=True)],
        }
        frame = pd.DataFrame(rows).T
        frame.columns = [str(i + 1) for i in range(len(labels))]
        st.dataframe(frame, width="stretch")
        if np.any(scored):
            st.caption(page.t("learn.per_step_score", right=right, total=int(scored.sum()),
                              share=right / int(scored.sum())))
        return
    target = view.targets[0]
    c1, c2 = st.columns(2)
    if task.output == "regression":
        value = float(out[-1, 0])
        ok = abs(value - target) < task.tolerance
        c1.metric(page.t("learn.final_prediction"), f"{value:.3f}",
                  delta=f"{value - target:+.3f}", delta_color="off")
        c2.metric(page.t("learn.answer"), f"{target:.3f}")
    else:
        probs = probabilities(out)
        pred = int(np.argmax(out[-1]))
        ok = pred == target
        c1.metric(page.t("learn.final_prediction"),
                  f"{class_label(task, pred, page.lang)} ({probs[-1, pred]:.0%})")
        c2.metric(page.t("learn.answer"), "—" if target == T.IGNORE
                  else class_label(task, int(target), page.lang))
    if not (task.output == "classes" and target == T.IGNORE):
        st.caption(page.t("learn.right" if ok else "learn.wrong"))
    st.plotly_chart(fig, config=PLOTLY_CONFIG, key="learned.chart.out")


def show_model_gates(page: Page, model: Any, fig: Any, where: str) -> None:
    st.subheader(page.t("learn.gates", kind=model.kind.upper(), h=model.hidden_size))
    st.caption(page.t("learn.gates_help"))
    st.plotly_chart(fig, config=PLOTLY_CONFIG, key=f"learned.chart.gates.{where}")
