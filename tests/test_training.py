"""Training small models, running them on the engine, and the shipped models in models/."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import gates
from gates_lab.classroom import tasks, training
from gates_lab.classroom.training import Constraints

MODELS = Path(__file__).resolve().parents[1] / "models"
LONG_RANGE = ("delayed_recall", "adding", "brackets")


def test_import_gates_does_not_import_torch() -> None:
    code = "import sys, gates, gates_lab.classroom.tasks, gates_lab.classroom.training, gates.model_io; print('torch' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parents[1], check=True)
    assert result.stdout.strip() == "False"


torch = pytest.importorskip("torch")


def _small(kind: str = "gru", **kwargs: object) -> training.TrainedModel:
    settings: dict[str, object] = {"hidden_size": 8, "steps": 40, "length": 12, "batch_size": 16}
    settings.update(kwargs)
    return training.train("brackets", kind, **settings)  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", training.KINDS)
def test_a_short_run_decreases_the_loss(kind: str) -> None:
    calls: list[tuple[int, int, float]] = []
    model = _small(kind, steps=60, lr=0.03, progress=lambda s, t, loss: calls.append((s, t, loss)))
    losses = model.loss_history
    assert losses.shape == (60,)
    assert losses[-10:].mean() < 0.8 * losses[:10].mean()
    assert [c[0] for c in calls] == list(range(1, 61)) and {c[1] for c in calls} == {60}
    np.testing.assert_allclose([c[2] for c in calls], losses)
    assert 0.0 <= model.accuracy <= 1.0


def test_training_is_deterministic_with_the_seed() -> None:
    a, b, c = _small(seed=3), _small(seed=3), _small(seed=4)
    for key in a.state_dict:
        np.testing.assert_array_equal(a.state_dict[key], b.state_dict[key], err_msg=key)
    np.testing.assert_array_equal(a.head_weight, b.head_weight)
    np.testing.assert_array_equal(a.loss_history, b.loss_history)
    assert a.accuracy == b.accuracy
    assert not np.array_equal(a.state_dict["weight_hh_l0"], c.state_dict["weight_hh_l0"])


@pytest.mark.parametrize("kind", training.KINDS)
def test_constraints_bound_the_per_unit_norms(kind: str) -> None:
    bounds = Constraints(input_max_norm=0.3, recurrent_max_norm=0.4, bias_max_norm=0.05)
    free = training.weight_norms(_small(kind, lr=0.05))
    capped_model = _small(kind, lr=0.05, constraints=bounds)
    capped = training.weight_norms(capped_model)
    for key, bound in (("weight_ih_l0", 0.3), ("weight_hh_l0", 0.4), ("bias_l0", 0.05)):
        assert free[key].max() > bound, f"{key}: the bound would not bind; test is vacuous"
        assert capped[key].max() <= bound * (1 + 1e-5), key
        assert capped[key].max() > 0.9 * bound, f"{key}: renormalised far below the bound"
    # per unit = per row in torch layout
    w_ih = capped_model.state_dict["weight_ih_l0"]
    np.testing.assert_allclose(capped["weight_ih_l0"], np.linalg.norm(w_ih, axis=1), rtol=1e-6)
    assert capped_model.constraints == bounds


def test_constraints_reject_nonsense() -> None:
    with pytest.raises(ValueError, match="input_max_norm"):
        Constraints(input_max_norm=-1.0)


def test_train_rejects_unknown_kind_and_task() -> None:
    with pytest.raises(ValueError, match="kind"):
        training.train("adding", "transformer", steps=1)
    with pytest.raises(ValueError, match="unknown task"):
        training.train("nope", "gru", steps=1)


@pytest.mark.parametrize("kind", training.KINDS)
@pytest.mark.parametrize("name", list(tasks.TASKS))
def test_predict_on_the_engine_matches_torch(kind: str, name: str) -> None:
    task = tasks.TASKS[name]
    model = training.train(task, kind, hidden_size=5, steps=2, length=9, batch_size=4)
    x, _ = tasks.generate(task, 3, 9, seed=1)
    module = getattr(torch.nn, kind.upper())(task.input_size, 5, batch_first=True).double()
    module.load_state_dict({k: torch.from_numpy(v.astype(np.float64))
                            for k, v in model.state_dict.items()})
    with torch.no_grad():
        hidden = module(torch.from_numpy(x))[0].numpy()
    if not task.per_step:
        hidden = hidden[:, -1]
    gold = hidden @ model.head_weight.T.astype(np.float64) + model.head_bias
    if task.output == "regression":
        gold = gold[..., 0]
    np.testing.assert_allclose(training.predict(model, x), gold, atol=1e-9, err_msg=name)
    # one unbatched sequence, as the page sends a user's input
    np.testing.assert_allclose(training.predict(model, x[1]), gold[1], atol=1e-9)
    assert isinstance(training.model_net(model), getattr(gates, kind.upper()))


def test_probabilities_sum_to_one() -> None:
    model = _small()
    p = training.probabilities(model, tasks.generate(tasks.BRACKETS, 2, 12, seed=0)[0])
    assert p.shape == (2, 12, tasks.BRACKETS.num_classes)
    np.testing.assert_allclose(p.sum(axis=-1), 1.0)


def test_gate_saturation() -> None:
    net = gates.GRU(1, 2, seed=0)
    sd = net.state_dict()
    sd["bias_ih_l0"][:] = 0.0
    sd["bias_ih_l0"][2:4] = 50.0  # update gate always ~1
    sd["bias_ih_l0"][0:2] = [-50.0, 0.0]  # reset unit 0 ~0, unit 1 in the middle
    sd["weight_ih_l0"][:] = 0.0
    sd["weight_hh_l0"][:] = 0.0
    sd["bias_hh_l0"][:] = 0.0
    net.load_state_dict(sd)
    sat = training.gate_saturation(net.trace(np.zeros((6, 1))))
    assert set(sat) == {"reset", "update"}
    assert sat["update"] == (0.0, 1.0)
    assert sat["reset"] == (0.5, 0.0)
    lstm = gates.LSTM(2, 3, num_layers=2, bidirectional=True, seed=0)
    sat = training.gate_saturation(lstm.trace(np.zeros((4, 2))))
    assert set(sat) == {"input", "forget", "output"}
    assert training.gate_saturation(gates.RNN(1, 2, seed=0).trace(np.zeros((3, 1)))) == {}


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    model = _small("lstm", constraints=Constraints(recurrent_max_norm=1.0))
    path = tmp_path / "m.npz"
    training.save_model(model, path)
    back = training.load_model(path)
    for key in model.state_dict:
        np.testing.assert_array_equal(back.state_dict[key], model.state_dict[key], err_msg=key)
    np.testing.assert_array_equal(back.head_weight, model.head_weight)
    np.testing.assert_allclose(back.loss_history, model.loss_history, rtol=1e-6)
    for field in ("task", "kind", "hidden_size", "input_size", "accuracy", "constraints",
                  "length", "steps", "seed", "eval_seed"):
        assert getattr(back, field) == getattr(model, field), field
    assert training.heldout_accuracy(back) == model.accuracy


def test_load_refuses_other_files(tmp_path: Path) -> None:
    np.savez(tmp_path / "other.npz", a=np.zeros(3))
    with pytest.raises(ValueError, match="metadata"):
        training.load_model(tmp_path / "other.npz")
    np.savez(tmp_path / "pickled.npz", meta=np.array([{"x": 1}], dtype=object))
    with pytest.raises(ValueError, match="not a readable model file"):
        training.load_model(tmp_path / "pickled.npz")
    (tmp_path / "junk.npz").write_bytes(b"junk")
    with pytest.raises(ValueError, match="not a readable model file"):
        training.load_model(tmp_path / "junk.npz")


# --------------------------------------------------------------------------- shipped models


def _recorded() -> dict[str, dict[str, float]]:
    return json.loads((MODELS / "accuracy.json").read_text())["accuracy"]


def test_every_task_and_kind_is_shipped_and_small() -> None:
    recorded = _recorded()
    for name in tasks.TASKS:
        for kind in training.KINDS:
            path = MODELS / f"{name}_{kind}.npz"
            assert path.stat().st_size < 200_000, path
            assert name in recorded and kind in recorded[name]


@pytest.mark.parametrize("kind", training.KINDS)
@pytest.mark.parametrize("name", list(tasks.TASKS))
def test_shipped_models_reproduce_their_accuracy_on_the_engine(name: str, kind: str) -> None:
    model = training.load_model(MODELS / f"{name}_{kind}.npz")
    assert (model.task, model.kind) == (name, kind)
    accuracy = training.heldout_accuracy(model)
    assert accuracy == pytest.approx(model.accuracy, abs=1e-12)
    assert accuracy == pytest.approx(_recorded()[name][kind], abs=1e-4)


@pytest.mark.parametrize("name", LONG_RANGE)
def test_gated_cells_beat_the_plain_rnn_on_long_range_tasks(name: str) -> None:
    acc = _recorded()[name]
    assert min(acc["gru"], acc["lstm"]) > acc["rnn"] + 0.2, acc


def test_load_pretrained_and_trace_model() -> None:
    model = training.load_pretrained("brackets", "lstm")
    x, labels = tasks.encode_user_input(tasks.BRACKETS, "((a(b)c)d)")
    trace, out = training.trace_model(model, x)
    assert out.shape == (len(labels), tasks.BRACKETS.num_classes)
    assert trace.get("forget").shape == (len(labels), model.hidden_size)
    np.testing.assert_allclose(out, training.predict(model, x), atol=1e-12)
    assert tasks.score(tasks.BRACKETS, out, tasks.targets(tasks.BRACKETS, x[None])[0]) == 1.0
    with pytest.raises(ValueError, match="kind"):
        training.pretrained_path("adding", "cnn")


def test_gated_cells_learn_every_task() -> None:
    for name, acc in _recorded().items():
        assert max(acc["gru"], acc["lstm"]) > 0.9, (name, acc)
