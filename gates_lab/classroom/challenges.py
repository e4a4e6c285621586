"""Classroom challenges: set a tiny cell's weights so its trace meets a goal.

NumPy only. Each :class:`Challenge` fixes a cell (kind, sizes), an input sequence, start
weights (which fail the goal) and a solution (which meets it); :func:`evaluate` runs the
student's weights through the engine and checks the goal on the recorded trace.

The texts a student reads (title, goal, hint, what the numbers mean) live in the app's
string catalogue (``gates_lab/locales/challenges.py``, keys ``chal.<id>.*``, ``chal.num.*``,
``chal.part.*``); here are only ids and numbers.

Weights use torch's layout and gate order (GRU ``r, z, n``; LSTM ``i, f, g, o``), as in
``gates_lab/classroom/presets.py``; the initial state is zero.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from gates.kinds import GATE_BLOCKS
from gates.trace import Trace
from gates_lab.classroom.inputs import ChannelSpec, make_input
from gates_lab.classroom.weights import block_weights

__all__ = ["CHALLENGES", "Challenge", "GoalBand", "Result", "challenge_input", "evaluate",
           "get_challenge", "challenge_net", "goal_band"]

Weights = Mapping[str, np.ndarray]


@dataclass(frozen=True)
class Result:
    """The outcome of one check.

    ``parts``: each sub-goal and whether it is met (all must be for ``passed``);
    ``numbers``: what the student reads beside it, e.g. ``("max_error", 0.31)``.
    """

    passed: bool
    parts: tuple[tuple[str, bool], ...]
    numbers: tuple[tuple[str, float], ...]

    def number(self, name: str) -> float:
        return dict(self.numbers)[name]


def _result(parts: Mapping[str, bool], numbers: Mapping[str, float]) -> Result:
    return Result(passed=all(parts.values()),
                  parts=tuple((k, bool(v)) for k, v in parts.items()),
                  numbers=tuple((k, float(v)) for k, v in numbers.items()))


CheckFn = Callable[[Trace, np.ndarray, Weights], Result]


@dataclass(frozen=True)
class Challenge:
    """One exercise: a fixed cell and input, start weights, a goal and a solution."""

    id: str
    kind: str
    input_size: int
    hidden_size: int
    inputs: tuple[ChannelSpec, ...]
    length: int
    start: dict[str, np.ndarray] = field(compare=False, repr=False)
    solution: dict[str, np.ndarray] = field(compare=False, repr=False)
    check: CheckFn = field(compare=False, repr=False)
    nonlinearity: str = "tanh"
    reset_after: bool = True

    @property
    def gates(self) -> tuple[str, ...]:
        return GATE_BLOCKS[self.kind]


# --------------------------------------------------------------------------- checks


def _latch(trace: Trace, x: np.ndarray, weights: Weights) -> Result:
    """GRU latch: from each write on, h stays at tanh(value at the write)."""
    h = trace.get("hidden")[:, 0]
    writes = np.flatnonzero(x[:, 1] > 0.5)
    target = np.full(len(h), np.nan)
    for w in writes:
        target[w:] = np.tanh(x[w, 0])
    checked = ~np.isnan(target)
    error = np.abs(h - target)[checked]
    tol = 0.1
    return _result({"holds": bool(error.max() < tol)},
                   {"max_error": error.max(), "tolerance": tol,
                    "held_share": np.mean(error < tol)})


def _counter(trace: Trace, x: np.ndarray, weights: Weights) -> Result:
    """LSTM counter: the cell state is the number of impulses so far."""
    c = trace.get("cell")[:, 0]
    count = np.cumsum(x[:, 0] > 0.5)
    error = np.abs(c - count)
    tol = 0.2
    return _result({"counts": bool(error.max() < tol)},
                   {"max_error": error.max(), "tolerance": tol, "final_cell": c[-1],
                    "impulses": count[-1]})


def _gru_as_rnn(trace: Trace, x: np.ndarray, weights: Weights) -> Result:
    """GRU = plain tanh RNN with the GRU's candidate weights (W_in, W_hn, b_in, b_hn)."""
    from gates.network import RNN

    h = trace.get("hidden")
    hs = h.shape[1]
    n = slice(2 * hs, 3 * hs)
    rnn = RNN(x.shape[1], hs, seed=0)
    rnn.load_state_dict({k: np.asarray(v, dtype=np.float64)[n] for k, v in weights.items()})
    h_rnn = rnn.trace(x).get("hidden")
    diff = float(np.max(np.abs(h - h_rnn)))
    moves = float(np.max(np.abs(h_rnn)))
    return _result({"same_as_rnn": diff < 0.01, "rnn_moves": moves > 0.2},
                   {"max_difference": diff, "tolerance": 0.01, "rnn_max_abs": moves})


