"""Toy sequence tasks for the learned-gates page: data generators, scorers, user input.

NumPy only. Every task is a frozen :class:`Task`; the functions below are pure and take
the task as their first argument:

- ``generate(task, n, length, seed) -> (x, y)``: ``x`` is ``(n, length, input_size)``
  float64; ``y`` is ``(n,)`` or ``(n, length)`` (per-step tasks), int64 class indices
  for class tasks (``IGNORE`` = -1 marks steps without a target), float64 for regression.
- ``targets(task, x) -> y``: the rule of the task, applied to given inputs (the generator
  uses it, and the page uses it to show the right answer for a user's own input).
- ``score(task, predictions, y) -> float``: accuracy in [0, 1]. For class tasks the
  predictions are class indices ``(n,)``/``(n, L)`` or scores with a trailing class
  axis (argmax is taken); for regression the fraction of predictions within
  ``task.tolerance`` of the target.
- ``encode_user_input(task, text_or_values) -> (x, labels)``: ``x`` is
  ``(L, input_size)``, ``labels`` one printable label per step. Bad text raises
  ``ValueError`` saying what was expected and what was given.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

IGNORE = -1  # class target that is not scored (e.g. a review without opinion)

OutputKind = Literal["classes", "regression"]


@dataclass(frozen=True)
class Task:
    """One toy task. ``output`` and ``per_step`` say what the readout predicts."""

    name: str  # stable: the key of its title, text and input hint in gates_lab/locales/tasks.py
    input_size: int
    output: OutputKind
    per_step: bool
    default_length: int
    input_labels: tuple[str, ...]
    num_classes: int = 0  # classes tasks only
    class_labels: tuple[str, ...] = ()
    tolerance: float = 0.0  # regression tasks only: |prediction - target| < tolerance
    max_depth: int = 0  # brackets only

    @property
    def output_size(self) -> int:
        """Width of the linear readout: the number of classes, or 1 for regression."""
        return self.num_classes if self.output == "classes" else 1


# --------------------------------------------------------------------------- tasks

RECALL_SYMBOLS = ("0", "1", "2", "3")

DELAYED_RECALL = Task(
    name="delayed_recall",
    input_size=len(RECALL_SYMBOLS) + 1,
    output="classes",
    per_step=False,
    default_length=40,
    input_labels=(*RECALL_SYMBOLS, "marker"),
    num_classes=len(RECALL_SYMBOLS),
    class_labels=RECALL_SYMBOLS,
)

ADDING = Task(
    name="adding",
    input_size=2,
    output="regression",
    per_step=False,
    default_length=50,
    input_labels=("value", "marker"),
    tolerance=0.04,
)

MAX_DEPTH = 10

BRACKETS = Task(
    name="brackets",
    input_size=3,
    output="classes",
    per_step=True,
    default_length=64,
    input_labels=("(", ")", "."),
    num_classes=MAX_DEPTH + 1,
    class_labels=tuple(str(d) for d in range(MAX_DEPTH + 1)),
    max_depth=MAX_DEPTH,
)

# Sentiment vocabulary: one input channel per concept, shared by its English and
# Chinese words, so "not good" and "不好" are the same input sequence.
NOT, POSITIVE, NEGATIVE, FILLER = "negation", "positive", "negative", "filler"
SENTIMENT_CONCEPTS: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    # (concept, role, English words, Chinese words)
    ("not", NOT, ("not", "never"), ("不", "没")),
    ("good", POSITIVE, ("good", "nice"), ("好",)),
    ("great", POSITIVE, ("great", "excellent"), ("棒", "精彩")),
    ("fun", POSITIVE, ("fun", "funny"), ("有趣",)),
    ("bad", NEGATIVE, ("bad", "poor"), ("差",)),
    ("terrible", NEGATIVE, ("terrible", "awful"), ("糟糕",)),
    ("boring", NEGATIVE, ("boring", "dull"), ("无聊",)),
    ("movie", FILLER, ("movie", "film"), ("电影",)),
    ("story", FILLER, ("story", "plot"), ("故事", "剧情")),
    ("acting", FILLER, ("acting", "actors"), ("表演", "演员")),
    ("is", FILLER, ("is", "was", "are"), ("是",)),
    ("very", FILLER, ("very", "really", "so"), ("很", "真", "非常")),
    ("the", FILLER, ("the", "this", "a", "that"), ("这", "这部", "那", "一部")),
    ("but", FILLER, ("and", "but"), ("和", "但", "但是")),
    ("i", FILLER, ("i", "we"), ("我", "我们")),
    ("think", FILLER, ("think", "feel", "found"), ("觉得", "认为")),
)
SENTIMENT_ROLES = tuple(role for _, role, _, _ in SENTIMENT_CONCEPTS)
_WORD_TO_CONCEPT: dict[str, int] = {
    word: index
    for index, (_, _, english, chinese) in enumerate(SENTIMENT_CONCEPTS)
    for word in english + chinese
}
_CHINESE_WORDS = sorted(
    (w for _, _, _, chinese in SENTIMENT_CONCEPTS for w in chinese), key=len, reverse=True
)
_PUNCTUATION = set(".,!?;:'\"，。！？；：、…“”‘’")

SENTIMENT = Task(
    name="sentiment",
    input_size=len(SENTIMENT_CONCEPTS),
    output="classes",
    per_step=False,
    default_length=12,
    input_labels=tuple(concept for concept, _, _, _ in SENTIMENT_CONCEPTS),
    num_classes=2,
    class_labels=("negative", "positive"),
)

TASKS: dict[str, Task] = {t.name: t for t in (DELAYED_RECALL, ADDING, BRACKETS, SENTIMENT)}


def get_task(name: str) -> Task:
    """The task called ``name``; ``ValueError`` listing the known names otherwise."""
    try:
        return TASKS[name]
    except KeyError:
        raise ValueError(f"unknown task {name!r}; expected one of {sorted(TASKS)}") from None


# --------------------------------------------------------------------------- targets


def _check_x(task: Task, x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 3 or x.shape[2] != task.input_size or x.shape[1] < 1:
        raise ValueError(
            f"x for task {task.name!r} must be (n, length >= 1, {task.input_size}); "
            f"got shape {x.shape}"
        )
    return x


def targets(task: Task, x: np.ndarray) -> np.ndarray:
    """The correct outputs of ``task`` for inputs ``x`` of shape ``(n, L, input_size)``.

    Shape ``(n, L)`` for per-step tasks, ``(n,)`` otherwise. A class step without a
    defined answer (delayed recall without exactly one marked step; a review without any
    opinion word) is ``IGNORE``.
    """
    x = _check_x(task, x)
    n, length, _ = x.shape
    if task.name == "delayed_recall":
        marker = x[:, :, -1] > 0.5
        digit = np.argmax(x[:, :, :-1], axis=2)
        recalled = digit[np.arange(n), np.argmax(marker, axis=1)]
        return np.where(marker.sum(axis=1) == 1, recalled, IGNORE).astype(np.int64)
    if task.name == "adding":
        return np.sum(x[:, :, 0] * x[:, :, 1], axis=1)
    if task.name == "brackets":
        step = x[:, :, 0] - x[:, :, 1]  # +1 for "(", -1 for ")", 0 for text
        return np.cumsum(step, axis=1).round().astype(np.int64)
    if task.name == "sentiment":
        return _sentiment_targets(np.argmax(x, axis=2))
    raise ValueError(f"no target rule for task {task.name!r}")


def _sentiment_targets(tokens: np.ndarray) -> np.ndarray:
    y = np.full(tokens.shape[0], IGNORE, dtype=np.int64)
    for row, sentence in enumerate(tokens):
        flips = 0
        for concept in sentence:
            role = SENTIMENT_ROLES[concept]
            if role == NOT:
                flips += 1
            elif role in (POSITIVE, NEGATIVE):
                y[row] = int(role == POSITIVE) ^ (flips % 2)
                flips = 0
    return y


# --------------------------------------------------------------------------- generators


def generate(task: Task, n: int, length: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``n`` random examples of ``length`` steps: ``x`` (n, L, I) float64 and ``y``.

    The same ``(task, n, length, seed)`` always gives the same data.
    """
    if n < 1 or length < 1:
        raise ValueError(f"n and length must be >= 1; got n={n}, length={length}")
    rng = np.random.default_rng(seed)
    if task.name == "delayed_recall":
        x = np.zeros((n, length, task.input_size))
        x[:, :, :-1] = _one_hot(rng.integers(0, len(RECALL_SYMBOLS), (n, length)), 4)
        x[np.arange(n), rng.integers(0, length, n), -1] = 1.0
    elif task.name == "adding":
        x = _adding_inputs(rng, n, length)
    elif task.name == "brackets":
        x = _one_hot(_bracket_tokens(rng, n, length, task.max_depth), 3)
    elif task.name == "sentiment":
        x = _one_hot(_sentiment_tokens(rng, n, length), task.input_size)
    else:
        raise ValueError(f"no generator for task {task.name!r}")
    return x, targets(task, x)


