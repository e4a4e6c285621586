"""The learned page's training sections: train now (with a live loss curve) and train
with max-norm limits beside an unconstrained run."""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import streamlit as st

from gates_lab.classroom import tasks as T
from gates_lab.figures.common import PLOTLY_CONFIG
from gates_lab.figures.learned import loss_figure
from gates_lab.learned_models import LearnedSettings, engine_net, model_stats
from gates_lab.model_export import pt_download
from gates_lab.pages.learned_view import (
    _model_id,
    input_box,
    session_memo,
    session_models,
    show_trained,
)
from gates_lab.ui import Bound, Page, panel


def constraints_of(s: LearnedSettings) -> Any:
    from gates_lab.classroom.training import Constraints

    def bound(v: float) -> float | None:
        return float(v) if v > 0 else None

    return Constraints(bound(s.input_max_norm), bound(s.recurrent_max_norm),
                       bound(s.bias_max_norm))


def train_with_progress(page: Page, s: LearnedSettings, constraints: Any, label: str) -> Any:
    """Train in the page: a progress bar and a live loss curve every few steps."""
    from gates_lab.classroom.training import train

    st.markdown(f"**{label}**")
    bar = st.progress(0.0, text=page.t("learn.starting"))
    chart = st.empty()
    losses: list[float] = []
    uid = f"{label}.{time.monotonic_ns()}"
    last = [0.0]  # when the chart was last drawn: at most ~3 redraws a second

    def progress(step: int, total: int, loss: float) -> None:
        losses.append(float(loss))
        now = time.perf_counter()
        if now - last[0] >= 0.3 or step == total:
            last[0] = now
            bar.progress(step / total, text=page.t("learn.progress", step=step, total=total,
                                                   loss=loss))
            chart.plotly_chart(loss_figure({page.t("learn.loss"): losses}, lang=page.lang,
                                           present=page.present), config=PLOTLY_CONFIG,
                               key=f"learned.loss.{uid}.{step}")

    return train(s.task, s.kind, hidden_size=s.hidden_size, steps=s.steps, seed=s.seed,
                 constraints=constraints, progress=progress)


def training_knobs(page: Page, bound: Bound[LearnedSettings]) -> None:
    c1, c2, c3 = st.columns(3)
    with c1:
        bound.number("steps", page.t("learn.steps"), step=10, help=page.t("learn.steps_help"))
    with c2:
        bound.number("hidden_size", page.t("learn.hidden"), step=1)
    with c3:
        bound.number("seed", page.t("learn.seed"), step=1)


def train_section(page: Page, bound: Bound[LearnedSettings]) -> None:
    training_knobs(page, bound)
    s = bound.value
    key = f"{s.task}/{s.kind}/free"
    trained_now = st.button(page.t("learn.train_now", kind=s.kind.upper()),
                            key="learned.train", type="primary")
    if trained_now:  # the live loss curve stays on screen as this run's chart
        model = train_with_progress(page, s, None, page.t("learn.training"))
        session_models()[key] = model
        st.session_state.pop(bound.key("source"), None)
        bound.set("source", "trained")
    model = session_models().get(key)
    if model is None:
        st.caption(page.t("learn.train_help"))
        return
    st.success(page.t("learn.trained", kind=model.kind.upper(), acc=model.accuracy,
                      sec=model.train_seconds, steps=model.steps), icon="✅")
    if not trained_now:
        st.plotly_chart(loss_figure({page.t("learn.loss"): model.loss_history},
                                    lang=page.lang, present=page.present), config=PLOTLY_CONFIG,
                        key="learned.chart.loss.final")
    got = input_box(page, bound, T.get_task(s.task))
    if got is not None:
        _, x, labels = got
        show_trained(page, model, got[0], x, labels, "train")
    pt_download(page, engine_net(model), name=f"{s.task}_{s.kind}",
                key="learned.dl.trained_pt")


