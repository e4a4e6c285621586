"""Toy tasks: generators checked against rules recomputed here, scorers, user input."""

from __future__ import annotations

import numpy as np
import pytest

from gates_lab.classroom import tasks
from gates_lab.classroom.tasks import ADDING, BRACKETS, DELAYED_RECALL, IGNORE, SENTIMENT, TASKS
from gates_lab.i18n import catalogue


def test_registry_and_texts() -> None:
    assert len(TASKS) >= 4
    for name, task in TASKS.items():
        assert task.name == name == tasks.get_task(name).name
        (title_en, title_zh), (explain_en, explain_zh) = (catalogue()[f"task.{name}.{f}"]
                                                          for f in ("title", "explain"))
        assert title_en and explain_en.count(" ") > 20
        # Simplified Chinese text really is Chinese
        assert any("\u4e00" <= ch <= "\u9fff" for ch in title_zh + explain_zh)
        assert len(task.input_labels) == task.input_size
        if task.output == "classes":
            assert len(task.class_labels) == task.num_classes == task.output_size
        else:
            assert task.tolerance > 0 and task.output_size == 1
    with pytest.raises(ValueError, match="unknown task 'nope'.*adding"):
        tasks.get_task("nope")


@pytest.mark.parametrize("name", list(TASKS))
def test_generate_shapes_dtypes_and_determinism(name: str) -> None:
    task = TASKS[name]
    x, y = tasks.generate(task, 7, 20, seed=3)
    assert x.shape == (7, 20, task.input_size) and x.dtype == np.float64
    assert y.shape == ((7, 20) if task.per_step else (7,))
    assert y.dtype == (np.int64 if task.output == "classes" else np.float64)
    x2, y2 = tasks.generate(task, 7, 20, seed=3)
    np.testing.assert_array_equal(x, x2)
    np.testing.assert_array_equal(y, y2)
    assert not np.array_equal(x, tasks.generate(task, 7, 20, seed=4)[0])
    np.testing.assert_array_equal(tasks.targets(task, x), y)


def _one_hot_rows(x: np.ndarray) -> np.ndarray:
    assert set(np.unique(x)) <= {0.0, 1.0}
    np.testing.assert_array_equal(x.sum(axis=-1), 1.0)
    return np.argmax(x, axis=-1)


def test_delayed_recall_targets_by_hand() -> None:
    x, y = tasks.generate(DELAYED_RECALL, 50, 15, seed=0)
    for row in range(50):
        marks = np.flatnonzero(x[row, :, 4])
        assert marks.size == 1
        digits = _one_hot_rows(x[row, :, :4])
        assert y[row] == digits[marks[0]]
    # the mark lands everywhere, early and late
    positions = np.argmax(tasks.generate(DELAYED_RECALL, 400, 15, seed=1)[0][:, :, 4], axis=1)
    assert positions.min() == 0 and positions.max() == 14


def test_adding_targets_by_hand() -> None:
    x, y = tasks.generate(ADDING, 50, 10, seed=0)
    assert np.all((x[:, :, 0] >= 0) & (x[:, :, 0] <= 1))
    for row in range(50):
        marks = np.flatnonzero(x[row, :, 1] == 1.0)
        assert marks.size == 2 and marks[0] < 5 <= marks[1]
        assert y[row] == pytest.approx(x[row, marks[0], 0] + x[row, marks[1], 0])


def test_bracket_targets_by_hand() -> None:
    x, y = tasks.generate(BRACKETS, 50, 30, seed=0)
    symbols = _one_hot_rows(x)
    for row in range(50):
        depth = 0
        for t in range(30):
            depth += {0: 1, 1: -1, 2: 0}[symbols[row, t]]
            assert 0 <= depth <= BRACKETS.max_depth
            assert y[row, t] == depth
    deep = tasks.generate(BRACKETS, 200, 64, seed=1)[1]
    assert deep.max() == BRACKETS.max_depth  # the deep end is exercised


def _sentiment_rule(words: list[str]) -> int:
    """Independent statement of the rule: the last opinion word decides, flipped by each
    negation since the opinion word before it."""
    positive = {"good", "great", "fun"}
    negative = {"bad", "terrible", "boring"}
    verdict, flips = IGNORE, 0
    for word in words:
        if word == "not":
            flips += 1
        elif word in positive | negative:
            verdict = (word in positive) ^ (flips % 2 == 1)
            flips = 0
    return int(verdict)


def test_sentiment_targets_by_hand() -> None:
    x, y = tasks.generate(SENTIMENT, 200, 12, seed=0)
    concepts = [c for c, _, _, _ in tasks.SENTIMENT_CONCEPTS]
    for row in range(200):
        words = [concepts[i] for i in _one_hot_rows(x[row])]
        assert y[row] == _sentiment_rule(words), words
    assert 0.35 < y.mean() < 0.65  # balanced
    assert np.any(x[:, :, 0] == 1)  # negations occur


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the movie is good", 1),
        ("the movie is not good", 0),
        ("not bad", 1),
        ("good but boring", 0),
        ("boring but not bad", 1),
        ("not not great", 1),
        ("这部电影不好", 0),
        ("剧情很无聊", 0),
        ("这部电影不无聊", 1),
        ("我觉得表演非常精彩", 1),
        ("The film was NOT awful!", 1),
        ("the movie", IGNORE),
    ],
)
def test_sentiment_user_input(text: str, expected: int) -> None:
    x, labels = tasks.encode_user_input(SENTIMENT, text)
    assert x.shape == (len(labels), SENTIMENT.input_size)
    assert tasks.targets(SENTIMENT, x[None])[0] == expected


