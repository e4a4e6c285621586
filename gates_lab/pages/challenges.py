"""The challenges page: set a tiny cell's weights until its trace meets a goal.

Reads like the screen: title, challenge picker, goal, weight sliders, gates, the live
result, Check (with hint after a failed try) and Show solution. The settings hold the
challenge id and a CellSpec whose ``edits`` are the student's changes *relative to the
challenge's start weights*, so ``?challenge=gru-latch`` alone opens the start position
and a link with ``w=...`` opens a student's attempt.
"""

from __future__ import annotations

import dataclasses
import json
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import streamlit as st

from gates_lab import codec, equations
from gates_lab import scenario as S
from gates_lab.classroom import challenges as C
from gates_lab.figures import over_time
from gates_lab.figures.common import PLOTLY_CONFIG
from gates_lab.figures.goal import gates_with_goal
from gates_lab.guide_ui import show_guide
from gates_lab.ui import Bound, Page, controls, panel, setup

IDS: tuple[str, ...] = tuple(C.CHALLENGES)
TRIES = "challenges.tries"  # {challenge id: number of checks}
FAILED = "challenges.failed"  # {challenge id: number of failed checks}
LAST = "challenges.last"  # {challenge id: (weights key, solved)} of the last check
SHOWN = "challenges.shown"  # ids of the challenges whose solution was shown


def cell_of(ch: C.Challenge) -> S.CellSpec:
    return S.CellSpec(kind=ch.kind, input_size=ch.input_size, hidden_size=ch.hidden_size,
                      reset_after=ch.reset_after, nonlinearity=ch.nonlinearity)


@dataclass(frozen=True)
class ChallengeSettings:
    """Which challenge, and the student's weights as edits of its start weights."""

    challenge: str = codec.spec(IDS[0], "challenge", choices=IDS)
    cell: S.CellSpec = codec.spec(cell_of(C.CHALLENGES[IDS[0]]), "")


# --------------------------------------------------------------------------- weights


def slider_limit(ch: C.Challenge) -> float:
    """Slider range ±limit: room around the start and solution values."""
    biggest = max(float(np.max(np.abs(w))) for sd in (ch.start, ch.solution)
                  for w in sd.values())
    limit = max(2.0, 1.5 * biggest)
    return float(5 * math.ceil(limit / 5)) if limit > 5 else limit


@st.cache_data(max_entries=64, show_spinner=False)
def run_challenge(challenge_id: str, cell_key: str
                  ) -> tuple[C.Result, Any, np.ndarray, C.GoalBand]:
    """The check result, the trace, the input and the goal's band of the student's
    weights (cached)."""
    ch = C.get_challenge(challenge_id)
    cell, _ = codec.from_dict(S.CellSpec, json.loads(cell_key))
    weights = S.apply_edits(ch.start, cell.edits)
    result, trace = C.evaluate(ch, weights)
    return result, trace, C.challenge_input(ch), C.goal_band(ch, trace, weights)


# --------------------------------------------------------------------------- the page


def render() -> None:
    page = setup("challenges")
    bound = Bound(page, ChallengeSettings)
    ch = C.get_challenge(bound.value.challenge)
    if _fixed(bound.value.cell) != _fixed(cell_of(ch)):  # a link made for another cell
        bound.set("cell", cell_of(ch))

    st.title(page.t("page.challenges"))
    st.caption(page.t("chal.intro"))
    picker(page, bound)
    ch = C.get_challenge(bound.value.challenge)
    title = page.t(f"chal.{ch.id}.title")
    st.subheader(title)
    st.info(f"**{page.t('chal.goal')}** — {page.t(f'chal.{ch.id}.goal')}", icon="🎯")
    st.caption(page.t("chal.cell", kind=ch.kind.upper(), i=ch.input_size, h=ch.hidden_size,
                      length=ch.length))
    show_guide(page, f"challenge.{ch.id}")

    with controls(page, "chal.weights"):
        st.caption(page.t("chal.weights_help"))
        weight_sliders(page, bound, ch)
    bound.commit()

    cell = bound.value.cell
    key = codec.cache_key(cell)
    try:
        result, trace, x, band = run_challenge(ch.id, key)
    except ValueError as exc:
        st.error(page.t("chal.weights_error", msg=page.detail(exc)), icon="🛑")
        return

    check_area(page, bound, ch, result, key)
    left, right = st.columns([1, 2])
    with left:
        panel(page, lambda: show_result(page, result))
    with right:
        panel(page, lambda: show_input(page, x))
    panel(page, lambda: show_gates(page, trace, band))


def _fixed(cell: S.CellSpec) -> tuple[Any, ...]:
    return (cell.kind, cell.input_size, cell.hidden_size, cell.reset_after, cell.nonlinearity)


def picker(page: Page, bound: Bound[ChallengeSettings]) -> None:
    def choose() -> None:
        cid = st.session_state[key]
        if cid != bound.value.challenge:
            bound.replace_all(ChallengeSettings(challenge=cid,
                                                cell=cell_of(C.get_challenge(cid))))

    # The picker's own key follows the settings (a link or a reset may change them); one
    # key per language, as the browser would keep the old language's option labels.
    key = f"challenges.choice.{page.lang}"
    st.session_state[key] = bound.value.challenge
    st.selectbox(page.t("chal.select"), IDS, key=key, on_change=choose,
                 format_func=lambda cid: page.t(f"chal.{cid}.title"))


