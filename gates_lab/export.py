"""Downloads: a trace as CSV (one row per time step, one column per recorded value)."""

from __future__ import annotations

import csv
import io
from typing import Any

import numpy as np


def trace_csv(trace: Any, x: np.ndarray, tokens: list[str] | None = None) -> str:
    """CSV text of every recorded quantity of layer 0, direction 0 (first batch item).

    Columns: t, token (for text input), x0.., then ``<name>_<unit>`` per quantity.
    """
    x = np.asarray(x)
    x = x.reshape(x.shape[0], -1)
    blocks = {name: np.asarray(trace.get(name)) for name in trace.names}
    header = ["t"] + (["token"] if tokens else []) + [f"x{c}" for c in range(x.shape[1])]
    for name, values in blocks.items():
        units = values.shape[-1]
        header += [f"{name}_{u}" for u in range(units)]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for t in range(x.shape[0]):
        row: list[Any] = [t] + ([tokens[t]] if tokens else []) + [repr(float(v)) for v in x[t]]
        for values in blocks.values():
            step = values[t].reshape(-1, values.shape[-1])[0]
            row += [repr(float(v)) for v in step]
        writer.writerow(row)
    return out.getvalue()
