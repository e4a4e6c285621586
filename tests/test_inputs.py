"""Input generators: hand-checked values, validation, composition, text encodings."""

from __future__ import annotations

import dataclasses
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gates_lab.classroom import inputs
from gates_lab.classroom.inputs import ChannelSpec, make_input

ROOT = Path(__file__).resolve().parents[1]

# ------------------------------------------------------------------------- generators


def test_constant() -> None:
    np.testing.assert_array_equal(inputs.constant(4, -2.5), [-2.5] * 4)


def test_step_is_zero_before_onset_and_amplitude_after() -> None:
    np.testing.assert_array_equal(inputs.step(6, onset=2, amplitude=3.0), [0, 0, 3, 3, 3, 3])
    np.testing.assert_array_equal(inputs.step(3, onset=0), [1, 1, 1])


def test_impulse_single() -> None:
    np.testing.assert_array_equal(inputs.impulse(5, onset=3, amplitude=2.0), [0, 0, 0, 2, 0])
    np.testing.assert_array_equal(inputs.impulse(3, onset=7), [0, 0, 0])  # onset past the end


def test_impulses_at_onset_plus_multiples_of_period() -> None:
    x = inputs.impulses(12, period=4, onset=1, amplitude=0.5)
    assert list(np.flatnonzero(x)) == [1, 5, 9]
    assert np.all(x[[1, 5, 9]] == 0.5)
    assert list(np.flatnonzero(inputs.impulses(4, period=1))) == [0, 1, 2, 3]


def test_sine_values_and_period() -> None:
    x = inputs.sine(16, period=8, amplitude=2.0)
    np.testing.assert_allclose(x[:5], [0, 2 * math.sqrt(0.5), 2, 2 * math.sqrt(0.5), 0],
                               atol=1e-12)
    np.testing.assert_allclose(x[8:], x[:8], atol=1e-12)  # repeats every period
    np.testing.assert_allclose(inputs.sine(3, period=4, phase=math.pi / 2), [1, 0, -1],
                               atol=1e-12)


def test_sine_starts_at_onset() -> None:
    x = inputs.sine(10, period=4, onset=3)
    np.testing.assert_array_equal(x[:3], 0)
    np.testing.assert_allclose(x[3:7], [0, 1, 0, -1], atol=1e-12)


def test_square_duty() -> None:
    np.testing.assert_array_equal(inputs.square(8, period=4, duty=0.5, amplitude=2),
                                  [2, 2, 0, 0, 2, 2, 0, 0])
    np.testing.assert_array_equal(inputs.square(8, period=8, duty=0.25), [1, 1, 0, 0, 0, 0, 0, 0])
    np.testing.assert_array_equal(inputs.square(4, period=2, duty=1.0), [1, 1, 1, 1])
    np.testing.assert_array_equal(inputs.square(4, period=2, duty=0.0), [0, 0, 0, 0])


def test_ramp_single_reaches_amplitude_at_last_step() -> None:
    np.testing.assert_allclose(inputs.ramp(5, amplitude=2.0), [0, 0.5, 1, 1.5, 2])
    np.testing.assert_allclose(inputs.ramp(5, onset=2), [0, 0, 0, 0.5, 1])


def test_ramp_with_period_is_a_sawtooth() -> None:
    np.testing.assert_allclose(inputs.ramp(9, period=4, onset=1),
                               [0, 0, 0.25, 0.5, 0.75, 0, 0.25, 0.5, 0.75])


def test_noise_is_seeded_and_scaled() -> None:
    a = inputs.noise(50, seed=3, amplitude=2.0)
    np.testing.assert_array_equal(a, inputs.noise(50, seed=3, amplitude=2.0))
    np.testing.assert_array_equal(a, 2.0 * np.random.default_rng(3).standard_normal(50))
    assert not np.array_equal(a, inputs.noise(50, seed=4, amplitude=2.0))
    u = inputs.noise(2000, seed=1, distribution="uniform", amplitude=0.5)
    assert u.min() >= -0.5 and u.max() <= 0.5 and u.min() < -0.45 and u.max() > 0.45
    late = inputs.noise(50, seed=3, onset=10, amplitude=2.0)
    np.testing.assert_array_equal(late[:10], 0)
    np.testing.assert_array_equal(late[10:], a[10:])  # onset does not reshuffle the draws


def test_values_accepts_lists_and_shapes() -> None:
    np.testing.assert_array_equal(inputs.values([1, 2, 3]), [[1], [2], [3]])
    x = inputs.values([[1, 2], [3, 4]], input_size=2)
    assert x.shape == (2, 2) and x.dtype == np.float64


