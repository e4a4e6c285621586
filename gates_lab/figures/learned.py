"""Figures of the learned-gates page (no Streamlit here): the answer read out after
every step, training loss curves, and a model's gates on one input."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from gates_lab.classroom import tasks as T
from gates_lab.figures import over_time
from gates_lab.i18n import t


def class_label(task: T.Task, index: int, lang: str) -> str:
    if task.name == "sentiment":
        return t(("learn.negative", "learn.positive")[index], lang)
    return task.class_labels[index]


def probabilities(out: np.ndarray) -> np.ndarray:
    """Softmax of every step's readout."""
    probs = np.exp(out - out.max(axis=1, keepdims=True))
    return probs / probs.sum(axis=1, keepdims=True)


def output_figure(task: T.Task, view: Any, labels: list[str], *, lang: str = "en",
                  present: bool = False) -> Any:
    """The per-sequence answer read out after every step."""
    if task.output == "regression":
        series = {t("learn.output_over_time", lang): view.outputs[:, 0]}
    elif task.name == "sentiment":
        series = {t("learn.p_positive", lang): probabilities(view.outputs)[:, 1]}
    else:
        series = {t("learn.p_answer", lang): probabilities(view.outputs).max(axis=1)}
    steps = list(range(len(labels)))
    fig = over_time.line_chart(series, x=steps, title=t("learn.output_over_time_title", lang),
                               x_title=t("learn.step", lang), lang=lang, present=present)
    fig.update_xaxes(tickmode="array", tickvals=steps, ticktext=labels)
    fig.update_layout(height=280 if not present else 380)
    return fig


def loss_figure(curves: Mapping[str, Any], *, lang: str = "en", present: bool = False,
                height: tuple[int, int] = (260, 360)) -> Any:
    """Training loss per step on a log axis, one line per run (``height``: normal and
    presentation mode)."""
    steps = len(next(iter(curves.values())))
    fig = over_time.line_chart({name: np.asarray(losses) for name, losses in curves.items()},
                               x=np.arange(1, steps + 1), title=t("learn.loss_title", lang),
                               x_title=t("learn.training_step", lang),
                               y_title=t("learn.loss", lang), log_y=True, lang=lang,
                               present=present)
    fig.update_layout(height=height[present])
    return fig


def view_figures(task: T.Task, view: Any, labels: list[str], *, lang: str = "en",
                 present: bool = False) -> dict[str, Any]:
    """A model's gates on one input and, for per-sequence tasks, its answer over time."""
    return {"gates": over_time.state_heatmap(view.trace, tokens=labels, lang=lang,
                                             present=present),
            "output": None if task.per_step else output_figure(task, view, labels, lang=lang,
                                                               present=present)}
