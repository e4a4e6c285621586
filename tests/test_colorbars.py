"""Every heatmap carries a colour bar that reads itself (issue 19): what the colour
measures, and what its ends mean (a gate 0 shut .. 1 open, h -1 .. +1, a gradient in
powers of ten). Figure builders only; no Streamlit."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

import gates
from gates_lab.figures import analysis as A
from gates_lab.figures import over_time as F
from gates_lab.figures.charts import heatmap
from gates_lab.i18n import t


def _trace(kind: str, hidden: int = 6, length: int = 15):
    net = {"gru": gates.GRU, "lstm": gates.LSTM, "rnn": gates.RNN}[kind](1, hidden, seed=0)
    return net.trace(np.random.default_rng(0).normal(size=(length, 1)))


def _heatmaps(fig) -> list[dict]:
    spec = fig.spec if hasattr(fig, "spec") else fig.to_plotly_json()
    return [d for d in spec["data"] if d.get("type") == "heatmap"]


@pytest.mark.parametrize("kind", ["gru", "lstm", "rnn"])
def test_side_by_side_heatmaps_each_have_a_colour_bar_beside_their_row(kind: str) -> None:
    """Compare's and Stacked & bidirectional's rows (analysis.gate_heatmaps)."""
    tr = _trace(kind)
    fig = A.gate_heatmaps(tr, lang="en")
    go.Figure(fig)  # valid
    maps = _heatmaps(fig)
    assert len(maps) == len(tr.names)
    layout = fig.to_plotly_json()["layout"]
    for row, (name, hm) in enumerate(zip(tr.names, maps, strict=True)):
        assert hm.get("showscale") is not False, name
        bar = hm["colorbar"]
        axis = layout["yaxis" if row == 0 else f"yaxis{row + 1}"]
        lo, hi = axis["domain"]
        assert bar["y"] == pytest.approx((lo + hi) / 2)  # beside its own row
        if name in gates.kinds.SIGMOID_GATES:
            assert list(bar["ticktext"]) == ["0 shut", "0.5", "1 open"]
            assert list(bar["tickvals"]) == [0.0, 0.5, 1.0]
        elif (hm["zmin"], hm["zmax"]) == (-1.0, 1.0):
            assert list(bar["ticktext"]) == ["−1", "0", "+1"]
    if kind != "rnn":  # the plain RNN has no gate
        zh = _heatmaps(A.gate_heatmaps(tr, lang="zh"))
        gate = next(i for i, n in enumerate(tr.names) if n in gates.kinds.SIGMOID_GATES)
        assert zh[gate]["colorbar"]["ticktext"][-1] == t("fig.cbar.open", "zh") != "1 open"


def test_cell_page_heatmaps_have_titled_colour_bars() -> None:
    """The cell pages above 4 units (over_time.state_heatmap): a titled bar per panel."""
    tr = _trace("lstm", hidden=8)
    fig = F.state_heatmap(tr, lang="en")
    go.Figure(fig.spec)
    maps = _heatmaps(fig)
    assert len(maps) == len(tr.names)
    for name, hm in zip(tr.names, maps, strict=True):
        title = hm["colorbar"]["title"]["text"]
        gate = name in gates.kinds.SIGMOID_GATES
        assert title == ("gate, 0–1" if gate else "value"), name
    zh = _heatmaps(F.state_heatmap(tr, lang="zh"))
    assert zh[0]["colorbar"]["title"]["text"] == t("fig.cbar.gate", "zh")


def test_gradient_heatmap_bar_reads_in_powers_of_ten() -> None:
    dh = np.array([[1.0, 1e-3], [1e-10, 1e-20], [1e-25, 1e-5]])
    fig = A.unit_heatmap(dh, colorbar_title="|∂L/∂h_t|")
    bar = _heatmaps(fig)[0]["colorbar"]
    assert bar["title"]["text"] == "|∂L/∂h_t|"
    texts = list(bar["ticktext"])
    assert texts[-1] == "1" and "10⁻²⁰" in texts
    assert [10.0 ** v for v in bar["tickvals"]] == pytest.approx(
        [float(s.replace("10", "1e").translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")))
         if s != "1" else 1.0 for s in texts])


def test_generic_heatmap_takes_a_colour_bar_title() -> None:
    bar = _heatmaps(heatmap(np.ones((2, 2)), colorbar_title="µs"))[0]["colorbar"]
    assert bar["title"]["text"] == "µs"