def _one_hot(tokens: np.ndarray, size: int) -> np.ndarray:
    return np.eye(size, dtype=np.float64)[tokens]


def _adding_inputs(rng: np.random.Generator, n: int, length: int) -> np.ndarray:
    if length < 2:
        raise ValueError(f"adding needs length >= 2; got {length}")
    x = np.zeros((n, length, 2))
    x[:, :, 0] = rng.uniform(0.0, 1.0, size=(n, length))
    half = length // 2
    first = rng.integers(0, half, size=n)
    second = rng.integers(half, length, size=n)
    x[np.arange(n), first, 1] = 1.0
    x[np.arange(n), second, 1] = 1.0
    return x


def _bracket_tokens(rng: np.random.Generator, n: int, length: int, max_depth: int) -> np.ndarray:
    """0 = "(", 1 = ")", 2 = text. Each string has its own share of text (20-70 %) and its
    own bias towards opening, so some stay shallow and some climb to max_depth; the
    brackets make a random walk on 0..max_depth."""
    p_text = rng.uniform(0.2, 0.7, size=n)
    p_open = rng.uniform(0.45, 0.8, size=n)
    tokens = np.zeros((n, length), dtype=np.int64)
    depth = np.zeros(n, dtype=np.int64)
    for t in range(length):
        opening = rng.random(n) < p_open
        opening = np.where(depth == 0, True, np.where(depth == max_depth, False, opening))
        text = rng.random(n) < p_text
        tokens[:, t] = np.where(text, 2, np.where(opening, 0, 1))
        depth += np.where(text, 0, np.where(opening, 1, -1))
    return tokens


