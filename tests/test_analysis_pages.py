"""AppTest of the compare, gradients and deep pages: run, react, agree with engine and torch."""

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

PAGES = Path(__file__).resolve().parents[1] / "pages"


def _app(name: str, params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(PAGES / f"{name}.py"), default_timeout=120)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    return at.run()


def _ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


# ----------------------------------------------------------------------------- compare


def _steps(value: str) -> float:
    """'12 steps' -> 12; '> 50 steps' (never forgotten within the run) -> inf."""
    return float("inf") if value.startswith(">") else int(value.split()[0])


def test_compare_defaults_teach_gated_cells_outlast_the_rnn():
    """The page opens on step 1: both gated cells remember x_0 far longer than the RNN, the
    numbers are the engine's for those settings, and the explanation says which step it is."""
    from gates import analysis as A
    from gates_lab.pages.compare import OPENING, make_cell, make_input

    at = _app("compare")
    _ok(at)
    shown = _metrics(at)
    s = OPENING
    assert (s.lstm_forget, s.gru_update, s.rnn_identity) == (2.0, 2.0, False)
    assert at.query_params["fb"] in ("2", ["2"])  # the opening is written out in the link
    for kind, title in (("rnn", "RNN"), ("lstm", "LSTM"), ("gru", "GRU")):
        h = A.retention_horizon(A.influence_curve(make_cell(kind, s), make_input(s)))
        assert shown[f"{title} remembers"] == (f"> {s.length} steps" if h is None
                                               else f"{h} steps")
    rnn = _steps(shown["RNN remembers"])
    assert rnn <= 12
    assert _steps(shown["LSTM remembers"]) >= 3 * rnn
    assert _steps(shown["GRU remembers"]) >= 3 * rnn
    assert any("Step 1 of 2" in i.value for i in at.info)


def test_compare_step_two_is_one_click_away_and_says_why():
    at = _app("compare")
    at.button(key="compare.lesson.init").click().run()
    _ok(at)
    shown = {k: _steps(v) for k, v in _metrics(at).items()}
    # at random init the gated cells are no better than the RNN by a wide margin
    assert shown["LSTM remembers"] < 2 * shown["RNN remembers"]
    assert shown["GRU remembers"] < 2 * shown["RNN remembers"]
    assert any("gates guarantee nothing" in i.value for i in at.info)
    # step 2's link names the knobs: a link naming none of them opens on step 1
    assert at.query_params["fb"] in ("0", ["0"])
    at.button(key="compare.lesson.hold").click().run()  # and back
    assert any("Step 1 of 2" in i.value for i in at.info)
    assert at.query_params["fb"] in ("2", ["2"])


def test_compare_step_two_in_chinese():
    at = _app("compare", {"lang": "zh", "fb": "0", "ub": "0"})
    _ok(at)
    assert any("随机初始化时，门什么也不保证" in i.value for i in at.info)


def test_compare_runs_and_reacts_to_the_forget_bias():
    at = _app("compare")
    _ok(at)
    before = _metrics(at)["LSTM remembers"]
    at.slider(key="compare.1.lstm_forget").set_value(-4.0).run()
    _ok(at)
    after = _metrics(at)["LSTM remembers"]
    assert before != after
    assert at.query_params["fb"] in (["-4"], "-4")


def test_a_partial_link_keeps_step_one_for_what_it_does_not_name():
    """A link naming none of the memory knobs (``/compare?L=80``, typed by hand) opens on
    step 1 like the bare page; a link naming one of them keeps its old meaning (the others
    at PyTorch's init)."""
    at = _app("compare", {"L": "80"})
    _ok(at)
    assert at.slider(key="compare.1.lstm_forget").value == 2.0
    assert at.slider(key="compare.1.gru_update").value == 2.0
    assert at.slider(key="compare.1.length").value == 80
    assert any("Step 1 of 2" in i.value for i in at.info)
    at = _app("compare", {"H": "4", "fb": "-2.5"})  # names a knob: old meaning
    assert at.slider(key="compare.1.lstm_forget").value == -2.5
    assert at.slider(key="compare.1.gru_update").value == 0.0
    at = _app("compare", {"lang": "zh"})  # language alone is no setting
    assert at.slider(key="compare.1.lstm_forget").value == 2.0
    at = _app("gradients", {"L": "80"})
    _ok(at)
    assert at.slider(key="gradients.1.forget_bias").value == 3.0
    assert at.slider(key="gradients.1.length").value == 80
    at = _app("gradients", {"sc": "1.25"})  # names a step's field: the rest at init
    assert at.slider(key="gradients.1.forget_bias").value == 0.0


def test_step_two_link_names_its_knobs_and_reopens_on_step_two():
    """The page's own link of step 2 names the knobs (fb=0, ub=0), so it cannot be read
    as a partial link; opened again it shows step 2."""
    at = _app("compare")
    at.button(key="compare.lesson.init").click().run()
    at.slider(key="compare.2.length").set_value(80).run()
    link = {k: at.query_params[k] for k in at.query_params}
    link = {k: v[0] if isinstance(v, list) else v for k, v in link.items()}
    assert (link["fb"], link["ub"], link["L"]) == ("0", "0", "80")
    again = _app("compare", link)
    _ok(again)
    assert again.slider(key="compare.1.lstm_forget").value == 0.0
    assert again.slider(key="compare.1.length").value == 80
    assert any("gates guarantee nothing" in i.value for i in again.info)


