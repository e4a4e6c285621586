"""The lab's charts in a notebook (Jupyter, Colab, VS Code): trace in, Plotly figure out.

```python
import gates, gates_lab.plots as lp
tr = gates.GRU(1, 2, seed=0).trace(x)
lp.gates_over_time(tr)      # every gate, one panel each (heatmaps above 4 units)
lp.scrubber(tr)             # the cell diagram at step t, with Play and a step slider
lp.phase_portrait(tr)       # h0 against h1 (hidden size 2)
lp.gradient_norms(gates.backward(tr, grad_output))
```

The app's builders return light dict-backed figures tuned for Streamlit's rerun loop
(gates_lab/figures/fastfig.py); here each becomes an ordinary, validated ``plotly.graph_objects.Figure``,
which every notebook front end displays and which can be edited (``fig.update_layout``)
and saved (``fig.write_html``). Arguments are checked first: a wrong object, a trace
whose arrays do not fit its config, a layer, direction, batch row or token list that
does not exist raise ValueError saying what was expected.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go

from gates.backward import Gradients
from gates.kinds import NAMES
from gates.trace import Trace
from gates.validation import check_layer_direction
from gates_lab.figures import over_time
from gates_lab.figures import scrubber as scrubber_fig
from gates_lab.figures.analysis import Curve, log_curves
from gates_lab.figures.common import HEATMAP_ABOVE, UNIT_COLORS
from gates_lab.figures.fastfig import SpecFigure
from gates_lab.i18n import LANGUAGES, t

__all__ = ["gates_over_time", "gradient_norms", "phase_portrait", "scrubber"]



def gates_over_time(trace: Trace, *, layer: int = 0, direction: int = 0, batch: int = 0,
                    tokens: Sequence[str] | str | None = None, heatmap: bool | None = None,
                    textbook_update: bool = False, lang: str = "en") -> go.Figure:
    """Every recorded quantity over time, one panel each, one line per hidden unit.

    ``heatmap``: units by time as heatmaps (default: when hidden_size > 4). ``tokens``:
    one tick label per step (a string gives one character per step). ``textbook_update``
    shows a GRU's 1 - z as the textbook's z.
    """
    _check_trace(trace, layer, direction, batch, tokens, lang, "gates_over_time")
    if heatmap is None:
        heatmap = trace.config.hidden_size > HEATMAP_ABOVE
    if heatmap:
        fig = over_time.state_heatmap(trace, layer=layer, direction=direction, batch=batch,
                                    tokens=tokens, lang=lang)
    else:
        fig = over_time.gate_panels(trace, layer=layer, direction=direction, batch=batch,
                                  tokens=tokens, lang=lang, textbook_update=textbook_update)
    return _figure(fig)


def scrubber(trace: Trace, *, layer: int = 0, direction: int = 0, batch: int = 0,
             step: int = 0, unit: int = 0, tokens: Sequence[str] | str | None = None,
             textbook_update: bool = False, lang: str = "en") -> go.Figure:
    """The cell diagram with the values of step t and that step's equations (unit
    ``unit``), a step slider and Play / Pause, all animated in the notebook itself."""
    _check_trace(trace, layer, direction, batch, tokens, lang, "scrubber")
    length = trace.records[(layer, direction)].gates["hidden"].shape[0]
    _check_index(step, length, "step", "the time steps")
    _check_index(unit, trace.config.hidden_size, "unit", "the hidden units")
    return _figure(scrubber_fig.cell_scrubber(
        trace, layer=layer, direction=direction, batch=batch, start_step=step, unit=unit,
        tokens=tokens, lang=lang, textbook_update=textbook_update))


def phase_portrait(trace: Trace, *, layer: int = 0, direction: int = 0, batch: int = 0,
                   lang: str = "en") -> go.Figure:
    """The hidden state's path, h0 against h1, coloured by time (hidden size 2 only)."""
    _check_trace(trace, layer, direction, batch, None, lang, "phase_portrait")
    if trace.config.hidden_size != 2:
        raise ValueError(f"phase_portrait: expected a trace with hidden_size 2 (h0 against "
                         f"h1), given hidden_size {trace.config.hidden_size}; "
                         "gates_over_time shows any size")
    return _figure(over_time.phase_portrait(trace, layer=layer, direction=direction,
                                          batch=batch, lang=lang))


