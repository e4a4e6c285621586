"""RNN vs LSTM vs GRU on one input: memory of x_0, gates side by side, structure and cost.

Reads like the screen: title, memory presets, controls, the retention horizons and the
influence curves, the three cells' gates, the structure-and-cost table.
"""

from __future__ import annotations

import dataclasses
import json
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import streamlit as st

from gates.kinds import STANDARD, get_kind
from gates_lab import codec
from gates_lab import scenario as S
from gates_lab.figures import analysis as F
from gates_lab.kind_view import EXTRAS, STORY_ORDER, block_name, cell_title, from_key, view
from gates_lab.pages.lesson import Lesson
from gates_lab.ui import Bound, Page, controls, panel, setup

KINDS = STORY_ORDER
TITLES = F.KIND_TITLES


@dataclass(frozen=True)
class CompareSettings:
    """One input (an impulse x_0 then noise) into three seeded cells of one hidden size."""

    hidden_size: int = codec.spec(8, "H", 1, S.MAX_HIDDEN)
    length: int = codec.spec(50, "L", 2, 120)
    impulse: float = codec.spec(1.0, "x0", -5.0, 5.0)
    noise: float = codec.spec(0.5, "nz", 0.0, 3.0)
    seed: int = codec.spec(0, "seed", 0, 2**31 - 1)
    rnn_identity: bool = codec.spec(False, "rid")
    rnn_scale: float = codec.spec(1.0, "rs", 0.0, 3.0)
    lstm_forget: float = codec.spec(0.0, "fb", -6.0, 6.0)
    gru_update: float = codec.spec(0.0, "ub", -6.0, 6.0)
    threshold: float = codec.spec(1.0, "thr", 0.1, 50.0)  # percent of the peak influence
    # issue 18: a variant beside the three cells, and a constant drive added to the input
    extra: str = codec.spec("", "add", choices=("", *EXTRAS))
    drive: float = codec.spec(0.0, "dr", -2.0, 2.0)


PRESETS: dict[str, dict[str, Any]] = {
    "hold": {"rnn_identity": False, "rnn_scale": 1.0, "lstm_forget": 2.0, "gru_update": 2.0, "extra": "", "drive": 0.0},
    "init": {"rnn_identity": False, "rnn_scale": 1.0, "lstm_forget": 0.0, "gru_update": 0.0, "extra": "", "drive": 0.0},
    "remember": {"rnn_identity": True, "rnn_scale": 1.0, "lstm_forget": 3.0, "gru_update": 3.0, "extra": "", "drive": 0.0},
    "forget": {"rnn_identity": True, "rnn_scale": 0.5, "lstm_forget": -3.0, "gru_update": -3.0, "extra": "", "drive": 0.0},
    # why the forget gate was added: beside the LSTM, the LSTM without one, on a long input
    # with a constant drive; its cell state grows without bound
    "no_forget": {"extra": "lstm.no_forget", "drive": 0.5, "length": 120, "noise": 0.2,
                  "lstm_forget": 2.0, "gru_update": 2.0, "rnn_identity": False,
                  "rnn_scale": 1.0},
}
# step 1, step 2: each says why and offers the other
LESSON = Lesson("cmp", "compare", PRESETS, ("hold", "init"))
# The page opens on the lesson's first step: both gated cells set to hold, the plain RNN
# at its seeded init. So does a link that names none of the memory knobs (/compare?L=80,
# typed by hand); a link that names one takes the others from the class defaults,
# PyTorch's init, as before (old links keep their meaning). The page's own links name
# the knobs whenever they differ from step 1 (gates_lab.ui.Bound's opening_fields).
OPENING = CompareSettings(**PRESETS["hold"])


# --------------------------------------------------------------------------- engine


def make_input(s: CompareSettings) -> np.ndarray:
    """(L, 1): the value to remember at step 0, then distracting noise."""
    x = s.noise * np.random.default_rng(s.seed + 1).standard_normal((s.length, 1)) + s.drive
    x[0, 0] = s.impulse
    return x


def entries(s: CompareSettings) -> tuple[str, ...]:
    """The cells on the page, by their view key: the three, then the added variant."""
    return KINDS + ((s.extra,) if s.extra else ())


title = cell_title


def make_cell(kind: str, s: CompareSettings, variant: str = STANDARD) -> Any:
    """The seeded cell with the memory knobs of the page applied to its weights."""
    from gates import analysis as A
    from gates.network import single_cell

    net = single_cell(kind, 1, s.hidden_size, seed=s.seed, variant=variant)
    sd = net.state_dict()
    spec, block = get_kind(kind, variant), view(kind, variant).hold_block
    knob = f"{kind}_{block_name(block)}" if block else ""
    if not spec.sigmoid:  # no gate: the recurrent weights are the memory knob
        sd = (A.identity_recurrent(sd, s.rnn_scale) if s.rnn_identity
              else A.scale_recurrent(sd, s.rnn_scale))
    elif block in spec.blocks and hasattr(s, knob):
        # the gate that holds: the LSTM's forget bias (lstm_forget), the GRU's update's
        sd = A.shift_gate_bias(sd, kind, block, getattr(s, knob), variant)
    # else (a variant without that gate, the MGU): the page has no knob, seeded init
    net.load_state_dict(sd)
    return net