def _sentiment_tokens(rng: np.random.Generator, n: int, length: int) -> np.ndarray:
    """Filler words with one or two opinion words (one only when length < 6); a 'not'
    precedes an opinion word a third of the time, anywhere after the previous opinion
    word. (With 'not' half of the time the verdict would be a pure XOR of polarity and
    negation, which takes far longer to learn.)"""
    if length < 2:
        raise ValueError(f"sentiment needs length >= 2; got {length}")
    roles = np.array(SENTIMENT_ROLES)
    fillers = np.flatnonzero(roles == FILLER)
    opinions = np.flatnonzero((roles == POSITIVE) | (roles == NEGATIVE))
    negation = int(np.flatnonzero(roles == NOT)[0])
    rows = np.arange(n)
    tokens = rng.choice(fillers, size=(n, length))
    # two distinct opinion positions in 1..L-1, sorted; a single opinion uses the later
    order = np.argsort(rng.random((n, length - 1)), axis=1)[:, :2] + 1
    if length - 1 < 2:
        order = np.concatenate([order, order], axis=1)
    first, second = np.sort(order, axis=1).T
    two = (rng.random(n) < 0.5) & (length >= 6) & (first != second)
    starts = [np.zeros(n, dtype=np.int64), first + 1]
    for k, pos in enumerate((first, second)):
        present = two if k == 0 else np.ones(n, dtype=bool)
        start = np.where(two, starts[k], 0) if k == 1 else starts[0]
        tokens[rows[present], pos[present]] = rng.choice(opinions, size=int(present.sum()))
        room = pos - start
        negate = present & (room > 0) & (rng.random(n) < 1 / 3)
        spot = start + np.floor(rng.random(n) * np.maximum(room, 1)).astype(np.int64)
        tokens[rows[negate], spot[negate]] = negation
    return tokens


# --------------------------------------------------------------------------- scoring