def test_chinese_and_english_words_share_inputs() -> None:
    x_zh, labels_zh = tasks.encode_user_input(SENTIMENT, "这部电影不好")
    x_en, labels_en = tasks.encode_user_input(SENTIMENT, "this movie not good")
    assert labels_zh == ["这部", "电影", "不", "好"]
    assert labels_en == ["this", "movie", "not", "good"]
    np.testing.assert_array_equal(x_zh, x_en)
    _, mixed = tasks.encode_user_input(SENTIMENT, "电影 is 不 good")
    assert mixed == ["电影", "is", "不", "good"]


@pytest.mark.parametrize(
    ("task", "text", "message"),
    [
        (SENTIMENT, "the movie is awesome", "unknown word 'awesome'"),
        (SENTIMENT, "这部电影不错", "unknown character '错'"),
        (SENTIMENT, " ... ", "empty"),
        (DELAYED_RECALL, "0 1 2", "exactly one"),
        (DELAYED_RECALL, "0* 1 2*", "exactly one"),
        (DELAYED_RECALL, "0 5* 2", "got '5\\*' at step 2"),
        (DELAYED_RECALL, "", "empty"),
        (ADDING, "0.3 0.4* 0.5", "exactly two"),
        (ADDING, "0.3* 1.4* 0.5", "in \\[0, 1\\]; got 1.4 at step 2"),
        (ADDING, "0.3* abc 0.5*", "got 'abc' at step 2"),
        (BRACKETS, "(()))", "step 5 closes a bracket that was never opened"),
        (BRACKETS, "(" * 11, "deeper than 10 at step 11"),
        (BRACKETS, "(a{b})", "got '{' at step 3"),
    ],
)
def test_bad_user_input_is_explained(task: tasks.Task, text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        tasks.encode_user_input(task, text)


def test_user_input_of_the_numeric_tasks() -> None:
    x, labels = tasks.encode_user_input(DELAYED_RECALL, "0 3* 1 2")
    assert labels == ["0", "3*", "1", "2"]
    np.testing.assert_array_equal(x[:, :4].argmax(axis=1), [0, 3, 1, 2])
    np.testing.assert_array_equal(x[:, 4], [0, 1, 0, 0])
    assert tasks.targets(DELAYED_RECALL, x[None])[0] == 3
    np.testing.assert_array_equal(tasks.encode_user_input(DELAYED_RECALL, "03*12")[0], x)

    x, labels = tasks.encode_user_input(ADDING, "0.3 0.8* 0.1 0.5*")
    assert labels == ["0.3", "0.8*", "0.1", "0.5*"]
    assert tasks.targets(ADDING, x[None])[0] == pytest.approx(1.3)
    x2, _ = tasks.encode_user_input(ADDING, [(0.3, 0), (0.8, 1), (0.1, 0), (0.5, 1)])
    np.testing.assert_array_equal(x, x2)

    x, labels = tasks.encode_user_input(BRACKETS, "(a(b)c)")
    assert labels == list("(a(b)c)")
    np.testing.assert_array_equal(tasks.targets(BRACKETS, x[None])[0], [1, 1, 2, 2, 1, 1, 0])


def test_score_classes() -> None:
    y = np.array([[IGNORE, 1, 2], [0, 0, IGNORE]])
    assert tasks.score(BRACKETS, np.array([[5, 1, 2], [0, 1, 9]]), y) == pytest.approx(3 / 4)
    logits = np.zeros((2, 3, BRACKETS.num_classes))
    logits[..., 0] = 1.0  # always predicts depth 0
    assert tasks.score(BRACKETS, logits, y) == pytest.approx(2 / 4)
    with pytest.raises(ValueError, match="shape"):
        tasks.score(BRACKETS, np.zeros((2, 2)), y)
    with pytest.raises(ValueError, match="IGNORE"):
        tasks.score(SENTIMENT, np.zeros(2), np.array([IGNORE, IGNORE]))


def test_score_regression_is_the_share_within_tolerance() -> None:
    y = np.array([1.0, 1.0, 1.0, 1.0])
    predictions = np.array([1.0, 1.039, 0.95, 1.5])
    assert tasks.score(ADDING, predictions, y) == pytest.approx(0.5)
    assert tasks.score(ADDING, predictions[:, None], y) == pytest.approx(0.5)
    with pytest.raises(ValueError, match="shape"):
        tasks.score(ADDING, predictions[:3], y)


def test_perfect_and_chance_predictions() -> None:
    for task in TASKS.values():
        x, y = tasks.generate(task, 30, 16, seed=5)
        assert tasks.score(task, y, y) == 1.0
    x, y = tasks.generate(ADDING, 2000, 16, seed=5)
    assert tasks.score(ADDING, np.ones_like(y), y) < 0.15


def test_generate_rejects_bad_sizes() -> None:
    with pytest.raises(ValueError, match="n and length"):
        tasks.generate(ADDING, 0, 10, seed=0)
    with pytest.raises(ValueError, match=r"\(n, length >= 1, 2\)"):
        tasks.targets(ADDING, np.zeros((3, 4, 5)))
