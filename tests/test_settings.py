"""The settings object: URL and JSON round trips, validation of bad links and files."""

import dataclasses
import json

import numpy as np
import pytest

from gates_lab import codec
from gates_lab import scenario as S
from gates_lab.classroom import presets


def _scenario() -> S.Scenario:
    s = S.Scenario()
    s = codec.replace_path(s, "cell.hidden_size", 3)
    s = codec.replace_path(s, "cell.edits", (("bias_hh_l0:4", -1.25), ("weight_hh_l0:0:1", 0.5)))
    s = codec.replace_path(s, "cell.scale", (1.0, 2.0, 0.5))
    s = codec.replace_path(s, "input.channels", (S.Channel("step", 2.0, 10, 3, 0),))
    s = codec.replace_path(s, "input.table", ((0.1,), (3.0,)))
    return codec.replace_path(s, "view.textbook_update", True)


def test_default_scenario_has_an_empty_query():
    assert codec.to_query(S.Scenario()) == {}


def test_query_round_trip_is_exact():
    s = _scenario()
    back, errors = codec.from_query(S.Scenario, codec.to_query(s))
    assert errors == []
    assert back == s


def test_json_round_trip_with_weights_is_exact():
    s = _scenario()
    text = S.to_json(s, S.effective_weights(s.cell))
    back, errors = S.scenario_from_json(text)
    assert errors == []
    # Knobs are folded into explicit weights: the effective weights are identical.
    for name, w in S.effective_weights(s.cell).items():
        np.testing.assert_array_equal(S.effective_weights(back.cell)[name], w, err_msg=name)
    assert back.input == s.input and back.view == s.view


def test_weights_written_in_json_override_the_seed():
    s = S.Scenario()
    weights = {k: np.zeros_like(v) for k, v in S.effective_weights(s.cell).items()}
    back, _ = S.scenario_from_json(S.to_json(s, weights))
    assert all(np.all(w == 0) for w in S.effective_weights(back.cell).values())


@pytest.mark.parametrize("params, needle", [
    ({"H": "99"}, "'H=99' must be from 1 to 16"),
    ({"H": "abc"}, "'H=abc' must be a whole number"),
    ({"seed": "-1"}, "'seed=-1' must be from 0 to 2147483647;"),  # not 2.14748e+09
    ({"cell": "transformer"}, "must be one of rnn, gru, lstm"),
    ({"L": "1e9"}, "'L=1e9' must be a whole number"),
    ({"w": "weight_hh_l0:0:0=nan"}, "finite"),
    ({"w": "os.system=1"}, "is not a weight element"),
    ({"ch": "sine,zz"}, "amplitude"),
    ({"tab": "1,2;x,4"}, "row 2"),
    ({"ra": "maybe"}, "must be 0 or 1"),
])
def test_bad_link_parameters_give_a_message_and_keep_the_rest(params, needle):
    good = {"I": "2", "preset": "x"}
    s, errors = codec.from_query(S.Scenario, {**good, **params})
    assert any(needle in e for e in errors), errors
    assert s.cell.input_size == 2 and s.preset == "x"


def test_edits_that_do_not_fit_the_sizes_are_dropped_with_a_message():
    s, errors = codec.from_query(S.Scenario, {"H": "1", "w": "weight_hh_l0:0:1=3;bias_ih_l0:0=1"})
    assert s.cell.edits == (("bias_ih_l0:0", 1.0),)
    assert any("do not fit" in e for e in errors)


@pytest.mark.parametrize("text, needle", [
    ("not json", "not a JSON file"),
    ("[1, 2]", '"settings"'),
    (json.dumps({"settings": {"cell": {"hidden_size": "big"}}}), None),
])
def test_bad_json_files(text, needle):
    if needle:
        with pytest.raises(ValueError, match=needle):
            S.scenario_from_json(text)
    else:
        s, errors = S.scenario_from_json(text)
        assert s.cell.hidden_size == S.CellSpec().hidden_size
        assert any("hidden_size" in e for e in errors)


def test_json_weights_of_the_wrong_shape_are_refused():
    s = S.Scenario()
    weights = {k: v.tolist() for k, v in S.effective_weights(s.cell).items()}
    weights["weight_hh_l0"] = [[1.0]]
    with pytest.raises(ValueError, match="weight_hh_l0"):
        S.scenario_from_json(json.dumps({"settings": codec.to_dict(s), "weights": weights}))


@pytest.mark.parametrize("name", sorted(presets.PRESETS))
def test_every_preset_survives_the_url_and_runs_as_the_preset(name):
    s = S.scenario_from_preset(name)
    back, errors = codec.from_query(S.Scenario, codec.to_query(s))
    assert errors == [] and back == s
    x, _ = S.build_input(s.input, s.cell.input_size)
    net = S.seeded_net(s.cell)
    net.load_state_dict(S.effective_weights(s.cell))
    ref = presets.preset_net(name).trace(presets.preset_input(name))
    np.testing.assert_allclose(net.trace(x).output, ref.output, err_msg=name)


def test_scale_and_shift_act_on_their_gate_block_only():
    cell = S.CellSpec(kind="gru", hidden_size=2, scale=(1.0, 3.0), shift=(0.0, 0.0, 5.0))
    base = S.base_weights(cell)
    eff = S.effective_weights(cell)
    np.testing.assert_array_equal(eff["weight_hh_l0"][:2], base["weight_hh_l0"][:2])
    np.testing.assert_array_equal(eff["weight_hh_l0"][2:4], 3 * base["weight_hh_l0"][2:4])
    np.testing.assert_array_equal(eff["bias_ih_l0"][4:], base["bias_ih_l0"][4:] + 5)


def test_an_edit_back_to_the_init_value_is_dropped():
    cell = S.CellSpec()
    init = S.base_weights(cell)["weight_hh_l0"][1, 0]
    edited = S.with_edit(cell, "weight_hh_l0", (1, 0), 0.25)
    assert edited.edits == (("weight_hh_l0:1:0", 0.25),)
    assert S.with_edit(edited, "weight_hh_l0", (1, 0), float(init)).edits == ()


def test_text_input_labels_the_time_axis():
    inp = dataclasses.replace(S.InputSpec(), mode="text", text="门控 gates")
    x, tokens = S.build_input(inp, 3)
    assert x.shape == (len(tokens), 3) and tokens[:2] == ["门", "控"]


def test_table_input_needs_one_column_per_channel():
    inp = dataclasses.replace(S.InputSpec(), mode="table", table=((1.0, 2.0),))
    with pytest.raises(ValueError, match="2"):
        S.build_input(inp, 1)