@st.cache_data(max_entries=64, show_spinner=False)
def run_compare(key: str) -> dict[str, tuple[Any, np.ndarray]]:
    """Per cell kind: its trace and its influence curve ||dh_t/dx_0||."""
    from gates import analysis as A

    s, _ = codec.from_dict(CompareSettings, json.loads(key))
    x = make_input(s)
    out = {}
    for key in entries(s):
        kind, variant = from_key(key)
        net = make_cell(kind, s, variant)
        out[key] = (net.trace(x), A.influence_curve(net, x))
    return out


@st.cache_data(max_entries=64, show_spinner=False)
def time_per_step(kind: str, hidden_size: int, length: int = 200, repeats: int = 5,
                  variant: str = STANDARD) -> float:
    """Median seconds per time step of the engine's trace (one sequence, input size 1)."""
    from gates.network import single_cell

    net = single_cell(kind, 1, hidden_size, seed=0, variant=variant)
    x = np.random.default_rng(0).standard_normal((length, 1))
    net.trace(x)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        net.trace(x)
        times.append(time.perf_counter() - start)
    return float(np.median(times)) / length


def structure_rows(hidden_size: int, input_size: int = 1, keys: tuple[str, ...] = KINDS
                   ) -> list[dict[str, Any]]:
    """The comparison table's numbers (language-free): gates, states, parameter count."""
    from gates import analysis as A

    rows = []
    for key in keys:
        kind, variant = from_key(key)
        spec = get_kind(kind, variant)
        rows.append({"key": key, "kind": kind, "variant": variant, "gates": spec.blocks,
                     "states": spec.states, "formula": A.param_formula(kind, variant),
                     "params": A.param_count(kind, input_size, hidden_size,
                                             variant=variant)})
    return rows


# --------------------------------------------------------------------------- page


def render() -> None:
    page = setup("compare")
    bound = Bound(page, CompareSettings, opening=OPENING,
                  opening_fields=LESSON.fields)
    st.title(page.t("page.compare"))
    st.caption(page.t("cmp.intro"))
    LESSON.preset_buttons(page, bound)

    with controls(page):
        # the knobs' column wider: its labels are the longest (no label cut short)
        c1, c2, c3 = st.columns([1, 1, 1.7])
        with c1:
            st.markdown(f"**{page.t('cmp.sizes')}**")
            bound.slider("hidden_size", page.t("cmp.hidden"))
            bound.slider("length", page.t("cmp.length"))
            bound.number("seed", page.t("cmp.seed"), help=page.t("cmp.seed_help"))
        with c2:
            st.markdown(f"**{page.t('cmp.input')}**")
            bound.slider("impulse", page.t("cmp.impulse"), step=0.1)
            bound.slider("noise", page.t("cmp.noise"), step=0.05, help=page.t("cmp.noise_help"))
            bound.slider("threshold", page.t("cmp.threshold"), step=0.1,
                         help=page.t("cmp.threshold_help"))
        with c3:
            st.markdown(f"**{page.t('cmp.knobs')}**")
            bound.toggle("rnn_identity", page.t("cmp.rnn_identity"),
                         help=page.t("cmp.rnn_identity_help"))
            bound.slider("rnn_scale", page.t("cmp.rnn_scale"), step=0.05)
            bound.slider("lstm_forget", page.t("cmp.lstm_forget"), step=0.1,
                         help=page.t("cmp.lstm_forget_help"))
            bound.slider("gru_update", page.t("cmp.gru_update"), step=0.1,
                         help=page.t("cmp.gru_update_help"))
            bound.select("extra", page.t("cmp.extra"), help=page.t("cmp.extra_help"),
                         format_func=lambda k: title(k, page.lang) if k
                         else page.t("cmp.extra.none"))
            bound.slider("drive", page.t("cmp.drive"), step=0.05, help=page.t("cmp.drive_help"))
    s = bound.value
    bound.commit()
    results = run_compare(codec.cache_key(dataclasses.replace(s, threshold=1.0)))

    panel(page, lambda: show_memory(page, s, results))
    panel(page, lambda: show_extra(page, s, results))
    panel(page, lambda: LESSON.show(page, bound, s))
    panel(page, lambda: show_gates(page, codec.cache_key(dataclasses.replace(s, threshold=1.0))))
    panel(page, lambda: show_structure(page, s))


def horizon_text(page: Page, horizon: int | None, length: int) -> str:
    if horizon is None:
        return page.t("cmp.horizon_beyond", n=length)
    return page.t("cmp.horizon_steps", n=horizon)


