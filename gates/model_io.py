"""Bring your own model: read a user's torch state_dict file safely; export nets.

- :func:`read_state_dict_file` loads with ``torch.load(..., weights_only=True)``, so a
  file can hold tensors and plain containers only: a pickle that would run code is
  refused before any of it runs. It finds the first recurrent module's weights
  (``weight_ih_l0``, ... optionally behind a prefix like ``"rnn."`` of a bigger model),
  infers its kind and sizes, checks them against the limits below and returns an
  :class:`UploadedModel` with float64 NumPy weights.
- :func:`to_pt_bytes` (torch ``.pt`` file of a state_dict), :func:`to_json` and
  :func:`from_json` export and import nets of the engine.

The kind is read from the gate blocks: ``weight_hh_l0`` is ``(G*H, H)`` with G = 1
(RNN), 3 (GRU) or 4 (LSTM). A plain RNN's nonlinearity (tanh or relu) is not stored in
its weights, so it cannot be inferred: tanh unless the caller says otherwise.

torch is imported inside the functions that need it only.
"""

from __future__ import annotations

import io
import json
import pickle
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from gates.file_check import file_kind, is_tensor_global, pickle_globals, text_start
from gates.kinds import KINDS, get_kind, param_shapes

MAX_HIDDEN_SIZE = 256
MAX_LAYERS = 4
MAX_INPUT_SIZE = 512
MAX_FILE_BYTES = 50_000_000
# read back from G: an upload is a torch module, so only the kinds torch has
GATES_PER_KIND = {k.gate_count: name for name, k in KINDS.items() if k.in_torch}
JSON_FORMAT = "gates-net"
JSON_VERSION = 1

_KEY = re.compile(
    r"^(?P<prefix>.*?)(?P<param>weight_ih|weight_hh|bias_ih|bias_hh|weight_hr)"
    r"_l(?P<layer>\d+)(?P<reverse>_reverse)?$"
)


@dataclass(frozen=True, eq=False)
class UploadedModel:
    """A recurrent module read from a user's file. ``state_dict`` has torch's key names
    without the prefix, float64 NumPy arrays; ``prefix`` is what was stripped."""

    kind: str
    input_size: int
    hidden_size: int
    num_layers: int
    bidirectional: bool
    bias: bool
    state_dict: dict[str, np.ndarray]
    prefix: str = ""


def read_state_dict_file(data: bytes) -> UploadedModel:
    """Read a ``torch.save``-d state_dict (or a dict holding one under ``"state_dict"``)
    of a torch.nn.RNN / GRU / LSTM, or of a bigger model containing one.

    Raises ``ValueError`` with a message for the user for: a file that is not a torch
    file or is truncated, a pickle carrying code or objects other than tensors, content
    that is not a state_dict, a module that is not a plain RNN/GRU/LSTM (Linear, Conv,
    LSTM with ``proj_size``), sizes above the limits, and non-finite weights.
    """
    import torch

    if not isinstance(data, bytes | bytearray | memoryview):
        raise ValueError(f"expected the file's bytes; got {type(data).__name__}")
    if len(data) == 0:
        raise ValueError("the file is empty")
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(
            f"the file is {len(data) / 1e6:.1f} MB; at most {MAX_FILE_BYTES / 1e6:.0f} MB "
            "is accepted"
        )
    data = bytes(data)
    kind = file_kind(data)
    _refuse_code(data, kind)
    if kind not in ("torch-zip", "torch-legacy"):
        raise ValueError(_NOT_TORCH[kind].format(start=text_start(data)) + "; " + EXPECTED)
    try:
        obj = torch.load(io.BytesIO(data), weights_only=True, map_location="cpu")
    except pickle.UnpicklingError as exc:
        # torch's own refusal (its allowlist is the real guard); its text is long and
        # mostly documentation, so only the global it names is kept
        found = re.search(r"GLOBAL (\S+)", str(exc))
        raise ValueError(_code_message(found[1] if found else None)) from None
    except (RuntimeError, EOFError, OSError, ValueError, zipfile.BadZipFile, KeyError,
            IndexError, TypeError, AttributeError, UnicodeDecodeError, MemoryError):
        raise ValueError(
            "the torch file is damaged: it could not be read (cut off, or changed after "
            f"torch.save); {EXPECTED}"
        ) from None
    return parse_state_dict(obj)


