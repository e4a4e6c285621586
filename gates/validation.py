"""Argument checks. Each raises ValueError saying what was expected and what was given.

Nothing here broadcasts or guesses: an array either has exactly the expected shape or
is rejected.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from numpy.typing import NDArray

from gates.config import NetConfig
from gates.kinds import get_kind

Array = NDArray[np.float64]

NONLINEARITIES = ("tanh", "relu")


def check_size(value: Any, what: str) -> int:
    """An integer >= 1 (bools are not sizes)."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise ValueError(f"{what}: expected an integer >= 1, given {value!r}")
    return int(value)


def check_nonlinearity(value: Any) -> str:
    if value not in NONLINEARITIES:
        raise ValueError(f"nonlinearity: expected 'tanh' or 'relu', given {value!r}")
    return str(value)


def as_float_array(value: Any, what: str) -> Array:
    """A float64 NumPy array from an array-like or a (CPU) torch tensor; must be finite."""
    if hasattr(value, "detach"):  # a torch tensor, converted without importing torch
        value = np.asarray(value.detach().cpu().numpy())
    try:
        arr = np.asarray(value)
    except ValueError as err:  # ragged nested lists
        raise ValueError(f"{what}: expected a rectangular array of numbers, given {err}") from None
    if arr.dtype.kind not in "biuf":
        raise ValueError(f"{what}: expected real numbers, given dtype {arr.dtype}")
    arr = arr.astype(np.float64)
    check_finite(arr, what)
    return arr


def check_finite(arr: Array, what: str) -> None:
    bad = ~np.isfinite(arr)
    if bad.any():
        where = tuple(int(i) for i in np.argwhere(bad)[0])
        raise ValueError(
            f"{what}: expected finite values, given {arr[where]} at index {where}"
        )


def check_input(x: Any, config: NetConfig) -> tuple[Array, bool]:
    """The user's x as a time-major (L, B, input_size) array, and whether it was batched."""
    arr = as_float_array(x, "x")
    layout = "(batch, seq_len, input_size)" if config.batch_first else "(seq_len, batch, input_size)"
    if arr.ndim not in (2, 3):
        raise ValueError(
            f"x: expected a 3-D {layout} or 2-D (seq_len, input_size) array, "
            f"given {arr.ndim}-D shape {arr.shape}"
        )
    batched = arr.ndim == 3
    if arr.shape[-1] != config.input_size:
        raise ValueError(
            f"x: expected last dimension input_size={config.input_size}, given shape {arr.shape}"
        )
    if batched:
        arr = arr.transpose(1, 0, 2) if config.batch_first else arr
    else:
        arr = arr[:, None, :]
    if arr.shape[0] == 0:
        raise ValueError(f"x: expected a sequence of length >= 1, given shape {np.shape(x)}")
    if arr.shape[1] == 0:
        raise ValueError(f"x: expected a batch of size >= 1, given shape {np.shape(x)}")
    return np.ascontiguousarray(arr), batched


def check_state(
    value: Any, what: str, config: NetConfig, batch: int, batched: bool
) -> Array:
    """An initial state as internal (num_layers*D, B, H)."""
    arr = as_float_array(value, what)
    stack = config.num_layers * config.num_directions
    if batched:
        expected: tuple[int, ...] = (stack, batch, config.hidden_size)
        label = "(num_layers*D, batch, hidden_size)"
    else:
        expected = (stack, config.hidden_size)
        label = "(num_layers*D, hidden_size) for unbatched x"
    if arr.shape != expected:
        raise ValueError(f"{what}: expected shape {expected} {label}, given {arr.shape}")
    return arr if batched else arr[:, None, :]


def check_hx(
    hx: Any, kind: str, config: NetConfig, batch: int, batched: bool
) -> tuple[Array, Array | None]:
    """(h0, c0) as internal (num_layers*D, B, H) arrays; zeros where hx is None."""
    stack = config.num_layers * config.num_directions
    zeros = np.zeros((stack, batch, config.hidden_size))
    has_cell = get_kind(kind, config.variant).has_cell
    if hx is None:
        return zeros, (zeros.copy() if has_cell else None)
    if has_cell:
        if not isinstance(hx, tuple | list) or len(hx) != 2:
            raise ValueError(
                f"hx: expected a tuple (h_0, c_0) for an {kind.upper()}, given {type(hx).__name__}"
            )
        h0 = check_state(hx[0], "hx[0] (h_0)", config, batch, batched)
        c0 = check_state(hx[1], "hx[1] (c_0)", config, batch, batched)
        return h0, c0
    if isinstance(hx, tuple | list):
        raise ValueError(
            f"hx: expected one array h_0 for a {kind.upper()}, given a {type(hx).__name__}"
        )
    return check_state(hx, "hx", config, batch, batched), None


def check_state_dict(
    sd: Any, expected: Mapping[str, tuple[int, ...]]
) -> dict[str, Array]:
    """Converted copies of every expected key; missing, extra or mis-shaped keys raise."""
    if not isinstance(sd, Mapping):
        raise ValueError(f"state_dict: expected a mapping of names to arrays, given {type(sd).__name__}")
    missing = [k for k in expected if k not in sd]
    if missing:
        listed = ", ".join(f"{k!r} (expected shape {expected[k]})" for k in missing)
        raise ValueError(f"state_dict: missing key(s) {listed}")
    extra = [k for k in sd if k not in expected]
    if extra:
        raise ValueError(
            f"state_dict: unexpected key(s) {', '.join(repr(k) for k in extra)}; "
            f"expected only {list(expected)}"
        )
    out: dict[str, Array] = {}
    for key, shape in expected.items():
        arr = as_float_array(sd[key], f"state_dict[{key!r}]")
        if arr.shape != shape:
            raise ValueError(
                f"state_dict[{key!r}]: expected shape {shape}, given {arr.shape}"
            )
        out[key] = arr
    return out


def check_gate_name(name: Any, names: tuple[str, ...]) -> None:
    if name not in names:
        raise ValueError(f"name: expected one of {names}, given {name!r}")


def check_layer_direction(layer: Any, direction: Any, config: NetConfig) -> None:
    if (
        isinstance(layer, bool)
        or not isinstance(layer, int | np.integer)
        or not 0 <= layer < config.num_layers
    ):
        raise ValueError(
            f"layer: expected an integer in 0..{config.num_layers - 1}, given {layer!r}"
        )
    allowed = (0, 1) if config.bidirectional else (0,)
    if isinstance(direction, bool) or not isinstance(direction, int | np.integer) or (
        direction not in allowed
    ):
        extra = "" if config.bidirectional else " (the network is not bidirectional)"
        raise ValueError(
            f"direction: expected one of {allowed}{extra}, given {direction!r}"
        )