@pytest.mark.parametrize(
    ("call", "fragment"),
    [
        (lambda: inputs.values([1, float("nan")]), "finite"),
        (lambda: inputs.values([[1, 2]], input_size=3), "3 column"),
        (lambda: inputs.values([[[1]]]), "1-D"),
        (lambda: inputs.values([]), "1..5000"),
        (lambda: inputs.values(["a"]), "numbers"),
    ],
)
def test_values_validation(call, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        call()


@pytest.mark.parametrize(
    ("call", "fragment"),
    [
        (lambda: inputs.step(0), "1..5000, got 0"),
        (lambda: inputs.step(5001), "1..5000, got 5001"),
        (lambda: inputs.step(2.5), "integer"),
        (lambda: inputs.step(True), "integer"),
        (lambda: inputs.sine(10, period=0), "period must be >= 1, got 0"),
        (lambda: inputs.impulses(10, period=-3), "period must be >= 1, got -3"),
        (lambda: inputs.step(10, onset=-1), "onset must be >= 0, got -1"),
        (lambda: inputs.constant(10, float("inf")), "amplitude must be a finite number, got inf"),
        (lambda: inputs.step(10, amplitude=float("nan")), "amplitude must be a finite"),
        (lambda: inputs.square(10, duty=1.5), r"duty must be in \[0, 1\], got 1.5"),
        (lambda: inputs.noise(10, distribution="pink"), "gaussian, uniform; got 'pink'"),
        (lambda: inputs.noise(10, seed=-1), "seed must be >= 0"),
    ],
)
def test_generator_validation(call, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        call()


def test_patterns_tuple() -> None:
    assert inputs.PATTERNS == ("constant", "step", "impulse", "impulses", "sine", "square",
                               "ramp", "noise")


# ------------------------------------------------------------------------- composition


def test_make_input_stacks_channels_with_offset() -> None:
    x = make_input(6, [ChannelSpec("step", onset=2, amplitude=3.0, offset=-1.0),
                       ChannelSpec("impulses", period=2, onset=1),
                       ChannelSpec("values", data=(1, 2, 3, 4, 5, 6))])
    assert x.shape == (6, 3) and x.dtype == np.float64
    np.testing.assert_array_equal(x[:, 0], [-1, -1, 2, 2, 2, 2])
    np.testing.assert_array_equal(x[:, 1], [0, 1, 0, 1, 0, 1])
    np.testing.assert_array_equal(x[:, 2], [1, 2, 3, 4, 5, 6])


@pytest.mark.parametrize("pattern", inputs.PATTERNS)
def test_every_pattern_through_spec_matches_its_function(pattern: str) -> None:
    spec = ChannelSpec(pattern, amplitude=1.5, period=5, onset=2, phase=0.4, duty=0.4, seed=9)
    direct = {
        "constant": lambda: inputs.constant(30, 1.5),
        "step": lambda: inputs.step(30, 2, 1.5),
        "impulse": lambda: inputs.impulse(30, 2, 1.5),
        "impulses": lambda: inputs.impulses(30, 5, 2, 1.5),
        "sine": lambda: inputs.sine(30, 5, 0.4, 2, 1.5),
        "square": lambda: inputs.square(30, 5, 0.4, 2, 1.5),
        "ramp": lambda: inputs.ramp(30, 5, 2, 1.5),
        "noise": lambda: inputs.noise(30, 9, "gaussian", 2, 1.5),
    }[pattern]()
    np.testing.assert_array_equal(make_input(30, [spec])[:, 0], direct, err_msg=pattern)
    assert np.any(direct != 0), pattern


def test_default_period() -> None:
    x = make_input(45, [ChannelSpec("impulses")])[:, 0]
    assert list(np.flatnonzero(x)) == [0, inputs.DEFAULT_PERIOD, 2 * inputs.DEFAULT_PERIOD]


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"pattern": "triangle"}, "pattern must be one of .*; got 'triangle'"),
        ({"pattern": "sine", "period": 0}, "period must be >= 1, got 0"),
        ({"pattern": "step", "amplitude": float("nan")}, "amplitude must be a finite"),
        ({"pattern": "step", "offset": float("-inf")}, "offset must be a finite"),
        ({"pattern": "step", "onset": -2}, "onset must be >= 0"),
        ({"pattern": "values"}, "needs data"),
        ({"pattern": "values", "data": (1.0, float("nan"))}, "finite"),
    ],
)
def test_channel_spec_validation(kwargs: dict, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        ChannelSpec(**kwargs)


def test_make_input_validation() -> None:
    with pytest.raises(ValueError, match="at least one"):
        make_input(5, [])
    with pytest.raises(ValueError, match="sequence of ChannelSpec"):
        make_input(5, ChannelSpec("step"))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"channels\[1\] must be a ChannelSpec"):
        make_input(5, [ChannelSpec("step"), "sine"])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="needs 5 numbers .*got 3"):
        make_input(5, [ChannelSpec("values", data=(1, 2, 3))])
    with pytest.raises(ValueError, match="1..5000"):
        make_input(0, [ChannelSpec("step")])


def test_channel_spec_is_hashable_and_round_trips_as_dict() -> None:
    spec = ChannelSpec("values", data=[0.5, 1, 2])  # type: ignore[arg-type]
    assert spec.data == (0.5, 1.0, 2.0)
    assert ChannelSpec(**dataclasses.asdict(spec)) == spec
    assert hash(spec) == hash(ChannelSpec("values", data=(0.5, 1.0, 2.0)))


