"""The learned page's settings and models, without widgets: the accuracy table of the
shipped model files, the task input a user types, a model run on it, statistics, and
uploaded .pt files.

No Streamlit here (the page caches these calls); classroom's training code is imported
inside the functions that need it, so opening the page loads no torch.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from gates.kinds import KIND_NAMES
from gates_lab import codec
from gates_lab.classroom import tasks as T
from gates_lab.scenario import MAX_LENGTH

TASK_NAMES: tuple[str, ...] = tuple(T.TASKS)
KINDS: tuple[str, ...] = KIND_NAMES
SECTIONS: tuple[str, ...] = ("watch", "train", "limits", "own")
DEFAULT_STEPS = 300  # well under a minute on one core for every task and cell
MAX_STEPS = 3000
@dataclass(frozen=True)
class LearnedSettings:
    """What the learned page shows (the trained models themselves are session state)."""

    task: str = codec.spec(TASK_NAMES[0], "task", choices=TASK_NAMES)
    kind: str = codec.spec("gru", "kind", choices=KINDS)
    section: str = codec.spec("watch", "view", choices=SECTIONS)
    source: str = codec.spec("shipped", "src", choices=("shipped", "trained"))
    text: str = codec.spec("", "txt")  # the user's input; "" = the task's example
    steps: int = codec.spec(DEFAULT_STEPS, "steps", 10, MAX_STEPS)
    hidden_size: int = codec.spec(32, "hid", 2, 128)
    seed: int = codec.spec(0, "tseed", 0, 2**31 - 1)
    # max-norm limits (0: no limit)
    input_max_norm: float = codec.spec(1.0, "mi", 0.0, 100.0)
    recurrent_max_norm: float = codec.spec(1.0, "mr", 0.0, 100.0)
    bias_max_norm: float = codec.spec(1.0, "mb", 0.0, 100.0)
    # own model: the input fed to it
    own_pattern: str = codec.spec("noise", "op", choices=("noise", "sine", "impulses"))
    own_length: int = codec.spec(30, "oL", 1, MAX_LENGTH)
    own_seed: int = codec.spec(0, "os", 0, 2**31 - 1)
    own_nl: str = codec.spec("tanh", "onl", choices=("tanh", "relu"))


# A readable first example where random ones read oddly: (English, Chinese).
FIRST_EXAMPLES = {"sentiment": ("i think the movie was not very good", "我觉得这部电影不是很好")}


def example_text(task: T.Task, seed: int = 0, lang: str = "en") -> str:
    """A random example of ``task`` written the way a user types it (what
    ``encode_user_input`` reads back)."""
    from gates_lab.classroom.training import DEFAULTS

    if seed == 0 and task.name in FIRST_EXAMPLES:
        return FIRST_EXAMPLES[task.name][lang == "zh"]
    x, _ = T.generate(task, 1, DEFAULTS[task.name].length, seed)
    x = x[0]
    if task.name == "delayed_recall":
        digits = np.argmax(x[:, :len(T.RECALL_SYMBOLS)], axis=1)
        return " ".join(T.RECALL_SYMBOLS[d] + ("*" if m > 0.5 else "")
                        for d, m in zip(digits, x[:, -1], strict=True))
    if task.name == "adding":
        return " ".join(f"{v:.2f}" + ("*" if m > 0.5 else "") for v, m in x)
    if task.name == "brackets":
        letters = "abcdefgh"
        return "".join("()"[k] if k < 2 else letters[t % len(letters)]
                       for t, k in enumerate(np.argmax(x, axis=1)))
    concepts = T.SENTIMENT_CONCEPTS
    if lang == "zh":
        return "".join(concepts[i][3][0] for i in np.argmax(x, axis=1))
    return " ".join(concepts[i][2][0] for i in np.argmax(x, axis=1))


def parse_accuracy(data: Any) -> dict[str, dict[str, float]]:
    """Reads {"accuracy": {task: {kind: acc}}} (scripts/train_pretrained.py); also
    {task: {kind: acc | {"accuracy": acc}}} or {"task_kind": acc}."""
    out: dict[str, dict[str, float]] = {}
    for wrapper in ("accuracy", "models"):
        if isinstance(data, dict) and isinstance(data.get(wrapper), dict):
            data = data[wrapper]
            break
    items = data.items() if isinstance(data, dict) else []
    for key, value in items:
        if isinstance(value, dict) and key in T.TASKS:
            for kind, acc in value.items():
                acc = acc.get("accuracy") if isinstance(acc, dict) else acc
                if kind in KINDS and isinstance(acc, (int, float)):
                    out.setdefault(key, {})[kind] = float(acc)
        else:
            task, _, kind = str(key).rpartition("_")
            acc = value.get("accuracy") if isinstance(value, dict) else value
            if task in T.TASKS and kind in KINDS and isinstance(acc, (int, float)):
                out.setdefault(task, {})[kind] = float(acc)
    return out


def encode(task: T.Task, text: str) -> tuple[np.ndarray, list[str]]:
    """The task's input for what the user typed; ValueError says what is wrong."""
    x, labels = T.encode_user_input(task, text)
    if len(x) > MAX_LENGTH:
        raise ValueError(f"the input has {len(x)} steps; at most {MAX_LENGTH}")
    return x, labels


