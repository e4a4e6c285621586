"""Plotly figures built as plain dicts, handed to Streamlit without Plotly's validation.

Building a ``go.Figure`` validates every property (0.2-0.4 s a chart here) and
``st.plotly_chart`` deep-copies it again through ``to_dict()``; with four charts a page
that alone broke the 150 ms rerun budget. A ``SpecFigure`` keeps the dict the builder
made: ``to_dict()`` returns it as is (Streamlit serialises it directly); ``.spec`` is the dict
and ``.view()`` an unvalidated go.Figure of it for inspection. Treat a SpecFigure as
final: its own ``data`` and ``layout`` stay empty; build a new one to change it.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go


class SpecFigure(go.Figure):
    """A finished figure whose source of truth is a plain Plotly JSON dict (``.spec``)."""

    def __init__(self, spec: dict[str, Any]) -> None:
        super().__init__()
        self._spec = {"data": spec.get("data", []), "layout": spec.get("layout", {}),
                      **({"frames": spec["frames"]} if spec.get("frames") else {})}

    @property
    def spec(self) -> dict[str, Any]:
        return self._spec

    def view(self) -> go.Figure:
        """An unvalidated go.Figure of the spec, for inspecting ``.data`` / ``.frames``."""
        return go.Figure(self._spec, _validate=False)

    def to_dict(self) -> dict[str, Any]:
        return self._spec

    def to_plotly_json(self) -> dict[str, Any]:
        return self._spec
