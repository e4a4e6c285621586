"""The learned-gates page: gates of cells trained on toy tasks, training in the page,
constrained training, and the user's own torch model.

Reads like the screen: title; task (with its explanation) and cell kind; the held-out
accuracy of every cell kind; then one of four sections: watch the shipped (or freshly
trained) model on an input the user types, train now, train with max-norm limits side by
side, bring your own model. Trained and uploaded models live in ``st.session_state``
(per user), shipped ones in ``st.cache_resource`` (read-only, shared).

This module holds the page's frame, the shipped models' caches and the watch and own-model
sections; the model display is gates_lab/pages/learned_view.py, the training sections
gates_lab/pages/learned_train.py, the settings and everything without widgets
gates_lab/learned_models.py, the figures gates_lab/figures/learned.py.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

from gates_lab.classroom import tasks as T
from gates_lab.classroom.training import MODELS_DIR
from gates_lab.figures import over_time
from gates_lab.figures.common import PLOTLY_CONFIG
from gates_lab.figures.learned import view_figures
from gates_lab.guide_ui import show_guide
from gates_lab.i18n import t
from gates_lab.kind_view import view
from gates_lab.learned_models import (
    KINDS,
    LearnedSettings,
    View,
    encode,
    example_text,
    handle_upload,
    own_input,
    parse_accuracy,
    run_model,
    with_nonlinearity,
)
from gates_lab.model_export import pt_bytes, pt_download, torch_constructor
from gates_lab.pages.learned_train import limits_section, train_section
from gates_lab.pages.learned_view import (
    MODELS_KEY,
    input_box,
    session_models,
    show_trained,
    show_view,
)
from gates_lab.ui import Bound, Page, controls, panel, refused_type, setup

MODELS = MODELS_DIR  # the shipped models (tests point it elsewhere)
UPLOAD_KEY = "learned.uploaded"  # (file name, UploadedModel) of the last good upload
UPLOAD_ERROR = "learned.upload_error"


# --------------------------------------------------------------------------- data


def model_path(task: str, kind: str) -> Path:
    from gates_lab.classroom.training import pretrained_path

    return pretrained_path(task, kind, MODELS)


def model_mtime(task: str, kind: str) -> float:
    """Part of every cache key of a shipped model: a new file is read afresh."""
    path = model_path(task, kind)
    return path.stat().st_mtime if path.exists() else 0.0


def shipped_model(task: str, kind: str) -> Any:
    """The shipped model of ``task`` and ``kind`` (None when there is no file)."""
    return _load_shipped(task, kind, model_mtime(task, kind))


@st.cache_resource(show_spinner=False, max_entries=16)
def _load_shipped(task: str, kind: str, mtime: float) -> Any:
    from gates_lab.classroom.training import load_model

    path = model_path(task, kind)
    return load_model(path) if path.exists() else None


@st.cache_data(show_spinner=False, max_entries=4)
def shipped_accuracy(mtime: float) -> dict[str, dict[str, float]]:
    """{task: {kind: held-out accuracy}} from models/accuracy.json ({} without it)."""
    path = MODELS / "accuracy.json"
    if not path.exists():
        return {}
    return parse_accuracy(json.loads(path.read_text()))


def accuracy_table() -> dict[str, dict[str, float]]:
    path = MODELS / "accuracy.json"
    return shipped_accuracy(path.stat().st_mtime if path.exists() else 0.0)


def shipped_view(task: str, kind: str, text: str) -> View | None:
    """The shipped model's view of the input (cached: the page's everyday rerun)."""
    return _shipped_view(task, kind, text, model_mtime(task, kind))


@st.cache_data(show_spinner=False, max_entries=64)
def _shipped_view(task: str, kind: str, text: str, mtime: float) -> View | None:
    model = shipped_model(task, kind)
    if model is None:
        return None
    x, _ = encode(T.get_task(task), text)
    return run_model(model, x)


# --------------------------------------------------------------------------- the page


def render() -> None:
    page = setup("learned")
    bound = Bound(page, LearnedSettings)
    st.title(page.t("page.learned"))
    st.caption(page.t("learn.intro"))

    with controls(page, "learn.choose"):
        c1, c2 = st.columns([2, 1])
        with c1:
            bound.select("task", page.t("learn.task"), on_change=_reset_text(bound),
                         format_func=lambda n: _title(T.get_task(n), page.lang))
        with c2:
            bound.select("kind", page.t("learn.kind"), radio=True,
                         format_func=lambda k: k.upper())
    s = bound.value
    task = T.get_task(s.task)
    st.info(f"**{_title(task, page.lang)}** — "
            f"{page.t(f'task.{task.name}.explain')}", icon="🎓")
    own_text = bool(s.text) and s.text != example_text(task, lang=page.lang)
    show_guide(page, f"learned.{task.name}",
               note=page.t("guide.own_input") if own_text else None)
    panel(page, lambda: show_accuracy(page, s))

    section = bound.select("section", page.t("learn.section"), radio=True,
                           format_func=lambda v: page.t(f"learn.section.{v}"))
    if section == "watch":
        watch_section(page, bound)
    elif section == "train":
        train_section(page, bound)
    elif section == "limits":
        limits_section(page, bound)
    else:
        own_section(page, bound)
    bound.commit()


def _title(task: T.Task, lang: str) -> str:
    return t(f"task.{task.name}.title", lang)


def _reset_text(bound: Bound[LearnedSettings]) -> Callable[[], None]:
    """On a new task the old input no longer fits: go back to the task's example."""

    def reset() -> None:
        new_task = st.session_state[bound.key("task")]
        bound.replace_all(dataclasses.replace(bound.value, task=new_task, text=""))

    return reset