def test_compare_presets_make_everyone_forget_or_remember():
    at = _app("compare")
    at.button(key="compare.preset.forget").click().run()
    _ok(at)
    forget = _metrics(at)
    assert all(v.endswith("steps") and not v.startswith(">") for v in forget.values())
    at.button(key="compare.preset.remember").click().run()
    remember = _metrics(at)
    for cell in ("RNN", "LSTM", "GRU"):
        a, b = forget[f"{cell} remembers"], remember[f"{cell} remembers"]
        n_a = int(a.split()[0])
        n_b = 10**9 if b.startswith(">") else int(b.split()[0])
        assert n_b > 2 * n_a, (cell, a, b)


def test_compare_horizon_matches_the_engine():
    from gates import analysis as A
    from gates_lab.pages.compare import OPENING, make_cell, make_input

    at = _app("compare", {"H": "4", "L": "30"})  # names no knob: step 1's
    _ok(at)
    s = dataclasses.replace(OPENING, hidden_size=4, length=30)
    for kind, title in (("rnn", "RNN"), ("lstm", "LSTM"), ("gru", "GRU")):
        h = A.retention_horizon(A.influence_curve(make_cell(kind, s), make_input(s)))
        shown = _metrics(at)[f"{title} remembers"]
        assert shown == (f"> {s.length} steps" if h is None else f"{h} steps")


def test_compare_parameter_table_matches_torch():
    torch = pytest.importorskip("torch")
    at = _app("compare", {"H": "6"})
    _ok(at)
    table = at.dataframe[0].value
    counts = dict(zip(table["Cell"], table["Parameters"], strict=True))
    for name, cls in (("RNN", torch.nn.RNN), ("LSTM", torch.nn.LSTM), ("GRU", torch.nn.GRU)):
        assert counts[name] == sum(p.numel() for p in cls(1, 6).parameters())


def test_compare_url_round_trip():
    at = _app("compare", {"H": "5", "fb": "2.5", "rid": "1"})
    _ok(at)
    assert at.slider(key="compare.1.hidden_size").value == 5
    assert at.slider(key="compare.1.lstm_forget").value == 2.5
    assert at.toggle(key="compare.1.rnn_identity").value is True
    assert at.query_params["H"] in ("5", ["5"])


# ----------------------------------------------------------------------------- gradients


def test_gradients_defaults_show_the_highway():
    """The page opens on step 1: the LSTM's factor per step is at least 0.85 and its
    gradient at the first step is far above the RNN's; random init is one click away."""
    from gates_lab import codec
    from gates_lab.pages.gradients import OPENING, run_gradients

    at = _app("gradients")
    _ok(at)
    shown = _metrics(at)
    assert OPENING.forget_bias == 3.0
    assert float(shown["LSTM: factor per step"]) >= 0.85
    assert float(shown["RNN: factor per step"]) < 0.7
    r = run_gradients(codec.cache_key(OPENING))
    assert f"{r.kinds['lstm'].decay:.3f}" == shown["LSTM: factor per step"]
    assert r.kinds["lstm"].dh_norm[0] > 1e12 * r.kinds["rnn"].dh_norm[0]
    assert any("Step 1 of 2" in i.value for i in at.info)

    at.button(key="gradients.lesson.init").click().run()
    _ok(at)
    assert float(_metrics(at)["LSTM: factor per step"]) < 0.7
    assert any("Step 2 of 2" in i.value for i in at.info)
    assert at.query_params["fb"] in ("0", ["0"])  # named: a link without it is step 1
    at.button(key="gradients.preset.highway").click().run()
    assert float(_metrics(at)["LSTM: factor per step"]) >= 0.85


def test_gradients_runs_and_the_scale_walks_the_rnn_from_vanishing_to_exploding():
    at = _app("gradients", {"L": "40", "T": "39", "H": "8"})
    _ok(at)
    label = "RNN: factor per step"
    small = float(_metrics(at)[label])
    at.radio(key="gradients.1.nonlinearity").set_value("relu").run()
    at.slider(key="gradients.1.scale").set_value(3.0).run()
    _ok(at)
    large = float(_metrics(at)[label])
    assert small < 1 < large


def test_gradients_numbers_match_the_engine():
    from gates import analysis as A
    from gates_lab.pages.gradients import OPENING, make_cell

    at = _app("gradients", {"L": "30", "T": "20", "H": "4"})  # names no step field: step 1's
    _ok(at)
    s = dataclasses.replace(OPENING, length=30, loss_step=20, hidden_size=4)
    x = s.noise * np.random.default_rng(s.seed + 1).standard_normal((30, 1))
    for kind, title in (("rnn", "RNN"), ("lstm", "LSTM"), ("gru", "GRU")):
        r = A.bptt(make_cell(kind, s), x, 20)
        expected = A.decay_factor(A.step_norms(r.dh), 20)
        assert _metrics(at)[f"{title}: factor per step"] == f"{expected:.3f}"


