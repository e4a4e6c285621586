"""The cell pages' Settings -> Weights tab: one slider per weight at small hidden sizes,
per-gate scale/shift knobs, the matrix editor. The fallback of the live gates (gates_lab/live)."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import streamlit as st

from gates_lab import equations
from gates_lab import scenario as S
from gates_lab.live.controls import SMALL_HIDDEN
from gates_lab.live.controls import WEIGHT_RANGE as SLIDER_RANGE
from gates_lab.ui import Bound, Page


def weight_controls(page: Page, bound: Bound[S.Scenario]) -> None:
    """Streamlit's own weight controls: the same values as the live ones beside the chart,
    and what still works if the live component cannot load."""
    cell = bound.value.cell
    gate_knobs(page, bound)
    if cell.hidden_size <= SMALL_HIDDEN:
        weight_sliders(page, bound)
    else:
        matrix_editor(page, bound)

    def clear() -> None:
        c = bound.value.cell
        bound.replace_all(dataclasses.replace(
            bound.value, cell=dataclasses.replace(c, edits=(), scale=(), shift=()), preset=""))

    st.button(page.t("cell.reinit"), on_click=clear, key=bound.key("reinit"),
              help=page.t("cell.reinit_help"))


def weights_tag(cell: S.CellSpec) -> str:
    """Part of every weight widget's key: new sizes or a new init get fresh widgets, so a
    slider never carries a value of the old network over as an 'edit' of the new one."""
    return (f"{cell.kind}.{cell.input_size}x{cell.hidden_size}.s{cell.seed}"
            f".{int(cell.reset_after)}.{cell.nonlinearity}"
            + ("" if cell.variant == "standard" else f".{cell.variant}"))


def weight_widget(cell: S.CellSpec, name: str, index: tuple[int, ...]) -> str:
    """The widget name of one weight's slider (tests find sliders by it)."""
    return f"w.{weights_tag(cell)}.{S.edit_key(name, index)}"


def _blocks(cell: S.CellSpec) -> list[tuple[int, str]]:
    return list(enumerate(S.cell_blocks(cell)))


def weight_sliders(page: Page, bound: Bound[S.Scenario]) -> None:
    """One slider per weight and bias, grouped by gate, one column per gate.

    The gates' equations stand above the columns, full width: inside a column a formula
    was cut off on the right.
    """
    cell = bound.value.cell
    weights = S.base_weights(cell)
    eqs = equations.gate_equations(cell.kind, cell.reset_after, cell.nonlinearity, cell.variant)
    h = cell.hidden_size
    groups = _blocks(cell)
    st.latex(r"\begin{aligned}" + r"\\ ".join(eqs[block] for _, block in groups)
             + r"\end{aligned}")
    cols = st.columns(len(groups))
    for (b, block), col in zip(groups, cols, strict=True):
        with col:
            st.markdown(f"**{page.t(f'gate.{cell.kind}.{block}')}**")
            for name, index, sub in S.block_elements(weights, b, h, block):
                value = float(weights[name][index])
                # plain text, as the live controls: a screen reader reads the label
                label = f"{equations.weight_symbol(name, block)}[{sub}]"
                lo, hi = min(-SLIDER_RANGE, value), max(SLIDER_RANGE, value)
                new = bound.widget(st.slider, weight_widget(cell, name, index), value,
                                   label, min_value=lo, max_value=hi, step=0.05)
                if new != value:
                    cell = S.with_edit(cell, name, index, new)
    bound.set("cell", cell)


def knob_widget(cell: S.CellSpec, which: str, block: int) -> str:
    """The widget name of a gate's scale or shift slider."""
    return f"{which}.{weights_tag(cell)}.{block}"


