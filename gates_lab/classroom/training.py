"""Train small torch RNN / GRU / LSTM models on the toy tasks; run them with the engine.

torch is imported only inside :func:`train`, so ``import gates`` stays NumPy-only. The
result, :class:`TrainedModel`, holds NumPy arrays only; :func:`predict` and the held-out
accuracy run on the NumPy engine (``gates.GRU`` etc.), not on torch.

Model: one recurrent layer (``torch.nn.GRU``/``LSTM``/``RNN`` with tanh, batch first)
and a linear readout ``y = h_t @ head_weight.T + head_bias`` on every step (per-step
tasks) or on the last step (per-sequence tasks). Classes: cross-entropy on the logits
(steps marked ``IGNORE`` skipped); regression: mean squared error. Adam, gradient norm
clipped at 1, a fresh random batch every step.

Constraints (as Keras ``max_norm``, the "Constrained GRU"): after every optimizer step,
and once before the first,

- ``input_max_norm``: each row of ``weight_ih_l0`` (torch layout ``(G*H, I)``: the
  weights from all inputs into one gate unit) is scaled down to norm <= the bound. This
  is Keras ``max_norm(axis=0)`` on its ``(I, G*H)`` kernel.
- ``recurrent_max_norm``: the same for each row of ``weight_hh_l0`` (``(G*H, H)``).
- ``bias_max_norm``: for each gate unit j the pair ``(bias_ih[j], bias_hh[j])`` is scaled
  to norm <= the bound; Keras ``max_norm(axis=0)`` on a ``reset_after`` GRU's ``(2, 3H)``
  bias does the same.
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from gates.kinds import KIND_NAMES, SIGMOID_GATES
from gates.kinds import KINDS as KINDS_BY_NAME
from gates_lab.classroom.tasks import IGNORE, Task, generate, get_task, score

KINDS = KIND_NAMES  # the kinds a task can be trained with: all of them
EVAL_SEED = 20_240_601  # held-out data: never a training seed (those come from seed's rng)
EVAL_SIZE = 500
FORMAT_VERSION = 1
# The shipped pretrained models: models/ in a clone; <this package>/models in a wheel.
_HERE = Path(__file__).resolve().parent
MODELS_DIR = next((d for d in (_HERE / "models", _HERE.parents[1] / "models") if d.is_dir()),
                  _HERE.parents[1] / "models")

ProgressFn = Callable[[int, int, float], None]


@dataclass(frozen=True)
class TrainSettings:
    """Per-task defaults (chosen so GRU/LSTM learn the task in a few seconds on 1 core)."""

    hidden_size: int
    steps: int
    length: int
    lr: float = 0.01
    batch_size: int = 64


DEFAULTS: dict[str, TrainSettings] = {
    "delayed_recall": TrainSettings(hidden_size=32, steps=600, length=40, lr=0.01),
    "adding": TrainSettings(hidden_size=32, steps=600, length=50, lr=0.02),
    "brackets": TrainSettings(hidden_size=32, steps=600, length=64, lr=0.03),
    "sentiment": TrainSettings(hidden_size=32, steps=500, length=12, lr=0.01),
}


@dataclass(frozen=True)
class Constraints:
    """Upper bounds on per-unit norms (``None``: unconstrained); see the module docstring."""

    input_max_norm: float | None = None
    recurrent_max_norm: float | None = None
    bias_max_norm: float | None = None

    def __post_init__(self) -> None:
        for name, value in asdict(self).items():
            if value is not None and not (np.isfinite(value) and value > 0):
                raise ValueError(f"{name} must be a positive number or None; got {value!r}")


@dataclass(frozen=True, eq=False)
class TrainedModel:
    """A trained model, NumPy only. ``state_dict`` is in torch layout (float32 as trained)
    and loads into ``gates.GRU(input_size, hidden_size)`` (or LSTM/RNN)."""

    task: str
    kind: str
    hidden_size: int
    input_size: int
    output_size: int
    state_dict: dict[str, np.ndarray]
    head_weight: np.ndarray  # (output_size, hidden_size)
    head_bias: np.ndarray  # (output_size,)
    loss_history: np.ndarray  # (steps,) training loss of every step
    accuracy: float  # held-out, NumPy engine, on generate(task, eval_size, length, eval_seed)
    constraints: Constraints | None = None
    length: int = 0
    steps: int = 0
    seed: int = 0
    lr: float = 0.01
    batch_size: int = 64
    eval_seed: int = EVAL_SEED
    eval_size: int = EVAL_SIZE
    train_seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------- training


def _sizes(task: Task, hidden_size: int | None, steps: int | None, length: int | None,
           lr: float | None, batch_size: int | None) -> tuple[int, int, int, float, int]:
    """The training sizes, unset ones from ``DEFAULTS[task.name]``; ValueError if bad."""
    defaults = DEFAULTS[task.name]
    hidden_size = defaults.hidden_size if hidden_size is None else int(hidden_size)
    steps = defaults.steps if steps is None else int(steps)
    length = defaults.length if length is None else int(length)
    lr = defaults.lr if lr is None else float(lr)
    batch_size = defaults.batch_size if batch_size is None else int(batch_size)
    if hidden_size < 1 or steps < 0 or length < 1 or batch_size < 1:
        raise ValueError(
            f"need hidden_size >= 1, steps >= 0, length >= 1, batch_size >= 1; got "
            f"{hidden_size}, {steps}, {length}, {batch_size}"
        )
    return hidden_size, steps, length, lr, batch_size


def train(
    task: Task | str,
    kind: str,
    hidden_size: int | None = None,
    steps: int | None = None,
    seed: int = 0,
    constraints: Constraints | None = None,
    progress: ProgressFn | None = None,
    *,
    length: int | None = None,
    lr: float | None = None,
    batch_size: int | None = None,
    threads: int = 1,
) -> TrainedModel:
    """Train ``kind`` ("gru" | "lstm" | "rnn") on ``task``; deterministic given ``seed``.

    Unset sizes come from ``DEFAULTS[task.name]``. ``progress(step, total, loss)`` is
    called after every step (step counts from 1).
    """
    import torch

    task = get_task(task) if isinstance(task, str) else task
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}; got {kind!r}")
    hidden_size, steps, length, lr, batch_size = _sizes(task, hidden_size, steps, length, lr,
                                                       batch_size)

    started = time.perf_counter()
    previous_threads = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        torch.manual_seed(seed)
        module_class = getattr(torch.nn, KINDS_BY_NAME[kind].torch_name)
        rnn = module_class(task.input_size, hidden_size, batch_first=True)
        head = torch.nn.Linear(hidden_size, task.output_size)
        params = list(rnn.parameters()) + list(head.parameters())
        optimizer = torch.optim.Adam(params, lr=lr)
        data_rng = np.random.default_rng(seed)
        losses = np.zeros(steps)
        _apply_constraints(rnn, constraints)
        for step in range(steps):
            x, y = generate(task, batch_size, length, int(data_rng.integers(2**31)))
            output = _torch_readout(rnn, head, torch.from_numpy(x).float(), task)
            loss = _torch_loss(output, y, task)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()
            _apply_constraints(rnn, constraints)
            losses[step] = loss.item()
            if progress is not None:
                progress(step + 1, steps, losses[step])
        state = {k: v.detach().numpy().copy() for k, v in rnn.state_dict().items()}
        head_weight = head.weight.detach().numpy().copy()
        head_bias = head.bias.detach().numpy().copy()
    finally:
        torch.set_num_threads(previous_threads)

    model = TrainedModel(
        task=task.name,
        kind=kind,
        hidden_size=hidden_size,
        input_size=task.input_size,
        output_size=task.output_size,
        state_dict=state,
        head_weight=head_weight,
        head_bias=head_bias,
        loss_history=losses,
        accuracy=float("nan"),
        constraints=constraints,
        length=length,
        steps=steps,
        seed=seed,
        lr=lr,
        batch_size=batch_size,
    )
    accuracy = heldout_accuracy(model)
    return _replace(model, accuracy=accuracy, train_seconds=time.perf_counter() - started)


def _replace(model: TrainedModel, **changes: Any) -> TrainedModel:
    from dataclasses import replace

    return replace(model, **changes)


def _torch_readout(rnn: Any, head: Any, x: Any, task: Task) -> Any:
    output, _ = rnn(x)
    return head(output) if task.per_step else head(output[:, -1])


def _torch_loss(output: Any, y: np.ndarray, task: Task) -> Any:
    import torch

    if task.output == "classes":
        target = torch.from_numpy(y).long().reshape(-1)
        logits = output.reshape(-1, task.num_classes)
        return torch.nn.functional.cross_entropy(logits, target, ignore_index=IGNORE)
    return torch.nn.functional.mse_loss(output[..., 0], torch.from_numpy(y).float())


def _apply_constraints(rnn: Any, constraints: Constraints | None) -> None:
    import torch

    if constraints is None:
        return
    with torch.no_grad():
        params = dict(rnn.named_parameters())
        for key, bound in (
            ("weight_ih_l0", constraints.input_max_norm),
            ("weight_hh_l0", constraints.recurrent_max_norm),
        ):
            if bound is not None:
                w = params[key]
                norms = w.norm(dim=1, keepdim=True)
                w.mul_(torch.clamp(bound / norms.clamp_min(1e-12), max=1.0))
        if constraints.bias_max_norm is not None and "bias_ih_l0" in params:
            b_ih, b_hh = params["bias_ih_l0"], params["bias_hh_l0"]
            norms = torch.sqrt(b_ih**2 + b_hh**2)
            scale = torch.clamp(constraints.bias_max_norm / norms.clamp_min(1e-12), max=1.0)
            b_ih.mul_(scale)
            b_hh.mul_(scale)


# --------------------------------------------------------------------------- inference


def model_net(model: TrainedModel) -> Any:
    """The engine network (``gates.GRU``/``LSTM``/``RNN``, batch first) with the weights."""
    from gates.network import network_class

    net_class = network_class(model.kind)
    net = net_class(model.input_size, model.hidden_size, batch_first=True)
    net.load_state_dict(model.state_dict)
    return net


def readout(model: TrainedModel, hidden: np.ndarray) -> np.ndarray:
    """Apply the linear head to hidden states ``(..., H)`` -> ``(..., output_size)``."""
    w = np.asarray(model.head_weight, dtype=np.float64)
    b = np.asarray(model.head_bias, dtype=np.float64)
    return np.asarray(hidden, dtype=np.float64) @ w.T + b


def predict(model: TrainedModel, x: np.ndarray) -> np.ndarray:
    """Run ``model`` on ``x`` with the NumPy engine.

    ``x``: ``(n, L, input_size)`` or one sequence ``(L, input_size)``. Returns, with the
    batch axis only if ``x`` had one: class tasks, logits ``(n, L, C)`` per step or
    ``(n, C)`` per sequence (``score`` takes the argmax); regression, ``(n, L)`` or
    ``(n,)``.
    """
    x = np.asarray(x, dtype=np.float64)
    single = x.ndim == 2
    if single:
        x = x[None]
    if x.ndim != 3 or x.shape[2] != model.input_size:
        raise ValueError(
            f"x must be (n, L, {model.input_size}) or (L, {model.input_size}); got {x.shape}"
        )
    task = get_task(model.task)
    output = model_net(model)(x)[0]  # (n, L, H)
    result = readout(model, output if task.per_step else output[:, -1])
    if task.output == "regression":
        result = result[..., 0]
    return result[0] if single else result


def trace_model(model: TrainedModel, x: np.ndarray) -> tuple[Any, np.ndarray]:
    """One engine run of ``model`` on one sequence ``x`` (L, input_size): the trace
    (every gate at every step, ``tr.get(name)`` is (L, H)) and the readout of every step
    ``(L, output_size)`` (per-sequence tasks answer with the last row)."""
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 2 or x.shape[1] != model.input_size:
        raise ValueError(f"x must be one sequence (L, {model.input_size}); got {x.shape}")
    trace = model_net(model).trace(x)
    return trace, readout(model, trace.output)


def probabilities(model: TrainedModel, x: np.ndarray) -> np.ndarray:
    """Softmax of :func:`predict` for class tasks (same shape)."""
    logits = predict(model, x)
    shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


def heldout_accuracy(model: TrainedModel, n: int | None = None, seed: int | None = None) -> float:
    """Accuracy on ``generate(task, n, model.length, seed)`` (defaults: the model's
    recorded held-out set), computed with the NumPy engine."""
    task = get_task(model.task)
    x, y = generate(
        task,
        model.eval_size if n is None else n,
        model.length,
        model.eval_seed if seed is None else seed,
    )
    return score(task, predict(model, x), y)


def weight_norms(model: TrainedModel) -> dict[str, np.ndarray]:
    """Per-unit norms, in the sense the constraints bound them: ``weight_ih_l0`` and
    ``weight_hh_l0`` row norms ``(G*H,)``, and ``bias_l0`` the norm of each
    ``(bias_ih[j], bias_hh[j])`` pair ``(G*H,)`` (absent without biases)."""
    sd = model.state_dict
    norms = {
        key: np.linalg.norm(np.asarray(sd[key], dtype=np.float64), axis=1)
        for key in ("weight_ih_l0", "weight_hh_l0")
    }
    if "bias_ih_l0" in sd:
        b_ih = np.asarray(sd["bias_ih_l0"], dtype=np.float64)
        b_hh = np.asarray(sd["bias_hh_l0"], dtype=np.float64)
        norms["bias_l0"] = np.sqrt(b_ih**2 + b_hh**2)
    return norms


def gate_saturation(trace: Any) -> dict[str, tuple[float, float]]:
    """For each sigmoid gate of ``trace`` (reset, update / input, forget, output), the
    share of its values below 0.1 and above 0.9, over all steps, units, batch rows,
    layers and directions. A plain RNN has no gates: an empty dict."""
    config = trace.config
    directions = 2 if config.bidirectional else 1
    result: dict[str, tuple[float, float]] = {}
    for name in trace.names:
        if name not in SIGMOID_GATES:
            continue
        values = np.concatenate(
            [
                np.ravel(trace.get(name, layer=layer, direction=direction))
                for layer in range(config.num_layers)
                for direction in range(directions)
            ]
        )
        result[name] = (float(np.mean(values < 0.1)), float(np.mean(values > 0.9)))
    return result


# --------------------------------------------------------------------------- files


def save_model(model: TrainedModel, path: str | Path) -> None:
    """Write ``model`` as a compressed ``.npz``: arrays plus one JSON metadata string."""
    meta = {
        "format": "gates-trained-model",
        "version": FORMAT_VERSION,
        "task": model.task,
        "kind": model.kind,
        "hidden_size": model.hidden_size,
        "input_size": model.input_size,
        "output_size": model.output_size,
        "accuracy": model.accuracy,
        "constraints": None if model.constraints is None else asdict(model.constraints),
        "length": model.length,
        "steps": model.steps,
        "seed": model.seed,
        "lr": model.lr,
        "batch_size": model.batch_size,
        "eval_seed": model.eval_seed,
        "eval_size": model.eval_size,
        "train_seconds": model.train_seconds,
        "state_keys": sorted(model.state_dict),
        "extra": model.extra,
    }
    arrays: dict[str, Any] = {f"state.{k}": np.asarray(v) for k, v in model.state_dict.items()}
    arrays["head_weight"] = np.asarray(model.head_weight)
    arrays["head_bias"] = np.asarray(model.head_bias)
    arrays["loss_history"] = np.asarray(model.loss_history, dtype=np.float32)
    arrays["meta"] = np.array(json.dumps(meta))
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    Path(path).write_bytes(buffer.getvalue())


def pretrained_path(task: str, kind: str, models_dir: str | Path | None = None) -> Path:
    """Where ``scripts/train_pretrained.py`` put the model of ``task`` and ``kind``."""
    get_task(task)
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}; got {kind!r}")
    return Path(MODELS_DIR if models_dir is None else models_dir) / f"{task}_{kind}.npz"


def load_pretrained(task: str, kind: str, models_dir: str | Path | None = None) -> TrainedModel:
    """The shipped model of ``task`` and ``kind`` (see models/README.md)."""
    return load_model(pretrained_path(task, kind, models_dir))


def load_model(path: str | Path) -> TrainedModel:
    """Read a file written by :func:`save_model` (no pickles: ``allow_pickle=False``)."""
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {key: data[key] for key in data.files}
    except (OSError, ValueError, EOFError) as exc:
        raise ValueError(f"{path} is not a readable model file: {exc}") from exc
    if "meta" not in arrays:
        raise ValueError(f"{path} has no metadata; not written by save_model")
    meta: Mapping[str, Any] = json.loads(str(arrays["meta"]))
    if meta.get("format") != "gates-trained-model":
        raise ValueError(f"{path} is not a gates trained model (format {meta.get('format')!r})")
    state = {key: arrays[f"state.{key}"] for key in meta["state_keys"]}
    constraints = meta["constraints"]
    return TrainedModel(
        task=meta["task"],
        kind=meta["kind"],
        hidden_size=int(meta["hidden_size"]),
        input_size=int(meta["input_size"]),
        output_size=int(meta["output_size"]),
        state_dict=state,
        head_weight=arrays["head_weight"],
        head_bias=arrays["head_bias"],
        loss_history=arrays["loss_history"].astype(np.float64),
        accuracy=float(meta["accuracy"]),
        constraints=None if constraints is None else Constraints(**constraints),
        length=int(meta["length"]),
        steps=int(meta["steps"]),
        seed=int(meta["seed"]),
        lr=float(meta["lr"]),
        batch_size=int(meta["batch_size"]),
        eval_seed=int(meta["eval_seed"]),
        eval_size=int(meta["eval_size"]),
        train_seconds=float(meta["train_seconds"]),
        extra=dict(meta.get("extra", {})),
    )
