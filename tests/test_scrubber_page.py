"""AppTest of the scrubber tab: the figure without Plotly controls, the page's controls
with one heading and one block of equations per frame, and the unit picker."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

from gates_lab.figures.scrubber_info import _num

ROOT = Path(__file__).resolve().parents[1]


def _open(query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "gru.py"), default_timeout=60)
    for key, value in {"plot": "scrubber", **query}.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _controls(at: AppTest) -> dict:
    (component,) = at.get("bidi_component")
    return json.loads(component.proto.json)


def _figure(at: AppTest) -> dict:
    (chart,) = [c for c in at.get("plotly_chart")]
    return json.loads(chart.proto.spec)


def test_the_page_draws_the_controls_and_the_figure_has_none() -> None:
    at = _open({"H": "3", "L": "12"})
    fig, data = _figure(at), _controls(at)
    assert "sliders" not in fig["layout"] and "updatemenus" not in fig["layout"]
    assert not any(d.get("name") == "equations" for d in fig["data"])
    assert len(fig["frames"]) == len(data["heads"]) == len(data["equations"]) == 12
    assert data["chart"] == "gru-chart-scrubber" and data["start"] == 0
    assert data["heads"][5] == "Step t = 5"
    assert "PyTorch" in data["note"]
    # every frame names its own step and changes the time line and the value cells only
    for k, frame in enumerate(fig["frames"]):
        assert frame["name"] == str(k)
        assert {"type": "scatter", "x": [k, k]} in frame["data"]


def test_the_unit_picker_shows_that_units_numbers() -> None:
    at = _open({"H": "3", "L": "12"})
    trace = at.session_state["gru.last"][1]
    h = trace.get("hidden")
    z = trace.get("update")
    eq = _controls(at)["equations"][5]
    assert f"<b>{_num(h[5, 0])}</b>" in eq and f"<b>{_num(z[5, 0])}</b>" in eq
    assert f"<b>{_num(h[5, 2])}</b>" not in eq or np.isclose(h[5, 0], h[5, 2], atol=5e-3)
    radio = next(r for r in at.radio if r.key.endswith("view.unit"))
    assert radio.options == ["0", "1", "2"]
    radio.set_value(2).run()
    assert not at.exception
    eq = _controls(at)["equations"][5]
    assert f"<b>{_num(h[5, 2])}</b>" in eq and f"<b>{_num(z[5, 2])}</b>" in eq
    assert at.query_params["u"] in ("2", ["2"])
    assert "unit 2" in _controls(at)["unit"]


def test_a_link_opens_on_the_unit_it_names_and_in_chinese() -> None:
    at = _open({"H": "4", "u": "3", "lang": "zh"})
    data = _controls(at)
    assert "单元 3" in data["unit"] and data["heads"][0] == "第 t = 0 步"
    assert data["play"] == "▶ 播放"


def test_hidden_size_one_has_no_picker() -> None:
    at = _open({"H": "1"})
    assert not [r for r in at.radio if r.key.endswith("view.unit")]
    assert _controls(at)["heads"]


def test_a_long_sequence_steps_through_fewer_frames_for_a_wide_cell_and_says_so() -> None:
    from gates_lab.figures.scrubber_info import MAX_FRAMES
    from gates_lab.i18n import t
    from gates_lab.pages.cell import SCRUBBER_FEWER_ABOVE

    for hidden, frames in ((SCRUBBER_FEWER_ABOVE, MAX_FRAMES),
                           (SCRUBBER_FEWER_ABOVE + 1, MAX_FRAMES // 2)):
        at = _open({"H": str(hidden), "L": "300"})
        fig, data = _figure(at), _controls(at)
        assert len(fig["frames"]) == len(data["heads"]) == len(data["equations"]) == frames
        assert data["heads"][-1] == "Step t = 299"  # the last step is always there
        assert t("cell.scrubber_strided", "en", n=frames, total=300,
                 units=SCRUBBER_FEWER_ABOVE) in [c.value for c in at.caption]
    short = _open({"H": "16", "L": "40"})  # every step when they fit
    assert len(_figure(short)["frames"]) == 40
    assert not any("A long sequence" in c.value for c in short.caption)