EXPECTED = "expected a file written by torch.save(model.state_dict(), path)"
_NOT_TORCH = {
    "zip-cut": "the torch file is cut off or damaged (its zip archive has no end)",
    "zip": "not a torch file: a zip archive without torch's data.pkl inside",
    "pickle": "not a torch file: a plain Python pickle (pickle.dump), which the lab does "
              "not load",
    "npy": "not a torch file: a NumPy .npy array",
    "text": "not a torch file: a text file beginning “{start}”",
    "binary": "not a torch file: neither a zip archive nor a pickle",
}


def _refuse_code(data: bytes, kind: str) -> None:
    """Refuse, before torch reads it, a file whose pickle would call anything but
    torch's own tensor rebuilders (a pickled model, os.system, eval, ...)."""
    import torch

    if kind == "torch-zip":
        try:
            unsafe = torch.serialization.get_unsafe_globals_in_checkpoint(io.BytesIO(data))
        except Exception:  # noqa: BLE001 - a damaged file is reported by torch.load below
            return
    elif kind in ("torch-legacy", "pickle"):
        unsafe = [g for g in pickle_globals(data) if not is_tensor_global(g)]
    else:
        return
    if unsafe:
        modules = [g for g in unsafe if g.startswith("torch.nn.")]
        raise ValueError(_code_message((modules or unsafe)[0]))


def _code_message(name: str | None) -> str:
    if name is None:
        why = "loading it would call code"
    elif name.startswith("torch.nn."):
        why = (f"it is a whole pickled {name.rsplit('.', 1)[-1]} model (torch.save(model)), "
               "and loading one runs code")
    else:
        why = f"loading it would call {name}"
    return ("refused: this file contains code, not only tensors; " + why
            + ". Save only the weights: torch.save(model.state_dict(), path)")


def parse_state_dict(obj: Any) -> UploadedModel:
    """The checks of :func:`read_state_dict_file` on an already loaded object."""
    chosen, arrays = _recurrent_arrays(obj)

    w_hh = arrays.get("weight_hh_l0")
    w_ih = arrays["weight_ih_l0"]
    if w_hh is None or w_hh.ndim != 2 or w_ih.ndim != 2:
        raise ValueError(
            f"{chosen}weight_ih_l0 and {chosen}weight_hh_l0 must be 2-d matrices; got shapes "
            f"{w_ih.shape} and {None if w_hh is None else w_hh.shape}"
        )
    hidden = w_hh.shape[1]
    if hidden < 1 or w_hh.shape[0] % hidden or w_hh.shape[0] // hidden not in GATES_PER_KIND:
        raise ValueError(
            f"{chosen}weight_hh_l0 has shape {w_hh.shape}: expected (H, H) for an RNN, "
            "(3H, H) for a GRU or (4H, H) for an LSTM"
        )
    gates = w_hh.shape[0] // hidden
    kind = GATES_PER_KIND[gates]
    input_size = w_ih.shape[1]
    layer_ids = {int(_KEY.match(k)["layer"]) for k in arrays}  # type: ignore[index]
    num_layers = max(layer_ids) + 1
    bidirectional = any(k.endswith("_reverse") for k in arrays)
    bias = "bias_ih_l0" in arrays

    _check_size(kind, hidden, num_layers, input_size)
    expected = param_shapes(kind, input_size, hidden, num_layers, bidirectional, bias)
    _check_shapes(arrays, expected, chosen, kind, num_layers, bidirectional, bias, input_size,
                  hidden)
    return UploadedModel(
        kind=kind,
        input_size=input_size,
        hidden_size=hidden,
        num_layers=num_layers,
        bidirectional=bidirectional,
        bias=bias,
        state_dict={k: arrays[k] for k in expected},
        prefix=chosen,
    )


