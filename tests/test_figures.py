"""Figure builders (gates_lab/figures*.py): plain Plotly dicts in a SpecFigure.

Inspected through ``fig.spec`` (the dicts sent to the browser) or ``view(fig)``, an
unvalidated go.Figure of exactly that spec (attribute access); :func:`valid` runs Plotly's
full validation on the spec first.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest

import gates
from gates_lab.figures import common as C
from gates_lab.figures import over_time as F
from gates_lab.figures import scrubber as S
from gates_lab.figures.fastfig import SpecFigure
from gates_lab.i18n import catalogue

ROOT = Path(__file__).resolve().parents[1]
GATE_RANGE = list(F.GATE_RANGE)
TANH_RANGE = list(F.TANH_RANGE)


def sigmoid(a: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-a))


def xs(length: int, size: int = 2, seed: int = 1) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=(length, size))


def net(kind: str, hidden: int = 3, inputs: int = 2, seed: int = 0, **kw: object):
    cls = {"gru": gates.GRU, "lstm": gates.LSTM, "rnn": gates.RNN}[kind]
    return cls(inputs, hidden, seed=seed, **kw)


def trace(kind: str, length: int = 12, hidden: int = 3, seed: int = 0, **kw: object):
    return net(kind, hidden, seed=seed, **kw).trace(xs(length))


def view(fig: go.Figure) -> go.Figure:
    """The builder's spec as an unvalidated go.Figure (what the browser gets, attribute access)."""
    assert isinstance(fig, SpecFigure)
    assert fig.to_dict() is fig.spec  # Streamlit serialises the spec as it is
    return fig.view()


def valid(fig: go.Figure) -> go.Figure:
    """Full Plotly validation of the spec (frames included), then :func:`view`."""
    assert isinstance(fig, SpecFigure)
    go.Figure(copy.deepcopy(fig.spec))  # raises on any invalid property or value
    return view(fig)


def panel_axes(fig: go.Figure) -> list[str]:
    return sorted({tr.yaxis for tr in fig.data}, key=lambda a: int(a[1:] or 1))


def yaxis(fig: go.Figure, ref: str):
    return fig.layout["yaxis" + ref[1:]]


def num(text: str) -> float:
    return float(re.sub(r"<[^>]+>", "", text).split("=")[-1].replace("−", "-"))


# --------------------------------------------------------------------------------------
# gate panels


@pytest.mark.parametrize("kind", ["gru", "lstm", "rnn"])
def test_gate_panels_one_panel_per_quantity_with_units_coloured_alike(kind: str) -> None:
    tr = trace(kind)
    fig = valid(F.gate_panels(tr))
    titles = [a.text for a in fig.layout.annotations]
    assert titles == [F.quantity_label(kind, name) for name in tr.names]
    assert len(panel_axes(fig)) == len(tr.names)
    for row, name in enumerate(tr.names):
        lines = [d for d in fig.data if d.yaxis == ("y" if row == 0 else f"y{row + 1}")]
        assert len(lines) == 3
        for unit, line in enumerate(lines):
            np.testing.assert_allclose(line.y, tr.get(name)[:, unit], err_msg=f"{name} {unit}")
            assert line.line.color == F.UNIT_COLORS[unit]
            assert line.showlegend is (row == 0)


def test_gate_panels_fixed_ranges_for_gates_and_tanh() -> None:
    fig = view(F.gate_panels(trace("gru")))
    ranges = [list(yaxis(fig, ref).range) for ref in panel_axes(fig)]
    assert ranges == [GATE_RANGE, GATE_RANGE, TANH_RANGE, TANH_RANGE]
    fig = view(F.gate_panels(trace("lstm")))
    ranges = [yaxis(fig, ref).range for ref in panel_axes(fig)]
    assert [list(r) for r in ranges[:4]] == [GATE_RANGE, GATE_RANGE, TANH_RANGE, GATE_RANGE]
    assert list(ranges[5]) == TANH_RANGE


def test_gate_panels_autoscale_when_values_leave_minus_one_one() -> None:
    lstm = net("lstm", 2)
    sd = lstm.state_dict()
    sd["bias_ih_l0"] = np.full_like(sd["bias_ih_l0"], 8.0)  # i, f, g, o ~ 1: c grows by ~1 a step
    lstm.load_state_dict(sd)
    tr = lstm.trace(xs(10))
    assert tr.get("cell").max() > 5
    fig = view(F.gate_panels(tr))
    cell = yaxis(fig, panel_axes(fig)[4])
    assert cell.range is None and cell.autorange is True
    relu = net("rnn", 2, nonlinearity="relu")
    sd = relu.state_dict()
    sd["bias_ih_l0"] = np.array([3.0, 3.0])
    relu.load_state_dict(sd)
    fig = view(F.gate_panels(relu.trace(xs(5))))
    assert [yaxis(fig, r).range for r in panel_axes(fig)] == [None, None]


