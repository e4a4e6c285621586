"""The learned-gates page: gates of cells trained on toy tasks, training in the page,
constrained training, and the user's own torch model.

Reads like the screen: title; task (with its explanation) and cell kind; the held-out
accuracy of every cell kind; then one of four sections: watch the shipped (or freshly
trained) model on an input the user types, train now, train with max-norm limits side by
side, bring your own model. Trained and uploaded models live in ``st.session_state``
(per user), shipped ones in ``st.cache_resource`` (read-only, shared).
"""

from __future__ import annotations

import dataclasses
import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import streamlit as st

from gates import tasks as T
from lab import figures
from lab import settings as S
from lab.model_export import pt_bytes, pt_download, torch_constructor
from lab.ui import Bound, Page, controls, panel, setup

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"
TASK_NAMES: tuple[str, ...] = tuple(T.TASKS)
KINDS: tuple[str, ...] = ("gru", "lstm", "rnn")
SECTIONS: tuple[str, ...] = ("watch", "train", "limits", "own")
DEFAULT_STEPS = 300  # well under a minute on one core for every task and cell
MAX_STEPS = 3000
MODELS_KEY = "learned.models"  # {"task/kind/free" | "task/kind/limited": TrainedModel}
UPLOAD_KEY = "learned.uploaded"  # (file name, UploadedModel) of the last good upload
UPLOAD_ERROR = "learned.upload_error"


@dataclass(frozen=True)
class LearnedSettings:
    """What the learned page shows (the trained models themselves are session state)."""

    task: str = S.spec(TASK_NAMES[0], "task", choices=TASK_NAMES)
    kind: str = S.spec("gru", "kind", choices=KINDS)
    section: str = S.spec("watch", "view", choices=SECTIONS)
    source: str = S.spec("shipped", "src", choices=("shipped", "trained"))
    text: str = S.spec("", "txt")  # the user's input; "" = the task's example
    steps: int = S.spec(DEFAULT_STEPS, "steps", 10, MAX_STEPS)
    hidden_size: int = S.spec(32, "hid", 2, 128)
    seed: int = S.spec(0, "tseed", 0, 2**31 - 1)
    # max-norm limits (0: no limit)
    input_max_norm: float = S.spec(1.0, "mi", 0.0, 100.0)
    recurrent_max_norm: float = S.spec(1.0, "mr", 0.0, 100.0)
    bias_max_norm: float = S.spec(1.0, "mb", 0.0, 100.0)
    # own model: the input fed to it
    own_pattern: str = S.spec("noise", "op", choices=("noise", "sine", "impulses"))
    own_length: int = S.spec(30, "oL", 1, S.MAX_LENGTH)
    own_seed: int = S.spec(0, "os", 0, 2**31 - 1)
    own_nl: str = S.spec("tanh", "onl", choices=("tanh", "relu"))


# --------------------------------------------------------------------------- data


# A readable first example where random ones read oddly: (English, Chinese).
FIRST_EXAMPLES = {"sentiment": ("i think the movie was not very good", "我觉得这部电影不是很好")}


def example_text(task: T.Task, seed: int = 0, lang: str = "en") -> str:
    """A random example of ``task`` written the way a user types it (what
    ``encode_user_input`` reads back)."""
    from gates.training import DEFAULTS

    if seed == 0 and task.name in FIRST_EXAMPLES:
        return FIRST_EXAMPLES[task.name][lang == "zh"]
    x, _ = T.generate(task, 1, DEFAULTS[task.name].length, seed)
    x = x[0]
    if task.name == "delayed_recall":
        digits = np.argmax(x[:, :len(T.RECALL_SYMBOLS)], axis=1)
        return " ".join(T.RECALL_SYMBOLS[d] + ("*" if m > 0.5 else "")
                        for d, m in zip(digits, x[:, -1], strict=True))
    if task.name == "adding":
        return " ".join(f"{v:.2f}" + ("*" if m > 0.5 else "") for v, m in x)
    if task.name == "brackets":
        letters = "abcdefgh"
        return "".join("()"[k] if k < 2 else letters[t % len(letters)]
                       for t, k in enumerate(np.argmax(x, axis=1)))
    concepts = T.SENTIMENT_CONCEPTS
    if lang == "zh":
        return "".join(concepts[i][3][0] for i in np.argmax(x, axis=1))
    return " ".join(concepts[i][2][0] for i in np.argmax(x, axis=1))


def model_path(task: str, kind: str) -> Path:
    return MODELS / f"{task}_{kind}.npz"


def model_mtime(task: str, kind: str) -> float:
    """Part of every cache key of a shipped model: a new file is read afresh."""
    path = model_path(task, kind)
    return path.stat().st_mtime if path.exists() else 0.0