def show_accuracy(page: Page, s: LearnedSettings) -> None:
    """Held-out accuracy of every cell kind on this task, the chosen one marked."""
    table = accuracy_table().get(s.task, {})
    trained = session_models()
    st.markdown(f"**{page.t('learn.accuracy')}**")
    cols = st.columns(len(KINDS))
    best = max(table.values(), default=0.0)
    for kind, col in zip(KINDS, cols, strict=True):
        acc = table.get(kind)
        own = trained.get(f"{s.task}/{kind}/free")
        label = kind.upper() + (" ◀" if kind == s.kind else "")
        if own is not None:
            delta, colour = page.t("learn.yours", acc=own.accuracy), "off"
        elif acc is not None and acc < best - 0.05:  # make a failing cell stand out
            delta, colour = page.t("learn.behind", gap=(best - acc) * 100), "normal"
        else:
            delta, colour = None, "off"
        col.metric(label, "—" if acc is None else f"{acc:.0%}", delta=delta,
                   delta_color=colour)
    if not table:
        st.caption(page.t("learn.no_accuracy"))
    else:
        st.caption(page.t("learn.accuracy_help"))


# --------------------------------------------------------------------------- watch


def watch_section(page: Page, bound: Bound[LearnedSettings]) -> None:
    s = bound.value
    task = T.get_task(s.task)
    own = session_models().get(f"{s.task}/{s.kind}/free")
    if own is not None:
        bound.select("source", page.t("learn.source"), radio=True,
                     format_func=lambda v: page.t(f"learn.source.{v}"))
    got = input_box(page, bound, task)
    if got is None:
        return
    text, x, labels = got
    if own is not None and bound.value.source == "trained":
        show_trained(page, own, text, x, labels, "watch")
        return
    view = shipped_view(s.task, s.kind, text)
    if view is None:
        st.warning(page.t("learn.no_model", kind=s.kind.upper()), icon="📦")
        return
    show_view(page, shipped_model(s.task, s.kind), view, labels, "watch",
              shipped_figures(s.task, s.kind, text, page))


def shipped_figures(task: str, kind: str, text: str, page: Page) -> dict[str, Any] | None:
    """The shipped model's figures (built once: Plotly figures are slow to make).

    Shared read-only between sessions; st.plotly_chart does not change a figure.
    """
    return _shipped_figures(task, kind, text, page, model_mtime(task, kind))


