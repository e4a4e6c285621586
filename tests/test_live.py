"""The live gates (gates_lab/live): controls, step grids, the frames the browser draws during a
drag (checked against the engine's ordinary run at the released value), and the Python
side of a commit under AppTest (a good value, a bad one, one out of range)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from gates_lab import scenario as S
from gates_lab.figures import over_time
from gates_lab.live import controls as C
from gates_lab.live import frames as F
from gates_lab.live.component import SPAN, plain_equation
from gates_lab.live.wire import unpack

ROOT = Path(__file__).resolve().parent.parent
CELLS = [S.CellSpec(kind="gru"), S.CellSpec(kind="gru", reset_after=False),
         S.CellSpec(kind="lstm"), S.CellSpec(kind="rnn"),
         S.CellSpec(kind="rnn", nonlinearity="relu", input_size=2, hidden_size=1, seed=3)]


def x_of(cell: S.CellSpec, length: int = 12) -> np.ndarray:
    x, _ = S.build_input(S.InputSpec(length=length), cell.input_size)
    return x


def decoded(payload: dict) -> np.ndarray:
    return np.frombuffer(payload["frames"], dtype="<f8").reshape(payload["shape"])


# --------------------------------------------------------------------------- controls


def test_controls_have_plain_names_and_knobs_at_every_hidden_size():
    small = C.controls_for(S.CellSpec(kind="gru", input_size=1, hidden_size=2))
    labels = [c.label for c in small]
    assert "W_ir[0,0]" in labels and "W_hz[1,1]" in labels and "b_hn[1]" in labels
    assert len(small) == 3 * (2 + 2 * 1 + 2 * 2 + 2 + 2)  # knobs, W_i, W_h, b_i, b_h per gate
    for h in (1, 3, 8, 16):
        ids = [c.id for c in C.controls_for(S.CellSpec(kind="lstm", hidden_size=h))]
        assert [i for i in ids if not i.startswith("w:")] == [
            f"{k}:{b}" for b in range(4) for k in ("scale", "shift")]
        assert any(i.startswith("w:") for i in ids) == (h <= C.SMALL_HIDDEN)


def test_the_grid_is_anchored_at_an_off_grid_value():
    control = C.Control("w:bias_ih_l0:0", "b_ir[0]", 0, -0.28, -10.0, 10.0, 0.05)
    values = C.grid(control)
    k = int(np.flatnonzero(values == -0.28)[0])
    assert values[k + 1] == -0.23 and values[k - 1] == -0.33  # one step, no snapping
    assert values[0] >= -10.0 and values[-1] <= 10.0 and len(values) == 400
    seeded = C.controls_for(S.CellSpec())[2]
    g = C.grid(seeded)
    assert seeded.value in g.tolist()
    assert np.allclose(np.diff(g), seeded.step, atol=1e-9)


def test_commit_sets_clamps_and_refuses():
    cell = S.CellSpec(kind="gru")
    new, problem = C.commit(cell, {"id": "w:weight_hh_l0:2:0", "value": 1.25})
    assert problem is None and dict(new.edits)["weight_hh_l0:2:0"] == 1.25
    new, problem = C.commit(cell, {"id": "shift:1", "value": 99})
    assert new.shift == (0.0, 10.0, 0.0) and "must be from -10 to 10" in problem
    new, problem = C.commit(cell, {"id": "scale:0", "value": -1})
    assert new.scale == (0.0, 1.0, 1.0) and "set to 0" in problem
    for bad in ({"id": "w:weight_hh_l0:2:0", "value": "7"},
                {"id": "w:weight_hh_l0:2:0", "value": float("nan")},
                {"id": "w:weight_hh_l0:2:0", "value": True},
                {"id": "w:weight_hh_l0:99:0", "value": 1.0},
                {"id": "nonsense", "value": 1.0}, [1, 2], None):
        same, problem = C.commit(cell, bad)
        assert same == cell and problem, bad
    # neutral knobs stay out of the link
    back, _ = C.commit(dataclasses.replace(cell, shift=(0.0, 2.0, 0.0)), {"id": "shift:1", "value": 0})
    assert back.shift == ()


def test_plain_equations_have_no_latex():
    text = plain_equation(r"n_t = \tanh(W_{in} x_t + b_{in} + r_t \odot (W_{hn} h_{t-1} + b_{hn}))")
    assert "\\" not in text and "⊙" in text and "W<sub>hn</sub>" in text


# --------------------------------------------------------------------------- frames


@pytest.mark.parametrize("cell", CELLS, ids=lambda c: f"{c.kind}-{c.reset_after}-{c.nonlinearity}")
def test_every_frame_is_the_engine_at_that_value(cell):
    """What the browser draws at grid value k equals the ordinary engine run of the cell
    with the control set to grid[k] (what the page computes after the release)."""
    rng = np.random.default_rng(7)
    cell = dataclasses.replace(cell, scale=(1.5,) + (1.0,) * 3, shift=(0.0, -0.5))
    x = x_of(cell)
    controls = C.controls_for(cell)
    picks = [c for c in controls if not c.id.startswith("w:")][:3]
    weights = [c for c in controls if c.id.startswith("w:")]
    picks += [weights[i] for i in rng.choice(len(weights), 4, replace=False)]
    for control in picks:
        values = C.grid(control)
        for textbook in (False, True):
            payload = F.sweep_payload(cell, x, control, values, textbook)
            frames = decoded(payload)
            assert payload["grid"] == values.tolist()
            for k in (0, int(rng.integers(len(values))), len(values) - 1):
                moved = C.apply(cell, control, float(values[k]))
                trace = S.cell_net(moved).trace(x)
                for p, name in enumerate(trace.names):
                    expected = trace.get(name)
                    if textbook and cell.kind == "gru" and name == "update":
                        expected = 1.0 - expected
                    np.testing.assert_allclose(frames[k, p], expected, rtol=0, atol=1e-12,
                                               err_msg=f"{control.id} k={k} {name}")


def test_long_inputs_get_the_frames_around_the_current_value():
    cell = S.CellSpec(kind="lstm", hidden_size=16)
    x = x_of(cell, 500)
    control = C.controls_for(cell)[1]  # shift of the input gate: 201 values
    values = C.grid(control)
    payload = F.sweep_payload(cell, x, control, values)
    frames = decoded(payload)
    k0, n = payload["k0"], len(frames)
    assert n * frames[0].size <= F.MAX_VALUES and 3 <= n < len(values)
    assert payload["grid"] == values.tolist() and k0 <= values.tolist().index(0.0) < k0 + n
    trace = S.cell_net(C.apply(cell, control, float(values[k0 + n - 1]))).trace(x)
    np.testing.assert_allclose(frames[-1, -1], trace.get("hidden"), rtol=0, atol=1e-12)


def test_effective_from_base_is_the_settings_arithmetic():
    cell = S.CellSpec(kind="lstm", hidden_size=3, scale=(0.5, 2.0), shift=(1.0, -2.0, 0.5, 3.0))
    got = F.effective_from_base("lstm", 3, S.base_weights(cell), cell.scale, cell.shift)
    want = S.effective_weights(cell)
    for name in want:
        np.testing.assert_array_equal(got[name], want[name])


@pytest.mark.parametrize("display", ["lines", "heatmap"])
def test_the_figure_says_which_trace_draws_what_and_skips_the_ghosts(display):
    """The builder's own map (fig.live_map), not a search by value: every live trace of
    every panel and unit, and each input channel, even where two traces draw equal values."""
    cell = S.CellSpec(kind="lstm", hidden_size=2, input_size=2)
    x = x_of(cell)
    trace = S.cell_net(cell).trace(x)
    ghost = S.cell_net(dataclasses.replace(cell, seed=5)).trace(x)
    old_x = x + 1.0
    if display == "lines":
        fig = over_time.gate_panels(trace, ghost=ghost, inputs=x, ghost_inputs=old_x)
        units = 2
    else:
        fig = over_time.state_heatmap(trace, inputs=x, ghost_inputs=old_x)
        units = 1
    spec = fig.spec
    mapping = fig.live_map["gates"]
    assert len(mapping) == len(trace.names) * units
    for index, p, u in mapping:
        drawn = spec["data"][index]
        values = trace.get(trace.names[p])
        assert "opacity" not in drawn
        if u >= 0:
            assert drawn["y"] == values[:, u].tolist()
        else:
            assert drawn["z"] == values.T.tolist()
    inputs = fig.live_map["inputs"]
    assert [c for _, c in inputs] == [0, 1]
    for index, c in inputs:
        assert spec["data"][index]["y"] == x[:, c].tolist()
        assert "opacity" not in spec["data"][index]
    # the previous input is drawn too, faint
    faint = [d for d in spec["data"] if d.get("opacity") and d.get("yaxis") == "y"]
    assert [d["y"] for d in faint] == [old_x[:, 0].tolist(), old_x[:, 1].tolist()]


# --------------------------------------------------------------------------- AppTest


def run_gru(query: dict[str, str] | None = None) -> AppTest:
    """The GRU page on its defaults (a bare /gru opens on the update gate holding, see
    tests/test_pages.py; a link naming any setting opens on the defaults)."""
    at = AppTest.from_file(str(ROOT / "pages" / "gru.py"), default_timeout=60)
    for key, value in (query or {"cell": "gru"}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def live(at: AppTest) -> dict:
    """The live gates component's data (its element id ends in "-live")."""
    found = [c for c in at.get("bidi_component") if str(c.proto.id).endswith("-live")]
    assert len(found) == 1, [c.proto.id for c in at.get("bidi_component")]
    return unpack(found[0].proto.bytes)