def weight_sliders(page: Page, bound: Bound[ChallengeSettings], ch: C.Challenge) -> None:
    """One slider per weight and bias, grouped by gate beside its equation."""
    cell = bound.value.cell
    weights = S.apply_edits(ch.start, cell.edits)
    st.latex(equations.all_equations(ch.kind, ch.reset_after, ch.nonlinearity))
    h = ch.hidden_size
    limit = slider_limit(ch)
    step = 0.05 if limit <= 5 else 0.1
    # One column per gate; a plain RNN's single group is split over two columns.
    split = 2 if len(ch.gates) == 1 else 1
    cols = st.columns(len(ch.gates) * split)
    for b, block in enumerate(ch.gates):
        with cols[b * split]:
            st.markdown(f"**{page.t(f'gate.{ch.kind}.{block}')}**")
        for n, (name, index, sub) in enumerate(S.block_elements(weights, b, h)):
            value = float(weights[name][index])
            with cols[b * split + n % split]:
                new = bound.widget(st.slider, f"w.{S.edit_key(name, index)}", value,
                                   f"${equations.weight_latex(name, block)}[{sub}]$",
                                   min_value=min(-limit, value),
                                   max_value=max(limit, value), step=step)
            weights[name][index] = new
    bound.set("cell", dataclasses.replace(cell, edits=S.edits_between(ch.start, weights)))


def _count(store: str, cid: str) -> int:
    return int(st.session_state.get(store, {}).get(cid, 0))


def _bump(store: str, cid: str) -> None:
    counts = dict(st.session_state.get(store, {}))
    counts[cid] = counts.get(cid, 0) + 1
    st.session_state[store] = counts


def is_shown_solution(ch: C.Challenge, cell: S.CellSpec) -> bool:
    """True when these are the solution's weights and the solution was shown in this
    session: they pass, but a shown solution is not the student's own work."""
    if ch.id not in st.session_state.get(SHOWN, ()):
        return False
    weights = S.apply_edits(ch.start, cell.edits)
    return all(np.allclose(weights[k], v, rtol=0, atol=1e-9) for k, v in ch.solution.items())


def check_area(page: Page, bound: Bound[ChallengeSettings], ch: C.Challenge,
               result: C.Result, key: str) -> None:
    def show_solution() -> None:
        sol = dataclasses.replace(cell_of(ch), edits=S.edits_between(ch.start, ch.solution))
        bound.replace_all(dataclasses.replace(bound.value, cell=sol))
        st.session_state[SHOWN] = set(st.session_state.get(SHOWN, ())) | {ch.id}

    def restart() -> None:
        bound.replace_all(dataclasses.replace(bound.value, cell=cell_of(ch)))

    # the buttons get the row (their labels never cut short); the count goes under them
    c1, c2, c3 = st.columns([1, 1.3, 1.7])
    checked = c1.button(page.t("chal.check"), key="challenges.check", type="primary",
                        width="stretch")
    c2.button(page.t("chal.solution"), key="challenges.solution", on_click=show_solution,
              help=page.t("chal.solution_help"), width="stretch")
    c3.button(page.t("chal.restart"), key="challenges.restart", on_click=restart,
              width="stretch")
    shown = is_shown_solution(ch, bound.value.cell)
    if checked:
        _bump(TRIES, ch.id)
        if not result.passed:
            _bump(FAILED, ch.id)
        last = dict(st.session_state.get(LAST, {}))
        # a shown solution passes the check but is not counted as solved
        last[ch.id] = (key, result.passed and not shown)
        st.session_state[LAST] = last
    st.caption(page.t("chal.tries", n=_count(TRIES, ch.id)))

    if shown:
        st.info(page.t("chal.solution_loaded"), icon="📖")
    last = st.session_state.get(LAST, {}).get(ch.id)
    if last is not None and last[0] == key:  # the last check is about these weights
        if last[1]:
            st.success(page.t("chal.pass", title=page.t(f"chal.{ch.id}.title")), icon="🎉")
            if checked:
                st.balloons()
        elif shown:
            st.warning(page.t("chal.shown_not_counted"), icon="📖")
        else:
            missing = ", ".join(page.t(f"chal.part.{p}") for p, ok in result.parts if not ok)
            st.error(page.t("chal.fail", parts=missing), icon="❌")
    solved = last is not None and last[0] == key and last[1]
    if _count(FAILED, ch.id) > 0 and not solved and not shown:
        st.warning(f"**{page.t('chal.hint')}** — {page.t(f'chal.{ch.id}.hint')}", icon="💡")


def _fmt(value: float) -> str:
    if value == 0 or 1e-3 <= abs(value) < 1e5:
        return f"{value:.3g}"
    return f"{value:.2e}"


def show_result(page: Page, result: C.Result) -> None:
    st.markdown(f"**{page.t('chal.current')}**")
    lines = [f"{'✅' if ok else '❌'} {page.t(f'chal.part.{p}')}" for p, ok in result.parts]
    lines += [f"- {page.t(f'chal.num.{n}')}: `{_fmt(v)}`" for n, v in result.numbers]
    st.markdown("  \n".join(lines[:len(result.parts)]) + "\n\n" + "\n".join(
        lines[len(result.parts):]))


def show_gates(page: Page, trace: Any, band: C.GoalBand) -> None:
    st.markdown(f"**{page.t('chal.gates')}**")
    st.caption(page.t("chal.goal_band", state=page.t(f"chal.state.{band.state}")))
    fig = gates_with_goal(trace, band, lang=page.lang, present=page.present)
    st.plotly_chart(fig, config=PLOTLY_CONFIG,
                    key="challenges.chart.gates")


def show_input(page: Page, x: np.ndarray) -> None:
    series = {page.t("chal.x", c=c): x[:, c] for c in range(x.shape[1])}
    fig = over_time.line_chart(series, title=page.t("chal.input"),
                             x_title=page.t("chal.step"), lang=page.lang, present=page.present)
    fig.update_layout(height=230 if not page.present else 330)
    st.plotly_chart(fig, config=PLOTLY_CONFIG,
                    key="challenges.chart.input")
