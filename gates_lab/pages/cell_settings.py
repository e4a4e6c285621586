"""The cell pages' Settings -> Cell and Input sequence tabs: sizes, seed, GRU variant,
display, input patterns, the table editor and typed text. Widgets bound to the scenario."""

from __future__ import annotations

import dataclasses

import numpy as np
import streamlit as st

from gates.kinds import variant_names
from gates_lab import equations
from gates_lab import input_points as IP
from gates_lab import scenario as S
from gates_lab.ui import Bound, Page


def variant_controls(page: Page, bound: Bound[S.Scenario], kind: str) -> None:
    """The variant (a gate taken away, coupled gates, peepholes), with what it changes."""
    if "variant" not in S.cell_view(bound.value.cell).options:
        return
    variant = bound.select("cell.variant", page.t("cell.variant"),
                           list(variant_names(kind)), radio=True,
                           format_func=lambda v: page.t(f"variant.{kind}.{v}"),
                           help=page.t("cell.variant_help"))
    st.caption(page.t(f"variant.{kind}.{variant}.about"))


def cell_controls(page: Page, bound: Bound[S.Scenario], kind: str) -> None:
    before = bound.value.cell
    variant_controls(page, bound, kind)
    c1, c2, c3 = st.columns(3)
    with c1:
        bound.slider("cell.input_size", page.t("cell.input_size"),
                     help=page.t("cell.input_size_help"))
    with c2:
        bound.slider("cell.hidden_size", page.t("cell.hidden_size"),
                     help=page.t("cell.hidden_size_help"))
    with c3:
        bound.number("cell.seed", page.t("cell.seed"), help=page.t("cell.seed_help"))
    options = S.cell_view(bound.value.cell).options
    if "reset_after" in options:
        g1, g2 = st.columns(2)
        with g1:
            bound.select("cell.reset_after", page.t("cell.reset_variant"), [True, False],
                         format_func=lambda v: page.t(f"cell.reset_after.{v}"), radio=True)
        with g2:
            bound.toggle("view.textbook_update", page.t("cell.textbook"),
                         help=page.t("cell.textbook_help"))
        st.latex(equations.state_equations(kind, bound.value.view.textbook_update,
                                           bound.value.cell.variant)[0])
        st.caption(page.t("cell.textbook_note.1" if bound.value.view.textbook_update
                          else "cell.textbook_note.0"))
    if "nonlinearity" in options:
        bound.select("cell.nonlinearity", page.t("cell.nonlinearity"), radio=True)
    bound.select("view.display", page.t("cell.display"),
                 format_func=lambda v: page.t(f"cell.display.{v}"), radio=True)
    after = bound.value.cell
    if after.variant != before.variant:  # other weights: edits and per-gate knobs restart
        bound.set("cell", dataclasses.replace(after, edits=(), scale=(), shift=()))
        return
    sizes = ("input_size", "hidden_size", "seed", "reset_after", "nonlinearity")
    if any(getattr(before, f) != getattr(after, f) for f in sizes):
        # New sizes or init: hand edits no longer fit, start from the seeded weights.
        bound.set("cell", S.drop_bad_edits(after) if before.seed == after.seed
                  else dataclasses.replace(after, edits=()))
        if after.hidden_size != before.hidden_size or after.input_size != before.input_size:
            bound.set("cell.edits", ())