def query(at: AppTest) -> dict[str, str]:
    return {k: at.query_params[k][0] if isinstance(at.query_params[k], list)
            else at.query_params[k] for k in at.query_params}


def test_the_page_mounts_the_live_gates_with_every_control():
    data = live(run_gru())
    assert [c["label"] for c in data["controls"]][:3] == ["weight scale r", "bias shift r",
                                                         "W_ir[0,0]"]
    assert data["plotly_url"].endswith("/app/static/plotly.min.js")
    assert (ROOT / "static" / "plotly.min.js").stat().st_size > 1_000_000
    assert len(data["map"]) == 4 * 2 and data["sweep"] is None
    assert data["inputs"]["editable"] and [c["c"] for c in data["inputs"]["channels"]] == [0]
    for c in data["controls"]:
        assert c["min"] <= c["value"] <= c["max"] and 0 <= c["k"] < c["n"]


def want(at: AppTest, control_id: str) -> None:
    """What the browser's "want" trigger leaves in the session (gates_lab/live/component.py)."""
    at.session_state["gru.live.active"] = control_id
    at.session_state["gru.live.want"] = True


def test_frames_go_out_once_and_a_release_keeps_them():
    at = run_gru()
    wid = "w:weight_hh_l0:2:0"
    want(at, wid)
    at.run()
    data = live(at)
    sweep = data["sweep"]
    # the frames around the current value only (a drag beyond them asks for more)
    k = sweep["grid"].index(next(c["value"] for c in data["controls"] if c["id"] == wid))
    assert sweep["id"] == wid and sweep["shape"][:2] == [2 * SPAN + 1, 4]
    assert sweep["k0"] == k - SPAN
    # A rerun nobody asked frames for sends none (the browser still holds them).
    at.run()
    assert live(at)["sweep"] is None and live(at)["carry"] is None
    # A release of that control on its grid: no frames sent, the browser keeps its own.
    value = sweep["grid"][sweep["grid"].index(next(c["value"] for c in data["controls"]
                                                   if c["id"] == wid)) + 3]
    at.session_state["gru.live.commit"] = {"id": wid, "value": value}
    at.run()
    after = live(at)
    assert after["sweep"] is None and after["rev"] != data["rev"]
    assert after["carry"] == {"id": wid, "from": data["rev"]}
    # ... and they are the engine's for the new settings: asked afresh, the same numbers.
    want(at, wid)
    at.run()
    fresh = live(at)["sweep"]
    old, new = decoded(sweep), decoded(fresh)
    common = sorted(set(sweep["grid"]) & set(fresh["grid"]))
    assert value in common and len(common) > len(sweep["grid"]) - 3
    assert fresh["k0"] == sweep["k0"] + 3
    for v in common:
        i, j = sweep["grid"].index(v) - sweep["k0"], fresh["grid"].index(v) - fresh["k0"]
        if not (0 <= i < len(old) and 0 <= j < len(new)):
            continue
        np.testing.assert_allclose(old[i], new[j], rtol=0, atol=1e-12)
    # A drag beyond them asks for the frames around the index it reached.
    at.session_state["gru.live.want"] = 5
    at.run()
    around = live(at)["sweep"]
    assert around["k0"] == 0 and len(decoded(around)) == 2 * SPAN + 1
    moved = C.apply(at.session_state["gru.settings"].cell, next(
        c for c in C.controls_for(at.session_state["gru.settings"].cell) if c.id == wid),
        around["grid"][5])
    trace = S.cell_net(moved).trace(S.build_input(at.session_state["gru.settings"].input,
                                                  moved.input_size)[0])
    np.testing.assert_allclose(decoded(around)[5, -1], trace.get("hidden"), rtol=0, atol=1e-12)
    # Any other change (a size, the input) sends no frames and carries none.
    at.slider(key="gru.1.cell.input_size").set_value(2).run()
    assert live(at)["sweep"] is None and live(at)["carry"] is None