def test_ghost_drawn_faint_exactly_when_given() -> None:
    now, before = trace("gru", seed=0), trace("gru", seed=5)
    assert not [d for d in view(F.gate_panels(now)).data if d.name == "previous"]
    fig = valid(F.gate_panels(now, ghost=before))
    ghosts = [d for d in fig.data if d.name == "previous"]
    assert len(ghosts) == 4 * 3
    assert all(g.opacity == pytest.approx(0.25) and g.line.dash == "dot" for g in ghosts)
    assert sum(bool(g.showlegend) for g in ghosts) == 1
    update = [g for g in ghosts if g.yaxis == "y2"]
    for unit, g in enumerate(update):
        np.testing.assert_allclose(g.y, before.get("update")[:, unit])
        assert g.line.color == F.UNIT_COLORS[unit]


def test_ghost_is_drawn_only_like_with_like() -> None:
    """A ghost of another length, size or kind (the default run under a preset's) is not
    drawn at all: it would be read as this run's past."""
    now = trace("gru", length=6, hidden=2)
    same = net("gru", 2, seed=4).trace(xs(6))
    assert len([d for d in view(F.gate_panels(now, ghost=same)).data
                if d.name == "previous"]) == 4 * 2
    for other in (net("gru", 3, seed=4).trace(xs(6)),  # wider
                  net("gru", 2, seed=4).trace(xs(9)),  # longer
                  net("gru", 2, seed=4).trace(xs(5)),  # shorter
                  trace("lstm", length=6, hidden=2)):  # another kind
        assert not [d for d in view(F.gate_panels(now, ghost=other)).data
                    if d.name == "previous"]


def test_phase_ghost_only_like_with_like() -> None:
    now = trace("gru", hidden=2)
    assert [d for d in view(F.phase_portrait(now, ghost=trace("gru", hidden=2, seed=3))).data
            if d.name == "previous"]
    longer = trace("gru", hidden=2, seed=3, length=20)
    assert not [d for d in view(F.phase_portrait(now, ghost=longer)).data
                if d.name == "previous"]


def test_tokens_become_tick_labels() -> None:
    fig = view(F.gate_panels(trace("gru", length=5), tokens="hello"))
    assert list(fig.layout.xaxis.ticktext) == list("hello")
    assert list(fig.layout.xaxis.tickvals) == [0, 1, 2, 3, 4]
    fig = view(F.state_heatmap(trace("gru", length=3), tokens=["a", " ", "b"]))
    assert list(fig.layout.xaxis.ticktext) == ["a", "␣", "b"]


def test_textbook_update_shows_one_minus_z() -> None:
    tr = trace("gru")
    fig = view(F.gate_panels(tr, textbook_update=True))
    update = [d for d in fig.data if d.yaxis == "y2"]
    np.testing.assert_allclose(update[0].y, 1 - tr.get("update")[:, 0])
    assert "textbook" in fig.layout.annotations[1].text
    info = F._get_gate_panels_info(tr, textbook_update=True)
    np.testing.assert_allclose(info.panels[1].values, 1 - tr.get("update"))
    np.testing.assert_allclose(info.panels[0].values, tr.get("reset"))


def test_present_mode_and_height() -> None:
    gru, lstm = trace("gru"), trace("lstm")
    plain, big = view(F.gate_panels(gru)), view(F.gate_panels(gru, present=True))
    assert big.layout.font.size == 22 and plain.layout.font.size < 22
    assert {d.line.width for d in big.data} == {4}
    assert big.layout.annotations[0].font.size == 22
    assert view(F.gate_panels(lstm)).layout.height > plain.layout.height


def test_batched_trace_uses_the_chosen_batch_row() -> None:
    x = np.stack([xs(7, seed=1), xs(7, seed=2)], axis=1)  # (L, B, I)
    tr = net("gru").trace(x)
    fig = view(F.gate_panels(tr, batch=1))
    np.testing.assert_allclose(fig.data[0].y, tr.get("reset")[:, 1, 0])


# --------------------------------------------------------------------------------------
# the input panel: the sequence the cell ran on, first, on the gates' time axis


def test_input_is_the_first_panel_one_named_line_per_channel() -> None:
    x = xs(9)
    tr = net("gru").trace(x)
    fig = valid(F.gate_panels(tr, inputs=x))
    inputs = [d for d in fig.data if d.yaxis == "y"]
    assert [d.name for d in inputs] == ["input x₀", "input x₁"]
    for c, line in enumerate(inputs):
        np.testing.assert_array_equal(line.y, x[:, c])  # the values drawn are the input's
        assert list(line.x) == list(range(9)) and line.showlegend
    # The gates follow it, one row down, on the same (shared) time axis.
    assert fig.layout.annotations[0].text == "input xₜ"
    assert [a.text for a in fig.layout.annotations[1:]] == [
        "reset gate r", "update gate z", "candidate n", "hidden state h"]
    np.testing.assert_allclose([d for d in fig.data if d.yaxis == "y2"][0].y,
                               tr.get("reset")[:, 0])
    assert fig.layout.xaxis.matches == "x5" and fig.layout.xaxis5.range == (-0.5, 8.5)
    low, high = fig.layout.yaxis.range  # every input value inside the panel
    assert low < x.min() and high > x.max()
    # Channel colours are not unit colours: x and h never look alike.
    assert not {d.line.color for d in inputs} & set(F.UNIT_COLORS)
    # Without inputs nothing changes: the gates start at the top.
    assert view(F.gate_panels(tr)).layout.annotations[0].text == "reset gate r"


