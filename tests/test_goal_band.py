"""A challenge's goal drawn on its chart: the band holds the same numbers as the check."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from gates_lab.classroom import challenges as C
from gates_lab.figures.goal import _get_goal_info, gates_with_goal


def _inside(band: C.GoalBand, trace) -> np.ndarray:
    """Per constrained step and unit: is the state inside the band?"""
    state = np.asarray(trace.get(band.state), dtype=float)
    state = state[:, 0, :] if state.ndim == 3 else state
    mask = np.isfinite(band.lower) & np.isfinite(band.upper)
    ok = (state >= band.lower - 1e-12) & (state <= band.upper + 1e-12)
    return ok[mask]


@pytest.mark.parametrize("cid", list(C.CHALLENGES))
def test_solution_runs_inside_the_band_and_start_leaves_it(cid: str) -> None:
    ch = C.get_challenge(cid)
    result, trace = C.evaluate(ch, ch.solution)
    band = C.goal_band(ch, trace, ch.solution)
    assert band.state in trace.names
    assert band.lower.shape == band.upper.shape == band.centre.shape
    assert np.isfinite(band.lower).any()
    assert result.passed and _inside(band, trace).all()
    result, trace = C.evaluate(ch, ch.start)
    band = C.goal_band(ch, trace, ch.start)
    assert not result.passed
    if cid != "rnn-explode-tame":  # start fails there only when W_hh is doubled
        assert not _inside(band, trace).all(), cid


def test_latch_band_is_tanh_of_the_written_value_within_the_tolerance() -> None:
    ch = C.get_challenge("gru-latch")
    _, trace = C.evaluate(ch, ch.solution)
    band = C.goal_band(ch, trace, ch.solution)
    x = C.challenge_input(ch)
    first = int(np.flatnonzero(x[:, 1] > 0.5)[0])
    assert np.isnan(band.centre[:first]).all()  # before the first write: no goal
    np.testing.assert_allclose(band.centre[first, 0], np.tanh(x[first, 0]))
    np.testing.assert_allclose(band.upper - band.lower, np.where(
        np.isnan(band.centre), np.nan, 0.2), equal_nan=True)


def test_the_band_is_drawn_on_its_state_panel_under_the_lines() -> None:
    ch = C.get_challenge("lstm-count")
    _, trace = C.evaluate(ch, ch.solution)
    band = C.goal_band(ch, trace, ch.solution)
    fig = gates_with_goal(trace, band)
    go.Figure(fig.spec)  # valid Plotly
    data = fig.spec["data"]
    row = list(trace.names).index("cell") + 1
    assert data[0]["name"] == "goal: where it should be" and data[0]["fill"] == "toself"
    assert data[1]["name"] == "target value" and data[1]["line"]["dash"] == "dash"
    assert data[0]["yaxis"] == data[1]["yaxis"] == f"y{row}"
    # step 9's box spans 8.5..9.5 at the count (1 impulse so far) +- 0.2
    info = _get_goal_info(band)
    outline = zip(info.outline_x, info.outline_y, strict=True)
    pts = {(x, round(y, 9)) for x, y in outline if x is not None}
    count = float(np.cumsum(C.challenge_input(ch)[:, 0] > 0.5)[9])
    assert {(8.5, round(count + 0.2, 9)), (9.5, round(count - 0.2, 9))} <= pts
    assert all(y is None or y in np.cumsum(C.challenge_input(ch)[:, 0] > 0.5)
               for y in info.target_y)
    assert gates_with_goal(trace, band, lang="zh").spec["data"][0]["name"] == "目标：应在的范围"


def test_a_single_step_goal_is_a_visible_box() -> None:
    ch = C.get_challenge("gru-wipe")
    _, trace = C.evaluate(ch, ch.solution)
    band = C.goal_band(ch, trace, ch.solution)
    cues = np.flatnonzero(C.challenge_input(ch)[:, 1] > 0.5)
    np.testing.assert_allclose(band.upper[cues, 0], 0.05)
    np.testing.assert_allclose(band.lower[cues - 1, 0], 0.6)
    info = _get_goal_info(band)
    c = int(cues[0])
    assert (c - 0.5, 0.05) in zip(info.outline_x, info.outline_y, strict=True)
    assert (c + 0.5, -0.05) in zip(info.outline_x, info.outline_y, strict=True)