def test_a_commit_goes_into_the_settings_the_link_and_the_ghost():
    at = run_gru()
    before = at.session_state["gru.last"][1]
    at.session_state["gru.live.commit"] = {"id": "w:weight_hh_l0:2:0", "value": 2.5}
    at.run()
    assert not at.exception and not at.warning
    cell = at.session_state["gru.settings"].cell
    assert dict(cell.edits) == {"weight_hh_l0:2:0": 2.5}
    assert query(at)["w"] == "weight_hh_l0:2:0=2.5"
    assert at.session_state["gru.ghost"] is before  # the previous run is the ghost now
    data = live(at)
    assert next(c for c in data["controls"] if c["id"] == "w:weight_hh_l0:2:0")["value"] == 2.5
    # a link with that value draws the same figure
    again = run_gru(query(at))
    assert live(again)["figure"]["data"][-1] == data["figure"]["data"][-1]


def test_a_bad_commit_changes_nothing_and_says_why():
    at = run_gru()
    at.session_state["gru.live.commit"] = {"id": "w:weight_hh_l0:2:0", "value": "lots"}
    at.run()
    assert not at.exception
    assert "needs a finite number" in at.warning[0].value
    assert at.session_state["gru.settings"].cell.edits == ()
    at.session_state["gru.live.commit"] = {"id": "w:weight_hh_l0:77:0", "value": 1.0}
    at.run()
    assert "no control" in at.warning[0].value
    assert "w" not in query(at)


