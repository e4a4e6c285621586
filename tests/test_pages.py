"""AppTest of the home page and the three cell pages: they run, react, and keep state."""

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from gates_lab import scenario as S
from gates_lab.i18n import t
from gates_lab.live.wire import unpack
from gates_lab.pages.cell_weights import weight_widget
from gates_lab.pages.cell_weights import weights_tag as cell_tag
from gates_lab.ui import tab_key

CELL_PAGES = ("gru", "lstm", "rnn")
TIMEOUT = 60
ROOT = Path(__file__).resolve().parent.parent


def run_page(name: str, query: dict[str, str] | None = None) -> AppTest:
    """The page on its defaults: a bare /gru opens on its opening scenario (the update
    gate holding, tested below), a link naming any setting on the defaults."""
    at = AppTest.from_file(str(ROOT / "pages" / f"{name}.py"), default_timeout=TIMEOUT)
    if query is None and name == "gru":
        query = {"cell": "gru"}
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def chart_specs(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def live_components(at: AppTest) -> list:
    """The live gates components (gates_lab/live) on the page (their ids end in "-live")."""
    return [c for c in at.get("bidi_component") if str(c.proto.id).endswith("-live")]


def live_data(at: AppTest) -> dict | None:
    """The data the live gates component (gates_lab/live) was mounted with, or None."""
    found = [unpack(c.proto.bytes) for c in live_components(at)]
    return found[0] if found else None


def gate_chart(at: AppTest) -> dict:
    """The gates-over-time figure (drawn by the live component). The component is sent
    the figure only when the browser does not draw it yet; without one, ask for it as
    the browser does ("want" = "#figure": the session forgets what it drew)."""
    data = live_data(at)
    assert data is not None, "no live gates component on the page"
    if data["figure"] is None:
        for key in [k for k in at.session_state if str(k).endswith(".live.drawn")]:
            del at.session_state[key]
        at.run()
        data = live_data(at)
        assert data is not None and data["figure"] is not None
    return data["figure"]


def chart_keys(at: AppTest, name: str) -> list[str]:
    """The charts on the page: Streamlit's by key, the live gates as <name>.chart.gates."""
    keys = [c.key for c in at.get("plotly_chart")]
    return keys + [f"{name}.chart.gates"] * len(live_components(at))


def scenario(at: AppTest, name: str) -> S.Scenario:
    return at.session_state[f"{name}.settings"]


def open_tab(at: AppTest, name: str, group: str, tab: str) -> AppTest:
    """Open a lazy tab (gates_lab.ui.lazy_tabs) as a click would: only its content runs."""
    label = t(f"cell.tab.{tab}") if group == "controls" else t(f"cell.{tab}")
    at.session_state[tab_key(name, group)] = label
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def weight_slider(at: AppTest, name: str, gen: int, tensor: str, *index: int):
    cell = scenario(at, name).cell
    return at.slider(key=f"{name}.{gen}.{weight_widget(cell, tensor, index)}")


def test_app_opens_on_home_with_a_link_to_every_page():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Gates lab"
    pages = list((ROOT / "pages").glob("*.py"))
    # The sidebar links every page; the home page's body every page but itself.
    assert len(at.get("page_link")) == 2 * len(pages) - 1


def test_home_runs_alone_too():
    at = run_page("home")
    assert at.title[0].value == "Gates lab"


@pytest.mark.parametrize("name", CELL_PAGES)
def test_cell_page_runs_with_charts(name):
    at = run_page(name)
    assert at.title[0].value.startswith(name.upper())
    assert not at.error
    # Each plot tab builds its own chart and only that one (a rerun draws one chart).
    for tab in S.PLOT_VIEWS:
        open_tab(at, name, "plots", tab)
        keys = chart_keys(at, name)
        key = "gates" if tab == "over_time" else tab
        assert keys == [f"{name}.chart.{key}"], (tab, keys)
    # The controls' tabs are lazy too: the weight sliders exist only under Weights.
    assert not any(".w." in str(s.key) for s in at.slider)
    open_tab(at, name, "controls", "weights")
    assert any(".w." in str(s.key) for s in at.slider)
    assert not any(s.key == f"{name}.1.cell.hidden_size" for s in at.slider)


def test_the_open_plot_tab_lives_in_the_link_and_survives_a_language_switch():
    at = run_page("gru", {"plot": "scrubber"})
    assert chart_keys(at, "gru") == ["gru.chart.scrubber"]
    open_tab(at, "gru", "plots", "saturation")
    assert at.query_params["plot"] in ("saturation", ["saturation"])
    at.selectbox(key="lab.lang").set_value("zh").run()
    assert not at.exception
    assert chart_keys(at, "gru") == ["gru.chart.saturation"]
    at.session_state[tab_key("gru", "plots")] = t("cell.over_time", "zh")  # a click, in Chinese
    at.run()
    assert chart_keys(at, "gru") == ["gru.chart.gates"]
    assert "plot" not in at.query_params  # the default stays out of the link


def test_phase_tab_explains_when_hidden_size_is_not_two():
    at = run_page("gru", {"H": "3"})
    open_tab(at, "gru", "plots", "phase")
    assert not at.get("plotly_chart")
    assert "hidden size 2 (now 3)" in at.info[0].value


@pytest.mark.parametrize("name", CELL_PAGES)
def test_moving_a_weight_slider_changes_the_plotted_trace(name):
    at = open_tab(run_page(name), name, "controls", "weights")
    before = gate_chart(at)
    slider = weight_slider(at, name, 1, "weight_hh_l0", 0, 0)
    slider.set_value(round(slider.value + 1.5, 2)).run()
    assert not at.exception
    after = gate_chart(at)
    assert after["data"] != before["data"]
    assert scenario(at, name).cell.edits[0][0] == "weight_hh_l0:0:0"


@pytest.mark.parametrize("name", CELL_PAGES)
def test_hidden_size_slider_changes_the_network(name):
    at = run_page(name)
    at.slider(key=f"{name}.1.cell.hidden_size").set_value(6).run()
    assert not at.exception
    assert scenario(at, name).cell.hidden_size == 6
    assert at.session_state[f"{name}.last"][1].get("hidden").shape[-1] == 6


@pytest.mark.parametrize("name, preset", [("gru", "gru-latch"), ("lstm", "lstm-counter"),
                                          ("rnn", "rnn-vanish")])
def test_a_preset_applies_and_explains_itself(name, preset):
    at = run_page(name)
    at.selectbox(key=f"{name}.preset_choice.en").set_value(preset)
    at.button(key=f"{name}.preset_apply").click().run()
    assert not at.exception
    assert scenario(at, name) == S.scenario_from_preset(preset)
    assert any("🎓" == i.icon for i in at.info)
    # The weight sliders now show the preset's weights.
    open_tab(at, name, "controls", "weights")
    weights = S.effective_weights(scenario(at, name).cell)
    slider = weight_slider(at, name, 2, "bias_ih_l0", 0)
    assert slider.value == pytest.approx(weights["bias_ih_l0"][0])


@pytest.mark.parametrize("name, preset", [("gru", "gru-latch"), ("lstm", "lstm-counter"),
                                          ("rnn", "rnn-explode")])
def test_a_hand_made_preset_link_opens_the_presets_whole_scenario(name, preset):
    """?preset=NAME alone: the preset's cell, weights and input, the trace of exactly that,
    and its explanation above it."""
    at = run_page(name, {"preset": preset})
    own = S.scenario_from_preset(preset)
    assert scenario(at, name) == own
    assert any(i.icon == "🎓" for i in at.info)
    from gates_lab.classroom import presets  # the preset's own data, straight from the engine

    p = presets.get_preset(preset)
    np.testing.assert_allclose(at.session_state[f"{name}.last"][1].output,
                               presets.preset_net(p).trace(presets.preset_input(p)).output)
    assert at.query_params["preset"] in (preset, [preset])


def test_a_preset_link_keeps_the_view_it_names():
    at = run_page("gru", {"preset": "gru-latch", "plot": "saturation"})
    assert scenario(at, "gru") == dataclasses.replace(
        S.scenario_from_preset("gru-latch"), view=S.ViewSpec(plot="saturation"))


def test_a_preset_link_with_other_data_never_shows_the_explanation():
    """The preset's name with different data (a changed length): the data is shown as the
    link says, and the explanation is replaced by 'changed from the preset'."""
    at = run_page("gru", {"preset": "gru-latch", "L": "33"})
    assert scenario(at, "gru").input.length == 33
    assert not any(i.icon == "🎓" for i in at.info)
    assert any("Started from the preset" in c.value for c in at.caption)


def test_a_preset_of_another_page_in_a_link_is_refused_with_a_message():
    at = run_page("gru", {"preset": "lstm-counter"})
    assert scenario(at, "gru") == S.Scenario(cell=S.CellSpec(kind="gru"))
    assert not any(i.icon == "🎓" for i in at.info)
    assert any("lstm-counter" in w.value and "gru-latch" in w.value for w in at.warning)


def test_changing_a_preset_hides_its_explanation():
    at = run_page("gru")
    at.selectbox(key="gru.preset_choice.en").set_value("gru-latch")
    at.button(key="gru.preset_apply").click().run()
    assert any(i.icon == "🎓" for i in at.info)
    open_tab(at, "gru", "controls", "input")
    length = next(s for s in at.slider if s.key.endswith("input.length"))
    length.set_value(length.value + 5).run()
    assert not any(i.icon == "🎓" for i in at.info)
    assert any("Started from the preset" in c.value for c in at.caption)


def test_the_gates_chart_draws_the_latch_input_first_with_named_channels():
    at = run_page("gru")
    at.selectbox(key="gru.preset_choice.en").set_value("gru-latch")
    at.button(key="gru.preset_apply").click().run()
    assert not at.exception
    spec = gate_chart(at)
    x, _ = S.build_input(scenario(at, "gru").input, 2)
    first = [d for d in spec["data"] if d["yaxis"] == "y"]
    assert [d["name"] for d in first] == ["x₀ value", "x₁ write signal"]
    np.testing.assert_allclose(first[0]["y"], x[:, 0])  # the value channel
    np.testing.assert_allclose(first[1]["y"], x[:, 1])  # the write signal's impulses
    assert spec["layout"]["annotations"][0]["text"] == t("fig.inputs")
    # The update gate (second gate row) drops exactly where the write signal fires.
    update = [d for d in spec["data"] if d["yaxis"] == "y3"][-1]["y"]
    writes = np.flatnonzero(x[:, 1] > 0.5)
    assert writes.size and all(update[i] < 0.01 for i in writes)


def test_text_input_puts_the_typed_tokens_on_the_input_panel():
    at = run_page("gru", {"mode": "text", "txt": "hi yo"})
    tokens = [d for d in gate_chart(at)["data"] if d.get("mode") == "text"]
    assert len(tokens) == 1 and tokens[0]["text"] == ["h", "i", "␣", "y", "o"]


@pytest.mark.parametrize("name", CELL_PAGES)
def test_settings_survive_a_round_trip_through_the_url(name):
    at = run_page(name)
    at.slider(key=f"{name}.1.cell.input_size").set_value(2).run()
    open_tab(at, name, "controls", "weights")
    weight_slider(at, name, 1, "bias_hh_l0", 1).set_value(3.0).run()
    open_tab(at, name, "controls", "input")
    at.slider(key=f"{name}.1.input.length").set_value(77).run()
    query = {k: at.query_params[k][0] if isinstance(at.query_params[k], list)
             else at.query_params[k] for k in at.query_params}
    assert query["L"] == "77"
    again = run_page(name, query)
    assert scenario(again, name) == scenario(at, name)
    np.testing.assert_array_equal(again.session_state[f"{name}.last"][1].output,
                                  at.session_state[f"{name}.last"][1].output)


def test_language_switch_changes_the_labels():
    at = run_page("gru")
    assert at.title[0].value == "GRU cell"
    at.selectbox(key="lab.lang").set_value("zh").run()
    assert at.title[0].value == "GRU 单元"
    assert at.query_params["lang"] in ("zh", ["zh"])


def test_language_switch_keeps_every_setting_and_renews_the_widgets():
    # The browser keeps a widget's option labels while its key stays; new keys (a new
    # generation) make it redraw radios and selectboxes in the new language.
    at = run_page("gru")
    at.radio(key="gru.1.view.display").set_value("lines").run()
    at.selectbox(key="lab.lang").set_value("zh").run()
    assert not at.exception
    assert scenario(at, "gru").view.display == "lines"
    radio = at.radio(key="gru.2.view.display")
    assert radio.value == "lines" and radio.options[1] == t("cell.display.lines", "zh")
    assert at.selectbox(key="gru.preset_choice.zh").options[0] == t("cell.preset.none", "zh")


def test_a_broken_link_says_what_is_wrong_and_keeps_the_rest():
    at = run_page("gru", {"H": "1000", "I": "2", "L": "abc", "w": "nonsense"})
    warnings = " ".join(w.value for w in at.warning)
    assert "H=1000" in warnings and "L=abc" in warnings
    s = scenario(at, "gru")
    assert s.cell.input_size == 2 and s.cell.hidden_size == S.CellSpec().hidden_size


def test_presentation_mode_from_the_link_collapses_the_controls():
    at = run_page("lstm", {"present": "1"})
    assert at.session_state["lab.presenting"] is True
    assert at.expander[0].proto.expanded is False


def test_text_input_mode_and_a_bad_table():
    at = open_tab(run_page("gru"), "gru", "controls", "input")
    at.radio(key="gru.1.input.mode").set_value("text").run()
    at.text_input(key="gru.1.input.text").input("门控").run()
    assert not at.exception
    assert at.session_state["gru.last"][1].get("hidden").shape[0] == 2


def test_gru_reset_variant_and_textbook_switch():
    at = run_page("gru")
    at.radio(key="gru.1.cell.reset_after").set_value(False).run()
    at.toggle(key="gru.1.view.textbook_update").set_value(True).run()
    assert not at.exception
    s = scenario(at, "gru")
    assert s.cell.reset_after is False and s.view.textbook_update is True
    assert any("z'_t" in latex.value for latex in at.latex)


def test_large_hidden_size_shows_gate_knobs_and_matrix_editor():
    at = open_tab(run_page("lstm", {"H": "8"}), "lstm", "controls", "weights")
    cell = scenario(at, "lstm").cell
    at.slider(key=f"lstm.1.scale.{cell_tag(cell)}.1").set_value(2.0).run()
    assert not at.exception
    assert scenario(at, "lstm").cell.scale == (1.0, 2.0, 1.0, 1.0)


def test_changing_sizes_makes_no_phantom_edits_and_no_crash():
    at = run_page("gru", {"H": "3"})
    at.slider(key="gru.1.cell.input_size").set_value(2).run()
    assert not at.exception
    at.slider(key="gru.1.cell.hidden_size").set_value(1).run()
    assert not at.exception
    # New sizes start from the seeded init: nothing of the old network becomes an edit.
    assert scenario(at, "gru").cell.edits == ()
    assert "w" not in at.query_params


# --------------------------------------------------------------------------- the GRU's opening


def _hidden(at: AppTest) -> np.ndarray:
    from gates_lab import scenario as S

    sc = scenario(at, "gru")
    x, _ = S.build_input(sc.input, sc.cell.input_size)
    return S.cell_net(sc.cell).trace(x).get("hidden")


def test_the_gru_page_opens_on_the_update_gate_holding_a_state():
    """A bare /gru shows holding as holding: unit 0 takes the impulse in and keeps it,
    visibly above 0, to the last step; unit 1 lets it go. Its link reopens it."""
    at = AppTest.from_file(str(ROOT / "pages" / "gru.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert any("update gate holding" in i.value for i in at.info)
    h = _hidden(at)
    onset = 5
    assert abs(h[onset - 1, 0]) < 1e-9 and h[onset, 0] > 0.8
    held = h[onset:, 0]
    assert held.min() > 0.85 and held.max() - held.min() < 0.02  # held, flat, not 0
    assert abs(h[-1, 1]) < 0.01  # unit 1 let go
    link = {k: at.query_params[k] for k in at.query_params}
    assert "w" in link  # the opening is written out in the link
    again = run_page("gru", {k: v[0] if isinstance(v, list) else v for k, v in link.items()})
    np.testing.assert_allclose(_hidden(again), h)
    zh = AppTest.from_file(str(ROOT / "pages" / "gru.py"), default_timeout=TIMEOUT)
    zh.query_params["lang"] = "zh"
    zh.run()
    assert any("更新门保持状态" in i.value for i in zh.info)


def test_a_gru_link_with_settings_keeps_the_defaults_meaning():
    """Old links name their settings: what they omit still means the defaults (seeded
    weights, a sine); the defaults' own link names one setting, so it is not bare."""
    from gates_lab import scenario as S

    at = run_page("gru", {"L": "30"})
    sc = scenario(at, "gru")
    assert sc.cell == S.CellSpec(kind="gru") and sc.input.length == 30
    assert sc.input.channels == S.InputSpec().channels
    assert not any("update gate holding" in i.value for i in at.info)
    at = run_page("gru")  # the defaults, via ?cell=gru
    assert scenario(at, "gru") == S.Scenario()
    assert {k: at.query_params[k] for k in at.query_params} in ({"cell": "gru"},
                                                                 {"cell": ["gru"]})


# --------------------------------------------------------------------------- refusals that speak


def test_overlong_typed_text_is_cut_with_a_message_naming_the_limit():
    at = open_tab(run_page("gru"), "gru", "controls", "input")
    at.radio(key="gru.1.input.mode").set_value("text").run()
    pasted = "abcdefghij" * 61  # 610 characters
    at.text_input(key="gru.1.input.text").input(pasted).run()
    assert not at.exception
    warned = [w.value for w in at.warning if str(S.MAX_LENGTH) in w.value]
    assert warned and "610" in warned[0] and "first 500" in warned[0]
    assert scenario(at, "gru").input.text == pasted[:S.MAX_LENGTH]
    assert at.session_state["gru.last"][1].get("hidden").shape[0] == S.MAX_LENGTH
    at.text_input(key="gru.1.input.text").input("short").run()
    assert not [w for w in at.warning if str(S.MAX_LENGTH) in w.value]


def test_a_refused_file_type_says_which_files_are_accepted():
    at = open_tab(run_page("gru"), "gru", "controls", "files")
    before = scenario(at, "gru")
    at.get("file_uploader")[0].set_value(("model.pkl", b"\x80\x04K\x01.", "")).run()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "accepts only .json files" in errors and "Settings and weights (JSON)" in errors
    assert scenario(at, "gru") == before  # nothing was read, the page goes on
    good = S.to_json(S.scenario_from_preset("gru-latch"),
                     S.effective_weights(S.scenario_from_preset("gru-latch").cell))
    at.get("file_uploader")[0].set_value(("latch.json", good.encode(), "")).run()
    assert not at.error
    assert scenario(at, "gru").preset == "gru-latch"


# --------------------------------------------------------------------------- the ghost


def _ghosts(at: AppTest) -> list[dict]:
    return [d for d in gate_chart(at)["data"] if d.get("name") == "previous"]


def test_a_loaded_preset_or_file_has_no_ghost_of_the_run_before():
    at = open_tab(run_page("gru"), "gru", "controls", "weights")
    slider = weight_slider(at, "gru", 1, "weight_hh_l0", 0, 0)
    slider.set_value(round(slider.value + 1.5, 2)).run()
    assert at.session_state["gru.ghost"] is not None and _ghosts(at)  # an edit: a ghost
    at.selectbox(key="gru.preset_choice.en").set_value("gru-update-keeps").run()
    at.button(key="gru.preset_apply").click().run()
    assert not at.exception
    assert scenario(at, "gru").preset == "gru-update-keeps"
    # same sizes and length as the run before, but another scenario: no ghost
    assert at.session_state["gru.ghost"] is None and not _ghosts(at)
    at.selectbox(key="gru.preset_choice.en").set_value("gru-latch").run()
    at.button(key="gru.preset_apply").click().run()
    assert not _ghosts(at)
    # a settings file loaded: no ghost either
    open_tab(at, "gru", "controls", "files")
    data = S.to_json(S.Scenario(), S.effective_weights(S.CellSpec()))
    at.get("file_uploader")[0].set_value(("mine.json", data.encode(), "")).run()
    assert not at.error
    assert at.session_state["gru.ghost"] is None and not _ghosts(at)