def _recurrent_arrays(obj: Any) -> tuple[str, dict[str, np.ndarray]]:
    """The key prefix of the recurrent module in a loaded state_dict, and its arrays by
    their names without the prefix (ValueError when there is no such module)."""
    if isinstance(obj, Mapping):
        for wrapper in ("state_dict", "model_state_dict", "model"):
            if isinstance(obj.get(wrapper), Mapping):
                obj = obj[wrapper]
                break
    if not isinstance(obj, Mapping) or not obj:
        raise ValueError(
            f"the file holds {_describe(obj)}, not a state_dict: expected a dict of weight "
            "tensors like {'weight_ih_l0': ..., 'weight_hh_l0': ..., 'bias_ih_l0': ..., "
            "'bias_hh_l0': ...}, written by torch.save(model.state_dict(), path)"
        )
    tensors = {str(k): v for k, v in obj.items()}

    prefixes: list[str] = []
    for key in tensors:
        match = _KEY.match(key)
        if match and match["prefix"] not in prefixes:
            prefixes.append(match["prefix"])
    chosen = next((p for p in prefixes if f"{p}weight_ih_l0" in tensors), None)
    if chosen is None:
        shown = ", ".join(list(tensors)[:8]) + (", ..." if len(tensors) > 8 else "")
        hint = ""
        if any(k.split(".")[-1] in ("weight", "bias") for k in tensors):
            hint = " (this looks like a Linear, Conv or other non-recurrent module)"
        raise ValueError(
            "unsupported module: no torch.nn.RNN / GRU / LSTM weights (weight_ih_l0, "
            f"weight_hh_l0, ..., possibly behind a prefix) found{hint}; the keys are: {shown}"
        )
    own = {k[len(chosen):]: v for k, v in tensors.items() if k.startswith(chosen)}
    own = {k: v for k, v in own.items() if _KEY.match(k) and _KEY.match(k)["prefix"] == ""}  # type: ignore[index]
    if any(k.startswith("weight_hr") for k in own):
        raise ValueError(
            f"unsupported module: {chosen}weight_hr_l0 means an LSTM with proj_size > 0 "
            "(projections), which the lab does not model"
        )
    arrays = {k: _to_array(chosen + k, v) for k, v in own.items()}

    return chosen, arrays


def _check_size(kind: str, hidden: int, num_layers: int, input_size: int) -> None:
    too_big = [
        f"{label} {value} > {limit}"
        for label, value, limit in (
            ("hidden_size", hidden, MAX_HIDDEN_SIZE),
            ("num_layers", num_layers, MAX_LAYERS),
            ("input_size", input_size, MAX_INPUT_SIZE),
        )
        if value > limit
    ]
    if too_big:
        raise ValueError(
            f"the {kind.upper()} is too large for the lab: {', '.join(too_big)} (limits: "
            f"hidden_size <= {MAX_HIDDEN_SIZE}, num_layers <= {MAX_LAYERS}, "
            f"input_size <= {MAX_INPUT_SIZE})"
        )


def _check_shapes(arrays: Mapping[str, np.ndarray], expected: Mapping[str, tuple[int, ...]],
                  chosen: str, kind: str, num_layers: int, bidirectional: bool, bias: bool,
                  input_size: int, hidden: int) -> None:
    for key, shape in expected.items():
        if key not in arrays:
            raise ValueError(
                f"missing {chosen}{key} (expected shape {shape}) for a {num_layers}-layer "
                f"{'bidirectional ' if bidirectional else ''}{kind.upper()}"
                f"{'' if bias else ' without bias'}"
            )
        if arrays[key].shape != shape:
            raise ValueError(
                f"{chosen}{key} has shape {arrays[key].shape}; expected {shape} for a "
                f"{kind.upper()} with input_size={input_size}, hidden_size={hidden}"
            )
    extra = sorted(set(arrays) - set(expected))
    if extra:
        raise ValueError(f"unexpected key {chosen}{extra[0]} for a {kind.upper()}")


def _describe(obj: Any) -> str:
    """'a list of 3 items', 'a single tensor of shape (3,)', 'an empty dict', ..."""
    if isinstance(obj, Mapping):
        return "an empty dict"
    if hasattr(obj, "shape") and hasattr(obj, "dtype"):
        return f"a single tensor of shape {tuple(obj.shape)}"
    if isinstance(obj, list | tuple):
        return f"a {type(obj).__name__} of {len(obj)} items"
    name = type(obj).__name__
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def _to_array(key: str, value: Any) -> np.ndarray:
    import torch

    if not isinstance(value, torch.Tensor):
        raise ValueError(f"{key} is a {type(value).__name__}, not a tensor")
    if not (value.dtype.is_floating_point):
        raise ValueError(f"{key} has dtype {value.dtype}; expected floating-point weights")
    array = value.detach().to(device="cpu", dtype=torch.float64).numpy().copy()
    if not np.all(np.isfinite(array)):
        bad = int(np.size(array) - np.count_nonzero(np.isfinite(array)))
        raise ValueError(f"{key} contains {bad} non-finite value(s) (NaN or infinity)")
    return array


