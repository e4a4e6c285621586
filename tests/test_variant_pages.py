"""AppTest of issue 18 on the pages: the LSTM's and GRU's variant choice lives in the
link, the pages follow it, the MGU has its own page, and each variant's preset opens."""

from __future__ import annotations

import numpy as np
import pytest

from gates_lab import scenario as S
from gates_lab.i18n import t
from tests.test_pages import chart_keys, live_data, open_tab, run_page, scenario


def test_the_variant_choice_goes_into_the_link_and_the_page_follows_it():
    at = open_tab(run_page("lstm"), "lstm", "controls", "cell")
    at.radio(key="lstm.1.cell.variant").set_value("no_forget").run()
    assert not at.exception, [e.value for e in at.exception]
    s = scenario(at, "lstm")
    assert s.cell.variant == "no_forget"
    assert at.query_params["var"] in ("no_forget", ["no_forget"])
    assert t("variant.lstm.no_forget") in at.title[0].value
    trace = at.session_state["lstm.last"][1]
    assert "forget" not in trace.names and trace.config.variant == "no_forget"
    # the equations, and the live gates' groups and controls, are the variant's
    assert any(r"c_t = c_{t-1} + i_t \odot g_t" in latex.value for latex in at.latex)
    data = live_data(at)
    assert data is not None
    assert [g["block"] for g in data["groups"]] == [0, 1, 2]
    assert "f<sub>t</sub>" not in " ".join(g["equation"] for g in data["groups"])
    assert not any(c["id"] == "scale:3" for c in data["controls"])


def test_a_variant_link_opens_it_and_an_old_link_opens_the_standard_cell():
    at = run_page("gru", {"var": "no_reset", "H": "1"})
    s = scenario(at, "gru")
    assert s.cell.variant == "no_reset"
    assert at.session_state["gru.last"][1].names == ("update", "candidate", "hidden")
    assert run_page("gru", {"H": "1"}).session_state["gru.settings"].cell.variant == "standard"


def test_a_variant_of_another_cell_in_a_link_says_so_and_opens_the_standard_cell():
    at = run_page("gru", {"var": "peephole"})
    assert scenario(at, "gru").cell.variant == "standard"
    assert any("variant" in w.value and "no_reset" in w.value for w in at.warning)


def test_peephole_weights_are_live_controls():
    at = run_page("lstm", {"var": "peephole", "H": "1"})
    data = live_data(at)
    assert data is not None
    ids = [c["id"] for c in data["controls"]]
    for gate in "ifo":
        assert f"w:weight_c{gate}_l0:0" in ids
    labels = [c["label"] for c in data["controls"]]
    assert "p_f[0]" in labels


def test_the_scrubber_shows_a_removed_gate_as_removed():
    at = run_page("gru", {"var": "no_reset", "plot": "scrubber"})
    (fig,) = [c for c in at.get("plotly_chart") if c.key == "gru.chart.scrubber"]
    assert '"dash": "dash"' in fig.proto.spec.replace('"dash":"dash"', '"dash": "dash"')


def test_the_mgu_has_its_own_page():
    at = run_page("mgu")
    assert at.title[0].value.startswith("MGU")
    assert not at.error
    for tab in S.PLOT_VIEWS:
        open_tab(at, "mgu", "plots", tab)
        key = "gates" if tab == "over_time" else tab
        assert chart_keys(at, "mgu") == [f"mgu.chart.{key}"], tab
    trace = at.session_state["mgu.last"][1]
    assert trace.names == ("forget", "candidate", "hidden")
    at.selectbox(key="lab.lang").set_value("zh").run()
    assert not at.exception
    assert at.title[0].value.startswith("MGU 单元")


@pytest.mark.parametrize("name, preset", [
    ("lstm", "lstm-no-forget"), ("lstm", "lstm-coupled-hold"), ("lstm", "lstm-no-input"),
    ("lstm", "lstm-peephole-limit"), ("lstm", "lstm-no-output"),
    ("gru", "gru-no-reset"),
    ("mgu", "mgu-latch")])
def test_each_variants_preset_opens_from_its_link_and_explains_itself(name, preset):
    at = run_page(name, {"preset": preset})
    assert scenario(at, name) == S.scenario_from_preset(preset)
    assert scenario(at, name).cell.variant == {"lstm-no-forget": "no_forget",
                                              "lstm-coupled-hold": "coupled",
                                              "lstm-no-input": "no_input",
                                              "lstm-peephole-limit": "peephole",
                                              "lstm-no-output": "no_output",
                                              "gru-no-reset": "no_reset"}.get(preset, "standard")
    # the explanation sits in a collapsible expander titled with the preset's name
    assert any(i.icon == "🎓" and i.value == t(f"preset.{preset}.explain") for i in at.info)
    assert any(t(f"preset.{preset}.title") in e.label for e in at.expander)


def test_compare_adds_the_lstm_without_a_forget_gate_and_its_cell_state_grows():
    from gates_lab.pages import compare as C

    at = run_page("compare")
    at.button(key="compare.preset.no_forget").click().run()
    assert not at.exception, [e.value for e in at.exception]
    s = at.session_state["compare.settings"]
    assert (s.extra, s.drive, s.length) == ("lstm.no_forget", 0.5, 120)
    assert at.query_params["add"] in ("lstm.no_forget", ["lstm.no_forget"])
    keys = [c.key for c in at.get("plotly_chart")]
    assert "compare.chart.gates.lstm.no_forget" in keys
    # the lesson, measured: the cell state without a forget gate keeps growing, the
    # LSTM's stays bounded
    results = C.run_compare(C.codec.cache_key(s))
    c_free = abs(results["lstm.no_forget"][0].get("cell")).max(axis=-1)
    c_lstm = abs(results["lstm"][0].get("cell")).max(axis=-1)
    assert c_free[-1] > 3 * c_free[29] > 0 and c_free[-1] > 10 * c_lstm.max()
    assert np.all(np.diff(c_free[10:]) > 0)
    (note,) = [i.value for i in at.info if i.icon == "🔬"]
    assert f"{c_free[-1]:.2f}" in note
    # the other presets take the variant away again
    at.button(key="compare.preset.hold").click().run()
    assert at.session_state["compare.settings"].extra == ""


def test_gradients_can_add_a_variant():
    at = run_page("gradients", {"add": "mgu"})
    r = at.session_state["gradients.settings"]
    assert r.extra == "mgu"
    assert not at.exception
    labels = " ".join(m.label for m in at.metric)
    assert "MGU" in labels and "LSTM" in labels


@pytest.mark.parametrize("preset", ["lstm-no-forget", "gru-no-reset", "mgu-latch"])
def test_the_lesson_file_of_a_variant_shows_its_equations_and_settings(preset):
    from gates_lab import lesson_file as LF

    scenario_ = S.scenario_from_preset(preset)
    page = LF.build(scenario_, lang="zh").html
    cell = scenario_.cell
    assert LF.latex_html(S.cell_equations(cell)) in page
    if cell.variant != "standard":
        assert t(f"variant.{cell.kind}.{cell.variant}", "zh") in page
    assert t(f"preset.{preset}.title", "zh") in page
