"""The scrubber's controls: a slider, Play / Pause and the equations, in the page.

The scrubber figure (``cell_scrubber(..., page_controls=True)``) carries one Plotly frame
per step and no controls of its own. This Streamlit component (``st.components.v2``, no
iframe: its JavaScript runs in the page) draws them under the figure and moves the
figure with ``Plotly.animate`` (plotly.js as the page already loaded it; no download):

- a native range slider, full width on its own row, so the handle is never covered and
  a phone's thumb can take it; arrow keys, Page Up/Down, Home and End step through time
  when the slider or the figure has focus (clicking the figure focuses it);
- the equations with the step's numbers as HTML: large dark text that wraps on a phone.

Nothing goes back to Python: moving through time never reruns the page. The figure and
the controls find each other by the figure's Streamlit key (``.st-key-<key>``). The
offline lesson file (gates_lab/lesson_file.py) runs the same JS and HTML on its scrubber.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gates_lab.figures.scrubber_panel import ScrubberPanel

HERE = Path(__file__).resolve().parent
JS_FILE, CSS_FILE = HERE / "scrubber_controls.js", HERE / "scrubber_controls.css"

HTML = """
<div class="scrub">
  <div class="row">
    <button type="button" class="play"></button>
    <input class="range" type="range" min="0" max="0" step="1" value="0">
    <span class="now" aria-live="polite"></span>
  </div>
  <div class="keys"></div>
  <div class="unit"></div>
  <div class="eqs"></div>
  <div class="note"></div>
</div>
"""


_component: Any = None


def _renderer() -> Any:
    """The component, registered once per process (Streamlit warns on a second one)."""
    global _component
    if _component is None:
        import streamlit as st  # here: the lesson file reuses the rest without streamlit

        _component = st.components.v2.component("gates_lab.scrubber_controls", html=HTML,
                                                css=CSS_FILE.read_text(), js=JS_FILE.read_text())
    return _component


def classic_js() -> str:
    """The JS as a classic script defining ``window.labScrub`` (the offline lesson file
    has no module loader; ``export default`` is the component's entry point)."""
    source = JS_FILE.read_text()
    marker = "export default function"
    if marker not in source:
        raise RuntimeError("gates_lab/scrubber_controls.js no longer has 'export default function'")
    return "(() => {\n" + source.replace(marker, "window.labScrub = function", 1) + "\n})();"


def equations_html(panel: ScrubberPanel) -> list[str]:
    """One HTML block per frame: each equation, then its numbers on an indented line."""
    return ["".join(f'<div class="eq"><div class="sym">{sym}</div>'
                    f'<div class="num">{num}</div></div>' for sym, num in lines)
            for lines in panel.equations]


def controls_data(panel: ScrubberPanel, *, chart: str, labels: dict[str, str],
                  present: bool) -> dict[str, Any]:
    """What the component's JavaScript reads (all of it plain JSON)."""
    return {"chart": chart, "heads": list(panel.heads), "equations": equations_html(panel),
            "note": panel.note, "start": 0, "present": present, **labels}


def show_controls(panel: ScrubberPanel, *, chart_key: str, key: str,
                  labels: dict[str, str], present: bool) -> None:
    """The controls under the figure whose Streamlit key is ``chart_key``."""
    chart = chart_key.replace(".", "-")  # Streamlit's .st-key-<key> class
    _renderer()(key=key, data=controls_data(panel, chart=chart, labels=labels,
                                            present=present))