def uploaded_net(model: UploadedModel, nonlinearity: str = "tanh", batch_first: bool = False) -> Any:
    """The engine net (``gates.RNN``/``GRU``/``LSTM``) holding the uploaded weights.
    ``nonlinearity`` matters for an RNN only (it is not stored in the weights)."""
    from gates.network import network_class

    common: dict[str, Any] = dict(
        num_layers=model.num_layers, bias=model.bias, batch_first=batch_first,
        bidirectional=model.bidirectional,
    )
    if "nonlinearity" in get_kind(model.kind).options:
        common["nonlinearity"] = nonlinearity
    net: Any = network_class(model.kind)(model.input_size, model.hidden_size, **common)
    net.load_state_dict(model.state_dict)
    return net


# --------------------------------------------------------------------------- export


def to_pt_bytes(net: Any) -> bytes:
    """``torch.save`` of the net's state_dict (float64 tensors); loads into the
    matching ``torch.nn.RNN``/``GRU``/``LSTM`` with ``load_state_dict``."""
    import torch

    refusal = get_kind(net.kind, net.config.variant).torch_refusal(net.config)
    if refusal:
        raise ValueError(refusal)
    buffer = io.BytesIO()
    torch.save({k: torch.from_numpy(np.array(v)) for k, v in net.state_dict().items()}, buffer)
    return buffer.getvalue()


def to_json(net: Any) -> str:
    """The net's kind, configuration and weights as JSON (floats round-trip exactly)."""
    cfg = net.config
    config: dict[str, Any] = {
        "input_size": cfg.input_size,
        "hidden_size": cfg.hidden_size,
        "num_layers": cfg.num_layers,
        "bidirectional": cfg.bidirectional,
        "batch_first": cfg.batch_first,
        "bias": cfg.bias,
    }
    spec = get_kind(net.kind, cfg.variant)
    config.update({option: getattr(cfg, option) for option in spec.options})
    if cfg.variant != "standard":
        config["variant"] = cfg.variant
    payload = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "kind": net.kind,
        "config": config,
        "state_dict": {k: np.asarray(v).tolist() for k, v in net.state_dict().items()},
    }
    return json.dumps(payload)


def from_json(text: str) -> Any:
    """The net written by :func:`to_json`; ``ValueError`` for anything else."""
    from gates.network import NETWORKS as classes

    try:
        payload = json.loads(text)
    except (json.JSONDecodeError, TypeError) as exc:
        raise ValueError(f"not valid JSON: {exc}") from None
    if not isinstance(payload, dict) or payload.get("format") != JSON_FORMAT:
        raise ValueError(f"not a gates network file (expected format {JSON_FORMAT!r})")
    if payload.get("version") != JSON_VERSION:
        raise ValueError(
            f"unsupported version {payload.get('version')!r}; expected {JSON_VERSION}"
        )
    kind = payload.get("kind")
    if kind not in classes:
        raise ValueError(f"kind must be one of {sorted(classes)}; got {kind!r}")
    config = payload.get("config")
    state = payload.get("state_dict")
    if not isinstance(config, dict) or not isinstance(state, dict):
        raise ValueError("the file needs a 'config' object and a 'state_dict' object")
    allowed = {"input_size", "hidden_size", "num_layers", "bidirectional", "batch_first", "bias"}
    allowed |= {*get_kind(kind).options, "variant"}
    unknown = sorted(set(config) - allowed)
    if unknown:
        raise ValueError(f"unknown config field {unknown[0]!r} for a {kind.upper()}")
    for key, limit in (("input_size", MAX_INPUT_SIZE), ("hidden_size", MAX_HIDDEN_SIZE),
                       ("num_layers", MAX_LAYERS)):
        value = config.get(key, 1)
        if isinstance(value, int) and value > limit:
            raise ValueError(f"{key} {value} is above the limit {limit}")
    try:
        net = classes[kind](**config)
    except TypeError as exc:
        raise ValueError(f"bad config: {exc}") from None
    arrays = {}
    for key, value in state.items():
        try:
            arrays[key] = np.array(value, dtype=np.float64)
        except (TypeError, ValueError):
            raise ValueError(f"state_dict[{key!r}] is not an array of numbers") from None
        if arrays[key].dtype == object or not np.all(np.isfinite(arrays[key])):
            raise ValueError(f"state_dict[{key!r}] holds non-finite or non-numeric values")
    net.load_state_dict(arrays)
    return net