def score(task: Task, predictions: np.ndarray, y: np.ndarray) -> float:
    """Accuracy in [0, 1] over the scored targets (``IGNORE`` steps are skipped).

    Classes: ``predictions`` are class indices shaped like ``y``, or scores with one more
    trailing axis of size ``num_classes`` (the argmax is taken). Regression: predictions
    shaped like ``y`` (a trailing axis of size 1 is allowed); a prediction counts when
    it is strictly within ``task.tolerance`` of the target.
    """
    predictions = np.asarray(predictions)
    y = np.asarray(y)
    if task.output == "classes":
        if predictions.shape == y.shape + (task.num_classes,):
            predictions = np.argmax(predictions, axis=-1)
        if predictions.shape != y.shape:
            raise ValueError(
                f"predictions for {task.name!r} must have shape {y.shape} (class indices) "
                f"or {y.shape + (task.num_classes,)} (scores); got {predictions.shape}"
            )
        scored = y != IGNORE
        if not np.any(scored):
            raise ValueError("no scored targets: every target is IGNORE")
        return float(np.mean(predictions[scored] == y[scored]))
    if predictions.shape == y.shape + (1,):
        predictions = predictions[..., 0]
    if predictions.shape != y.shape:
        raise ValueError(
            f"predictions for {task.name!r} must have shape {y.shape}; got {predictions.shape}"
        )
    if y.size == 0:
        raise ValueError("no targets to score")
    return float(np.mean(np.abs(predictions - y) < task.tolerance))


# --------------------------------------------------------------------------- user input


def encode_user_input(
    task: Task, text_or_values: str | Sequence[object]
) -> tuple[np.ndarray, list[str]]:
    """Turn what a user typed (or a list of values) into one input ``x`` (L, input_size)
    and a label per step for the axis of the plots.

    - delayed_recall: digits 0-3, exactly one marked with a trailing ``*``, spaces optional
      ("03*12" or "0 3* 1 2", or ["0", "3*", "1", "2"]).
    - adding: numbers in [0, 1] separated by spaces or commas, exactly two of them marked
      with a trailing ``*`` ("0.3 0.8* 0.1 0.5*"), or a list of ``(value, marker)`` pairs.
    - brackets: ``(`` and ``)`` (spaces ignored), never deeper than ``max_depth`` and never
      closing an unopened bracket.
    - sentiment: English words separated by spaces and/or Chinese words (split by
      longest match against the vocabulary); punctuation is ignored.
    """
    if task.name == "delayed_recall":
        return _encode_recall(task, text_or_values)
    if task.name == "adding":
        return _encode_adding(text_or_values)
    if task.name == "brackets":
        return _encode_brackets(task, text_or_values)
    if task.name == "sentiment":
        if not isinstance(text_or_values, str):
            text_or_values = " ".join(str(v) for v in text_or_values)
        words, concepts = tokenize_sentence(text_or_values)
        return _one_hot(np.array(concepts), task.input_size), words
    raise ValueError(f"no input encoder for task {task.name!r}")


def _nonempty(task: Task, tokens: Sequence[object]) -> None:
    if len(tokens) == 0:
        raise ValueError(f"the input for task {task.name!r} is empty")


def _encode_recall(
    task: Task, text_or_values: str | Sequence[object]
) -> tuple[np.ndarray, list[str]]:
    pieces: list[str]
    if isinstance(text_or_values, str):
        pieces = re.findall(r"\S\*?", text_or_values.replace(",", " "))
    else:
        pieces = [str(v).strip() for v in text_or_values]
    _nonempty(task, pieces)
    for step, piece in enumerate(pieces):
        if piece.rstrip("*") not in RECALL_SYMBOLS or piece.count("*") > 1:
            raise ValueError(
                f"delayed recall takes only the digits {', '.join(RECALL_SYMBOLS)}, one of "
                f"them marked with * (e.g. 0 3* 1 2); got {piece!r} at step {step + 1}"
            )
    marked = [p.endswith("*") for p in pieces]
    if sum(marked) != 1:
        raise ValueError(
            f"mark exactly one digit with * (the one to recall); got {sum(marked)} marked"
        )
    x = np.zeros((len(pieces), task.input_size))
    x[:, :-1] = _one_hot(np.array([RECALL_SYMBOLS.index(p.rstrip("*")) for p in pieces]), 4)
    x[:, -1] = marked
    return x, pieces