@settings(max_examples=60, deadline=None)
@given(length=st.integers(1, 80), period=st.integers(1, 30), onset=st.integers(0, 100),
       amplitude=st.floats(-5, 5), pattern=st.sampled_from(inputs.PATTERNS))
def test_patterns_are_finite_zero_before_onset(length: int, period: int, onset: int,
                                               amplitude: float, pattern: str) -> None:
    x = make_input(length, [ChannelSpec(pattern, amplitude, period, onset)])
    assert x.shape == (length, 1) and np.all(np.isfinite(x))
    assert np.all(np.abs(x) <= abs(amplitude) * 6)
    if pattern != "constant":
        np.testing.assert_array_equal(x[:onset], 0)


# --------------------------------------------------------------------------------- text


def test_tokenize_modes() -> None:
    assert inputs.tokenize("hello") == ["h", "e", "l", "l", "o"]  # a word: letters
    assert inputs.tokenize("  the cat  sat ") == ["the", "cat", "sat"]  # a sentence: words
    assert inputs.tokenize("a b", mode="chars") == ["a", inputs.SPACE_TOKEN, "b"]
    assert inputs.tokenize("a   b", mode="chars") == ["a", inputs.SPACE_TOKEN, "b"]
    assert inputs.tokenize("hello", mode="words") == ["hello"]


def test_tokenize_chinese_one_token_per_character() -> None:
    assert inputs.tokenize("我爱你") == ["我", "爱", "你"]
    assert inputs.tokenize("我爱 GRU 门控") == ["我", "爱", "GRU", "门", "控"]
    assert inputs.tokenize("你好，世界") == ["你", "好", "，", "世", "界"]
    assert inputs.tokenize("门控", mode="chars") == ["门", "控"]


def test_tokenize_validation() -> None:
    with pytest.raises(ValueError, match="non-space"):
        inputs.tokenize("   ")
    with pytest.raises(ValueError, match="string"):
        inputs.tokenize(42)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="auto, chars, words; got 'bytes'"):
        inputs.tokenize("hi", mode="bytes")


def test_onehot_rows_and_vocab_in_first_appearance_order() -> None:
    x, tokens, vocab = inputs.text_to_onehot("banana")
    assert tokens == list("banana") and vocab == ["b", "a", "n"]
    np.testing.assert_array_equal(x, [[1, 0, 0], [0, 1, 0], [0, 0, 1],
                                      [0, 1, 0], [0, 0, 1], [0, 1, 0]])
    assert x.dtype == np.float64


def test_onehot_with_given_vocab_and_chinese() -> None:
    x, tokens, vocab = inputs.text_to_onehot("猫 吃 鱼 猫", vocab=["鱼", "猫", "吃", "狗"])
    assert tokens == ["猫", "吃", "鱼", "猫"]
    assert vocab == ["鱼", "猫", "吃", "狗"]
    np.testing.assert_array_equal(x.argmax(axis=1), [1, 2, 0, 1])
    np.testing.assert_array_equal(x.sum(axis=1), 1)
    with pytest.raises(ValueError, match=r"tokens \['鸟'\] are not in the vocab"):
        inputs.text_to_onehot("猫 鸟", vocab=["猫"])
    with pytest.raises(ValueError, match="duplicates"):
        inputs.text_to_onehot("a", vocab=["a", "a"])


def test_embedding_is_fixed_per_token() -> None:
    x, tokens = inputs.text_to_embedding("the cat saw the dog", dim=3)
    assert tokens == ["the", "cat", "saw", "the", "dog"] and x.shape == (5, 3)
    np.testing.assert_array_equal(x[0], x[3])  # same token, same vector
    assert not np.allclose(x[1], x[4])
    assert np.all(np.abs(x) <= 1)
    # independent of the sentence around it and of the dimension asked for
    np.testing.assert_array_equal(inputs.text_to_embedding("dog", 3, mode="words")[0][0], x[4])
    np.testing.assert_array_equal(inputs.token_vector("dog", 2), x[4, :2])


def test_embedding_is_the_same_in_a_fresh_process() -> None:
    """Python's str hash is salted per process; the embedding must not be."""
    code = "import json; from gates_lab.classroom.inputs import token_vector; print(json.dumps(token_vector('门', 4).tolist()))"
    env = {**os.environ, "PYTHONHASHSEED": "123", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=env, cwd=ROOT)
    assert json.loads(out.stdout) == inputs.token_vector("门", 4).tolist()


def test_embedding_chinese_and_dim_one_distinguishes_tokens() -> None:
    x, tokens = inputs.text_to_embedding("我爱你爱", dim=1)
    assert tokens == ["我", "爱", "你", "爱"] and x.shape == (4, 1)
    assert x[1, 0] == x[3, 0]
    assert len({x[0, 0], x[1, 0], x[2, 0]}) == 3
    with pytest.raises(ValueError, match="dim must be >= 1, got 0"):
        inputs.text_to_embedding("hi", 0)