def shipped_model(task: str, kind: str) -> Any:
    """The shipped model of ``task`` and ``kind`` (None when there is no file)."""
    return _load_shipped(task, kind, model_mtime(task, kind))


@st.cache_resource(show_spinner=False, max_entries=16)
def _load_shipped(task: str, kind: str, mtime: float) -> Any:
    from gates.training import load_model

    path = model_path(task, kind)
    return load_model(path) if path.exists() else None


@st.cache_data(show_spinner=False, max_entries=4)
def shipped_accuracy(mtime: float) -> dict[str, dict[str, float]]:
    """{task: {kind: held-out accuracy}} from models/accuracy.json ({} without it)."""
    path = MODELS / "accuracy.json"
    if not path.exists():
        return {}
    return _parse_accuracy(json.loads(path.read_text()))


def _parse_accuracy(data: Any) -> dict[str, dict[str, float]]:
    """Reads {"accuracy": {task: {kind: acc}}} (scripts/train_pretrained.py); also
    {task: {kind: acc | {"accuracy": acc}}} or {"task_kind": acc}."""
    out: dict[str, dict[str, float]] = {}
    for wrapper in ("accuracy", "models"):
        if isinstance(data, dict) and isinstance(data.get(wrapper), dict):
            data = data[wrapper]
            break
    items = data.items() if isinstance(data, dict) else []
    for key, value in items:
        if isinstance(value, dict) and key in T.TASKS:
            for kind, acc in value.items():
                acc = acc.get("accuracy") if isinstance(acc, dict) else acc
                if kind in KINDS and isinstance(acc, (int, float)):
                    out.setdefault(key, {})[kind] = float(acc)
        else:
            task, _, kind = str(key).rpartition("_")
            acc = value.get("accuracy") if isinstance(value, dict) else value
            if task in T.TASKS and kind in KINDS and isinstance(acc, (int, float)):
                out.setdefault(task, {})[kind] = float(acc)
    return out


def accuracy_table() -> dict[str, dict[str, float]]:
    path = MODELS / "accuracy.json"
    return shipped_accuracy(path.stat().st_mtime if path.exists() else 0.0)


def encode(task: T.Task, text: str) -> tuple[np.ndarray, list[str]]:
    """The task's input for what the user typed; ValueError says what is wrong."""
    x, labels = T.encode_user_input(task, text)
    if len(x) > S.MAX_LENGTH:
        raise ValueError(f"the input has {len(x)} steps; at most {S.MAX_LENGTH}")
    return x, labels


@dataclass(frozen=True)
class View:
    """A model run on one input: the trace and the readout at every step."""

    trace: Any
    outputs: np.ndarray  # (L, output_size) readout of every step's hidden state
    targets: np.ndarray  # (L,) per-step tasks, or (1,) per-sequence tasks


def run_model(model: Any, x: np.ndarray) -> View:
    """Trace ``model`` (a TrainedModel) on one input ``x`` (L, input_size)."""
    import gates
    from gates.training import readout

    net = {"gru": gates.GRU, "lstm": gates.LSTM, "rnn": gates.RNN}[model.kind](
        model.input_size, model.hidden_size)
    net.load_state_dict(model.state_dict)
    trace = net.trace(x)
    task = T.get_task(model.task)
    return View(trace, readout(model, trace.output), np.atleast_1d(T.targets(task, x[None])[0]))


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


def session_models() -> dict[str, Any]:
    return st.session_state.setdefault(MODELS_KEY, {})


def constraints_of(s: LearnedSettings) -> Any:
    from gates.training import Constraints

    def bound(v: float) -> float | None:
        return float(v) if v > 0 else None

    return Constraints(bound(s.input_max_norm), bound(s.recurrent_max_norm),
                       bound(s.bias_max_norm))


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
            f"{task.explain_zh if page.lang == 'zh' else task.explain_en}", icon="🎓")
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
    return task.title_zh if lang == "zh" else task.title_en


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


def input_box(page: Page, bound: Bound[LearnedSettings], task: T.Task
              ) -> tuple[str, np.ndarray, list[str]] | None:
    """The user's input (typed; empty = the example). None (with a message) when bad."""
    example = example_text(task, 0, page.lang)
    c1, c2 = st.columns([5, 1])
    with c1:
        text = bound.widget(st.text_input, "text", bound.value.text or example,
                            page.t("learn.input"),
                            help=task.input_hint_zh if page.lang == "zh" else task.input_hint_en,
                            max_chars=2000)
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