def test_input_panel_of_a_batch_and_of_a_longer_sequence() -> None:
    x = np.stack([xs(7, seed=1), xs(7, seed=2)], axis=1)  # (L, B, I)
    tr = net("gru").trace(x)
    fig = view(F.gate_panels(tr, batch=1, inputs=x))
    np.testing.assert_array_equal(fig.data[1].y, x[:, 1, 1])
    short = net("lstm").trace(xs(4))
    info = F._get_gate_panels_info(short, inputs=xs(10))  # only the traced steps
    assert info.inputs is not None and info.inputs.values.shape == (4, 2)
    flat = F._get_gate_panels_info(short, inputs=np.zeros((4, 2)))
    assert flat.inputs is not None and flat.inputs.y_range[0] < 0 < flat.inputs.y_range[1]


def test_typed_tokens_label_the_input_and_the_time_axis() -> None:
    x = xs(5)
    tr = net("gru").trace(x)
    fig = valid(F.gate_panels(tr, inputs=x, tokens=["h", "i", " ", "y", "o"]))
    text = [d for d in fig.data if d.mode == "text"]
    assert len(text) == 1 and text[0].yaxis == "y"
    assert list(text[0].text) == ["h", "i", "␣", "y", "o"] and list(text[0].x) == [0, 1, 2, 3, 4]
    low, high = fig.layout.yaxis.range  # the labels sit above every input value
    assert x.max() < text[0].y[0] < high
    assert list(fig.layout.xaxis5.ticktext) == ["h", "i", "␣", "y", "o"]
    assert not [d for d in view(F.gate_panels(tr, inputs=x)).data if d.mode == "text"]


def test_channel_names_of_the_gru_latch_say_value_and_write_signal() -> None:
    assert F.channel_names(2, "gru-latch") == ("x₀ value", "x₁ write signal")
    assert F.channel_names(2, "gru-latch", "zh") == ("x₀ 数值", "x₁ 写入信号")
    assert F.channel_names(3, "gru-latch")[2] == "input x₂"  # a channel the preset has not
    assert F.channel_names(2) == ("input x₀", "input x₁")
    assert F.channel_names(1, "rnn-vanish", "zh") == ("输入 x₀",)
    x = xs(6)
    fig = view(F.gate_panels(net("gru").trace(x), inputs=x,
                             channel_names=F.channel_names(2, "gru-latch")))
    assert [d.name for d in fig.data[:2]] == ["x₀ value", "x₁ write signal"]
    assert all(d.showlegend for d in fig.data[:2])


def test_state_heatmap_draws_the_input_first_as_lines() -> None:
    x = xs(8)
    tr = net("lstm", hidden=6).trace(x)
    fig = valid(F.state_heatmap(tr, inputs=x, tokens=list("abcdefgh")))
    lines = [d for d in fig.data if d.type == "scatter" and d.mode != "text"]
    assert [d.yaxis for d in lines] == ["y", "y"]
    np.testing.assert_array_equal(lines[0].y, x[:, 0])
    maps = [d for d in fig.data if d.type == "heatmap"]
    assert [d.yaxis for d in maps] == ["y2", "y3", "y4", "y5", "y6", "y7"]
    np.testing.assert_allclose(maps[0].z, tr.get("input").T)  # units by steps
    assert fig.layout.annotations[0].text == "input xₜ"
    assert fig.layout.xaxis.matches == "x7"


def test_presentation_fits_a_given_height_with_large_type() -> None:
    x = xs(12)
    tr = net("lstm").trace(x)
    fig = view(F.gate_panels(tr, inputs=x, present=True, height=620))
    assert fig.layout.height == 620  # the page's first screen, not 90 + 7 x 230 px
    assert fig.layout.font.size >= 16 and fig.layout.legend.font.size >= 16
    assert all(a.font.size >= 16 for a in fig.layout.annotations)
    # seven panels in 620 px: each ~75 px, too short for three 16+ px tick labels; a fixed
    # range shows only its round ends (0 and 1 for a gate), a self-scaling one at most 3
    for r in [0, 2, 3, 4, 5, 6, 7]:
        axis = fig.layout[f"yaxis{r or ''}"]
        assert (axis.tickvals is not None and len(axis.tickvals) == 2) or axis.nticks == 3
    assert tuple(fig.layout.yaxis2.tickvals) == (0, 1)  # the input gate
    gru = view(F.gate_panels(net("gru").trace(x), inputs=x, present=True, height=620))
    assert all(gru.layout[f"yaxis{r or ''}"].nticks == 3 for r in [0, 2, 3, 4, 5])  # 106 px
    assert view(F.gate_panels(tr, inputs=x, present=True)).layout.yaxis.nticks is None
    # The legend clears the first panel's title (its height in px above the panels).
    m = fig.layout.margin
    assert (fig.layout.legend.y - 1) * (620 - m.t - m.b) >= 1.4 * fig.layout.font.size
    assert view(F.gate_panels(tr, inputs=x, height=10)).layout.height == 90 + 7 * 70
    hm = view(F.state_heatmap(net("gru", hidden=6).trace(x), inputs=x, present=True,
                              height=620))
    assert hm.layout.height == 620 and hm.layout.font.size >= 16