@dataclass(frozen=True)
class View:
    """A model run on one input: the trace and the readout at every step."""

    trace: Any
    outputs: np.ndarray  # (L, output_size) readout of every step's hidden state
    targets: np.ndarray  # (L,) per-step tasks, or (1,) per-sequence tasks


def run_model(model: Any, x: np.ndarray) -> View:
    """Trace ``model`` (a TrainedModel) on one input ``x`` (L, input_size)."""
    from gates_lab.classroom.training import readout

    trace = engine_net(model).trace(x)
    task = T.get_task(model.task)
    return View(trace, readout(model, trace.output), np.atleast_1d(T.targets(task, x[None])[0]))


def engine_net(model: Any) -> Any:
    from gates.network import single_cell

    net = single_cell(model.kind, model.input_size, model.hidden_size)
    net.load_state_dict(model.state_dict)
    return net


def model_stats(model: Any, x: np.ndarray) -> dict[str, Any]:
    """Accuracy, per-matrix largest per-unit norms and gate saturation on held-out ``x``."""
    from gates_lab.classroom.training import gate_saturation, model_net, weight_norms

    norms = weight_norms(model)
    trace = model_net(model).trace(x)
    return {"accuracy": model.accuracy, "norms": norms, "saturation": gate_saturation(trace)}


def handle_upload(data: bytes, nonlinearity: str = "tanh") -> tuple[Any, str | None]:
    """Read an uploaded .pt state_dict safely (``torch.load(weights_only=True)`` in
    gates.model_io: tensors only, a pickle that would run code is refused).

    Returns (the engine net with the weights, None) or (None, a message for the user).
    ``nonlinearity`` is for a plain RNN, whose weights don't say tanh or relu.
    """
    from gates import model_io

    if not data:
        return None, "the file is empty"
    try:
        uploaded = model_io.read_state_dict_file(data)
        return model_io.uploaded_net(uploaded, nonlinearity=nonlinearity), None
    except ValueError as exc:
        return None, str(exc)
    except Exception as exc:  # noqa: BLE001 - any broken file gets a message, not a crash
        return None, (f"the file could not be used ({type(exc).__name__}); "
                      f"{model_io.EXPECTED}")


def own_input(model: Any, s: LearnedSettings) -> np.ndarray:
    """A seeded input of the right size for any input size: noise, sine or impulses."""
    length, size = s.own_length, model.input_size
    if s.own_pattern == "noise":
        return np.random.default_rng(s.own_seed).normal(size=(length, size))
    t = np.arange(length)[:, None]
    if s.own_pattern == "sine":
        phase = np.random.default_rng(s.own_seed).uniform(0, 2 * math.pi, size=size)
        return np.sin(2 * math.pi * t / 20 + phase)
    x = np.zeros((length, size))
    x[::7, :] = 1.0
    return x


def with_nonlinearity(net: Any, nonlinearity: str) -> Any:
    import gates

    twin = gates.RNN(net.input_size, net.hidden_size, num_layers=net.num_layers,
                     nonlinearity=nonlinearity, bias=net.bias, bidirectional=net.bidirectional)
    twin.load_state_dict(net.state_dict())
    return twin
