"""Input sequences a teacher reaches for: patterns, explicit values and text.

Every generator returns a float64 array; the channel builders return ``(length,)`` and
:func:`make_input` stacks one :class:`ChannelSpec` per input channel into
``(length, input_size)``, the unbatched ``x`` that ``net(x)`` and ``net.trace(x)`` take.

A channel is ``x_t = offset + pattern_t``, where the pattern is 0 before ``onset`` and,
from ``onset`` on, runs on the local time ``k = t - onset``:

=========  ==========================================================================
constant   ``amplitude`` at every step (onset ignored)
step       ``amplitude`` from ``onset`` on
impulse    ``amplitude`` at ``onset`` only
impulses   ``amplitude`` at ``onset``, ``onset + period``, ``onset + 2 period``, ...
sine       ``amplitude * sin(2 pi k / period + phase)``  (phase in radians)
square     ``amplitude`` for the first ``duty * period`` steps of every period, else 0
ramp       one linear ramp from 0 at ``onset`` to ``amplitude`` at the last step, or,
           with a ``period``, a sawtooth ``amplitude * (k mod period) / period``
noise      ``amplitude`` times N(0, 1) (``"gaussian"``) or U(-1, 1) (``"uniform"``)
           draws from ``numpy.random.default_rng(seed)``
=========  ==========================================================================

Text becomes a sequence through :func:`text_to_onehot` (one row per token, one column
per vocabulary entry) or :func:`text_to_embedding` (a fixed pseudo-random vector per
token, for cells whose input size is only 1 to 4).
"""

from __future__ import annotations

import hashlib
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = [
    "CHANNEL_PATTERNS",
    "DEFAULT_PERIOD",
    "DISTRIBUTIONS",
    "MAX_LENGTH",
    "PATTERNS",
    "SPACE_TOKEN",
    "TEXT_MODES",
    "ChannelSpec",
    "constant",
    "impulse",
    "impulses",
    "make_input",
    "noise",
    "ramp",
    "sine",
    "square",
    "step",
    "text_to_embedding",
    "text_to_onehot",
    "tokenize",
    "token_vector",
    "values",
]

PATTERNS: tuple[str, ...] = (
    "constant", "step", "impulse", "impulses", "sine", "square", "ramp", "noise",
)
#: What a ChannelSpec accepts: the patterns plus ``"values"`` (explicit numbers).
CHANNEL_PATTERNS: tuple[str, ...] = (*PATTERNS, "values")
DISTRIBUTIONS: tuple[str, ...] = ("gaussian", "uniform")
TEXT_MODES: tuple[str, ...] = ("auto", "chars", "words")
MAX_LENGTH = 5000
DEFAULT_PERIOD = 20
#: The token that stands for a run of whitespace in ``"chars"`` mode.
SPACE_TOKEN = "\u2423"  # ␣


# ----------------------------------------------------------------------------- checks

def _check_length(length: Any, what: str = "length") -> int:
    if isinstance(length, bool) or not isinstance(length, int | np.integer):
        raise ValueError(f"{what} must be an integer in 1..{MAX_LENGTH}, got {length!r}")
    if not 1 <= length <= MAX_LENGTH:
        raise ValueError(f"{what} must be in 1..{MAX_LENGTH}, got {length}")
    return int(length)