def _reset_wipe(trace: Trace, x: np.ndarray, weights: Weights) -> Result:
    """GRU wipe: pulses build a memory that holds, a cue sets it back to 0."""
    h = trace.get("hidden")[:, 0]
    pulses, cues = x[:, 0] > 0.5, x[:, 1] > 0.5
    cue_steps = np.flatnonzero(cues)
    after_cue = float(np.max(np.abs(h[cue_steps])))
    before_cue = float(np.min(h[cue_steps - 1]))
    quiet = np.flatnonzero(~pulses & ~cues)
    quiet = quiet[quiet > 0]
    drift = float(np.max(np.abs(h[quiet] - h[quiet - 1])))
    return _result({"remembers": before_cue > 0.6 and drift < 0.05, "wiped": after_cue < 0.05},
                   {"before_cue": before_cue, "after_cue": after_cue, "quiet_drift": drift})


EXPLODE, BOUND, SCALE = 1e3, 10.0, 2.0


def _explode_tame(trace: Trace, x: np.ndarray, weights: Weights) -> Result:
    """ReLU RNN: bounded with the student's weights, explodes with W_hh doubled."""
    from gates.network import RNN

    tamed = float(np.max(np.abs(trace.get("hidden"))))
    net = RNN(x.shape[1], trace.config.hidden_size, nonlinearity="relu", seed=0)
    scaled = {k: np.asarray(v, dtype=np.float64) * (SCALE if k == "weight_hh_l0" else 1.0)
              for k, v in weights.items()}
    net.load_state_dict(scaled)
    exploded = float(np.max(np.abs(net.trace(x).get("hidden"))))
    return _result({"explodes_scaled": exploded > EXPLODE, "bounded": tamed < BOUND},
                   {"max_scaled": exploded, "explode_above": EXPLODE, "max_h": tamed,
                    "bound": BOUND, "scale": SCALE})


HOLD_STEPS = 50


def _hold_50(trace: Trace, x: np.ndarray, weights: Weights) -> Result:
    """LSTM: store tanh(value) at the write, keep the cell within 5% for 50 steps."""
    c = trace.get("cell")[:, 0]
    w = int(np.flatnonzero(x[:, 1] > 0.5)[0])
    stored = c[w]
    target = float(np.tanh(x[w, 0]))
    kept = c[w:w + HOLD_STEPS + 1]
    drift = float(np.max(np.abs(kept - stored)) / max(abs(stored), 1e-9))
    return _result({"stores": abs(stored - target) < 0.1, "keeps": drift < 0.05},
                   {"stored": stored, "target": target, "drift": drift, "steps": HOLD_STEPS})


# --------------------------------------------------------------------------- targets


@dataclass(frozen=True)
class GoalBand:
    """Where the goal wants a state at each step, to draw on the chart.

    ``state``: the trace's name ("hidden" or "cell"); ``lower`` / ``upper``: (L, H) bounds
    of the tolerance, NaN at steps the goal says nothing about; ``centre``: the target
    value itself where there is one (NaN elsewhere). The same numbers the check uses.
    """

    state: str
    lower: np.ndarray
    upper: np.ndarray
    centre: np.ndarray


def _band(state: str, centre: np.ndarray, tol: np.ndarray | float) -> GoalBand:
    centre = np.asarray(centre, dtype=float)
    centre = centre[:, None] if centre.ndim == 1 else centre
    tol = np.broadcast_to(np.asarray(tol, dtype=float).reshape(-1, 1)
                          if np.ndim(tol) else tol, centre.shape)
    return GoalBand(state, centre - tol, centre + tol, centre)


def _latch_band(trace: Trace, x: np.ndarray, weights: Weights) -> GoalBand:
    target = np.full(len(x), np.nan)
    for w in np.flatnonzero(x[:, 1] > 0.5):
        target[w:] = np.tanh(x[w, 0])
    return _band("hidden", target, 0.1)


