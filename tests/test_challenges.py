"""gates_lab/classroom/challenges.py: every solution passes, every start and plausible wrong answer fails."""

from __future__ import annotations

import numpy as np
import pytest

from gates_lab.classroom import challenges as C
from gates_lab.classroom.weights import block_weights as _weights

IDS = list(C.CHALLENGES)


def test_at_least_six_challenges_with_distinct_kinds() -> None:
    assert len(IDS) >= 6
    assert {c.kind for c in C.CHALLENGES.values()} == {"gru", "lstm", "rnn"}


@pytest.mark.parametrize("cid", IDS)
def test_solution_passes(cid: str) -> None:
    ch = C.get_challenge(cid)
    result, trace = C.evaluate(ch, ch.solution)
    assert result.passed, f"{cid}: solution fails: {result}"
    assert all(ok for _, ok in result.parts)
    assert trace.get("hidden").shape == (ch.length, ch.hidden_size)


@pytest.mark.parametrize("cid", IDS)
def test_start_fails(cid: str) -> None:
    ch = C.get_challenge(cid)
    result, _ = C.evaluate(ch, ch.start)
    assert not result.passed, f"{cid}: start weights already pass: {result}"
    assert any(not ok for _, ok in result.parts)
    assert all(np.isfinite(v) for _, v in result.numbers)


@pytest.mark.parametrize("cid", IDS)
def test_start_and_solution_fit_the_cell(cid: str) -> None:
    ch = C.get_challenge(cid)
    shapes = {k: v.shape for k, v in C.challenge_net(ch).state_dict().items()}
    assert {k: v.shape for k, v in ch.start.items()} == shapes
    assert {k: v.shape for k, v in ch.solution.items()} == shapes
    assert C.challenge_input(ch).shape == (ch.length, ch.input_size)


def _changed(cid: str, **blocks: object) -> dict[str, np.ndarray]:
    ch = C.get_challenge(cid)
    return _weights(ch.kind, ch.input_size, ch.hidden_size, **blocks)  # type: ignore[arg-type]


WRONG = [
    # latch: the update gate always open (follows the value), or always shut (never writes)
    ("gru-latch", _changed("gru-latch", ih={"n": [[1.0, 0.0]]}, b_ih={"z": -15.0}), "holds"),
    ("gru-latch", _changed("gru-latch", ih={"n": [[1.0, 0.0]]}, b_ih={"z": 15.0}), "holds"),
    # counter: a leaky forget gate, or an input gate open at every step on a candidate
    # that is 1 at every step (counts steps, not impulses)
    ("lstm-count", _changed("lstm-count", ih={"i": 30.0, "g": 20.0}, b_ih={"i": -15.0}),
     "counts"),
    ("lstm-count", _changed("lstm-count", ih={"g": 20.0}, b_ih={"i": 15.0, "f": 20.0, "g": 5.0}),
     "counts"),
    # GRU as RNN: all zeros (trivially equal but nothing happens), reset closed,
    # or the update gate stuck at 1/2
    ("gru-as-rnn", _changed("gru-as-rnn"), "rnn_moves"),
    ("gru-as-rnn", _changed("gru-as-rnn", ih={"n": 1.0}, hh={"n": 0.8},
                            b_ih={"r": -20.0, "z": -20.0}), "same_as_rnn"),
    ("gru-as-rnn", _changed("gru-as-rnn", ih={"n": 1.0}, hh={"n": 0.8}, b_ih={"r": 20.0}),
     "same_as_rnn"),
    # wipe: reset always shut (no memory builds up), or no update gating (state drifts)
    ("gru-wipe", _changed("gru-wipe", ih={"z": [[-30.0, -30.0]], "n": [[0.5, 0.0]]},
                          hh={"n": 1.0}, b_ih={"r": -15.0, "z": 15.0}), "remembers"),
    ("gru-wipe", _changed("gru-wipe", ih={"r": [[0.0, -30.0]], "n": [[0.5, 0.0]]},
                          hh={"n": 1.0}, b_ih={"r": 15.0, "z": -15.0}), "remembers"),
    # explode/tame: recurrent weights so small that even doubled they don't explode
    ("rnn-explode-tame", _changed("rnn-explode-tame", ih={"h": [[1.0], [0.5]]},
                                  hh={"h": [[0.2, 0.0], [0.0, 0.2]]}), "explodes_scaled"),
    ("rnn-explode-tame", _changed("rnn-explode-tame", ih={"h": [[1.0], [0.5]]}),
     "explodes_scaled"),
    # hold for 50: forget gate 0.993 (fine for 10 steps, not 50), input gate half open,
    # nothing written
    ("lstm-hold-50", _changed("lstm-hold-50", ih={"i": [[0.0, 40.0]], "f": [[0.0, -40.0]],
                                                  "g": [[1.0, 0.0]]},
                              b_ih={"i": -20.0, "f": 5.0, "o": 10.0}), "keeps"),
    ("lstm-hold-50", _changed("lstm-hold-50", ih={"f": [[0.0, -40.0]], "g": [[1.0, 0.0]]},
                              b_ih={"f": 20.0, "o": 10.0}), "keeps"),
    ("lstm-hold-50", _changed("lstm-hold-50", ih={"i": [[0.0, 40.0]], "f": [[0.0, -40.0]]},
                              b_ih={"i": -20.0, "f": 20.0, "o": 10.0}), "stores"),
]


@pytest.mark.parametrize(("cid", "weights", "failing_part"), WRONG,
                         ids=[f"{w[0]}-{i}" for i, w in enumerate(WRONG)])
def test_plausible_wrong_answers_fail(cid: str, weights: dict[str, np.ndarray],
                                      failing_part: str) -> None:
    result, _ = C.evaluate(cid, weights)
    assert not result.passed, f"{cid}: wrong answer passes: {result}"
    assert dict(result.parts)[failing_part] is False, result


def test_gru_as_rnn_compares_with_the_engine_rnn() -> None:
    ch = C.get_challenge("gru-as-rnn")
    result, trace = C.evaluate(ch, ch.solution)
    import gates

    rnn = gates.RNN(1, 1, seed=0)
    rnn.load_state_dict({"weight_ih_l0": [[1.0]], "weight_hh_l0": [[0.8]],
                         "bias_ih_l0": [0.0], "bias_hh_l0": [0.0]})
    np.testing.assert_allclose(trace.get("hidden"), rnn.trace(C.challenge_input(ch)).get("hidden"),
                               atol=1e-6, err_msg="GRU with r=1, z=0 should equal the RNN")
    assert result.number("max_difference") < 1e-6


def test_explode_part_reports_both_runs() -> None:
    ch = C.get_challenge("rnn-explode-tame")
    result, _ = C.evaluate(ch, ch.start)
    parts = dict(result.parts)
    assert parts["explodes_scaled"] and not parts["bounded"]
    assert result.number("max_h") > C.BOUND


def test_bad_weights_raise_value_error() -> None:
    ch = C.get_challenge("gru-latch")
    bad = dict(ch.solution)
    bad["weight_hh_l0"] = np.zeros((2, 2))
    with pytest.raises(ValueError):
        C.evaluate(ch, bad)
    with pytest.raises(ValueError, match="unknown challenge"):
        C.get_challenge("nope")
