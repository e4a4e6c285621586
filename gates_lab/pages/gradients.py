"""Vanishing and exploding gradients: backpropagation through time with gates.backward.

Reads like the screen: title, controls (sizes, loss step, recurrent scale), the decay
metrics, ||dL/dh_t|| and ||dL/dx_t|| of the three cells on a log axis, a per-unit heatmap
of dL/dh_t, and the LSTM's cell-state "gradient highway" next to its forget-gate product.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
import streamlit as st

from gates.kinds import STANDARD, get_kind
from gates_lab import codec
from gates_lab import scenario as S
from gates_lab.figures import analysis as F
from gates_lab.kind_view import EXTRAS, STORY_ORDER, from_key, view
from gates_lab.kind_view import cell_title as title
from gates_lab.pages.lesson import Lesson
from gates_lab.ui import Bound, Page, controls, panel, setup

KINDS = STORY_ORDER
PLAIN = KINDS[0]  # the cell without gates the story starts from (its step gain is shown)
TITLES = F.KIND_TITLES
MAX_LENGTH = 300


@dataclass(frozen=True)
class GradSettings:
    """Three seeded cells on one noise sequence; the loss is taken at one step."""

    length: int = codec.spec(100, "L", 2, MAX_LENGTH)
    hidden_size: int = codec.spec(16, "H", 1, S.MAX_HIDDEN)
    seed: int = codec.spec(0, "seed", 0, 2**31 - 1)
    loss_step: int = codec.spec(99, "T", 0, MAX_LENGTH - 1)
    loss: str = codec.spec("sum", "loss", choices=("sum", "dot"))
    scale: float = codec.spec(1.0, "sc", 0.0, 4.0)
    nonlinearity: str = codec.spec("tanh", "nl", choices=("tanh", "relu"))
    forget_bias: float = codec.spec(0.0, "fb", -6.0, 6.0)
    noise: float = codec.spec(1.0, "nz", 0.0, 3.0)
    kind: str = codec.spec("rnn", "cell", choices=KINDS)
    extra: str = codec.spec("", "add", choices=("", *EXTRAS))  # issue 18: a variant beside


PRESETS: dict[str, dict[str, Any]] = {
    "highway": {"forget_bias": 3.0, "scale": 1.0, "nonlinearity": "tanh"},
    "init": {"forget_bias": 0.0, "scale": 1.0, "nonlinearity": "tanh"},
}
# step 1, step 2: each says why and offers the other
LESSON = Lesson("grad", "gradients", PRESETS, ("highway", "init"), view_only=("kind",))
# The page opens on the lesson's first step, the highway; random init is one click away.
# A link naming none of the step's fields (fb, sc, nl) opens there too; one naming any of
# them takes the rest from the class defaults, PyTorch's init, as before (see compare.py).
OPENING = GradSettings(**PRESETS["highway"])


class KindGrads(NamedTuple):
    """What the page shows of one cell kind (all (L,) unless said)."""

    dh_norm: np.ndarray
    dx_norm: np.ndarray
    dh: np.ndarray  # (L, H)
    decay: float
    dc_norm: np.ndarray | None  # LSTM
    highway: np.ndarray | None  # LSTM: ||dL/dc_T * prod f|| (the cell path alone)
    forget_mean: np.ndarray | None  # LSTM: mean over units of prod f


class GradResult(NamedTuple):
    loss_step: int
    kinds: dict[str, KindGrads]
    gain: Any  # analysis.StepGain of the RNN


def effective_step(s: GradSettings) -> int:
    return min(s.loss_step, s.length - 1)


def _has_highway(kind: str, variant: str = STANDARD) -> bool:
    """A cell state c with a forget gate f: the gradient highway the page shows."""
    k = get_kind(kind, variant)
    return "c" in k.states and "f" in k.blocks


def make_cell(kind: str, s: GradSettings, variant: str = STANDARD) -> Any:
    from gates import analysis as A
    from gates.network import single_cell

    net = single_cell(kind, 1, s.hidden_size, nonlinearity=s.nonlinearity, seed=s.seed,
                      variant=variant)
    sd = A.scale_recurrent(net.state_dict(), s.scale)
    if _has_highway(kind, variant):
        sd = A.shift_gate_bias(sd, kind, "f", s.forget_bias, variant)
    net.load_state_dict(sd)
    return net


@st.cache_data(max_entries=64, show_spinner=False)
def run_gradients(key: str) -> GradResult:
    """BPTT of L = h_T . v for the three cells (the settings' JSON is the cache key)."""
    from gates import analysis as A

    s, _ = codec.from_dict(GradSettings, json.loads(key))
    T = effective_step(s)
    x = s.noise * np.random.default_rng(s.seed + 1).standard_normal((s.length, 1))
    v = (None if s.loss == "sum"
         else np.random.default_rng(s.seed + 2).standard_normal(s.hidden_size))
    kinds: dict[str, KindGrads] = {}
    gain = None
    for key in KINDS + ((s.extra,) if s.extra else ()):
        kind, variant = from_key(key)
        net = make_cell(kind, s, variant)
        r = A.bptt(net, x, T, v)
        dh_norm = A.step_norms(r.dh)
        dc_norm = highway = forget_mean = None
        if key in KINDS and _has_highway(kind) and r.dc is not None:
            dc_norm = A.step_norms(r.dc)
            prod = A.forget_product(r.trace.get("forget"), T)
            highway = A.step_norms(r.dc[T] * prod)
            forget_mean = np.mean(prod, axis=1)
        if kind == PLAIN:
            gain = A.rnn_step_gain(net.state_dict()["weight_hh_l0"],
                                   r.trace.get("preactivation")[: T + 1], s.nonlinearity)
        kinds[key] = KindGrads(dh_norm, A.step_norms(r.dx), r.dh,
                                A.decay_factor(dh_norm, T), dc_norm, highway, forget_mean)
    return GradResult(T, kinds, gain)


def render() -> None:
    page = setup("gradients")
    bound = Bound(page, GradSettings, opening=OPENING,
                  opening_fields=LESSON.fields)
    st.title(page.t("page.gradients"))
    st.caption(page.t("grad.intro"))
    LESSON.preset_buttons(page, bound)

    with controls(page):
        c1, c2, c3 = st.columns(3)
        with c1:
            bound.slider("length", page.t("grad.length"))
            bound.slider("hidden_size", page.t("grad.hidden"))
            bound.number("seed", page.t("grad.seed"))
        with c2:
            bound.slider("loss_step", page.t("grad.loss_step"), 0, bound.value.length - 1,
                         help=page.t("grad.loss_step_help"))
            bound.select("loss", page.t("grad.loss"), radio=True,
                         format_func=lambda v: page.t(f"grad.loss.{v}"))
            bound.slider("noise", page.t("grad.noise"), step=0.05)
        with c3:
            bound.slider("scale", page.t("grad.scale"), step=0.05, help=page.t("grad.scale_help"))
            bound.select("nonlinearity", page.t("grad.nonlinearity"), radio=True)
            bound.slider("forget_bias", page.t("grad.forget_bias"), step=0.1,
                         help=page.t("grad.forget_bias_help"))
            bound.select("extra", page.t("cmp.extra"), help=page.t("cmp.extra_help"),
                         format_func=lambda k: title(k, page.lang) if k
                         else page.t("cmp.extra.none"))
    s = bound.value
    bound.commit()
    key = codec.cache_key(dataclasses.replace(s, kind="rnn"))
    result = run_gradients(key)

    panel(page, lambda: show_decay(page, s, result))
    panel(page, lambda: LESSON.show(page, bound, s))
    panel(page, lambda: show_norms(page, key, result.loss_step))
    panel(page, lambda: show_heatmap(page, bound, key))
    panel(page, lambda: show_highway(page, key, result.loss_step))


def show_decay(page: Page, s: GradSettings, result: GradResult) -> None:
    st.subheader(page.t("grad.decay"))
    st.caption(page.t("grad.decay_help"))
    # two rows, so that no label is cut short (five columns truncate the long ones)
    keys = list(result.kinds)  # the three cells, and the variant added beside them
    cols = st.columns(len(keys))
    for col, key in zip(cols, keys, strict=True):
        col.metric(page.t("grad.decay_of", cell=title(key, page.lang)),
                   _num(result.kinds[key].decay), help=page.t("grad.decay_of_help"))
    gain = result.gain
    cols = st.columns(2)
    cols[0].metric(page.t("grad.gain"), _num(gain.gain), help=page.t(
        "grad.gain_help", rho=_num(gain.spectral_radius), d=_num(gain.mean_derivative)))
    rnn = result.kinds[PLAIN].dh_norm
    ratio = rnn[0] / rnn[result.loss_step] if rnn[result.loss_step] > 0 else float("nan")
    cols[1].metric(page.t("grad.ratio"), f"{ratio:.2e}", help=page.t("grad.ratio_help"))
    cols[1].caption(ratio_in_words(page, ratio, result.loss_step))
    verdict = result.kinds[PLAIN].decay
    if np.isfinite(verdict):
        st.info(page.t("grad.verdict.vanish" if verdict < 0.97 else
                       "grad.verdict.explode" if verdict > 1.03 else "grad.verdict.edge",
                       d=_num(verdict), n=result.loss_step), icon="📉")


def orders_of_magnitude(ratio: float) -> int | None:
    """How many powers of ten ``ratio`` is away from 1 (6.36e-25 -> -24), None if not a
    positive finite number."""
    if not np.isfinite(ratio) or ratio <= 0:
        return None
    return int(round(float(np.log10(ratio))))


def ratio_in_words(page: Page, ratio: float, loss_step: int) -> str:
    """The ratio as a sentence: "24 orders of magnitude smaller" (a factor of 10^24)."""
    n = orders_of_magnitude(ratio)
    if n is None:
        return page.t("grad.ratio_words.none")
    if n == 0:
        return page.t("grad.ratio_words.same", r=f"{ratio:.2g}", T=loss_step)
    return page.t("grad.ratio_words.smaller" if n < 0 else "grad.ratio_words.larger",
                  n=abs(n), r=f"{ratio:.2e}", T=loss_step)


def _num(value: float) -> str:
    return "—" if not np.isfinite(value) else f"{value:.3f}"


@st.cache_resource(max_entries=32, show_spinner=False)
def norm_figures(key: str, lang: str, present: bool) -> tuple[Any, Any]:
    from gates_lab.i18n import t

    r = run_gradients(key)
    mark = {r.loss_step: t("grad.loss_mark", lang, T=r.loss_step)}
    dash = {k: "solid" if k in KINDS else "dash" for k in r.kinds}
    colour = {k: view(*from_key(k)).colour for k in r.kinds}
    dh = [F.Curve(title(k, lang), g.dh_norm, colour[k], dash[k]) for k, g in r.kinds.items()]
    dx = [F.Curve(title(k, lang), g.dx_norm, colour[k], dash[k]) for k, g in r.kinds.items()]
    fig_h = F.log_curves(dh, title=t("grad.dh_title", lang), x_title=t("grad.step", lang),
                         y_title="‖∂L/∂h_t‖", marks=mark, lang=lang, present=present)
    fig_x = F.log_curves(dx, title=t("grad.dx_title", lang), x_title=t("grad.step", lang),
                         y_title="‖∂L/∂x_t‖", marks=mark, lang=lang, present=present)
    return fig_h, fig_x


def show_norms(page: Page, key: str, loss_step: int) -> None:
    st.subheader(page.t("grad.norms"))
    st.caption(page.t("grad.norms_help", T=loss_step))
    fig_h, fig_x = norm_figures(key, page.lang, page.present)
    left, right = st.columns(2)
    left.plotly_chart(fig_h, width="stretch", config=F.PLOTLY_CONFIG, key="gradients.chart.dh")
    right.plotly_chart(fig_x, width="stretch", config=F.PLOTLY_CONFIG, key="gradients.chart.dx")


@st.cache_resource(max_entries=32, show_spinner=False)
def heatmap_figure(key: str, kind: str, lang: str, present: bool) -> Any:
    from gates_lab.i18n import t

    r = run_gradients(key)
    return F.unit_heatmap(r.kinds[kind].dh, title=t("grad.heatmap_title", lang,
                                                   cell=TITLES[kind]),
                          x_title=t("grad.step", lang), y_title=t("grad.unit", lang),
                          colorbar_title=t("grad.heatmap_cbar", lang), lang=lang,
                          present=present)


def show_heatmap(page: Page, bound: Bound[GradSettings], key: str) -> None:
    st.subheader(page.t("grad.heatmap"))
    kind = bound.select("kind", page.t("grad.kind"), radio=True,
                        format_func=TITLES.__getitem__)
    bound.commit()
    st.caption(page.t("grad.heatmap_help"))
    st.plotly_chart(heatmap_figure(key, kind, page.lang, page.present), width="stretch",
                    config=F.PLOTLY_CONFIG, key="gradients.chart.heatmap")


@st.cache_resource(max_entries=32, show_spinner=False)
def highway_figure(key: str, lang: str, present: bool) -> Any:
    from gates_lab.i18n import t

    r = run_gradients(key)
    kind = next(k for k in KINDS if _has_highway(k))
    k = r.kinds[kind]
    curves = [F.Curve(t("grad.hw.dc", lang), k.dc_norm, F.KIND_COLORS[kind]),
              F.Curve(t("grad.hw.path", lang), k.highway, "#000000", "dash"),
              F.Curve(t("grad.hw.prod", lang), k.forget_mean, "#E69F00", "dot"),
              F.Curve(t("grad.hw.dh", lang), k.dh_norm, "#56B4E9")]
    return F.log_curves(curves, title=t("grad.hw_title", lang), x_title=t("grad.step", lang),
                        y_title=t("grad.hw_y", lang),
                        marks={r.loss_step: t("grad.loss_mark", lang, T=r.loss_step)},
                        lang=lang, present=present)


def show_highway(page: Page, key: str, loss_step: int) -> None:
    st.subheader(page.t("grad.highway"))
    st.caption(page.t("grad.highway_help", T=loss_step))
    st.plotly_chart(highway_figure(key, page.lang, page.present), width="stretch",
                    config=F.PLOTLY_CONFIG, key="gradients.chart.highway")