def input_controls(page: Page, bound: Bound[S.Scenario]) -> None:
    mode = bound.select("input.mode", page.t("cell.input_mode"),
                        format_func=lambda m: page.t(f"cell.input_mode.{m}"), radio=True)
    n_in = bound.value.cell.input_size
    if mode == "pattern":
        before = bound.value.input
        bound.slider("input.length", page.t("cell.length"))
        after = bound.value.input
        if after.length < before.length and after.points:
            # edited points past the new last step go, with a message (as a link's would)
            clean, messages = IP.clean_points(after)
            bound.set("input", clean)
            for message in messages:
                st.caption(page.t("cell.points_dropped", msg=page.detail(message)))
        channels = list(bound.value.input.channels)
        channels += [S.Channel()] * (n_in - len(channels))
        cols = st.columns(n_in)
        new = []
        for c, col in enumerate(cols):
            with col:
                new.append(channel_controls(page, bound, c, channels[c],
                                            bound.value.input.length))
        bound.set("input.channels", tuple(new))
    elif mode == "table":
        table_editor(page, bound, n_in)
    else:
        c1, c2 = st.columns([3, 1])
        with c1:
            # one token a step: at most MAX_LENGTH characters, a longer paste is cut with
            # a message (a browser's max length would drop it silently)
            bound.text("input.text", page.t("cell.text"), help=page.t("cell.text_help"),
                       limit=S.MAX_LENGTH)
        with c2:
            bound.select("input.text_mode", page.t("cell.text_mode"),
                         format_func=lambda m: page.t(f"cell.text_mode.{m}"), radio=True)


def channel_controls(page: Page, bound: Bound[S.Scenario], c: int, ch: S.Channel,
                     length: int) -> S.Channel:
    """One channel's pattern; onset and period range over the sequence's steps (0 .. L-1),
    widened only to keep a larger value a link already holds."""
    last = max(length - 1, 1)
    st.markdown(page.t("cell.channel", c=c))
    key = f"ch{c}"
    pattern = bound.widget(st.selectbox, f"{key}.pattern", ch.pattern, page.t("cell.pattern"),
                           options=S.PATTERNS, format_func=lambda p: page.t(f"cell.pattern.{p}"))
    amplitude = bound.widget(st.slider, f"{key}.amplitude", float(ch.amplitude),
                             page.t("cell.amplitude"), min_value=-10.0, max_value=10.0,
                             step=0.1)
    period = bound.widget(st.slider, f"{key}.period", int(ch.period), page.t("cell.period"),
                          min_value=0, max_value=max(last, int(ch.period)),
                          help=page.t("cell.period_help"))
    onset = bound.widget(st.slider, f"{key}.onset", int(ch.onset), page.t("cell.onset"),
                         min_value=0, max_value=max(last, int(ch.onset)))
    seed = ch.seed
    if pattern == "noise":
        seed = bound.widget(st.number_input, f"{key}.seed", int(ch.seed),
                            page.t("cell.noise_seed"), min_value=0, max_value=2**31 - 1)
    return dataclasses.replace(ch, pattern=pattern, amplitude=float(amplitude),
                               period=int(period), onset=int(onset), seed=int(seed))


def table_editor(page: Page, bound: Bound[S.Scenario], n_in: int) -> None:
    """Hand-made values: an editable table, one row per step, one column per channel."""
    import pandas as pd

    current = bound.value.input.table
    if not current or len(current[0]) != n_in:
        try:
            x, _ = S.build_input(dataclasses.replace(bound.value.input, mode="pattern"), n_in)
        except ValueError:
            x = np.zeros((10, n_in))
        current = tuple(tuple(float(v) for v in row) for row in np.round(x, 4))
    columns = [f"x{c}" for c in range(n_in)]
    # The editor's data stays what it was when this generation began, so its own edit
    # state stays valid; the edited frame comes back as the widget's value.
    base_key = bound.key("table.base")
    if base_key not in st.session_state or st.session_state[base_key][1] != columns:
        st.session_state[base_key] = (
            pd.DataFrame([[repr(v) for v in row] for row in current], columns=columns,
                         dtype=str), columns)
    base = st.session_state[base_key][0]
    st.caption(page.t("cell.table_help"))
    edited = st.data_editor(base, key=bound.key("table.editor"), num_rows="dynamic",
                            width="stretch", height=260)
    rows = [list(r) for r in edited.itertuples(index=False)]
    try:
        table = S.parse_table([[str(v).strip() for v in r] for r in rows])
        if not table:
            raise ValueError("the table has no rows")
        bound.set("input.table", table)
    except ValueError as exc:
        st.error(page.t("cell.table_error", msg=page.detail(exc)), icon="⚠️")
        bound.set("input.table", current)