def test_gradients_url_round_trip_and_heatmap_kind():
    at = _app("gradients", {"sc": "0.5", "cell": "lstm", "fb": "3"})
    _ok(at)
    assert at.slider(key="gradients.1.scale").value == 0.5
    assert at.radio(key="gradients.1.kind").value == "lstm"
    at.radio(key="gradients.1.kind").set_value("gru").run()
    _ok(at)
    assert at.query_params["cell"] in ("gru", ["gru"])


# ----------------------------------------------------------------------------- deep


def _shapes(at: AppTest) -> str:
    return at.code[0].value


def test_deep_textbook_examples_have_torchs_shapes():
    at = _app("deep")
    _ok(at)
    text = _shapes(at)
    assert "output.size() # torch.Size([5, 3, 20])" in text
    assert "hn.size()     # torch.Size([2, 3, 20])" in text
    at.button(key="deep.textbook.bigru").click().run()
    _ok(at)
    text = _shapes(at)
    assert "output.size() # torch.Size([5, 3, 40])" in text
    assert "hn.size()     # torch.Size([4, 3, 20])" in text
    at.button(key="deep.textbook.gru").click().run()
    assert "torch.Size([5, 3, 20])" in _shapes(at)


def test_deep_reacts_to_layers_and_batch_first():
    at = _app("deep", {"cell": "lstm"})
    at.slider(key="deep.1.num_layers").set_value(3).run()
    at.toggle(key="deep.1.batch_first").set_value(True).run()
    _ok(at)
    text = _shapes(at)
    assert "output.size() # torch.Size([3, 5, 20])" in text
    assert "cn.size()     # torch.Size([3, 3, 20])" in text
    assert "nn.LSTM(10, 20, 3, batch_first=True)" in at.code[1].value


def test_deep_shapes_match_torch_and_check_button():
    torch = pytest.importorskip("torch")
    at = _app("deep", {"bi": "1", "cell": "lstm", "B": "2", "L": "4"})
    _ok(at)
    at.button(key="deep.check").click().run()
    _ok(at)
    diff = float(_metrics(at)["Largest |gates − torch|"])
    assert diff < 1e-12
    module = torch.nn.LSTM(10, 20, 2, bidirectional=True)
    out, (hn, cn) = module(torch.randn(4, 2, 10))
    text = _shapes(at)
    assert f"output.size() # {out.size()}" in text
    assert f"hn.size()     # {hn.size()}" in text


def test_deep_url_round_trip():
    at = _app("deep", {"nl": "4", "bi": "1", "H": "7"})
    _ok(at)
    assert at.slider(key="deep.1.num_layers").value == 4
    assert at.toggle(key="deep.1.bidirectional").value is True
    assert "hn.size()     # torch.Size([8, 3, 7])" in _shapes(at)


def test_deep_hn_layout_rows_are_copies_of_output():
    from gates_lab.pages.deep import DeepSettings, hn_layout, make_input, make_net

    for s in (DeepSettings(bidirectional=True), DeepSettings(bidirectional=True,
                                                            batch_first=True, kind="lstm")):
        rows = hn_layout(s, make_net(s).trace(make_input(s)))
        assert [r["index"] for r in rows] == list(range(4))
        top = [r for r in rows if r["layer"] == 1]
        assert all(r["diff"] == 0.0 for r in top)


# ----------------------------------------------------------------------------- in words


def test_gradients_ratio_is_said_in_orders_of_magnitude():
    from gates_lab.pages.gradients import orders_of_magnitude

    assert orders_of_magnitude(6.36e-25) == -24
    assert orders_of_magnitude(2e7) == 7
    assert orders_of_magnitude(0.53) == 0
    assert orders_of_magnitude(0.0) is None and orders_of_magnitude(float("nan")) is None
    at = _app("gradients")
    _ok(at)
    ratio = float(_metrics(at)["RNN: ‖∂L/∂h_0‖ / ‖∂L/∂h_T‖"])
    n = -orders_of_magnitude(ratio)
    assert n >= 10  # the RNN's gradient vanished on the way back
    assert any(f"about {n} orders of magnitude smaller" in c.value for c in at.caption)
    at = _app("gradients", {"lang": "zh"})
    assert any(f"约小 {n} 个数量级" in c.value for c in at.caption)
    # a relu RNN at scale 3 explodes: the same sentence says larger
    at = _app("gradients", {"L": "40", "T": "39", "nl": "relu", "sc": "3"})
    assert any("orders of magnitude larger" in c.value for c in at.caption)


def test_compare_cost_column_is_said_in_words():
    at = _app("compare")
    _ok(at)
    table = at.dataframe[0].value
    micros = dict(zip(table["Cell"], table["µs per step"], strict=True))
    words = next(c.value for c in at.caption if c.value.startswith("µs per step, in words"))
    assert "millionths of a second" in words
    assert f"the plain RNN {micros['RNN']:.1f}" in words
    at = _app("compare", {"lang": "zh"})
    assert any("百万分之一秒" in c.value for c in at.caption)