# --------------------------------------------------------------------------------------
# heatmap, phase portrait, saturation


def test_state_heatmap_shapes_and_fixed_colour_ranges() -> None:
    tr = trace("lstm", length=9, hidden=6)
    fig = valid(F.state_heatmap(tr))
    assert len(fig.data) == 6
    for hm, name in zip(fig.data, tr.names, strict=True):
        assert np.asarray(hm.z).shape == (6, 9)
        np.testing.assert_allclose(np.asarray(hm.z), tr.get(name).T)
    assert (fig.data[0].zmin, fig.data[0].zmax) == (0, 1)
    assert (fig.data[2].zmin, fig.data[2].zmax) == (-1, 1)
    only = view(F.state_heatmap(tr, names=["forget", "hidden"]))
    assert [d.name for d in only.data] == [F.quantity_label("lstm", "forget"),
                                           F.quantity_label("lstm", "hidden")]


def test_phase_portrait_only_for_hidden_size_two() -> None:
    tr, old = trace("gru", hidden=2), trace("gru", hidden=2, seed=3)
    fig = valid(F.phase_portrait(tr, ghost=old))
    path = [d for d in fig.data if d.name == "trajectory"][0]
    np.testing.assert_allclose(path.x, tr.get("hidden")[:, 0])
    np.testing.assert_allclose(path.y, tr.get("hidden")[:, 1])
    np.testing.assert_array_equal(path.marker.color, np.arange(12))
    start, end = [d for d in fig.data if d.name in ("start", "end")]
    assert (start.x[0], end.x[0]) == (tr.get("hidden")[0, 0], tr.get("hidden")[-1, 0])
    ghost = [d for d in fig.data if d.name == "previous"]
    assert len(ghost) == 1 and ghost[0].opacity == pytest.approx(0.25)
    assert not [d for d in view(F.phase_portrait(tr)).data if d.name == "previous"]
    for hidden in (1, 3):
        fig = valid(F.phase_portrait(trace("gru", hidden=hidden)))
        assert not fig.data and "2" in fig.layout.annotations[0].text


def test_saturation_shares_on_hand_built_gru() -> None:
    gru = net("gru", 2)
    sd = gru.state_dict()
    bias = np.zeros(6)
    bias[0:2] = -30.0  # reset block: always ~0
    bias[2:4] = 30.0  # update block: always ~1 (the "remember forever" preset)
    sd["bias_ih_l0"] = bias
    gru.load_state_dict(sd)
    rows = F.saturation_info(gru.trace(xs(20)))
    assert rows == [F.SaturationRow("reset", 1.0, 0.0), F.SaturationRow("update", 0.0, 1.0)]
    tr = trace("lstm", length=40)
    rows = F.saturation_info(tr)
    assert [r.name for r in rows] == ["input", "forget", "output"]
    forget = tr.get("forget")
    assert rows[1].low_share == pytest.approx(np.mean(forget < 0.1))
    assert rows[1].high_share == pytest.approx(np.mean(forget > 0.9))


def test_saturation_of_a_plain_rnn_is_its_saturated_tanh() -> None:
    rnn = net("rnn", 2)
    sd = rnn.state_dict()
    sd["bias_ih_l0"] = np.array([10.0, -10.0])
    sd["weight_hh_l0"] = np.zeros((2, 2))
    sd["weight_ih_l0"] = np.zeros((2, 2))
    rnn.load_state_dict(sd)
    assert F.saturation_info(rnn.trace(xs(8))) == [F.SaturationRow("hidden", 0.5, 0.5)]


def test_saturation_bar_stacks_to_one_hundred() -> None:
    info = F.saturation_info(trace("gru", length=30))
    fig = valid(F.saturation_bar(info))
    assert fig.layout.barmode == "stack" and len(fig.data) == 3
    assert all(d.orientation == "h" for d in fig.data)
    total = sum(np.asarray(d.x) for d in fig.data)
    np.testing.assert_allclose(total, 100.0)
    np.testing.assert_allclose(fig.data[2].x, [100 * r.high_share for r in info])


# --------------------------------------------------------------------------------------
# the scrubber


def test_scrubber_one_frame_per_step_with_slider_and_buttons() -> None:
    fig = valid(F.cell_scrubber(trace("gru", length=12), tokens="hello world!"))
    assert len(fig.frames) == 12
    slider = fig.layout.sliders[0]
    assert len(slider.steps) == 12
    assert [s.args[0][0] for s in slider.steps] == [f.name for f in fig.frames]
    assert slider.steps[4].label == "4: o" and slider.steps[5].label == "5: ␣"
    buttons = fig.layout.updatemenus[0].buttons
    play, pause = buttons
    assert play.method == pause.method == "animate"
    assert play.args[0] is None and play.args[1]["frame"] == {"duration": 150, "redraw": False}
    assert list(pause.args[0]) == [None]


def cell_texts(fig: go.Figure):
    """The scrubber's value-cell texts (a text-only scatter)."""
    (cells,) = [d for d in fig.data if d.name == "cells"]
    return cells


def equations(fig: go.Figure):
    """The scrubber's equations trace (a text-only scatter)."""
    (eq,) = [d for d in fig.data if d.name == "equations"]
    assert eq.type == "scatter" and eq.mode == "text"
    return eq