def _counter_band(trace: Trace, x: np.ndarray, weights: Weights) -> GoalBand:
    return _band("cell", np.cumsum(x[:, 0] > 0.5).astype(float), 0.2)


def _gru_as_rnn_band(trace: Trace, x: np.ndarray, weights: Weights) -> GoalBand:
    from gates.network import RNN

    hs = trace.config.hidden_size
    n = slice(2 * hs, 3 * hs)
    rnn = RNN(x.shape[1], hs, seed=0)
    rnn.load_state_dict({k: np.asarray(v, dtype=np.float64)[n] for k, v in weights.items()})
    return _band("hidden", rnn.trace(x).get("hidden"), 0.01)


def _wipe_band(trace: Trace, x: np.ndarray, weights: Weights) -> GoalBand:
    """At a cue h within 0.05 of 0; the step before a cue above 0.6; on a quiet step
    within 0.05 of where h was the step before (the check's drift)."""
    h = trace.get("hidden")[:, 0]
    pulses, cues = x[:, 0] > 0.5, x[:, 1] > 0.5
    length = len(h)
    lower, upper, centre = (np.full(length, np.nan) for _ in range(3))
    quiet = np.flatnonzero(~pulses & ~cues)
    quiet = quiet[quiet > 0]
    lower[quiet], upper[quiet] = h[quiet - 1] - 0.05, h[quiet - 1] + 0.05
    before = np.flatnonzero(cues) - 1
    lower[before], upper[before] = 0.6, 1.0
    cue = np.flatnonzero(cues)
    lower[cue], upper[cue], centre[cue] = -0.05, 0.05, 0.0
    return GoalBand("hidden", lower[:, None], upper[:, None], centre[:, None])


def _tame_band(trace: Trace, x: np.ndarray, weights: Weights) -> GoalBand:
    return _band("hidden", np.zeros_like(trace.get("hidden")), BOUND)


def _hold_band(trace: Trace, x: np.ndarray, weights: Weights) -> GoalBand:
    """At the write: tanh(value) within 0.1; then the stored value within 5% for 50 steps."""
    c = trace.get("cell")[:, 0]
    w = int(np.flatnonzero(x[:, 1] > 0.5)[0])
    centre, tol = np.full(len(c), np.nan), np.full(len(c), np.nan)
    centre[w], tol[w] = np.tanh(x[w, 0]), 0.1
    end = min(w + HOLD_STEPS + 1, len(c))
    centre[w + 1:end], tol[w + 1:end] = c[w], 0.05 * abs(c[w])
    return _band("cell", centre, tol)


_BANDS: dict[str, Callable[[Trace, np.ndarray, Weights], GoalBand]] = {
    "gru-latch": _latch_band, "lstm-count": _counter_band, "gru-as-rnn": _gru_as_rnn_band,
    "gru-wipe": _wipe_band, "rnn-explode-tame": _tame_band, "lstm-hold-50": _hold_band,
}


def goal_band(ch: Challenge | str, trace: Trace, weights: Weights) -> GoalBand:
    """Where the challenge's goal wants the state, step by step, for these weights' run
    (a goal that compares h with another run, or with its own past, depends on them)."""
    ch = get_challenge(ch) if isinstance(ch, str) else ch
    return _BANDS[ch.id](trace, challenge_input(ch), weights)


# --------------------------------------------------------------------------- challenges