def limits_section(page: Page, bound: Bound[LearnedSettings]) -> None:
    st.caption(page.t("learn.limits_help"))
    c1, c2, c3 = st.columns(3)
    with c1:
        bound.number("input_max_norm", page.t("learn.max_input"), step=0.1,
                     help=page.t("learn.max_zero"))
    with c2:
        bound.number("recurrent_max_norm", page.t("learn.max_recurrent"), step=0.1,
                     help=page.t("learn.max_zero"))
    with c3:
        bound.number("bias_max_norm", page.t("learn.max_bias"), step=0.1,
                     help=page.t("learn.max_zero"))
    training_knobs(page, bound)
    s = bound.value
    free_key, limited_key = f"{s.task}/{s.kind}/free", f"{s.task}/{s.kind}/limited"
    if st.button(page.t("learn.train_both", kind=s.kind.upper()), key="learned.train_both",
                 type="primary"):
        c1, c2 = st.columns(2)
        with c1:
            free = train_with_progress(page, s, None, page.t("learn.unconstrained"))
        with c2:
            limited = train_with_progress(page, s, constraints_of(s),
                                          page.t("learn.constrained"))
        models = session_models()
        models[free_key], models[limited_key] = free, limited
    models = session_models()
    free, limited = models.get(free_key), models.get(limited_key)
    if free is None or limited is None:
        st.caption(page.t("learn.limits_none"))
        return
    panel(page, lambda: compare_models(page, free, limited))


@st.cache_data(show_spinner=False, max_entries=16)
def _saturation_data(task: str, length: int, seed: int) -> np.ndarray:
    x, _ = T.generate(T.get_task(task), 64, length, seed)
    return x


def _stats(model: Any) -> dict[str, Any]:
    return model_stats(model, _saturation_data(model.task, model.length, model.eval_seed + 1))


def compare_models(page: Page, free: Any, limited: Any) -> None:
    """Constrained vs unconstrained: accuracy, weight norms, gate saturation."""
    import pandas as pd

    stats = {"free": session_memo(("stats", _model_id(free)), lambda: _stats(free)),
             "limited": session_memo(("stats", _model_id(limited)), lambda: _stats(limited))}
    names = {"free": page.t("learn.unconstrained"), "limited": page.t("learn.constrained")}
    st.subheader(page.t("learn.compare"))
    cols = st.columns(2)
    for (which, stat), col in zip(stats.items(), cols, strict=True):
        col.metric(names[which], f"{stat['accuracy']:.1%}", help=page.t("learn.heldout"))
    norm_rows = {}
    for which, stat in stats.items():
        norm_rows[names[which]] = {page.t(f"learn.norm.{k}"): float(np.max(v))
                                   for k, v in stat["norms"].items()}
    st.markdown(f"**{page.t('learn.norms')}**")
    st.dataframe(pd.DataFrame(norm_rows).style.format("{:.3f}"), width="stretch")
    limits = constraints_text(page, limited.constraints)
    st.caption(page.t("learn.norms_help", limits=limits))
    sat = {}
    for which, stat in stats.items():
        for gate, (low, high) in stat["saturation"].items():
            sat.setdefault(page.t(f"fig.q.{gate}") if _has_key(f"fig.q.{gate}") else gate,
                           {})[names[which]] = f"{low:.0%} / {high:.0%}"
    st.markdown(f"**{page.t('learn.saturation')}**")
    if sat:
        st.dataframe(pd.DataFrame(sat).T, width="stretch")
        st.caption(page.t("learn.saturation_help"))
    else:
        st.caption(page.t("learn.no_gates"))
    fig = loss_figure({names["free"]: free.loss_history, names["limited"]: limited.loss_history},
                      lang=page.lang, present=page.present, height=(300, 400))
    st.plotly_chart(fig, config=PLOTLY_CONFIG, key="learned.chart.compare_loss")


def _has_key(key: str) -> bool:
    from gates_lab.i18n import catalogue

    return key in catalogue()


def constraints_text(page: Page, c: Any) -> str:
    if c is None:
        return page.t("learn.none")
    parts = [f"{page.t(label)} ≤ {v:g}" for label, v in (
        ("learn.max_input", c.input_max_norm), ("learn.max_recurrent", c.recurrent_max_norm),
        ("learn.max_bias", c.bias_max_norm)) if v is not None]
    return ", ".join(parts) or page.t("learn.none")