def show_view(page: Page, model: Any, view: View, labels: list[str], where: str,
              figs: dict[str, Any] | None = None) -> None:
    """Predictions and gates of ``model`` on one input (``figs``: figures built before)."""
    task = T.get_task(model.task)
    figs = figs or view_figures(page, task, view, labels)
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
    return view, view_figures(page, T.get_task(model.task), view, labels)


def view_figures(page: Page, task: T.Task, view: View, labels: list[str]) -> dict[str, Any]:
    return {"gates": figures.state_heatmap(view.trace, tokens=labels, lang=page.lang,
                                           present=page.present),
            "output": None if task.per_step else output_figure(page, task, view, labels)}


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
    return view_figures(page, the_task, view, encode(the_task, text)[1])


def _class_label(page: Page, task: T.Task, index: int) -> str:
    if task.name == "sentiment":
        return page.t(("learn.negative", "learn.positive")[index])
    return task.class_labels[index]


def _probabilities(out: np.ndarray) -> np.ndarray:
    probs = np.exp(out - out.max(axis=1, keepdims=True))
    return probs / probs.sum(axis=1, keepdims=True)


def output_figure(page: Page, task: T.Task, view: View, labels: list[str]) -> Any:
    """The per-sequence answer read out after every step."""
    if task.output == "regression":
        series = {page.t("learn.output_over_time"): view.outputs[:, 0]}
    elif task.name == "sentiment":
        series = {page.t("learn.p_positive"): _probabilities(view.outputs)[:, 1]}
    else:
        series = {page.t("learn.p_answer"): _probabilities(view.outputs).max(axis=1)}
    steps = list(range(len(labels)))
    fig = figures.line_chart(series, x=steps, title=page.t("learn.output_over_time_title"),
                             x_title=page.t("learn.step"), lang=page.lang, present=page.present)
    fig.update_xaxes(tickmode="array", tickvals=steps, ticktext=labels)
    fig.update_layout(height=280 if not page.present else 380)
    return fig


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
        probs = _probabilities(out)
        pred = int(np.argmax(out[-1]))
        ok = pred == target
        c1.metric(page.t("learn.final_prediction"),
                  f"{_class_label(page, task, pred)} ({probs[-1, pred]:.0%})")
        c2.metric(page.t("learn.answer"), "—" if target == T.IGNORE
                  else _class_label(page, task, int(target)))
    if not (task.output == "classes" and target == T.IGNORE):
        st.caption(page.t("learn.right" if ok else "learn.wrong"))
    st.plotly_chart(fig, config=figures.PLOTLY_CONFIG, key="learned.chart.out")


def show_model_gates(page: Page, model: Any, fig: Any, where: str) -> None:
    st.subheader(page.t("learn.gates", kind=model.kind.upper(), h=model.hidden_size))
    st.caption(page.t("learn.gates_help"))
    st.plotly_chart(fig, config=figures.PLOTLY_CONFIG, key=f"learned.chart.gates.{where}")


# --------------------------------------------------------------------------- training


def train_with_progress(page: Page, s: LearnedSettings, constraints: Any, label: str) -> Any:
    """Train in the page: a progress bar and a live loss curve every few steps."""
    from gates.training import train

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
            chart.plotly_chart(loss_figure(page, losses), config=figures.PLOTLY_CONFIG,
                               key=f"learned.loss.{uid}.{step}")

    return train(s.task, s.kind, hidden_size=s.hidden_size, steps=s.steps, seed=s.seed,
                 constraints=constraints, progress=progress)


def loss_figure(page: Page, losses: Any) -> Any:
    fig = figures.line_chart({page.t("learn.loss"): np.asarray(losses)},
                             x=np.arange(1, len(losses) + 1), title=page.t("learn.loss_title"),
                             x_title=page.t("learn.training_step"), y_title=page.t("learn.loss"),
                             log_y=True, lang=page.lang, present=page.present)
    fig.update_layout(height=260 if not page.present else 360)
    return fig


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
        st.plotly_chart(loss_figure(page, model.loss_history), config=figures.PLOTLY_CONFIG,
                        key="learned.chart.loss.final")
    got = input_box(page, bound, T.get_task(s.task))
    if got is not None:
        _, x, labels = got
        show_trained(page, model, got[0], x, labels, "train")
    pt_download(page, _engine_net(model), name=f"{s.task}_{s.kind}",
                key="learned.dl.trained_pt")


def _engine_net(model: Any) -> Any:
    import gates

    net = {"gru": gates.GRU, "lstm": gates.LSTM, "rnn": gates.RNN}[model.kind](
        model.input_size, model.hidden_size)
    net.load_state_dict(model.state_dict)
    return net


# --------------------------------------------------------------------------- limits


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