def test_scrubber_frames_change_trace_data_only_so_redraw_false_is_enough() -> None:
    for kind in ("gru", "lstm", "rnn"):
        fig = valid(F.cell_scrubber(trace(kind, length=6)))
        spec = fig.to_dict()
        assert spec["frames"] and all("layout" not in f for f in spec["frames"])
        slider = spec["layout"]["sliders"][0]
        assert all(s["args"][1]["frame"]["redraw"] is False for s in slider["steps"])
        play, pause = spec["layout"]["updatemenus"][0]["buttons"]
        assert play["args"][1]["frame"]["redraw"] is False
        assert pause["args"][1]["frame"]["redraw"] is False
        # nothing in the layout moves: no shapes on the strip chart's x axis
        assert all(sh.get("xref") != "x" for sh in spec["layout"]["shapes"])


def test_scrubber_caps_long_sequences_and_says_so() -> None:
    fig = view(F.cell_scrubber(trace("rnn", length=450)))
    assert len(fig.frames) == S.MAX_FRAMES == len(fig.layout.sliders[0].steps)
    steps = [int(s.label) for s in fig.layout.sliders[0].steps]
    assert steps[0] == 0 and steps[-1] == 449 and steps == sorted(set(steps))
    assert "200" in fig.layout.title.text and "450" in fig.layout.title.text


def test_scrubber_frames_carry_only_what_changes() -> None:
    fig = F.cell_scrubber(trace("lstm", length=5))
    valid(fig)
    spec = fig.spec
    for frame in spec["frames"]:
        n = len(spec["data"])
        cells = [i for i, d in enumerate(spec["data"]) if d.get("fill") == "toself"]
        text = [i for i, d in enumerate(spec["data"]) if d.get("name") == "cells"]
        assert set(frame) == {"name", "traces", "data"}
        assert frame["traces"] == [*text, n - 3, n - 2, n - 1, *cells]
        assert len(frame["data"]) == 4 + len(cells)
        assert set(frame["data"][0]) == {"type", "text", "textfont"}
        assert set(frame["data"][0]["textfont"]) == {"color"}
        assert all(set(d) == {"type", "fillcolor"} for d in frame["data"][4:])
        assert set(frame["data"][1]) == {"type", "x", "y"}  # the strip chart's markers
        assert set(frame["data"][2]) == {"type", "x"}  # the time line
        assert set(frame["data"][3]) == {"type", "text"}  # the equations
        assert spec["data"][n - 1]["name"] == "equations"
        assert spec["data"][n - 2]["name"] == "time"


@pytest.mark.parametrize("kind", ["gru", "lstm", "rnn"])
def test_scrubber_frame_t_shows_the_trace_values_at_t(kind: str) -> None:
    tr = trace(kind, length=7)
    fig = view(F.cell_scrubber(tr, start_step=4))
    cells = cell_texts(fig)
    keys = [a for a in (
        "update reset candidate".split() if kind == "gru" else
        "forget input candidate output".split() if kind == "lstm" else ["preactivation"])]
    for k, frame in enumerate(fig.frames):
        texts = list(frame.data[0].text)
        shown = [num(s) for s in texts]
        for j, name in enumerate(keys):  # the gate boxes come first, three rows each
            np.testing.assert_allclose(shown[3 * j: 3 * j + 3], tr.get(name)[k],
                                       atol=0.005, err_msg=f"{kind} {name} frame {k}")
        assert f"t = {k}" in frame.data[3].text[0]
        marker = frame.data[1]
        np.testing.assert_allclose(marker.y, tr.get("hidden")[k])
        assert list(frame.data[2].x) == [k, k]
    start = fig.frames[4]
    assert list(cells.text) == list(start.data[0].text)  # the figure opens at start_step
    assert fig.layout.sliders[0].active == 4
    assert list(equations(fig).text) == list(start.data[3].text)
    assert list(fig.data[-2].x) == [4, 4]


@pytest.mark.parametrize("kind,kw", [("gru", {}), ("gru", {"reset_after": False}),
                                     ("lstm", {}), ("rnn", {}), ("rnn", {"nonlinearity": "relu"})])
def test_scrubber_info_preactivations_reproduce_the_gates(kind: str, kw: dict) -> None:
    tr = trace(kind, length=6, hidden=5, **kw)
    for t in range(6):
        info = F.scrubber_info(tr, t)
        assert info.units == 4 and info.t == t
        got = {n: np.array(info.pre_x[n]) + np.array(info.pre_h[n]) for n in info.pre_x}
        v = {n: np.array(vals) for n, vals in info.values.items()}
        for n in v:
            np.testing.assert_allclose(v[n], tr.get(n)[t, :4])
        if kind == "gru":
            np.testing.assert_allclose(sigmoid(got["reset"]), v["reset"], atol=1e-12)
            np.testing.assert_allclose(sigmoid(got["update"]), v["update"], atol=1e-12)
            a = np.array(info.pre_x["candidate"])
            b = np.array(info.pre_h["candidate"])
            pre = a + v["reset"] * b if tr.config.reset_after else a + b
            np.testing.assert_allclose(np.tanh(pre), v["candidate"], atol=1e-12)
        elif kind == "lstm":
            for n in ("input", "forget", "output"):
                np.testing.assert_allclose(sigmoid(got[n]), v[n], atol=1e-12, err_msg=n)
            np.testing.assert_allclose(np.tanh(got["candidate"]), v["candidate"], atol=1e-12)
        else:
            np.testing.assert_allclose(got["preactivation"], v["preactivation"], atol=1e-12)
        prev = tr.get("hidden")[t - 1, :4] if t else np.zeros(4)
        np.testing.assert_allclose(info.h_prev, prev)