def test_a_commit_out_of_range_is_clamped_with_a_message():
    at = run_gru()
    at.session_state["gru.live.commit"] = {"id": "shift:1", "value": 1e6}
    at.run()
    assert not at.exception
    assert "must be from -10 to 10" in at.warning[0].value
    assert at.session_state["gru.settings"].cell.shift == (0.0, 10.0, 0.0)
    assert query(at)["sh"] == "0,10,0"


def test_a_commit_renews_the_fallback_slider_of_the_same_weight():
    from gates_lab.pages.cell_weights import weight_widget

    at = run_gru()
    at.session_state["gru.tab.controls"] = "Weights"
    at.run()
    cell = at.session_state["gru.settings"].cell
    key = f"gru.1.{weight_widget(cell, 'weight_hh_l0', (2, 0))}"
    assert at.slider(key=key).value != 2.5
    at.session_state["gru.live.commit"] = {"id": "w:weight_hh_l0:2:0", "value": 2.5}
    at.run()
    assert at.slider(key=key).value == 2.5
    at.run()  # and it does not write its old value back
    assert dict(at.session_state["gru.settings"].cell.edits) == {"weight_hh_l0:2:0": 2.5}


@pytest.mark.parametrize("hidden", [1, 2, 3])
def test_make_the_update_gate_hold_is_one_move_at_every_hidden_size(hidden):
    """Issue 12: the per-gate shift exists at every hidden size, live and in Settings ->
    Weights; one move of the update gate's shift makes it hold (z near 1: h kept)."""
    from gates_lab.pages.cell_weights import knob_widget

    at = run_gru({"H": str(hidden)})
    assert "shift:1" in [c["id"] for c in live(at)["controls"]]
    at.session_state["gru.tab.controls"] = "Weights"
    at.run()
    cell = at.session_state["gru.settings"].cell
    assert at.slider(key=f"gru.1.{knob_widget(cell, 'shift', 1)}").value == 0.0
    at.session_state["gru.live.commit"] = {"id": "shift:1", "value": 6.0}
    at.run()
    assert not at.exception
    trace = at.session_state["gru.last"][1]
    assert trace.get("update").min() > 0.95
    hidden_state = trace.get("hidden")
    assert np.abs(np.diff(hidden_state, axis=0)).max() < 0.05  # h barely moves: it holds


def test_the_wheel_carries_the_component_files():
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert "gates_lab.live" in config["packages"]
    patterns = config["package-data"]["gates_lab.live"]
    live_dir = ROOT / "gates_lab" / "live"
    for name in ("live.js", "live.css"):
        assert any((live_dir / name).match(p) for p in patterns), name