def _encode_adding(text_or_values: str | Sequence[object]) -> tuple[np.ndarray, list[str]]:
    rows: list[tuple[float, float]] = []
    if isinstance(text_or_values, str):
        for position, piece in enumerate(re.split(r"[\s,;，]+", text_or_values.strip())):
            if not piece:
                continue
            marked = piece.endswith("*")
            number = piece.rstrip("*")
            try:
                value = float(number)
            except ValueError:
                raise ValueError(
                    f"the adding problem takes numbers in [0, 1], two of them marked with *"
                    f" (e.g. 0.3 0.8* 0.1 0.5*); got {piece!r} at step {position + 1}"
                ) from None
            rows.append((value, 1.0 if marked else 0.0))
    else:
        for position, item in enumerate(text_or_values):
            try:
                value, marker = (float(v) for v in item)  # type: ignore[attr-defined]
            except (TypeError, ValueError):
                raise ValueError(
                    f"the adding problem takes (value, marker) pairs; got {item!r} at step "
                    f"{position + 1}"
                ) from None
            if marker not in (0.0, 1.0):
                raise ValueError(f"a marker must be 0 or 1; got {marker!r} at step {position + 1}")
            rows.append((value, marker))
    _nonempty(ADDING, rows)
    x = np.array(rows, dtype=np.float64)
    for step, (value, _) in enumerate(rows):
        if not (np.isfinite(value) and 0.0 <= value <= 1.0):
            raise ValueError(f"values must be in [0, 1]; got {value!r} at step {step + 1}")
    marked = int(x[:, 1].sum())
    if marked != 2:
        raise ValueError(f"mark exactly two values with * (the two to add); got {marked} marked")
    labels = [f"{v:g}*" if m else f"{v:g}" for v, m in rows]
    return x, labels


def _encode_brackets(
    task: Task, text_or_values: str | Sequence[object]
) -> tuple[np.ndarray, list[str]]:
    if isinstance(text_or_values, str):
        pieces = [c for c in text_or_values if not c.isspace()]
    else:
        pieces = [str(v).strip() for v in text_or_values]
    _nonempty(task, pieces)
    depth = 0
    tokens = []
    for step, piece in enumerate(pieces):
        if piece in ("(", ")"):
            depth += 1 if piece == "(" else -1
            tokens.append(0 if piece == "(" else 1)
        elif piece == "." or (len(piece) == 1 and piece.isascii() and piece.isalnum()):
            tokens.append(2)
        else:
            raise ValueError(
                f"bracket depth takes '(', ')' and plain text (ASCII letters, digits, '.'); "
                f"got {piece!r} at step {step + 1}"
            )
        if depth < 0:
            raise ValueError(f"')' at step {step + 1} closes a bracket that was never opened")
        if depth > task.max_depth:
            raise ValueError(
                f"nesting deeper than {task.max_depth} at step {step + 1}; the network "
                f"only counts up to {task.max_depth}"
            )
    return _one_hot(np.array(tokens), 3), list(pieces)


def tokenize_sentence(text: str) -> tuple[list[str], list[int]]:
    """Split a review into vocabulary words; returns the words and their concept indices.

    English words are separated by spaces (case is ignored); Chinese text is split by
    longest match against the Chinese vocabulary. Punctuation is dropped. An unknown word
    or character raises ``ValueError`` naming it.
    """
    words: list[str] = []
    for chunk in re.split(r"\s+", text.strip()):
        chunk = "".join(c for c in chunk if c not in _PUNCTUATION)
        i = 0
        while i < len(chunk):
            if chunk[i].isascii():
                j = i
                while j < len(chunk) and chunk[j].isascii():
                    j += 1
                word = chunk[i:j].lower()
                if word not in _WORD_TO_CONCEPT:
                    raise ValueError(f"unknown word {word!r}; {_vocabulary_message()}")
                words.append(word)
                i = j
                continue
            match = next((w for w in _CHINESE_WORDS if chunk.startswith(w, i)), None)
            if match is None:
                raise ValueError(
                    f"unknown character {chunk[i]!r} in {chunk!r}; {_vocabulary_message()}"
                )
            words.append(match)
            i += len(match)
    if not words:
        raise ValueError(f"the review is empty; {_vocabulary_message()}")
    return words, [_WORD_TO_CONCEPT[w] for w in words]


def _vocabulary_message() -> str:
    english = " ".join(w for _, _, en, _ in SENTIMENT_CONCEPTS for w in en)
    chinese = " ".join(w for _, _, _, zh in SENTIMENT_CONCEPTS for w in zh)
    return f"the vocabulary is: {english} / {chinese}"