_LIST: tuple[Challenge, ...] = (
    Challenge(
        id="gru-latch", kind="gru", input_size=2, hidden_size=1,
        inputs=(ChannelSpec("sine", amplitude=1.5, period=37),
                ChannelSpec("impulses", period=13, onset=4)),
        length=64,
        start=block_weights("gru", 2, 1, ih={"n": [[1.0, 0.0]]}),
        solution=block_weights("gru", 2, 1, ih={"z": [[0.0, -30.0]], "n": [[1.0, 0.0]]},
                               b_ih={"z": 15.0}),
        check=_latch,
    ),
    Challenge(
        id="lstm-count", kind="lstm", input_size=1, hidden_size=1,
        inputs=(ChannelSpec("impulses", period=7, onset=3),), length=50,
        start=block_weights("lstm", 1, 1, ih={"i": 1.0, "g": 1.0}),
        solution=block_weights("lstm", 1, 1, ih={"i": 30.0, "g": 20.0},
                               b_ih={"i": -15.0, "f": 20.0}),
        check=_counter,
    ),
    Challenge(
        id="gru-as-rnn", kind="gru", input_size=1, hidden_size=1,
        inputs=(ChannelSpec("sine", amplitude=1.5, period=16),), length=48,
        start=block_weights("gru", 1, 1, ih={"n": 1.0}, hh={"n": 0.8}),
        solution=block_weights("gru", 1, 1, ih={"n": 1.0}, hh={"n": 0.8},
                               b_ih={"r": 20.0, "z": -20.0}),
        check=_gru_as_rnn,
    ),
    Challenge(
        id="gru-wipe", kind="gru", input_size=2, hidden_size=1,
        inputs=(ChannelSpec("impulses", period=6, onset=2),
                ChannelSpec("impulses", period=20, onset=17)),
        length=45,
        start=block_weights("gru", 2, 1, ih={"z": [[-30.0, -30.0]], "n": [[0.5, 0.0]]},
                            hh={"n": 1.0}, b_ih={"r": 15.0, "z": 15.0}),
        solution=block_weights("gru", 2, 1,
                               ih={"r": [[0.0, -30.0]], "z": [[-30.0, -30.0]], "n": [[0.5, 0.0]]},
                               hh={"n": 1.0}, b_ih={"r": 15.0, "z": 15.0}),
        check=_reset_wipe,
    ),
    Challenge(
        id="rnn-explode-tame", kind="rnn", input_size=1, hidden_size=2, nonlinearity="relu",
        inputs=(ChannelSpec("impulse", onset=0),), length=40,
        start=block_weights("rnn", 1, 2, ih={"h": [[1.0], [0.5]]},
                            hh={"h": [[1.2, 0.3], [0.3, 1.0]]}),
        solution=block_weights("rnn", 1, 2, ih={"h": [[1.0], [0.5]]},
                               hh={"h": [[0.6, 0.2], [0.2, 0.5]]}),
        check=_explode_tame,
    ),
    Challenge(
        id="lstm-hold-50", kind="lstm", input_size=2, hidden_size=1,
        inputs=(ChannelSpec("sine", period=17, phase=1.0), ChannelSpec("impulse", onset=3)),
        length=60,
        start=block_weights("lstm", 2, 1,
                            ih={"i": [[0.0, 40.0]], "f": [[0.0, -40.0]], "g": [[1.0, 0.0]]},
                            b_ih={"i": -20.0, "f": 2.0, "o": 10.0}),
        solution=block_weights("lstm", 2, 1,
                               ih={"i": [[0.0, 40.0]], "f": [[0.0, -40.0]], "g": [[1.0, 0.0]]},
                               b_ih={"i": -20.0, "f": 20.0, "o": 10.0}),
        check=_hold_50,
    ),
)

CHALLENGES: dict[str, Challenge] = {c.id: c for c in _LIST}


def get_challenge(challenge_id: str) -> Challenge:
    """The challenge called ``challenge_id``; ``ValueError`` listing the ids otherwise."""
    try:
        return CHALLENGES[challenge_id]
    except (KeyError, TypeError):
        raise ValueError(f"unknown challenge {challenge_id!r}; valid ids: "
                         f"{', '.join(CHALLENGES)}") from None


def challenge_input(ch: Challenge | str) -> np.ndarray:
    """The challenge's fixed input, ``(length, input_size)``."""
    ch = get_challenge(ch) if isinstance(ch, str) else ch
    return make_input(ch.length, ch.inputs)


def challenge_net(ch: Challenge | str, weights: Weights | None = None) -> Any:
    """The challenge's cell with ``weights`` (default: the start weights) loaded."""
    from gates.network import single_cell

    ch = get_challenge(ch) if isinstance(ch, str) else ch
    net = single_cell(ch.kind, ch.input_size, ch.hidden_size, reset_after=ch.reset_after,
                      nonlinearity=ch.nonlinearity, seed=0)
    net.load_state_dict(ch.start if weights is None else weights)
    return net


def evaluate(ch: Challenge | str, weights: Weights) -> tuple[Result, Trace]:
    """Run ``weights`` on the challenge's input and check the goal on the trace.

    ``ValueError`` for weights that don't fit the cell (missing key, wrong shape,
    non-finite values).
    """
    ch = get_challenge(ch) if isinstance(ch, str) else ch
    x = challenge_input(ch)
    trace = challenge_net(ch, weights).trace(x)
    return ch.check(trace, x, weights), trace
