"""One input point at many values, in one batched pass: the frames of an input editor.

Changing x_t of a sequence changes nothing before step t. So the network runs once over
x[:t], and from its final state the B copies of x[t:] (identical but for x[t, channel],
which takes each of ``values``) run as one batch of B. The result is an ordinary batched
:class:`~gates.trace.Trace` of the steps t..L-1 whose batch index b is value b: the same
numbers, to rounding, as B ordinary runs of the whole sequence (tests/test_input_sweep.py).

Only the network's public calls are used (``net(x)`` for the state, ``net.trace`` with a
batched x and hx), so every cell kind of gates.kinds runs here as it runs anywhere.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from gates.trace import Trace

Array = NDArray[np.float64]

__all__ = ["input_sweep"]


def _batched(state: Any, batch: int) -> Any:
    """An unbatched state ((layers*D, H), or a tuple of them) repeated for a batch."""
    if isinstance(state, tuple):
        return tuple(_batched(s, batch) for s in state)
    return np.repeat(np.asarray(state, dtype=np.float64)[:, None, :], batch, axis=1)


def input_sweep(net: Any, x: Any, t: int, channel: int, values: Any) -> Trace:
    """Trace steps ``t..L-1`` of ``net`` on ``len(values)`` copies of ``x`` that differ only
    at ``x[t, channel]``, which is ``values[b]`` in copy b.

    Args:
        net: a unidirectional network (a later point changes nothing earlier only when the
            network reads the sequence forwards).
        x: (L, input_size), unbatched (batch_first makes no difference unbatched).
        t: the step edited, 0 <= t < L.
        channel: the input channel edited, 0 <= channel < input_size.
        values: (B,) finite values for that point.

    Returns:
        A batched Trace of length L - t and batch B: ``tr.get(name)[s, b]`` is step t + s
        of the ordinary run of x with x[t, channel] = values[b].
    """
    if net.bidirectional:
        raise ValueError("input_sweep: a bidirectional network reads x backwards too, so a "
                         "point changes every step; run the whole sequence instead")
    xs = np.asarray(x, dtype=np.float64)
    if xs.ndim != 2 or xs.shape[1] != net.input_size:
        raise ValueError(f"x: expected one unbatched sequence (seq_len, {net.input_size}), "
                         f"given shape {xs.shape}")
    length = xs.shape[0]
    if not (isinstance(t, int | np.integer) and 0 <= t < length):
        raise ValueError(f"t: expected a step from 0 to {length - 1}, given {t!r}")
    if not (isinstance(channel, int | np.integer) and 0 <= channel < net.input_size):
        raise ValueError(f"channel: expected 0 to {net.input_size - 1}, given {channel!r}")
    grid = np.asarray(values, dtype=np.float64)
    if grid.ndim != 1 or grid.size == 0 or not np.all(np.isfinite(grid)):
        raise ValueError(f"values: expected a non-empty 1-D array of finite numbers, "
                         f"given shape {grid.shape}")
    batch = grid.size
    hx = None
    if t > 0:
        _, state = net(xs[:t])
        hx = _batched(state, batch)
    tail = np.repeat(xs[t:, None, :], batch, axis=1)  # (L - t, B, I)
    tail[0, :, channel] = grid
    if net.batch_first:
        tail = tail.transpose(1, 0, 2)
    trace: Trace = net.trace(tail, hx)
    return trace