def fallback_keys(bound: Bound[S.Scenario], payload: Any) -> list[str]:
    """The widget keys of the Streamlit sliders that show a live control's value."""
    cell = bound.value.cell
    kind, _, rest = str(payload.get("id", "") if isinstance(payload, dict) else "").partition(":")
    if kind == "w" and rest:
        try:
            name, index = S.parse_edit_key(rest)
        except ValueError:
            return []
        return [bound.key(weight_widget(cell, name, index))]
    if kind in ("scale", "shift") and rest.isdigit():
        return [bound.key(knob_widget(cell, kind, int(rest)))]
    return []


def gate_knobs(page: Page, bound: Bound[S.Scenario]) -> None:
    """Per gate: a scale for its weights and a shift for its biases (every hidden size:
    "make the update gate hold" is one move)."""
    cell = bound.value.cell
    groups = _blocks(cell)
    scale = list(cell.scale) + [1.0] * (len(groups) - len(cell.scale))
    shift = list(cell.shift) + [0.0] * (len(groups) - len(cell.shift))
    st.caption(page.t("cell.knobs_help"))
    cols = st.columns(len(groups))
    for (b, block), col in zip(groups, cols, strict=True):
        with col:
            st.markdown(f"**{page.t(f'gate.{cell.kind}.{block}')}**")
            scale[b] = float(bound.widget(st.slider, knob_widget(cell, "scale", b), float(scale[b]),
                                          page.t("cell.scale"), min_value=0.0, max_value=5.0,
                                          step=0.05))
            shift[b] = float(bound.widget(st.slider, knob_widget(cell, "shift", b), float(shift[b]),
                                          page.t("cell.shift"), min_value=-10.0,
                                          max_value=10.0, step=0.1))
    bound.set("cell", dataclasses.replace(cell, scale=_unless_all(scale, 1.0),
                                          shift=_unless_all(shift, 0.0)))


def _unless_all(values: list[float], neutral: float) -> tuple[float, ...]:
    """Neutral knobs are stored as () so the link stays short."""
    return () if all(v == neutral for v in values) else tuple(values)


def matrix_editor(page: Page, bound: Bound[S.Scenario]) -> None:
    """An editable matrix per gate: [W_h | W_i | b_i | b_h] rows for each unit."""
    import pandas as pd

    cell = bound.value.cell
    weights = S.base_weights(cell)
    h = cell.hidden_size
    groups = _blocks(cell)
    gate = st.radio(page.t("cell.matrix_gate"), [g for _, g in groups], horizontal=True,
                    format_func=lambda g: page.t(f"gate.{cell.kind}.{g}"),
                    key=bound.key("matrix.gate"))
    b = [g for _, g in groups].index(gate)
    rows = slice(b * h, (b + 1) * h)
    columns = ([f"W_h[:,{j}]" for j in range(h)] + [f"W_i[:,{j}]" for j in range(cell.input_size)]
               + ["b_i", "b_h"])
    block = np.column_stack([weights["weight_hh_l0"][rows], weights["weight_ih_l0"][rows],
                             weights["bias_ih_l0"][rows], weights["bias_hh_l0"][rows]])
    tag = weights_tag(cell)
    base_key = bound.key(f"matrix.base.{tag}.{gate}")
    st.session_state.setdefault(base_key, pd.DataFrame(block, columns=columns))
    edited = st.data_editor(st.session_state[base_key], key=bound.key(f"matrix.{tag}.{gate}"),
                            width="stretch")
    values = np.asarray(edited.to_numpy(dtype=np.float64, na_value=np.nan))
    if not np.all(np.isfinite(values)):
        st.error(page.t("cell.matrix_error"), icon="⚠️")
        return
    targets = ([("weight_hh_l0", j) for j in range(h)]
               + [("weight_ih_l0", j) for j in range(cell.input_size)]
               + [("bias_ih_l0", None), ("bias_hh_l0", None)])
    for col, (name, j) in enumerate(targets):
        for r in range(h):
            index = (b * h + r,) if j is None else (b * h + r, j)
            if values[r, col] != weights[name][index]:
                cell = S.with_edit(cell, name, index, float(values[r, col]))
    bound.set("cell", cell)
