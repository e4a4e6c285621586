"""The input editor's Python side (gates_lab/input_points.py, gates_lab/live/component.py) under
AppTest: an edited point in the link, a value out of range, too many edited points, and
points past a sequence that got shorter; the latch's write moved with two clicks; table
mode edits the table; typed text is not edited on the chart, with a note saying why."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

from gates_lab import input_points as IP
from gates_lab import scenario as S
from gates_lab.live.wire import unpack

ROOT = Path(__file__).resolve().parent.parent


def run_gru(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "gru.py"), default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def query(at: AppTest) -> dict[str, str]:
    return {k: at.query_params[k][0] if isinstance(at.query_params[k], list)
            else at.query_params[k] for k in at.query_params}


def live(at: AppTest) -> dict:
    found = [c for c in at.get("bidi_component") if str(c.proto.id).endswith("-live")]
    assert len(found) == 1
    return unpack(found[0].proto.bytes)


def drawn_input(at: AppTest, channel: int = 0) -> list[float]:
    data = live(at)
    index = next(ch["trace"] for ch in data["inputs"]["channels"] if ch["c"] == channel)
    return data["figure"]["data"][index]["y"]


def commit(at: AppTest, payload: dict) -> AppTest:
    at.session_state["gru.live.commit"] = payload
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_an_edited_point_goes_into_the_link_and_a_link_draws_it():
    at = run_gru()
    before = drawn_input(at)
    link_before = query(at)
    commit(at, {"id": "x:0:3", "value": 2.5})
    assert not at.warning
    assert at.session_state["gru.settings"].input.points == ((0, 3, 2.5),)
    assert query(at)["pt"] == "0.3=2.5"
    drawn = drawn_input(at)
    assert drawn[3] == 2.5 and drawn[:3] == before[:3] and drawn[4:] == before[4:]
    # the pattern stays: only that point is an override
    assert {k: v for k, v in query(at).items() if k != "pt"} == link_before
    assert at.session_state["gru.settings"].input.mode == "pattern"
    # the previous input is the ghost
    assert np.array_equal(at.session_state["gru.ghost_x"][:, 0], before)
    again = run_gru(query(at))  # a fresh session from the link draws the same lines
    assert drawn_input(again) == drawn
    lines = [[live(a)["figure"]["data"][i]["y"] for i, _, _ in live(a)["map"]] for a in (at, again)]
    assert lines[0] == lines[1]
    # set back to the pattern's own value: the override goes
    commit(at, {"id": "x:0:3", "value": before[3]})
    assert at.session_state["gru.settings"].input.points == () and "pt" not in query(at)


def test_the_latch_write_moves_from_4_to_20_with_two_clicks():
    at = run_gru({"preset": "gru-latch"})
    write = drawn_input(at, 1)
    assert write[4] == 1.0 and write[20] == 0.0
    pulse = next(c["pulse"] for c in live(at)["inputs"]["channels"] if c["c"] == 1)
    assert pulse == 1.0  # a 0/1 channel: a click adds or removes a pulse
    commit(at, {"id": "x:1:4", "value": 0.0})   # click on the pulse at 4: removed
    commit(at, {"id": "x:1:20", "value": 1.0})  # click at 20: a pulse
    after = drawn_input(at, 1)
    assert after[4] == 0.0 and after[20] == 1.0 and after[17] == 1.0
    assert query(at)["pt"] == "1.4=0;1.20=1"
    hidden = at.session_state["gru.last"][1].get("hidden")[:, 0]
    assert abs(hidden[10] - hidden[3]) < 1e-4  # nothing written at 4 any more
    assert abs(hidden[20] - hidden[19]) > 0.05  # written at 20


def test_a_value_out_of_range_is_clamped_with_a_message():
    at = run_gru()
    commit(at, {"id": "x:0:3", "value": 55.0})
    assert "must be from -10 to 10" in at.warning[0].value and "set to 10" in at.warning[0].value
    assert at.session_state["gru.settings"].input.points == ((0, 3, 10.0),)
    at = run_gru({"pt": "0.3=55"})  # a hand-made link: clamped too, and said
    assert at.session_state["gru.settings"].input.points == ((0, 3, 10.0),)
    assert any("must be from -10 to 10" in w.value for w in at.warning)
    for bad in ({"id": "x:0:3", "value": "high"}, {"id": "x:0:99", "value": 1.0},
                {"id": "x:7:3", "value": 1.0}, {"id": "x:0", "points": "zigzag"}):
        at = commit(run_gru(), bad)
        assert at.warning and at.session_state["gru.settings"].input.points == (), bad


def test_too_many_edited_points_are_refused_with_the_limit():
    full = ";".join(f"0.{t}=3" for t in range(IP.MAX_POINTS))
    at = run_gru({"pt": full, "L": "100"})
    assert len(at.session_state["gru.settings"].input.points) == IP.MAX_POINTS
    commit(at, {"id": "x:0:90", "value": 2.0})
    assert f"at most {IP.MAX_POINTS}" in at.warning[0].value
    assert len(at.session_state["gru.settings"].input.points) == IP.MAX_POINTS
    # a link with more keeps the first MAX_POINTS, and says so
    more = ";".join(f"0.{t}=3" for t in range(IP.MAX_POINTS + 6))
    at = run_gru({"pt": more, "L": "100"})
    assert len(at.session_state["gru.settings"].input.points) == IP.MAX_POINTS
    assert any(f"at most {IP.MAX_POINTS}" in w.value for w in at.warning)


def test_points_past_a_shorter_sequence_are_dropped_with_a_message():
    at = run_gru({"pt": "0.3=2;0.30=-2"})
    assert len(at.session_state["gru.settings"].input.points) == 2
    at.session_state["gru.tab.controls"] = "Input sequence"
    at.run()
    at.slider(key="gru.1.input.length").set_value(20).run()
    assert not at.exception
    assert at.session_state["gru.settings"].input.points == ((0, 3, 2.0),)
    assert query(at)["pt"] == "0.3=2"
    assert any("past the last step 19" in c.value for c in at.caption)
    assert len(drawn_input(at)) == 20 and drawn_input(at)[3] == 2.0
    # a link whose points lie past its length: dropped, and said
    at = run_gru({"pt": "0.3=2;0.45=1", "L": "40"})
    assert at.session_state["gru.settings"].input.points == ((0, 3, 2.0),)
    assert any("past the last step 39" in w.value for w in at.warning)


def test_a_stroke_sets_every_step_it_crossed():
    at = run_gru()
    commit(at, {"id": "x:0", "points": [[5, 0.5], [6, 0.6], [7, 0.7]]})
    assert query(at)["pt"] == "0.5=0.5;0.6=0.6;0.7=0.7"
    assert drawn_input(at)[5:8] == [0.5, 0.6, 0.7]


def test_table_mode_edits_the_table_and_text_is_not_edited_on_the_chart():
    table = ";".join(f"{v}" for v in range(6))
    at = run_gru({"mode": "table", "tab": table})
    commit(at, {"id": "x:0:2", "value": -1.5})
    assert at.session_state["gru.settings"].input.table[2] == (-1.5,)
    assert at.session_state["gru.settings"].input.points == ()
    assert query(at)["tab"] == "0;1;-1.5;3;4;5"
    at = run_gru({"mode": "text"})
    data = live(at)["inputs"]
    assert not data["editable"] and "embedding" in data["help"]
    commit(at, {"id": "x:0:2", "value": 1.0})
    assert "change the text instead" in at.warning[0].value


def test_old_links_keep_their_meaning():
    """A link made before points existed opens the same input (no pt: no override)."""
    scenario, errors = S.Scenario(), []
    from gates_lab import codec

    old = {"L": "30", "ch": "impulses,1,13,4,0,0"}
    scenario, errors = codec.from_query(S.Scenario, old)
    assert not errors and scenario.input.points == ()
    x, _ = S.build_input(scenario.input, 1)
    assert x[4, 0] == 1.0 and x[17, 0] == 1.0


def test_the_point_limits_follow_the_settings_limits():
    assert (IP.MAX_INPUT, IP.MAX_LENGTH, IP.MAX_VALUE) == (S.MAX_INPUT, S.MAX_LENGTH, S.MAX_WEIGHT)
    assert IP.POINT_RANGE == S.Channel.__dataclass_fields__["amplitude"].metadata["hi"]


def test_a_point_is_edited_on_the_heatmaps_too():
    """Above 4 units the gates are heatmaps; the input stays lines and stays editable, and
    a hovered point's frames (steps t.. only) come for it."""
    at = run_gru({"H": "8"})
    data = live(at)
    assert data["inputs"]["editable"] and {u for _, _, u in data["map"]} == {-1}
    at.session_state["gru.live.active"] = "x:0:30"
    at.session_state["gru.live.want"] = True
    at.run()
    sweep = live(at)["sweep"]
    assert sweep["id"] == "x:0:30" and sweep["t"] == 30 and sweep["shape"][1:] == [4, 10, 8]


def test_a_point_sent_for_an_input_that_cannot_be_built_changes_nothing():
    empty = S.InputSpec(mode="table", table=())
    same, problem = IP.commit(empty, 1, {"id": "x:0:0", "value": 1.0})
    assert same == empty and "table is empty" in problem