def model_stats(model: Any) -> dict[str, Any]:
    """Accuracy, per-matrix largest per-unit norms and gate saturation on held-out data."""
    from gates.training import gate_saturation, model_net, weight_norms

    norms = weight_norms(model)
    x = _saturation_data(model.task, model.length, model.eval_seed + 1)
    trace = model_net(model).trace(x)
    return {"accuracy": model.accuracy, "norms": norms, "saturation": gate_saturation(trace)}


def compare_models(page: Page, free: Any, limited: Any) -> None:
    """Constrained vs unconstrained: accuracy, weight norms, gate saturation."""
    import pandas as pd

    stats = {"free": session_memo(("stats", _model_id(free)), lambda: model_stats(free)),
             "limited": session_memo(("stats", _model_id(limited)), lambda: model_stats(limited))}
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
    fig = figures.line_chart({names["free"]: free.loss_history,
                              names["limited"]: limited.loss_history},
                             x=np.arange(1, len(free.loss_history) + 1),
                             title=page.t("learn.loss_title"),
                             x_title=page.t("learn.training_step"), y_title=page.t("learn.loss"),
                             log_y=True, lang=page.lang, present=page.present)
    fig.update_layout(height=300 if not page.present else 400)
    st.plotly_chart(fig, config=figures.PLOTLY_CONFIG, key="learned.chart.compare_loss")


def _has_key(key: str) -> bool:
    from lab.i18n import catalogue

    return key in catalogue()


def constraints_text(page: Page, c: Any) -> str:
    if c is None:
        return page.t("learn.none")
    parts = [f"{page.t(label)} ≤ {v:g}" for label, v in (
        ("learn.max_input", c.input_max_norm), ("learn.max_recurrent", c.recurrent_max_norm),
        ("learn.max_bias", c.bias_max_norm)) if v is not None]
    return ", ".join(parts) or page.t("learn.none")


# --------------------------------------------------------------------------- own model


def handle_upload(data: bytes, nonlinearity: str = "tanh") -> tuple[Any, str | None]:
    """Read an uploaded .pt state_dict safely (``torch.load(weights_only=True)`` in
    gates.model_io: tensors only, a pickle that would run code is refused).

    Returns (the engine net with the weights, None) or (None, a message for the user).
    ``nonlinearity`` is for a plain RNN, whose weights don't say tanh or relu.
    """
    from gates import model_io

    if not data:
        return None, "the file is empty"
    try:
        uploaded = model_io.read_state_dict_file(data)
        return model_io.uploaded_net(uploaded, nonlinearity=nonlinearity), None
    except ValueError as exc:
        return None, str(exc)
    except Exception as exc:  # noqa: BLE001 - any broken file gets a message, not a crash
        return None, (f"the file could not be used ({type(exc).__name__}); "
                      f"{model_io.EXPECTED}")


def own_input(model: Any, s: LearnedSettings) -> np.ndarray:
    """A seeded input of the right size for any input size: noise, sine or impulses."""
    length, size = s.own_length, model.input_size
    if s.own_pattern == "noise":
        return np.random.default_rng(s.own_seed).normal(size=(length, size))
    t = np.arange(length)[:, None]
    if s.own_pattern == "sine":
        phase = np.random.default_rng(s.own_seed).uniform(0, 2 * math.pi, size=size)
        return np.sin(2 * math.pi * t / 20 + phase)
    x = np.zeros((length, size))
    x[::7, :] = 1.0
    return x


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
        net, error = handle_upload(upload.getvalue())
        if error is None:
            st.session_state[UPLOAD_KEY] = (upload.name, net)
        else:
            st.session_state[UPLOAD_ERROR] = (upload.name, error)

    st.file_uploader(page.t("learn.upload"), type=["pt", "pth"], key="learned.upload",
                     on_change=load)
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
    if net.kind == "rnn":
        with c4:
            nl = bound.select("own_nl", page.t("learn.own_nl"), radio=True,
                              help=page.t("learn.own_nl_help"))
        if nl != net.config.nonlinearity:
            net = _with_nonlinearity(net, nl)
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
            fig = figures.state_heatmap(trace, layer=layer, direction=direction,
                                        lang=page.lang, present=page.present)
            st.plotly_chart(fig, config=figures.PLOTLY_CONFIG,
                            key=f"learned.chart.own.{layer}.{direction}")


def _with_nonlinearity(net: Any, nonlinearity: str) -> Any:
    import gates

    twin = gates.RNN(net.input_size, net.hidden_size, num_layers=net.num_layers,
                     nonlinearity=nonlinearity, bias=net.bias, bidirectional=net.bidirectional)
    twin.load_state_dict(net.state_dict())
    return twin


__all__ = ["LearnedSettings", "example_text", "handle_upload", "pt_bytes", "render",
           "run_model"]