def show_memory(page: Page, s: CompareSettings, results: dict[str, Any]) -> None:
    from gates import analysis as A

    st.subheader(page.t("cmp.memory"))
    st.caption(page.t("cmp.memory_help", pct=f"{s.threshold:g}"))
    keys = entries(s)
    cols = st.columns(len(keys))
    for col, key in zip(cols, keys, strict=True):
        curve = results[key][1]
        horizon = A.retention_horizon(curve, s.threshold / 100.0)
        col.metric(page.t("cmp.horizon", cell=title(key, page.lang)),
                   horizon_text(page, horizon, s.length),
                   help=page.t("cmp.horizon_help", pct=f"{s.threshold:g}"))
    curves = [F.Curve(title(k, page.lang), results[k][1], view(*from_key(k)).colour,
                      "solid" if k in KINDS else "dash") for k in keys]
    peak = max(float(np.max(results[k][1])) for k in keys)
    curves.append(F.Curve(page.t("cmp.threshold_line", pct=f"{s.threshold:g}"),
                          np.full(s.length, peak * s.threshold / 100.0), "#777777", "dot"))
    fig = F.log_curves(curves, title=page.t("cmp.influence_title"), x_title=page.t("cmp.step"),
                       y_title="‖∂h_t/∂x_0‖", lang=page.lang, present=page.present)
    st.plotly_chart(fig, width="stretch", config=F.PLOTLY_CONFIG,
                    key="compare.chart.influence")


@st.cache_resource(max_entries=32, show_spinner=False)
def gate_figures(key: str, lang: str, present: bool) -> dict[str, Any]:
    """The three gate figures (building Plotly figures costs more than the engine)."""
    results = run_compare(key)
    return {k: F.gate_heatmaps(results[k][0], title=title(k, lang), lang=lang,
                               present=present, row_height=110) for k in results}


def show_gates(page: Page, key: str) -> None:
    st.subheader(page.t("cmp.side_by_side"))
    st.caption(page.t("cmp.side_by_side_help"))
    figs = gate_figures(key, page.lang, page.present)
    cols = st.columns(len(figs))
    for col, (cell, fig) in zip(cols, figs.items(), strict=True):
        with col:
            st.plotly_chart(fig, width="stretch", config=F.PLOTLY_CONFIG,
                            key=f"compare.chart.gates.{cell}")
            if cell not in KINDS:
                st.caption(page.t(f"variant.{cell}.about") if "." in cell
                           else page.t(f"cell.intro.{cell}"))


def show_extra(page: Page, s: CompareSettings, results: dict[str, Any]) -> None:
    """An added LSTM without a forget gate: its cell state next to the LSTM's (why the
    forget gate was added)."""
    if not s.extra:
        return
    names = results[s.extra][0].names
    standard = from_key(s.extra)[0]  # the same kind's standard cell, beside it
    if "cell" not in names or "forget" in names or standard not in results:
        return  # the lesson is the cell state without a forget gate
    c_extra = np.abs(results[s.extra][0].get("cell")).max(axis=-1)
    c_lstm = np.abs(results[standard][0].get("cell")).max(axis=-1)
    st.info(page.t("cmp.extra_cell", cell=title(s.extra, page.lang),
                   first=f"{c_extra[len(c_extra) // 4]:.2f}", last=f"{c_extra[-1]:.2f}",
                   lstm=f"{c_lstm.max():.2f}", n=s.length), icon="🔬")


def show_structure(page: Page, s: CompareSettings) -> None:
    import pandas as pd

    st.subheader(page.t("cmp.structure"))
    st.caption(page.t("cmp.structure_help", H=s.hidden_size))
    rows = []
    keys = entries(s)
    micros = {k: time_per_step(from_key(k)[0], s.hidden_size, variant=from_key(k)[1]) * 1e6
              for k in keys}
    for r in structure_rows(s.hidden_size, keys=keys):
        kind = r["kind"]
        gates = (page.t(f"cmp.gates.{kind}") if r["key"] in KINDS
                 else ", ".join(r["gates"]))
        rows.append({
            page.t("cmp.col.cell"): title(r["key"], page.lang),
            page.t("cmp.col.gates"): gates,
            page.t("cmp.col.states"): ", ".join(r["states"]),
            page.t("cmp.col.formula"): r["formula"],
            page.t("cmp.col.params"): r["params"],
            page.t("cmp.col.time"): round(micros[r["key"]], 1),
        })
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch",
                 column_config={page.t("cmp.col.time"): st.column_config.NumberColumn(
                     help=page.t("cmp.col.time_help"))})
    st.caption(cost_in_words(page, micros))
    st.caption(page.t("cmp.structure_note"))


def cost_in_words(page: Page, micros: dict[str, float]) -> str:
    """The time column as a sentence: what a µs is, and each gated cell against the RNN."""
    rnn, lstm, gru = (micros[k] for k in KINDS)  # the story's cells, in its order
    return page.t("cmp.time_words", rnn=f"{rnn:.1f}", lstm=f"{lstm:.1f}",
                  gru=f"{gru:.1f}", lx=f"{lstm / rnn:.1f}",
                  gx=f"{gru / rnn:.1f}", steps=f"{1e6 / lstm:,.0f}")