@st.cache_resource(show_spinner=False, max_entries=64)
def _shipped_figures(task: str, kind: str, text: str, page: Page,
                     mtime: float) -> dict[str, Any] | None:
    view = shipped_view(task, kind, text)
    if view is None:
        return None
    the_task = T.get_task(task)
    return view_figures(the_task, view, encode(the_task, text)[1], lang=page.lang,
                        present=page.present)


# --------------------------------------------------------------------------- training


# --------------------------------------------------------------------------- limits


# --------------------------------------------------------------------------- own model


def own_section(page: Page, bound: Bound[LearnedSettings]) -> None:
    st.caption(page.t("learn.own_help"))

    def load() -> None:
        # the model on screen is always the current upload's: a refused or removed file
        # also removes the model an earlier file gave
        st.session_state.pop(UPLOAD_KEY, None)
        st.session_state.pop(UPLOAD_ERROR, None)
        upload = st.session_state.get("learned.upload")
        if upload is None:
            return
        refused = refused_type(page, upload.name, [".pt", ".pth"], "learn.pt_what")
        if refused is not None:  # never read: not what this box takes
            st.session_state[UPLOAD_ERROR] = (upload.name, refused)
            return
        net, error = handle_upload(upload.getvalue())
        if error is None:
            st.session_state[UPLOAD_KEY] = (upload.name, net)
        else:
            st.session_state[UPLOAD_ERROR] = (upload.name, error)

    # any file: a type refused in the browser would only get a red icon, no words
    st.file_uploader(page.t("learn.upload"), key="learned.upload", on_change=load)
    error = st.session_state.get(UPLOAD_ERROR)
    if error is not None:
        st.error(page.t("learn.bad_file", name=error[0], msg=page.detail(error[1])), icon="⚠️")
    got = st.session_state.get(UPLOAD_KEY)
    if got is None:
        return
    name, net = got
    show_uploaded(page, bound, name, net)


def show_uploaded(page: Page, bound: Bound[LearnedSettings], name: str, net: Any) -> None:
    st.success(page.t("learn.own_loaded", name=name, call=torch_constructor(net)), icon="📦")
    c1, c2, c3, c4 = st.columns(4)
    with c1:
        bound.select("own_pattern", page.t("learn.own_pattern"),
                     format_func=lambda p: page.t(f"learn.own_pattern.{p}"))
    with c2:
        bound.number("own_length", page.t("learn.own_length"), step=1)
    with c3:
        bound.number("own_seed", page.t("learn.own_seed"), step=1)
    if "nonlinearity" in view(net.kind).options:
        with c4:
            nl = bound.select("own_nl", page.t("learn.own_nl"), radio=True,
                              help=page.t("learn.own_nl_help"))
        if nl != net.config.nonlinearity:
            net = with_nonlinearity(net, nl)
    x = own_input(net, bound.value)
    if net.batch_first:
        x = x[None]
    trace = net.trace(x)
    from gates.model_io import to_json

    stem = Path(name).stem
    d1, d2 = st.columns(2)
    with d1:
        pt_download(page, net, name=f"{stem}-export", key="learned.dl.own_pt")
    with d2:
        st.download_button(page.t("learn.download_json"), data=lambda: to_json(net),
                           file_name=f"{stem}.json", mime="application/json",
                           key="learned.dl.own_json")
    directions = 2 if net.bidirectional else 1
    for layer in range(net.num_layers):
        for direction in range(directions):
            label = page.t("learn.layer", layer=layer,
                           direction=page.t(f"learn.direction.{direction}"))
            st.subheader(label)
            fig = over_time.state_heatmap(trace, layer=layer, direction=direction,
                                        lang=page.lang, present=page.present)
            st.plotly_chart(fig, config=PLOTLY_CONFIG,
                            key=f"learned.chart.own.{layer}.{direction}")


__all__ = ["MODELS_KEY", "LearnedSettings", "example_text", "handle_upload", "pt_bytes", "render",
           "run_model"]