def test_scrubber_reverse_direction_reads_the_next_row_as_previous_state() -> None:
    tr = net("gru", 2, bidirectional=True).trace(xs(5))
    last = F.scrubber_info(tr, 4, direction=1)
    np.testing.assert_allclose(last.h_prev, [0.0, 0.0])
    mid = F.scrubber_info(tr, 2, direction=1)
    np.testing.assert_allclose(mid.h_prev, tr.get("hidden", 0, 1)[3])
    z = sigmoid(np.array(mid.pre_x["update"]) + np.array(mid.pre_h["update"]))
    np.testing.assert_allclose(z, tr.get("update", 0, 1)[2], atol=1e-12)
    fig = view(F.cell_scrubber(tr, direction=1))
    assert [int(s.label) for s in fig.layout.sliders[0].steps] == [4, 3, 2, 1, 0]


def test_scrubber_equations_follow_reset_variant_and_update_convention() -> None:
    after = F.scrubber_info(trace("gru", reset_after=True), 3)
    before = F.scrubber_info(trace("gru", reset_after=False), 3)
    cand_after, cand_before = after.equations[4], before.equations[4]
    assert cand_after != cand_before
    assert "r<sub>t</sub> ⊙ (W<sub>hn</sub>" in cand_after
    assert "W<sub>hn</sub>(r<sub>t</sub> ⊙ h<sub>t−1</sub>)" in cand_before
    torch_h = after.equations[6]
    book = F.scrubber_info(trace("gru", reset_after=True), 3, textbook_update=True)
    assert book.equations[6] != torch_h
    assert "(1 − z<sub>t</sub>) ⊙ n<sub>t</sub>" in torch_h
    assert "(1 − z<sub>t</sub>) ⊙ h<sub>t−1</sub>" in book.equations[6]
    assert "1 − σ(" in book.equations[2]
    z = after.values["update"][0]
    assert num(book.equations[3]) == pytest.approx(1 - z, abs=0.005)
    assert num(after.equations[7]) == pytest.approx(after.values["hidden"][0], abs=0.005)
    figs = [view(F.cell_scrubber(trace("gru", reset_after=ra))) for ra in (True, False)]
    texts = [{a.text for a in f.layout.annotations} for f in figs]
    assert texts[0] != texts[1]
    assert equations(figs[0]).text[0] != equations(figs[1]).text[0]


def test_scrubber_textbook_flag_swaps_the_update_box() -> None:
    tr = trace("gru", length=4)
    fig = view(F.cell_scrubber(tr, textbook_update=True))
    z_shown = [num(s) for s in fig.frames[2].data[0].text[:3]]
    np.testing.assert_allclose(z_shown, 1 - tr.get("update")[2], atol=0.005)
    notes = " ".join(a.text for a in fig.layout.annotations)
    assert "textbook" in notes and "1−σ" in notes


def test_scrubber_shows_at_most_four_units_and_names_the_lstm_highway() -> None:
    fig = view(F.cell_scrubber(trace("lstm", hidden=6, length=3)))
    texts = list(cell_texts(fig).text)
    assert "g<sub>3</sub> = " in " ".join(texts) and "<sub>4</sub>" not in " ".join(texts)
    notes = " ".join(a.text for a in fig.layout.annotations)
    assert "gradient highway" in notes and "units 0–3 of 6" in equations(fig).text[0]


# --------------------------------------------------------------------------------------
# language, degenerate input, generic charts, style


def test_chinese_labels() -> None:
    tr = trace("gru", hidden=2)
    assert view(F.gate_panels(tr, lang="zh")).layout.annotations[1].text == "更新门 z"
    scr = view(F.cell_scrubber(tr, lang="zh"))
    assert scr.layout.updatemenus[0].buttons[0].label == "▶ 播放"
    assert "单元" in scr.frames[0].data[3].text[0]
    assert view(F.saturation_bar(F.saturation_info(tr), lang="zh")).data[0].name == "低于 0.1"
    rnn_bar = view(F.saturation_bar(F.saturation_info(trace("rnn")), lang="zh"))
    assert list(rnn_bar.data[0].y) == ["饱和的 tanh h"]
    phase = view(F.phase_portrait(trace("gru", hidden=3), lang="zh"))
    assert "相图" in phase.layout.annotations[0].text