def test_a_release_sends_a_patch_not_the_figure_and_a_lost_chart_gets_it_again():
    """Once the chart draws a ghost, a release of a control whose frames the browser holds
    is sent as a patch (the released frame, and the frame it started from as the ghost):
    no figure is built or sent. A browser without the chart asks ("#figure") and gets it."""
    at = run_gru()
    wid = "w:weight_hh_l0:2:0"
    value = next(c["value"] for c in live(at)["controls"] if c["id"] == wid)
    at.session_state["gru.live.commit"] = {"id": wid, "value": value + 0.5}
    at.run()  # the first release: the new figure has ghost lines, so it is sent
    assert live(at)["figure"] is not None and live(at)["patch"] is None
    want(at, wid)
    at.run()
    data = live(at)
    assert data["figure"] is None  # the browser draws it already
    grid, k0 = data["sweep"]["grid"], data["sweep"]["k0"]
    old = grid.index(value + 0.5)
    at.session_state["gru.live.commit"] = {"id": wid, "value": grid[old - 2]}
    at.run()
    after = live(at)
    assert after["figure"] is None and after["figure_rev"] != data["figure_rev"]
    assert after["patch"] == {"from": data["figure_rev"], "id": wid, "live": old - 2,
                              "ghost": old}
    assert k0 <= old - 2 and old < k0 + len(decoded(data["sweep"]))
    # what the browser draws from the patch is what the server would have sent
    trace, ghost = at.session_state["gru.last"][1], at.session_state["gru.ghost"]
    frames = decoded(data["sweep"])
    np.testing.assert_allclose(frames[old - 2 - k0, -1], trace.get("hidden"), atol=1e-12)
    np.testing.assert_allclose(frames[old - k0, -1], ghost.get("hidden"), atol=1e-12)
    # a chart that lost its figure asks for it ("#figure": the session forgets it drew it)
    del at.session_state["gru.live.drawn"]
    at.run()
    spec = live(at)["figure"]
    assert spec is not None and live(at)["figure_rev"] == after["figure_rev"]
    ghosts = [tr for tr in spec["data"] if "opacity" in tr]
    assert len(ghosts) == 8 and live(at)["ghost_map"] and live(at)["map"]


# --------------------------------------------------------------------------- what is sent


def test_the_data_goes_as_json_then_the_frames_as_they_are():
    from gates_lab.live import wire

    frames = np.arange(12, dtype="<f8").reshape(2, 3, 2)
    data = {"rev": "r", "text": {"title": "门控 live"}, "sweep": {"id": "scale:0", "shape": [2, 3, 2],
                                                                  "frames": F.encode(frames)}}
    packed = wire.pack(data)
    n = int.from_bytes(packed[:4], "little")
    assert (4 + n) % 8 == 0, "the frames start 8-byte aligned (a Float64Array over them)"
    assert packed[4 + n:] == frames.tobytes() and b"frames" not in packed[:4 + n]
    back = wire.unpack(packed)
    assert back == data and data["sweep"]["frames"] == F.encode(frames)  # not changed
    assert wire.unpack(wire.pack({"sweep": None, "x": [1.5]})) == {"sweep": None, "x": [1.5]}
    # fields encoded once (the controls, texts) join the object
    fixed = wire.encode({"controls": [{"id": "scale:0"}], "text": {"title": "门"}})
    assert wire.unpack(wire.pack(data, fixed)) == {**data, "controls": [{"id": "scale:0"}],
                                                  "text": {"title": "门"}}
    assert wire.unpack(wire.pack({}, fixed)) == json.loads(fixed)
    with pytest.raises(ValueError):  # JSON.parse in the browser would refuse NaN
        wire.pack({"sweep": None, "x": float("nan")})


def test_the_component_imports_its_js_from_static_or_carries_it_inline(monkeypatch):
    from gates_lab.live import assets
    from gates_lab.live import component as live_component

    def js_sent() -> str:
        live_component._component.cache_clear()
        at = run_gru()
        (found,) = [c for c in at.get("bidi_component") if str(c.proto.id).endswith("-live")]
        return str(found.proto.js_content)

    try:
        loader = js_sent()
        name = assets.live_js_name(assets.live_js_source())
        assert len(loader) < 1000 and f'"/app/static/{name}"' in loader
        assert (ROOT / "static" / name).read_text() == assets.live_js_source()
        # a folder that cannot be written (a read-only install): the JS goes inline
        monkeypatch.setattr(assets, "ensure_live_js", lambda: None)
        assert js_sent() == assets.live_js_source()
    finally:
        live_component._component.cache_clear()
