"""AppTest of the learned-gates and challenges pages, and the .pt upload handling."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
LEARNED = str(ROOT / "pages" / "learned.py")
CHALLENGES = str(ROOT / "pages" / "challenges.py")


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def tiny_models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A models/ folder of quickly trained tiny models (the page must not depend on
    the shipped files being there while it is tested)."""
    pytest.importorskip("torch")
    from gates_lab.classroom import training

    folder = tmp_path_factory.mktemp("models")
    table: dict[str, dict[str, float]] = {}
    for task in ("delayed_recall", "brackets", "sentiment", "adding"):
        for kind in ("gru", "lstm", "rnn"):
            model = training.train(task, kind, hidden_size=4, steps=2, seed=1)
            training.save_model(model, folder / f"{task}_{kind}.npz")
            table.setdefault(task, {})[kind] = model.accuracy
    (folder / "accuracy.json").write_text(json.dumps({"seed": 1, "accuracy": table}))
    return folder


@pytest.fixture
def learned(tiny_models: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    import gates_lab.pages.learned as lp

    monkeypatch.setattr(lp, "MODELS", tiny_models)
    for cached in (lp._load_shipped, lp._shipped_view, lp._shipped_figures,
                   lp.shipped_accuracy):
        cached.clear()
    at = AppTest.from_file(LEARNED, default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


def _section(at: AppTest, value: str) -> AppTest:
    radio = next(r for r in at.radio if r.key.endswith(".section"))
    return radio.set_value(value).run()


def _texts(at: AppTest) -> str:
    parts = [e.value for e in at.info] + [e.value for e in at.subheader]
    parts += [m.label for m in at.metric]
    return "\n".join(str(p) for p in parts)


# --------------------------------------------------------------------------- learned page


def test_learned_page_runs_with_accuracy_for_every_kind(learned: AppTest) -> None:
    labels = [m.label for m in learned.metric]
    assert any(label.startswith("GRU") for label in labels)
    assert any(label.startswith("LSTM") for label in labels)
    assert any(label.startswith("RNN") for label in labels)
    assert not learned.error
    assert any("Gates of the trained GRU" in s.value for s in learned.subheader)


def test_switching_task_and_kind_changes_the_page(learned: AppTest) -> None:
    before = _texts(learned)
    text_before = learned.text_input[0].value
    task = next(s for s in learned.selectbox if s.key.endswith(".task"))
    task.set_value("brackets").run()
    assert not learned.exception, learned.exception
    after_task = _texts(learned)
    assert after_task != before
    assert "Bracket depth" in after_task
    assert learned.text_input[0].value != text_before
    assert set(learned.text_input[0].value) <= set("()abcdefgh")
    assert not learned.error
    kind = next(r for r in learned.radio if r.key.endswith(".kind"))
    kind.set_value("lstm").run()
    assert not learned.exception, learned.exception
    assert "Gates of the trained LSTM" in _texts(learned)
    assert "LSTM ◀" in [m.label for m in learned.metric]
    assert learned.query_params["task"] == ["brackets"] or learned.query_params["task"] == "brackets"


def test_bad_typed_input_gives_a_message_and_the_page_goes_on(learned: AppTest) -> None:
    learned.text_input[0].set_value("0 1 x 2").run()
    assert not learned.exception, learned.exception
    assert any("does not fit" in e.value and "'x'" in e.value for e in learned.error)
    assert len(learned.metric) >= 3  # the accuracy row is still there
    # a good input brings the plots back
    learned.text_input[0].set_value("1* 0 2 3 1 0 2 2 1 0 3 3").run()
    assert not learned.error
    assert any("Gates of the trained" in s.value for s in learned.subheader)


def test_shipped_accuracy_table_is_read() -> None:
    path = ROOT / "models" / "accuracy.json"
    if not path.exists():
        pytest.skip("models/accuracy.json not made yet")
    from gates_lab.learned_models import KINDS
    from gates_lab.learned_models import parse_accuracy as _parse_accuracy

    table = _parse_accuracy(json.loads(path.read_text()))
    assert set(table) == {"delayed_recall", "adding", "brackets", "sentiment"}
    assert all(set(row) == set(KINDS) for row in table.values())


def test_link_opens_task_and_kind() -> None:
    at = AppTest.from_file(LEARNED, default_timeout=120)
    at.query_params["task"] = "sentiment"
    at.query_params["kind"] = "rnn"
    at.query_params["txt"] = "the movie is not good"
    at.run()
    assert not at.exception, at.exception
    assert "Tiny sentiment" in _texts(at)
    assert at.text_input[0].value == "the movie is not good"


def test_train_now_trains_in_the_page_and_shows_the_new_gates(learned: AppTest) -> None:
    _section(learned, "train")
    steps = next(n for n in learned.number_input if n.key.endswith(".steps"))
    steps.set_value(20).run()
    hidden = next(n for n in learned.number_input if n.key.endswith(".hidden_size"))
    hidden.set_value(8).run()
    learned.button(key="learned.train").click().run()
    assert not learned.exception, learned.exception
    assert any("held-out accuracy after 20 steps" in s.value for s in learned.success)
    assert any("Gates of the trained GRU (8 units)" in s.value for s in learned.subheader)
    # the model lives in this session: back in "watch" the user can pick it
    _section(learned, "watch")
    source = next(r for r in learned.radio if r.key.endswith(".source"))
    assert source.value == "trained"
    assert any("(8 units)" in s.value for s in learned.subheader)


def test_limits_compare_side_by_side(learned: AppTest) -> None:
    _section(learned, "limits")
    steps = next(n for n in learned.number_input if n.key.endswith(".steps"))
    steps.set_value(10).run()
    rec = next(n for n in learned.number_input if n.key.endswith(".recurrent_max_norm"))
    rec.set_value(0.5).run()
    learned.button(key="learned.train_both").click().run()
    assert not learned.exception, learned.exception
    labels = [m.label for m in learned.metric]
    assert "Unconstrained" in labels and "With max-norm limits" in labels
    assert len(learned.dataframe) >= 2  # weight norms and gate saturation

    import gates_lab.pages.learned as lp

    models = learned.session_state[lp.MODELS_KEY]
    limited = models["delayed_recall/gru/limited"]
    norms = np.linalg.norm(limited.state_dict["weight_hh_l0"], axis=1)
    assert norms.max() <= 0.5 + 1e-5


# --------------------------------------------------------------------------- uploads


def _torch_bytes(obj: object) -> bytes:
    import torch

    buffer = io.BytesIO()
    torch.save(obj, buffer)
    return buffer.getvalue()


def _modules() -> list[tuple[str, object]]:
    torch = pytest.importorskip("torch")
    torch.manual_seed(0)
    return [
        ("rnn", torch.nn.RNN(3, 4)),
        ("rnn-relu", torch.nn.RNN(2, 3, nonlinearity="relu")),
        ("gru", torch.nn.GRU(5, 6)),
        ("lstm", torch.nn.LSTM(2, 3)),
        ("gru-2-layers-bi", torch.nn.GRU(4, 5, num_layers=2, bidirectional=True)),
        ("lstm-3-layers-bi", torch.nn.LSTM(3, 2, num_layers=3, bidirectional=True)),
        ("rnn-no-bias", torch.nn.RNN(2, 2, bias=False)),
        ("gru-big-input", torch.nn.GRU(300, 8)),
    ]


@pytest.mark.parametrize("index", range(8))
def test_upload_reads_every_kind_and_matches_torch(index: int) -> None:
    pytest.importorskip("gates.model_io")
    import torch

    from gates_lab.pages.learned import handle_upload, own_input

    name, module = _modules()[index]
    nonlinearity = "relu" if name == "rnn-relu" else "tanh"
    net, error = handle_upload(_torch_bytes(module.state_dict()), nonlinearity)
    assert error is None, f"{name}: {error}"
    assert net.input_size == module.input_size and net.hidden_size == module.hidden_size
    assert net.num_layers == module.num_layers
    assert net.bidirectional == module.bidirectional
    from gates_lab.pages.learned import LearnedSettings

    x = own_input(net, LearnedSettings(own_length=12))
    trace = net.trace(x)
    with torch.no_grad():
        expected = module.double()(torch.from_numpy(x))[0].numpy()
    np.testing.assert_allclose(trace.output, expected, atol=1e-6, err_msg=name)
    directions = 2 if net.bidirectional else 1
    for layer in range(net.num_layers):
        for direction in range(directions):
            assert trace.get("hidden", layer, direction).shape == (12, net.hidden_size)


def test_export_round_trips_through_torch() -> None:
    import torch

    from gates_lab.model_export import pt_bytes, torch_constructor

    module = torch.nn.LSTM(3, 2, num_layers=2, bidirectional=True)
    import gates

    net = gates.LSTM.from_torch(module)
    data = pt_bytes(net)
    again = eval(torch_constructor(net), {"torch": torch})  # noqa: S307 - our own text
    again.load_state_dict(torch.load(io.BytesIO(data), weights_only=True))
    for key, value in module.state_dict().items():
        torch.testing.assert_close(again.state_dict()[key], value)


class _Evil:
    """Runs a shell command when unpickled: what a malicious .pt file does."""

    marker = ""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def test_malicious_pickle_is_refused_and_runs_nothing(tmp_path: Path) -> None:
    pytest.importorskip("gates.model_io")
    import pickle

    from gates_lab.pages.learned import handle_upload

    marker = tmp_path / "pwned"
    _Evil.marker = str(marker)
    for data in (_torch_bytes({"weight_ih_l0": _Evil()}), pickle.dumps({"x": _Evil()}),
                 _torch_bytes(_Evil())):
        net, error = handle_upload(data)
        assert net is None and error, "a malicious file was accepted"
    assert not marker.exists(), "unpickling ran code"


@pytest.mark.parametrize("case", ["empty", "garbage", "whole-module", "wrong-keys",
                                  "not-a-dict", "nan", "json"])
def test_bad_files_give_a_message(case: str) -> None:
    pytest.importorskip("gates.model_io")
    import torch

    from gates_lab.pages.learned import handle_upload

    gru = torch.nn.GRU(2, 3)
    sd = gru.state_dict()
    data = {
        "empty": b"",
        "garbage": b"\x00\x01 not a torch file at all" * 10,
        "whole-module": _torch_bytes(gru),
        "wrong-keys": _torch_bytes({"weight": torch.zeros(3, 3)}),
        "not-a-dict": _torch_bytes(torch.zeros(3)),
        "nan": _torch_bytes({k: v * float("nan") for k, v in sd.items()}),
        "json": json.dumps({"weights": {}}).encode(),
    }[case]
    net, error = handle_upload(data)
    assert net is None
    assert isinstance(error, str) and error


def test_upload_in_the_page_keeps_the_other_settings(learned: AppTest) -> None:
    pytest.importorskip("gates.model_io")
    import torch

    task = next(s for s in learned.selectbox if s.key.endswith(".task"))
    task.set_value("sentiment").run()
    _section(learned, "own")
    uploader = learned.get("file_uploader")[0]
    uploader.set_value(("broken.pt", b"nonsense", "application/octet-stream")).run()
    assert not learned.exception, learned.exception
    assert any("broken.pt could not be used" in e.value for e in learned.error)
    assert learned.query_params["task"] in ("sentiment", ["sentiment"])
    good = _torch_bytes(torch.nn.GRU(3, 4, num_layers=2, bidirectional=True).state_dict())
    uploader = learned.get("file_uploader")[0]
    uploader.set_value(("mine.pt", good, "application/octet-stream")).run()
    assert not learned.exception, learned.exception
    heads = [s.value for s in learned.subheader]
    assert sum("Layer" in h for h in heads) == 4, heads
    assert not learned.error


PAGE_REFUSALS = ("code-zip", "code-pickle-5", "code-legacy", "whole-module", "plain-pickle",
                 "zip-of-list", "plain-tensor", "random-bytes", "text", "npy", "other-zip",
                 "cut-off", "linear")


@pytest.mark.filterwarnings("ignore:Detected pickle protocol")
def test_each_refused_upload_says_why_and_clears_the_previous_model(
        learned: AppTest, tmp_path: Path) -> None:
    """Good model first; then every kind of refused file: its plain message, and the good
    model no longer on screen as if it were the upload; then a good file shows again."""
    pytest.importorskip("gates.model_io")
    import torch
    from upload_cases import TORCH_TEXT, System, refused_files

    System.marker = str(tmp_path / "pwned")
    cases = refused_files()
    good = _torch_bytes(torch.nn.GRU(3, 4).state_dict())
    _section(learned, "own")
    for case in PAGE_REFUSALS:
        learned.get("file_uploader")[0].set_value(("good.pt", good, "")).run()
        assert any("Loaded good.pt" in m.value for m in learned.success), case
        assert any("Layer" in h.value for h in learned.subheader), case
        data, message = cases[case]
        learned.get("file_uploader")[0].set_value((f"{case}.pt", data, "")).run()
        assert not learned.exception, (case, learned.exception)
        errors = " ".join(e.value for e in learned.error)
        assert f"{case}.pt could not be used" in errors and message in errors, (case, errors)
        assert not any(f in errors for f in TORCH_TEXT), (case, errors)
        assert not learned.success, (case, [m.value for m in learned.success])
        assert not any("Layer" in h.value for h in learned.subheader), case
    assert not (tmp_path / "pwned").exists()


def test_a_refused_upload_reads_in_chinese(learned: AppTest) -> None:
    pytest.importorskip("gates.model_io")
    from upload_cases import refused_files

    learned.query_params["lang"] = "zh"
    learned.run()
    _section(learned, "own")
    for case, zh in (("code-zip", "已拒绝：此文件包含代码，而不只是张量"),
                     ("plain-tensor", "形状为 (3,) 的单个张量，而不是 state_dict"),
                     ("random-bytes", "不是 torch 文件")):
        data = refused_files()[case][0] if case != "plain-tensor" else _torch_bytes(
            __import__("torch").zeros(3))
        learned.get("file_uploader")[0].set_value((f"{case}.pt", data, "")).run()
        errors = " ".join(e.value for e in learned.error)
        assert zh in errors, (case, errors)


# --------------------------------------------------------------------------- challenges


def test_challenge_link_check_fails_then_solution_passes() -> None:
    at = AppTest.from_file(CHALLENGES, default_timeout=60)
    at.query_params["challenge"] = "gru-wipe"
    at.run()
    assert not at.exception, at.exception
    assert at.selectbox(key="challenges.choice.en").value == "gru-wipe"
    assert any("Wipe the memory" in s.value for s in at.subheader)
    at.button(key="challenges.check").click().run()
    assert not at.success
    assert any("Not yet" in e.value for e in at.error)
    assert any("Hint" in w.value for w in at.warning)  # a hint after the failed try
    at.button(key="challenges.solution").click().run()
    assert not at.success  # showing the solution solves nothing by itself
    at.button(key="challenges.check").click().run()
    assert not at.exception, at.exception
    # the shown solution passes the check but is not counted as solved
    assert not at.success
    assert any("not counted" in w.value for w in at.warning)
    assert not any("Hint" in w.value for w in at.warning)
    # the student's own weights (the reset gate's cue weight moved) pass and count
    cue_r = next(s for s in at.slider if s.key.endswith("w.weight_ih_l0:0:1"))
    cue_r.set_value(-25.0).run()
    at.button(key="challenges.check").click().run()
    assert any("Solved" in s.value for s in at.success)
    assert not at.error
    assert at.query_params["challenge"] in ("gru-wipe", ["gru-wipe"])
    assert "w" in at.query_params  # the student's weights are in the link
    # back on the shown solution's weights: the solved state does not carry over to them
    cue_r = next(s for s in at.slider if s.key.endswith("w.weight_ih_l0:0:1"))
    cue_r.set_value(-30.0).run()
    at.button(key="challenges.check").click().run()
    assert not at.success


def test_challenge_chart_draws_the_goal_band() -> None:
    at = AppTest.from_file(CHALLENGES, default_timeout=60)
    at.query_params["challenge"] = "lstm-count"
    at.run()
    assert not at.exception, at.exception
    assert any("green band" in c.value for c in at.caption)
    chart = at.get("plotly_chart")[-1]
    spec = json.loads(chart.proto.spec)
    names = [d.get("name") for d in spec["data"]]
    assert "goal: where it should be" in names and "target value" in names


@pytest.mark.parametrize("cid", ["gru-latch", "lstm-count", "gru-as-rnn",
                                 "rnn-explode-tame", "lstm-hold-50"])
def test_every_challenge_opens_from_its_link(cid: str) -> None:
    at = AppTest.from_file(CHALLENGES, default_timeout=60)
    at.query_params["challenge"] = cid
    at.run()
    assert not at.exception, at.exception
    assert at.selectbox(key="challenges.choice.en").value == cid
    assert len(at.slider) >= 4


def test_moving_a_slider_changes_the_result() -> None:
    at = AppTest.from_file(CHALLENGES, default_timeout=60)
    at.query_params["challenge"] = "lstm-hold-50"
    at.run()
    before = [m.value for m in at.markdown]
    bias_f = next(s for s in at.slider if s.key.endswith("w.bias_ih_l0:1"))
    bias_f.set_value(20.0).run()
    assert not at.exception, at.exception
    assert [m.value for m in at.markdown] != before
    at.button(key="challenges.check").click().run()
    assert any("Solved" in s.value for s in at.success)


@pytest.mark.parametrize("kind", ["gru", "lstm", "rnn"])
def test_cell_page_pt_export_loads_into_torch_nn(kind: str) -> None:
    """pt_download's bytes for a cell page's settings load into the matching torch.nn."""
    pytest.importorskip("gates.model_io")
    import torch

    from gates_lab import scenario as S
    from gates_lab.model_export import has_torch_twin, pt_bytes, torch_constructor
    from gates_lab.scenario import cell_net

    cell = S.CellSpec(kind=kind, input_size=2, hidden_size=3, seed=4,
                      nonlinearity="relu" if kind == "rnn" else "tanh",
                      edits=(("weight_hh_l0:0:1", 2.5),))
    net = cell_net(cell)
    assert has_torch_twin(net)
    module = eval(torch_constructor(net), {"torch": torch})  # noqa: S307 - our own text
    module.load_state_dict(torch.load(io.BytesIO(pt_bytes(net)), weights_only=True))
    x = np.random.default_rng(0).normal(size=(7, 2))
    with torch.no_grad():
        expected = module.double()(torch.from_numpy(x))[0].numpy()
    np.testing.assert_allclose(net(x)[0], expected, atol=1e-6)  # torch.nn holds float32
    assert module.weight_hh_l0[0, 1].item() == 2.5


def test_cho_gru_has_no_pt_export() -> None:
    from gates_lab import scenario as S
    from gates_lab.model_export import has_torch_twin
    from gates_lab.scenario import cell_net

    assert not has_torch_twin(cell_net(S.CellSpec(kind="gru", reset_after=False)))


def test_challenge_link_with_weights_restores_the_attempt() -> None:
    at = AppTest.from_file(CHALLENGES, default_timeout=60)
    at.query_params["challenge"] = "lstm-count"
    at.run()
    at.button(key="challenges.solution").click().run()
    link = {k: at.query_params[k] for k in at.query_params}
    assert "w" in link
    again = AppTest.from_file(CHALLENGES, default_timeout=60)
    for key, value in link.items():
        again.query_params[key] = value[0] if isinstance(value, list) else value
    again.run()
    assert not again.exception, again.exception
    assert again.selectbox(key="challenges.choice.en").value == "lstm-count"
    again.button(key="challenges.check").click().run()
    assert any("Solved" in s.value for s in again.success)


def test_a_pkl_upload_says_which_files_are_accepted(learned: AppTest) -> None:
    _section(learned, "own")
    learned.get("file_uploader")[0].set_value(("model.pkl", b"\x80\x04K\x01.", "")).run()
    assert not learned.exception, learned.exception
    errors = " ".join(e.value for e in learned.error)
    assert "model.pkl could not be used" in errors
    assert "accepts only .pt / .pth files" in errors and "state_dict" in errors
    learned.query_params["lang"] = "zh"
    learned.run()
    learned.get("file_uploader")[0].set_value(("model.pkl", b"\x80\x04K\x01.", "")).run()
    assert any("只接受 .pt / .pth 文件" in e.value for e in learned.error)


def test_overlong_input_text_says_the_limit(learned: AppTest) -> None:
    learned.text_input[0].set_value("0 1 " * 600).run()  # 2400 characters
    assert not learned.exception, learned.exception
    assert any("2000" in w.value and "2400" in w.value for w in learned.warning)