@pytest.mark.parametrize("kind", ["gru", "lstm", "rnn"])
def test_single_step_gives_valid_figures(kind: str) -> None:
    tr = net(kind, 1, inputs=1).trace(np.ones((1, 1)))
    valid(F.gate_panels(tr, ghost=tr, tokens="a"))
    valid(F.state_heatmap(tr))
    valid(F.phase_portrait(tr))
    valid(F.saturation_bar(F.saturation_info(tr)))
    fig = valid(F.cell_scrubber(tr, tokens="a"))
    assert len(fig.frames) == 1 and len(fig.layout.sliders[0].steps) == 1
    assert F.scrubber_info(tr, 0).units == 1


def test_empty_inputs_give_valid_empty_figures() -> None:
    for fig in (F.gate_panels(None), F.state_heatmap(None), F.phase_portrait(None),
                F.cell_scrubber(None), F.saturation_bar([]), F.line_chart({}),
                F.heatmap(np.zeros((0, 0)))):
        fig = valid(fig)
        assert not fig.data and fig.layout.annotations[0].text == "No data to show."
    assert F.saturation_info(None) == []


def test_line_chart_and_heatmap() -> None:
    fig = valid(F.line_chart({"a": np.arange(5.0), "b": np.ones((5, 2))}, x=np.arange(5) * 2,
                             title="T", x_title="X", y_title="Y", log_y=True, present=True))
    assert [d.name for d in fig.data] == ["a", "b[0]", "b[1]"]
    assert list(fig.data[0].x) == [0, 2, 4, 6, 8] and fig.layout.yaxis.type == "log"
    assert fig.layout.title.text == "T" and fig.data[0].line.width == 4
    z = np.array([[1e-4, 1e-2], [1.0, 10.0]])
    fig = valid(F.heatmap(z, x=["a", "b"], y=["p", "q"], title="H", colorscale="Viridis",
                          zmin=1e-4, zmax=10.0, log=True))
    np.testing.assert_allclose(fig.data[0].z, np.log10(z))
    assert (fig.data[0].zmin, fig.data[0].zmax) == pytest.approx((-4, 1))
    plain = view(F.heatmap(z, x=None, y=None, title="", colorscale="RdBu", zmin=0, zmax=10))
    np.testing.assert_allclose(plain.data[0].z, z)


def test_style_and_config() -> None:
    fig = F.apply_style(go.Figure(), present=True)
    assert fig.layout.uirevision and fig.layout.font.size == 22
    assert fig.layout.template.layout.plot_bgcolor == go.layout.Template(
        go.Figure(layout={"template": "plotly_white"}).layout.template).layout.plot_bgcolor
    opts = F.PLOTLY_CONFIG["toImageButtonOptions"]
    assert opts["format"] == "png" and opts["scale"] == 2
    assert view(F.cell_scrubber(trace("rnn", length=3))).layout.uirevision


def test_every_figure_string_has_both_languages_and_exists() -> None:
    strings = catalogue()
    for path in ROOT.glob("gates_lab/figures*.py"):
        for key in re.findall(r"""["'](fig\.[a-z_.]+[a-z])["']""", path.read_text()):
            assert key in strings, f"{path.name}: {key}"
    for kind, names in (("gru", gates.GRU(1, 1).trace(np.ones((1, 1))).names),
                        ("lstm", gates.LSTM(1, 1).trace(np.ones((1, 1))).names),
                        ("rnn", gates.RNN(1, 1).trace(np.ones((1, 1))).names)):
        for name in names:
            for lang in ("en", "zh"):
                assert not F.quantity_label(kind, name, lang).startswith("[")
    for key, (en, zh) in strings.items():
        if key.startswith("fig."):
            assert en and zh and en != zh or key in ("fig.sat.tanh_mid",), key


# --------------------------------------------------------------------------------------
# the specs are plain, valid Plotly JSON


def _all_builders(kind: str, present: bool) -> dict[str, go.Figure]:
    tr, old = trace(kind, length=4, hidden=2), trace(kind, length=4, hidden=2, seed=7)
    return {
        "gate_panels": F.gate_panels(tr, ghost=old, tokens="ab c", present=present,
                                     textbook_update=True),
        "state_heatmap": F.state_heatmap(tr, tokens="ab c", present=present),
        "phase_portrait": F.phase_portrait(tr, ghost=old, present=present),
        "phase_portrait_note": F.phase_portrait(trace(kind, hidden=3), present=present),
        "saturation_bar": F.saturation_bar(F.saturation_info(tr), present=present),
        "cell_scrubber": F.cell_scrubber(tr, tokens="ab c", present=present, start_step=2),
        "line_chart": F.line_chart({"a": np.arange(4.0), "b": np.ones((4, 2))},
                                   x=np.arange(4) * 2, title="T", log_y=True, present=present),
        "heatmap": F.heatmap(np.array([[1e-4, 1e-2], [1.0, 10.0]]), x=["a", "b"], y=["p", "q"],
                             colorscale="RdBu_r", zmin=1e-4, zmax=10.0, log=True,
                             present=present),
        "empty": F.empty_figure(present=present),
    }