def gradient_norms(grads: Gradients, *, batch: int = 0, lang: str = "en") -> go.Figure:
    """‖dL/dh_t‖ per step on a log axis, one line per layer and direction (an LSTM's
    ‖dL/dc_t‖ dashed beside it): how far back the loss still reaches."""
    if not isinstance(grads, Gradients):
        hint = " (from net.trace); pass gates.backward(trace, grad_output)" \
            if isinstance(grads, Trace) else ""
        raise ValueError("gradient_norms: expected the gates.Gradients that gates.backward "
                         f"returns, given {_what(grads)}{hint}")
    _check_lang(lang, "gradient_norms")
    rows = next(iter(grads.dh.values())).shape[1]
    _check_index(batch, rows, "batch", "the batch rows" if grads.batched else
                 "the single sequence (unbatched)")
    colours = UNIT_COLORS
    curves = []
    for i, (layer, direction) in enumerate(sorted(grads.dh)):
        where = t("nb.layer", lang, layer=layer)
        if grads.num_directions == 2:
            where += " " + t(f"nb.direction.{direction}", lang)
        colour = colours[i % len(colours)]
        dh = grads.dh[(layer, direction)][:, batch, :]
        curves.append(Curve(f"‖∂L/∂h_t‖ {where}", np.linalg.norm(dh, axis=1), colour))
        if grads.dc is not None:
            dc = grads.dc[(layer, direction)][:, batch, :]
            curves.append(Curve(f"‖∂L/∂c_t‖ {where}", np.linalg.norm(dc, axis=1), colour,
                                "dash"))
    return _figure(log_curves(curves, title=t("nb.grad_title", lang),
                              x_title=t("grad.step", lang), y_title="‖·‖", lang=lang))


# ------------------------------------------------------------------------------ checks


def _what(obj: Any) -> str:
    if isinstance(obj, tuple):
        return "a tuple (what net(x) returns)"
    if isinstance(obj, np.ndarray):
        return f"a numpy array of shape {obj.shape}"
    return f"a {type(obj).__module__}.{type(obj).__qualname__}"


def _check_lang(lang: Any, fn: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"{fn}: lang: expected one of {LANGUAGES}, given {lang!r}")


def _check_index(value: Any, size: int, what: str, of: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) \
            or not 0 <= value < size:
        raise ValueError(f"{what}: expected an integer in 0..{size - 1} ({of}), given "
                         f"{value!r}")


def _check_trace(trace: Any, layer: int, direction: int, batch: int,
                 tokens: Sequence[str] | str | None, lang: str, fn: str) -> None:
    """A real gates.Trace whose recorded arrays fit its own config; valid indices."""
    if not isinstance(trace, Trace):
        hint = "; use gradient_norms for gradients" if isinstance(trace, Gradients) else ""
        raise ValueError(f"{fn}: expected a gates.Trace (tr = net.trace(x)), given "
                         f"{_what(trace)}{hint}")
    if trace.kind not in NAMES:
        raise ValueError(f"{fn}: expected a trace of kind 'rnn', 'gru' or 'lstm', given "
                         f"{trace.kind!r}")
    _check_lang(lang, fn)
    check_layer_direction(layer, direction, trace.config)
    record = trace.records.get((layer, direction))
    if record is None:
        raise ValueError(f"{fn}: the trace has no record of layer {layer}, direction "
                         f"{direction}")
    hidden = trace.config.hidden_size
    shape: tuple[int, ...] | None = None
    for name in trace.names:
        values = record.gates.get(name)
        if values is None:
            raise ValueError(f"{fn}: expected the {trace.kind.upper()} quantities "
                             f"{trace.names}, the trace has no {name!r}")
        got = np.shape(values)
        if len(got) != 3 or got[2] != hidden or got[0] < 1 or (shape and got != shape):
            want = f"(L, B, {hidden})" if shape is None else str(shape)
            raise ValueError(f"{fn}: {name!r} has shape {got}; expected {want} like every "
                             f"quantity of this trace (hidden_size {hidden})")
        shape = got
    assert shape is not None
    _check_index(batch, shape[1], "batch", "the batch rows" if trace.batched
                 else "the single sequence (unbatched)")
    if tokens is not None:
        if isinstance(tokens, str | bytes) or not isinstance(tokens, Sequence):
            tokens = list(str(tokens))
        if len(tokens) != shape[0]:
            raise ValueError(f"tokens: expected {shape[0]} labels (one per time step), given "
                             f"{len(tokens)}")


def _figure(fig: go.Figure) -> go.Figure:
    """A plain, validated go.Figure (what notebooks display and users edit)."""
    if isinstance(fig, SpecFigure):
        return go.Figure(copy.deepcopy(fig.spec))
    return go.Figure(fig)
