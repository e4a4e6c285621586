"""The notebook plotting API (gates_lab/plots.py): a trace (or gradients) in, a plain, validated
plotly.graph_objects.Figure out; bad input raises ValueError saying what was expected."""

from __future__ import annotations

import dataclasses

import numpy as np
import plotly.graph_objects as go
import pytest

import gates
import gates_lab.plots as lp
from gates_lab.i18n import t

X = np.sin(np.arange(20) / 3)[:, None]


def trace(kind: str = "gru", hidden: int = 2, **kw):
    return getattr(gates, kind.upper())(1, hidden, seed=0, **kw).trace(X)


def plain(fig) -> None:
    """An ordinary go.Figure whose traces live in fig.data (what notebooks display)."""
    assert type(fig) is go.Figure
    assert fig.data
    go.Figure(fig.to_dict())  # validates again
    assert "application/vnd.plotly.v1+json" in fig._repr_mimebundle_(
        include=None, exclude=None) or fig.to_html(include_plotlyjs=False)


@pytest.mark.parametrize("kind", ["rnn", "gru", "lstm"])
def test_gates_over_time_one_panel_per_quantity(kind):
    tr = trace(kind)
    fig = lp.gates_over_time(tr)
    plain(fig)
    lines = [d for d in fig.data if d.type == "scatter"]
    assert len(lines) == len(tr.names) * 2  # two units
    hidden = [d for d in lines if d.yaxis == f"y{len(tr.names)}"]
    np.testing.assert_allclose(hidden[1].y, tr.get("hidden")[:, 1])


def test_gates_over_time_heatmaps_above_four_units_and_tokens():
    tr = trace("lstm", hidden=6)
    fig = lp.gates_over_time(tr, tokens="abcdefghijklmnopqrst")
    plain(fig)
    assert {d.type for d in fig.data} == {"heatmap"} and len(fig.data) == 6
    assert list(fig.layout.xaxis6.ticktext)[:3] == ["a", "b", "c"]
    assert lp.gates_over_time(tr, heatmap=False).data[0].type == "scatter"


def test_scrubber_has_frames_slider_and_play_in_chinese():
    tr = trace("gru")
    fig = lp.scrubber(tr, step=7, lang="zh")
    plain(fig)
    assert len(fig.frames) == 20
    assert fig.layout.sliders[0].active == 7
    assert [b.label for b in fig.layout.updatemenus[0].buttons] == [
        t("fig.scr.play", "zh"), t("fig.scr.pause", "zh")]


def test_phase_portrait_follows_the_hidden_state():
    tr = trace("gru")
    fig = lp.phase_portrait(tr)
    plain(fig)
    path = next(d for d in fig.data if d.mode == "lines+markers")
    np.testing.assert_allclose(np.c_[path.x, path.y], tr.get("hidden"))


def test_gradient_norms_per_layer_and_direction():
    net = gates.LSTM(1, 3, num_layers=2, bidirectional=True, seed=0)
    tr = net.trace(np.stack([X, X * 0.5], axis=1))  # (L, B=2, 1)
    g = gates.backward(tr, np.ones_like(tr.output))
    fig = lp.gradient_norms(g, batch=1)
    plain(fig)
    assert len(fig.data) == 8  # h and c, 2 layers x 2 directions
    np.testing.assert_allclose(fig.data[0].y, np.linalg.norm(g.hidden(0, 0)[:, 1], axis=1))
    np.testing.assert_allclose(fig.data[1].y, np.linalg.norm(g.cell(0, 0)[:, 1], axis=1))
    assert fig.layout.yaxis.type == "log"


def test_figures_are_independent_and_editable():
    tr = trace("gru")
    a, b = lp.scrubber(tr), lp.scrubber(tr)
    a.update_layout(title_text="mine")
    assert b.layout.title.text != "mine"


# -------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("call,expected", [
    (lambda tr, g: lp.gates_over_time(g), "expected a gates.Trace"),
    (lambda tr, g: lp.scrubber(gates.GRU(1, 2, seed=0)(X)), "what net(x) returns"),
    (lambda tr, g: lp.phase_portrait(tr.output), "numpy array of shape (20, 2)"),
    (lambda tr, g: lp.gradient_norms(tr), "expected the gates.Gradients"),
    (lambda tr, g: lp.phase_portrait(trace("lstm", hidden=3)), "expected a trace with hidden_size 2"),
    (lambda tr, g: lp.gates_over_time(tr, layer=1), "layer"),
    (lambda tr, g: lp.gates_over_time(tr, direction=1), "direction"),
    (lambda tr, g: lp.gates_over_time(tr, batch=1), "batch: expected an integer in 0..0"),
    (lambda tr, g: lp.gradient_norms(g, batch=2), "batch: expected an integer in 0..0"),
    (lambda tr, g: lp.scrubber(tr, step=20), "step: expected an integer in 0..19"),
    (lambda tr, g: lp.scrubber(tr, unit=2), "unit: expected an integer in 0..1"),
    (lambda tr, g: lp.gates_over_time(tr, tokens="abc"), "expected 20 labels"),
    (lambda tr, g: lp.gates_over_time(tr, lang="fr"), "lang: expected one of"),
])
def test_bad_input_says_what_was_expected(call, expected):
    tr = trace("gru")
    g = gates.backward(tr, np.ones_like(tr.output))
    with pytest.raises(ValueError) as exc:
        call(tr, g)
    assert expected in str(exc.value)


def test_a_trace_with_arrays_that_do_not_fit_its_config():
    tr = trace("gru")
    record = tr.records[(0, 0)]
    gates_ = dict(record.gates, update=record.gates["update"][:, :, :1])
    broken = dataclasses.replace(tr, records={(0, 0): dataclasses.replace(record, gates=gates_)})
    with pytest.raises(ValueError) as exc:
        lp.gates_over_time(broken)
    assert "'update' has shape (20, 1, 1); expected (20, 1, 2)" in str(exc.value)
    missing = dict(record.gates)
    del missing["reset"]
    broken = dataclasses.replace(tr, records={(0, 0): dataclasses.replace(record, gates=missing)})
    with pytest.raises(ValueError, match="has no 'reset'"):
        lp.scrubber(broken)
    wrong_kind = dataclasses.replace(tr, kind="transformer")
    with pytest.raises(ValueError, match="expected a trace of kind 'rnn', 'gru' or 'lstm'"):
        lp.phase_portrait(wrong_kind)
