"""A session that floods reruns waits before each run (gates_lab.ui.flood_pause); a person does
not. The effect on the other sessions is measured by benchmarks/load.py (abuse)."""

from __future__ import annotations

from gates_lab.ui import FLOOD_PAUSE, FLOOD_RUNS, FLOOD_WINDOW, flood_pause


def run_starts(times: list[float]) -> list[float]:
    """The pause of each run starting at ``times``, remembering starts as the page does."""
    starts: list[float] = []
    pauses = []
    for now in times:
        starts, pause = flood_pause(starts, now)
        pauses.append(pause)
    return pauses


def test_a_student_moving_a_slider_never_waits():
    # A move every 0.3 s (faster than anyone drags and releases) for a minute.
    assert set(run_starts([0.3 * i for i in range(200)])) == {0.0}


def test_a_flood_waits_once_it_exceeds_the_allowance():
    pauses = run_starts([0.001 * i for i in range(3 * FLOOD_RUNS)])
    assert pauses[:FLOOD_RUNS] == [0.0] * FLOOD_RUNS
    assert pauses[FLOOD_RUNS:] == [FLOOD_PAUSE] * (2 * FLOOD_RUNS)


def test_the_allowance_comes_back_after_the_window():
    burst = [0.01 * i for i in range(FLOOD_RUNS + 1)]
    later = burst[-1] + FLOOD_WINDOW + 0.01
    assert run_starts([*burst, later])[-1] == 0.0


def test_remembers_a_bounded_number_of_starts():
    starts: list[float] = []
    for i in range(1000):
        starts, _ = flood_pause(starts, i * 1e-4)
    assert len(starts) == FLOOD_RUNS + 1


def test_fragment_reruns_count_towards_the_flood_pause_and_full_runs_once(monkeypatch):
    """A "want" of the live gates reruns only their fragment (setup() does not run), so
    the fragment counts itself; inside a full run setup() has already counted it."""
    import types

    import streamlit.runtime.scriptrunner as runner

    from gates_lab import ui

    calls: list[int] = []
    monkeypatch.setattr(ui, "throttle_floods", lambda: calls.append(1))
    for fragments, expected in ((["live"], 1), ([], 0), (None, 0)):
        calls.clear()
        ctx = types.SimpleNamespace(fragment_ids_this_run=fragments)
        monkeypatch.setattr(runner, "get_script_run_ctx", lambda ctx=ctx: ctx)
        ui.throttle_fragment_floods()
        assert len(calls) == expected, fragments