def _check_int(value: Any, what: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise ValueError(f"{what} must be an integer >= {minimum}, got {value!r}")
    if value < minimum:
        raise ValueError(f"{what} must be >= {minimum}, got {value}")
    return int(value)


def _check_float(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise ValueError(f"{what} must be a finite number, got {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number, got {value}")
    return float(value)


def _check_choice(value: Any, what: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ValueError(f"{what} must be one of {', '.join(choices)}; got {value!r}")
    return str(value)


# -------------------------------------------------------------------- channel builders

def _local_time(length: int, onset: int) -> tuple[np.ndarray, np.ndarray]:
    """Local time ``k = t - onset`` and the mask ``t >= onset``."""
    t = np.arange(length)
    return t - onset, t >= onset


def constant(length: int, amplitude: float = 1.0) -> np.ndarray:
    """``amplitude`` at every step; shape ``(length,)``."""
    length = _check_length(length)
    return np.full(length, _check_float(amplitude, "amplitude"))


def step(length: int, onset: int = 0, amplitude: float = 1.0) -> np.ndarray:
    """0 before ``onset``, ``amplitude`` from ``onset`` on; shape ``(length,)``."""
    length = _check_length(length)
    onset = _check_int(onset, "onset", 0)
    _, on = _local_time(length, onset)
    return np.where(on, _check_float(amplitude, "amplitude"), 0.0)


def impulse(length: int, onset: int = 0, amplitude: float = 1.0) -> np.ndarray:
    """``amplitude`` at step ``onset``, 0 elsewhere; shape ``(length,)``."""
    length = _check_length(length)
    onset = _check_int(onset, "onset", 0)
    x = np.zeros(length)
    if onset < length:
        x[onset] = _check_float(amplitude, "amplitude")
    return x


def impulses(length: int, period: int = DEFAULT_PERIOD, onset: int = 0,
             amplitude: float = 1.0) -> np.ndarray:
    """``amplitude`` at ``onset, onset + period, ...``, 0 elsewhere; ``(length,)``."""
    length = _check_length(length)
    period = _check_int(period, "period", 1)
    onset = _check_int(onset, "onset", 0)
    x = np.zeros(length)
    x[onset::period] = _check_float(amplitude, "amplitude")
    return x


def sine(length: int, period: int = DEFAULT_PERIOD, phase: float = 0.0, onset: int = 0,
         amplitude: float = 1.0) -> np.ndarray:
    """``amplitude * sin(2 pi (t - onset) / period + phase)`` from ``onset`` on."""
    length = _check_length(length)
    period = _check_int(period, "period", 1)
    phase = _check_float(phase, "phase")
    k, on = _local_time(length, _check_int(onset, "onset", 0))
    wave = _check_float(amplitude, "amplitude") * np.sin(2.0 * np.pi * k / period + phase)
    return np.where(on, wave, 0.0)


def square(length: int, period: int = DEFAULT_PERIOD, duty: float = 0.5, onset: int = 0,
           amplitude: float = 1.0) -> np.ndarray:
    """``amplitude`` for the first ``duty * period`` steps of each period, else 0.

    ``duty`` is in [0, 1]: 0.25 with period 8 gives 2 steps high, 6 steps low.
    """
    length = _check_length(length)
    period = _check_int(period, "period", 1)
    duty = _check_float(duty, "duty")
    if not 0.0 <= duty <= 1.0:
        raise ValueError(f"duty must be in [0, 1], got {duty}")
    k, on = _local_time(length, _check_int(onset, "onset", 0))
    high = on & (np.mod(k, period) < duty * period)
    return np.where(high, _check_float(amplitude, "amplitude"), 0.0)


def ramp(length: int, period: int | None = None, onset: int = 0,
         amplitude: float = 1.0) -> np.ndarray:
    """A linear ramp from 0 at ``onset``; shape ``(length,)``.

    Without ``period`` it rises once and reaches ``amplitude`` at the last step; with a
    ``period`` it is a sawtooth ``amplitude * ((t - onset) mod period) / period``.
    """
    length = _check_length(length)
    onset = _check_int(onset, "onset", 0)
    amplitude = _check_float(amplitude, "amplitude")
    k, on = _local_time(length, onset)
    if period is None:
        span = max(length - 1 - onset, 1)
        wave = amplitude * k / span
    else:
        period = _check_int(period, "period", 1)
        wave = amplitude * np.mod(k, period) / period
    return np.where(on, wave, 0.0)


def noise(length: int, seed: int = 0, distribution: str = "gaussian", onset: int = 0,
          amplitude: float = 1.0) -> np.ndarray:
    """Seeded noise: ``amplitude`` times N(0, 1) or U(-1, 1) draws, 0 before ``onset``.

    The draws cover the whole sequence before masking, so moving ``onset`` does not
    change the values after it.
    """
    length = _check_length(length)
    seed = _check_int(seed, "seed", 0)
    distribution = _check_choice(distribution, "distribution", DISTRIBUTIONS)
    amplitude = _check_float(amplitude, "amplitude")
    _, on = _local_time(length, _check_int(onset, "onset", 0))
    rng = np.random.default_rng(seed)
    draws = rng.standard_normal(length) if distribution == "gaussian" \
        else rng.uniform(-1.0, 1.0, length)
    return np.where(on, amplitude * draws, 0.0)


def values(data: Any, input_size: int | None = None) -> np.ndarray:
    """Explicit numbers as an input sequence of shape ``(length, input_size)``.

    ``data`` is a list or array: 1-D (one channel) or 2-D ``(length, input_size)``.
    With ``input_size`` given, the column count must match it.
    """
    try:
        x = np.array(data, dtype=np.float64)
    except (TypeError, ValueError) as err:
        raise ValueError(f"values must be numbers (a list or array), got {data!r}") from err
    if x.ndim == 1:
        x = x[:, None]
    if x.ndim != 2:
        raise ValueError(
            f"values must be 1-D (length,) or 2-D (length, input_size), got shape {x.shape}")
    _check_length(x.shape[0], "number of values (length)")
    if input_size is not None:
        input_size = _check_int(input_size, "input_size", 1)
        if x.shape[1] != input_size:
            raise ValueError(
                f"values must have {input_size} column(s) (input_size), got shape {x.shape}")
    if not np.all(np.isfinite(x)):
        bad = np.argwhere(~np.isfinite(x))[0]
        raise ValueError(
            f"values must be finite, got {x[tuple(bad)]} at row {bad[0]}, column {bad[1]}")
    return x


# ------------------------------------------------------------------------ channel spec

@dataclass(frozen=True)
class ChannelSpec:
    """One input channel: a pattern name and its settings (hashable, JSON-friendly).

    Fields a pattern does not use are ignored. ``period=None`` means
    :data:`DEFAULT_PERIOD` for impulses, sine and square, and one single ramp for
    ``"ramp"``. ``data`` holds the numbers of the ``"values"`` pattern (one per step).
    Arguments are checked on construction (``ValueError``).
    """

    pattern: str
    amplitude: float = 1.0
    period: int | None = None
    onset: int = 0
    offset: float = 0.0
    phase: float = 0.0
    duty: float = 0.5
    seed: int = 0
    distribution: str = "gaussian"
    data: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        _check_choice(self.pattern, "pattern", CHANNEL_PATTERNS)
        object.__setattr__(self, "amplitude", _check_float(self.amplitude, "amplitude"))
        object.__setattr__(self, "offset", _check_float(self.offset, "offset"))
        object.__setattr__(self, "phase", _check_float(self.phase, "phase"))
        object.__setattr__(self, "duty", _check_float(self.duty, "duty"))
        if not 0.0 <= self.duty <= 1.0:
            raise ValueError(f"duty must be in [0, 1], got {self.duty}")
        if self.period is not None:
            object.__setattr__(self, "period", _check_int(self.period, "period", 1))
        object.__setattr__(self, "onset", _check_int(self.onset, "onset", 0))
        object.__setattr__(self, "seed", _check_int(self.seed, "seed", 0))
        _check_choice(self.distribution, "distribution", DISTRIBUTIONS)
        data = tuple(float(v) for v in values(self.data)[:, 0]) if len(self.data) else ()
        if self.pattern == "values" and not data:
            raise ValueError("pattern 'values' needs data (one number per step), got none")
        object.__setattr__(self, "data", data)

    def render(self, length: int) -> np.ndarray:
        """This channel over ``length`` steps: ``offset + pattern``, shape ``(length,)``."""
        length = _check_length(length)
        period = DEFAULT_PERIOD if self.period is None else self.period
        p, a, on = self.pattern, self.amplitude, self.onset
        if p == "constant":
            x = constant(length, a)
        elif p == "step":
            x = step(length, on, a)
        elif p == "impulse":
            x = impulse(length, on, a)
        elif p == "impulses":
            x = impulses(length, period, on, a)
        elif p == "sine":
            x = sine(length, period, self.phase, on, a)
        elif p == "square":
            x = square(length, period, self.duty, on, a)
        elif p == "ramp":
            x = ramp(length, self.period, on, a)
        elif p == "noise":
            x = noise(length, self.seed, self.distribution, on, a)
        else:  # "values"
            if len(self.data) != length:
                raise ValueError(
                    f"pattern 'values' needs {length} numbers (the length), "
                    f"got {len(self.data)}")
            x = np.array(self.data)
        return x + self.offset


def make_input(length: int, channels: Sequence[ChannelSpec]) -> np.ndarray:
    """Stack one :class:`ChannelSpec` per input channel: shape ``(length, len(channels))``."""
    length = _check_length(length)
    if isinstance(channels, ChannelSpec) or not isinstance(channels, Sequence):
        raise ValueError(f"channels must be a sequence of ChannelSpec, got {channels!r}")
    if len(channels) == 0:
        raise ValueError("channels must hold at least one ChannelSpec, got none")
    for i, ch in enumerate(channels):
        if not isinstance(ch, ChannelSpec):
            raise ValueError(f"channels[{i}] must be a ChannelSpec, got {type(ch).__name__}")
    return np.stack([ch.render(length) for ch in channels], axis=1)


# --------------------------------------------------------------------------------- text

def _is_cjk(ch: str) -> bool:
    """Han ideographs, kana, hangul and CJK punctuation: one token per character."""
    name = unicodedata.name(ch, "")
    return name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "IDEOGRAPHIC",
                             "FULLWIDTH")) or "\u3000" <= ch <= "\u303f"


def tokenize(text: str, mode: str = "auto") -> list[str]:
    """Split ``text`` into tokens.

    ``"chars"``: one token per character, a run of whitespace becomes
    :data:`SPACE_TOKEN`. ``"words"``: whitespace-separated words, with every CJK
    character a token of its own (``"我爱你"`` gives three tokens). ``"auto"``: words when
    the stripped text contains whitespace or CJK characters, else characters (a single
    English word is read letter by letter).
    """
    if not isinstance(text, str):
        raise ValueError(f"text must be a string, got {type(text).__name__}")
    mode = _check_choice(mode, "mode", TEXT_MODES)
    text = text.strip()
    if not text:
        raise ValueError("text must contain at least one non-space character, got an empty text")
    if mode == "auto":
        sentence = any(c.isspace() for c in text) or any(_is_cjk(c) for c in text)
        mode = "words" if sentence else "chars"
    tokens: list[str] = []
    if mode == "chars":
        for ch in text:
            if ch.isspace():
                if tokens[-1] != SPACE_TOKEN:
                    tokens.append(SPACE_TOKEN)
            else:
                tokens.append(ch)
    else:
        for word in text.split():
            run = ""
            for ch in word:
                if _is_cjk(ch):
                    if run:
                        tokens.append(run)
                        run = ""
                    tokens.append(ch)
                else:
                    run += ch
            if run:
                tokens.append(run)
    _check_length(len(tokens), "number of tokens")
    return tokens


def text_to_onehot(text: str, vocab: Sequence[str] | None = None,
                   mode: str = "auto") -> tuple[np.ndarray, list[str], list[str]]:
    """One-hot rows for the tokens of ``text``.

    Returns ``(inputs, tokens, vocab)``: ``inputs`` is ``(len(tokens), len(vocab))``
    float64 with a single 1 per row. Without ``vocab`` the vocabulary is the distinct
    tokens in order of first appearance; a given ``vocab`` must contain every token.
    """
    tokens = tokenize(text, mode)
    if vocab is None:
        vocab_list = list(dict.fromkeys(tokens))
    else:
        if isinstance(vocab, str) or not all(isinstance(v, str) for v in vocab):
            raise ValueError(f"vocab must be a sequence of strings, got {vocab!r}")
        vocab_list = list(vocab)
        if not vocab_list or len(set(vocab_list)) != len(vocab_list):
            raise ValueError(f"vocab must be non-empty and without duplicates, got {vocab_list}")
        missing = [t for t in dict.fromkeys(tokens) if t not in vocab_list]
        if missing:
            raise ValueError(f"tokens {missing} are not in the vocab {vocab_list}")
    index = {tok: j for j, tok in enumerate(vocab_list)}
    inputs = np.zeros((len(tokens), len(vocab_list)))
    inputs[np.arange(len(tokens)), [index[t] for t in tokens]] = 1.0
    return inputs, tokens, vocab_list


def token_vector(token: str, dim: int) -> np.ndarray:
    """The fixed embedding of one token: ``dim`` numbers in [-1, 1].

    Seeded by a BLAKE2 hash of the token's UTF-8 bytes, so the same token gets the same
    vector in every run and process (unlike Python's salted ``hash``); the vector of a
    smaller ``dim`` is the prefix of a larger one.
    """
    if not isinstance(token, str) or not token:
        raise ValueError(f"token must be a non-empty string, got {token!r}")
    dim = _check_int(dim, "dim", 1)
    seed = int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "little")
    return np.random.default_rng(seed).uniform(-1.0, 1.0, dim)


def text_to_embedding(text: str, dim: int, mode: str = "auto") -> tuple[np.ndarray, list[str]]:
    """Fixed deterministic embedding of the tokens of ``text``.

    Returns ``(inputs, tokens)`` with ``inputs`` of shape ``(len(tokens), dim)``: row t is
    :func:`token_vector` of token t. Meant for cells with a small input size (1 to 4),
    where a one-hot vocabulary would not fit.
    """
    dim = _check_int(dim, "dim", 1)
    tokens = tokenize(text, mode)
    return np.stack([token_vector(t, dim) for t in tokens]), tokens