@pytest.mark.parametrize("kind", ["gru", "lstm", "rnn"])
@pytest.mark.parametrize("present", [False, True])
def test_every_builder_spec_is_valid_plain_plotly_json(kind: str, present: bool) -> None:
    for name, fig in _all_builders(kind, present).items():
        assert isinstance(fig, SpecFigure) and fig.to_dict() is fig.spec, name
        assert not fig.data and not fig.frames, name  # nothing built through go.Figure
        json.dumps(fig.spec, allow_nan=False)  # lists, str, int, float: no numpy, no NaN
        try:
            go.Figure(copy.deepcopy(fig.spec))  # Plotly's full validation
        except ValueError as err:
            pytest.fail(f"{name} ({kind}, present={present}): invalid Plotly\n{err}")
        layout = fig.spec["layout"]
        assert layout["template"] is C.TEMPLATE and layout["uirevision"] == "gates-lab", name
        for trace_ in fig.spec["data"]:
            assert not isinstance(trace_.get("colorscale", []), str), name  # js lacks "RdBu_r"


def test_template_is_plotly_white_in_part() -> None:
    white = go.Figure(layout={"template": "plotly_white"}).layout.template.to_plotly_json()

    def leaves(d: dict, path: tuple = ()) -> list[tuple[tuple, object]]:
        out = []
        for key, value in d.items():
            if isinstance(value, dict):
                out += leaves(value, path + (key,))
            else:
                out.append((path + (key,), value))
        return out

    def lookup(d: object, path: tuple) -> object:
        for key in path:
            d = d[key]
        return d

    found = leaves(C.TEMPLATE["layout"], ("layout",))
    for kind, entries in C.TEMPLATE["data"].items():
        found += leaves(entries[0], ("data", kind, 0))
    assert len(found) > 30
    for path, value in found:
        assert lookup(white, path) == value, path
    for key in ("paper_bgcolor", "plot_bgcolor", "font", "xaxis", "yaxis", "colorway"):
        assert key in C.TEMPLATE["layout"]
    go.layout.Template(C.TEMPLATE)  # valid as a template object


def test_apply_style_and_later_layout_edits_reach_the_spec() -> None:
    fig = F.apply_style(C.LabFigure({"data": [], "layout": {"title": {"text": "T"},
                                                             "legend": {"x": 0.2}}}), True)
    layout = fig.spec["layout"]
    assert layout["font"]["size"] == 22 and layout["title"] == {"text": "T", "font": {"size": 26}}
    assert layout["legend"] == {"x": 0.2, "font": {"size": 21}} and layout["margin"]["t"] == 70
    assert F.apply_style(C.LabFigure({}), False).spec["layout"]["margin"]["t"] == 40
    # pages adjust line charts after building them (learned, challenges pages)
    chart = F.line_chart({"a": np.arange(3.0)}, x_title="X")
    chart.update_layout(height=260, margin_t=33)
    chart.update_xaxes(tickmode="array", tickvals=[0, 1, 2], ticktext=["p", "q", "r"])
    chart.update_yaxes(title_text="Y")
    fig = valid(chart)
    assert fig.layout.height == 260 and fig.layout.margin.t == 33 and fig.layout.margin.l == 70
    assert list(fig.layout.xaxis.ticktext) == ["p", "q", "r"]
    assert fig.layout.xaxis.title.text == "X" and fig.layout.yaxis.title.text == "Y"
    panels = F.gate_panels(trace("gru", length=3)).update_xaxes(ticktext=list("abc"),
                                                               tickvals=[0, 1, 2])
    assert all(list(panels.spec["layout"][f"xaxis{k}"]["ticktext"]) == list("abc")
               for k in ("", "2", "3", "4"))
    assert C.TEMPLATE["layout"]["font"] == {"color": "#2a3f5f"}  # the shared template untouched


def test_scrubber_buttons_sit_below_the_full_width_slider() -> None:
    """At step 0 the Pause button covered the slider's handle: the slider now has the
    whole width on its own row and the buttons are pushed below it."""
    layout = view(F.cell_scrubber(trace("gru", length=8))).layout
    slider, menu = layout.sliders[0], layout.updatemenus[0]
    assert (slider.x, slider.len) == (0.0, 1.0)
    assert menu.y == slider.y and menu.yanchor == slider.yanchor == "top"
    assert menu.pad.t >= 90  # below the slider's rail, ticks and labels
    assert layout.margin.b >= menu.pad.t + 40


@pytest.mark.parametrize("kind", ["gru", "lstm", "rnn"])
def test_scrubber_with_page_controls_has_frames_but_no_controls(kind: str) -> None:
    from gates_lab.figures.scrubber_panel import scrubber_panel

    tr = trace(kind, length=7)
    fig = valid(F.cell_scrubber(tr, page_controls=True))
    spec = fig.to_dict()
    assert "sliders" not in spec["layout"] and "updatemenus" not in spec["layout"]
    assert not any(d.get("name") == "equations" for d in spec["data"])
    assert spec["data"][-1]["name"] == "time"
    for k, frame in enumerate(spec["frames"]):
        assert len(frame["traces"]) == len(frame["data"])
        assert spec["data"][frame["traces"][2]]["name"] == "time"
        assert frame["data"][2]["x"] == [k, k]
    panel = scrubber_panel(tr, unit=1)
    assert len(panel.heads) == len(panel.equations) == 7
    lines = S.scrubber_info(tr, 3, unit=1).equations
    assert panel.equations[3] == tuple((a, b.lstrip("\u00a0"))
                                       for a, b in zip(lines[0::2], lines[1::2], strict=True))
