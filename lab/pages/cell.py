"""The GRU, LSTM and RNN pages: one body, three thin page files.

On screen, top to bottom: title, preset, the plots (the gates over time are the live
gates of lab/live: weight and gate controls beside the chart), then the settings (cell,
input, weights, files). The settings run first (the plots follow from them) and the plots
are drawn into a container placed above them. The engine run is cached on the settings'
JSON text; the previous run stays as a faint ghost on the plots.
"""

from __future__ import annotations

import dataclasses
import json
import os
from typing import Any

import numpy as np
import streamlit as st

from gates.kinds import GATE_BLOCKS
from lab import codec, equations, lesson_file
from lab import scenario as S
from lab.export import trace_csv
from lab.figures import over_time, scrubber
from lab.figures.common import PLOTLY_CONFIG
from lab.figures.scrubber_panel import scrubber_panel
from lab.live import component as live
from lab.model_export import pt_download
from lab.ui import (
    Bound,
    Page,
    controls,
    lazy_tabs,
    panel,
    setup,
    tab_in_settings,
    throttle_fragment_floods,
)

SMALL_HIDDEN = 2  # up to this size every weight gets its own slider
HEATMAP_ABOVE = 4  # above this hidden size the gates are shown as heatmaps
SLIDER_RANGE = 10.0
PRESENT_CHART_HEIGHT = 620  # px: the gates chart on one 1280x720 projector screen
CONTROL_TABS = ("cell", "input", "weights", "files")


@st.cache_data(max_entries=128, show_spinner=False)
def run_cell(cell_key: str, input_key: str) -> tuple[Any, np.ndarray, list[str] | None]:
    """Trace of the cell on the input (both given as settings JSON: the cache key)."""
    cell, _ = codec.from_dict(S.CellSpec, json.loads(cell_key))
    inp, _ = codec.from_dict(S.InputSpec, json.loads(input_key))
    x, tokens = S.build_input(inp, cell.input_size)
    return S.cell_net(cell).trace(x), x, tokens


def render(kind: str) -> None:
    """The whole cell page for ``kind`` ("gru", "lstm" or "rnn")."""
    page = setup(kind)
    default = S.Scenario(cell=S.CellSpec(kind=kind))
    bound = Bound(page, S.Scenario, default)
    if bound.value.cell.kind != kind:  # a link made for another cell page
        bound.set("cell", dataclasses.replace(bound.value.cell, kind=kind, edits=()))

    pending = live.take_commit(kind)
    if pending is not None:  # a live control was released: its value joins the settings
        live.apply_commit(page, bound, pending, fallback_keys(bound, pending))

    st.title(page.t(f"page.{kind}"))
    if not page.present:  # on a projector the plots need the room
        st.caption(page.t(f"cell.intro.{kind}"))
    preset_from_link(page, bound, kind, default)
    explain_slot = preset_picker(page, bound, kind)
    # The plots come first on screen (the live weights beside the gates chart), the
    # settings below them; they run first, as the plots follow from them.
    plots_box = st.container()

    with controls(page):
        tab_cell, tab_input, tab_weights, tab_files = lazy_tabs(
            page, "controls", [page.t(f"cell.tab.{t}") for t in CONTROL_TABS])
        if tab_cell.open:
            with tab_cell:
                cell_controls(page, bound, kind)
        if tab_input.open:
            with tab_input:
                input_controls(page, bound)
        if tab_weights.open:
            with tab_weights:
                weight_controls(page, bound)

    scenario = bound.value
    explain_preset(page, scenario, kind, explain_slot)
    try:
        trace, x, tokens = run_cell(codec.cache_key(scenario.cell), codec.cache_key(scenario.input))
    except ValueError as exc:
        st.error(page.t("cell.input_error", msg=page.detail(exc)), icon="🛑")
        bound.commit()
        return
    ghost = remember_ghost(page.name, codec.cache_key(scenario.cell) + codec.cache_key(scenario.input),
                           trace)
    if tab_files.open:
        with tab_files:
            file_controls(page, bound, trace, x, tokens)
    # Only the open plot tab (kept in the link as view.plot) is built and drawn.
    plot_labels = [page.t(f"cell.{name}") for name in S.PLOT_VIEWS]
    tab_in_settings(bound, "view.plot", "plots", S.PLOT_VIEWS, plot_labels)
    bound.commit()

    show_equations(page, scenario)
    draw = {
        "over_time": lambda: live_gates(page, scenario, trace, ghost, x, tokens),
        "scrubber": lambda: show_scrubber(page, bound, trace, tokens),
        "saturation": lambda: show_saturation(page, trace),
        "phase": lambda: show_phase(page, trace, ghost, scenario.cell),
    }
    with plots_box:
        tabs = lazy_tabs(page, "plots", plot_labels)
        for name, tab in zip(S.PLOT_VIEWS, tabs, strict=True):
            if tab.open:
                with tab:
                    panel(page, draw[name])


# --------------------------------------------------------------------------- presets


def preset_from_link(page: Page, bound: Bound[S.Scenario], kind: str,
                     default: S.Scenario) -> None:
    """A link naming a preset and no data of its own (``?preset=gru-latch``, typed by hand)
    opens the preset's whole scenario; a name that is no preset of this page is dropped
    with a message. (A link whose data differs from its preset's is shown as changed from
    the preset, never under the preset's explanation: see preset_picker.)"""
    from classroom import presets

    name = bound.value.preset
    if not bound.from_link or not name:
        return
    names = [p.name for p in presets.presets_for(kind)]
    if name not in names:
        bound.replace_all(dataclasses.replace(bound.value, preset=""))
        st.warning(page.t("cell.preset.unknown", name=name, names=", ".join(names)), icon="⚠️")
        return
    if (bound.value.cell, bound.value.input) == (default.cell, default.input):
        scenario = S.scenario_from_preset(name)
        bound.replace_all(dataclasses.replace(scenario, view=bound.value.view))


def preset_matches(scenario: S.Scenario) -> bool:
    """True when the scenario shows its preset's own cell and input (the view may differ)."""
    own = S.scenario_from_preset(scenario.preset)
    return (scenario.cell, scenario.input) == (own.cell, own.input)


def preset_picker(page: Page, bound: Bound[S.Scenario], kind: str) -> Any:
    from classroom import presets

    choices = [""] + [p.name for p in presets.presets_for(kind)]
    current = bound.value.preset if bound.value.preset in choices else ""

    def title(name: str) -> str:
        if not name:
            return page.t("cell.preset.none")
        return page.t(f"preset.{presets.get_preset(name).name}.title")

    def apply() -> None:
        name = st.session_state[key]
        if name:
            scenario = S.scenario_from_preset(name)
            view = bound.value.view
            bound.replace_all(dataclasses.replace(scenario, view=view))

    cols = st.columns([3, 1])
    # One key per language: the browser would keep the old language's option labels.
    key = f"{kind}.preset_choice.{page.lang}"
    st.session_state.setdefault(key, current)
    cols[0].selectbox(page.t("cell.preset"), choices, format_func=title,
                      key=key)
    cols[1].button(page.t("cell.preset.apply"), on_click=apply, key=f"{kind}.preset_apply",
                   width="stretch")
    return st.container()  # the explanation, filled once this run's widgets have spoken


def explain_preset(page: Page, scenario: S.Scenario, kind: str, slot: Any) -> None:
    """The preset's explanation, only over the preset's own data."""
    from classroom import presets

    if scenario.preset not in [p.name for p in presets.presets_for(kind)]:
        return
    p = presets.get_preset(scenario.preset)
    title = page.t(f"preset.{p.name}.title")
    with slot:
        if preset_matches(scenario):
            st.info(f"**{title}** — {page.t(f'preset.{p.name}.explain')}", icon="🎓")
        else:  # its explanation would describe data that is not on screen
            st.caption(page.t("cell.preset.changed", name=title))


# --------------------------------------------------------------------------- controls


def cell_controls(page: Page, bound: Bound[S.Scenario], kind: str) -> None:
    before = bound.value.cell
    c1, c2, c3 = st.columns(3)
    with c1:
        bound.slider("cell.input_size", page.t("cell.input_size"),
                     help=page.t("cell.input_size_help"))
    with c2:
        bound.slider("cell.hidden_size", page.t("cell.hidden_size"),
                     help=page.t("cell.hidden_size_help"))
    with c3:
        bound.number("cell.seed", page.t("cell.seed"), help=page.t("cell.seed_help"))
    if kind == "gru":
        g1, g2 = st.columns(2)
        with g1:
            bound.select("cell.reset_after", page.t("cell.reset_variant"), [True, False],
                         format_func=lambda v: page.t(f"cell.reset_after.{v}"), radio=True)
        with g2:
            bound.toggle("view.textbook_update", page.t("cell.textbook"),
                         help=page.t("cell.textbook_help"))
        st.latex(equations.GRU_UPDATE_TEXTBOOK if bound.value.view.textbook_update
                 else equations.GRU_UPDATE_TORCH)
        st.caption(page.t("cell.textbook_note.1" if bound.value.view.textbook_update
                          else "cell.textbook_note.0"))
    if kind == "rnn":
        bound.select("cell.nonlinearity", page.t("cell.nonlinearity"), radio=True)
    bound.select("view.display", page.t("cell.display"),
                 format_func=lambda v: page.t(f"cell.display.{v}"), radio=True)
    after = bound.value.cell
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
        bound.slider("input.length", page.t("cell.length"))
        channels = list(bound.value.input.channels)
        channels += [S.Channel()] * (n_in - len(channels))
        cols = st.columns(n_in)
        new = []
        for c, col in enumerate(cols):
            with col:
                new.append(channel_controls(page, bound, c, channels[c]))
        bound.set("input.channels", tuple(new))
    elif mode == "table":
        table_editor(page, bound, n_in)
    else:
        c1, c2 = st.columns([3, 1])
        with c1:
            bound.text("input.text", page.t("cell.text"), help=page.t("cell.text_help"),
                       max_chars=S.MAX_LENGTH)
        with c2:
            bound.select("input.text_mode", page.t("cell.text_mode"),
                         format_func=lambda m: page.t(f"cell.text_mode.{m}"), radio=True)


def channel_controls(page: Page, bound: Bound[S.Scenario], c: int, ch: S.Channel) -> S.Channel:
    st.markdown(page.t("cell.channel", c=c))
    key = f"ch{c}"
    pattern = bound.widget(st.selectbox, f"{key}.pattern", ch.pattern, page.t("cell.pattern"),
                           options=S.PATTERNS, format_func=lambda p: page.t(f"cell.pattern.{p}"))
    amplitude = bound.widget(st.slider, f"{key}.amplitude", float(ch.amplitude),
                             page.t("cell.amplitude"), min_value=-10.0, max_value=10.0,
                             step=0.1)
    period = bound.widget(st.slider, f"{key}.period", int(ch.period), page.t("cell.period"),
                          min_value=0, max_value=S.MAX_LENGTH, help=page.t("cell.period_help"))
    onset = bound.widget(st.slider, f"{key}.onset", int(ch.onset), page.t("cell.onset"),
                         min_value=0, max_value=S.MAX_LENGTH)
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
            f".{int(cell.reset_after)}.{cell.nonlinearity}")


def weight_widget(cell: S.CellSpec, name: str, index: tuple[int, ...]) -> str:
    """The widget name of one weight's slider (tests find sliders by it)."""
    return f"w.{weights_tag(cell)}.{S.edit_key(name, index)}"


def _blocks(cell: S.CellSpec) -> list[tuple[int, str]]:
    return list(enumerate(GATE_BLOCKS[cell.kind]))


def weight_sliders(page: Page, bound: Bound[S.Scenario]) -> None:
    """One slider per weight and bias, grouped by gate, one column per gate.

    The gates' equations stand above the columns, full width: inside a column a formula
    was cut off on the right.
    """
    cell = bound.value.cell
    weights = S.base_weights(cell)
    eqs = equations.gate_equations(cell.kind, cell.reset_after, cell.nonlinearity)
    h = cell.hidden_size
    groups = _blocks(cell)
    st.latex(r"\begin{aligned}" + r"\\ ".join(eqs[block] for _, block in groups)
             + r"\end{aligned}")
    cols = st.columns(len(groups))
    for (b, block), col in zip(groups, cols, strict=True):
        with col:
            st.markdown(f"**{page.t(f'gate.{cell.kind}.{block}')}**")
            for name, index, sub in S.block_elements(weights, b, h):
                value = float(weights[name][index])
                # plain text, as the live controls: a screen reader reads the label
                label = f"{equations.weight_symbol(name, block, cell.kind)}[{sub}]"
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


def file_controls(page: Page, bound: Bound[S.Scenario], trace: Any, x: np.ndarray,
                  tokens: list[str] | None) -> None:
    scenario = bound.value
    name = scenario.preset or scenario.cell.kind
    c1, c2, c3 = st.columns(3)
    c1.download_button(page.t("cell.download_csv"), trace_csv(trace, x, tokens),
                       file_name=f"{name}-trace.csv", mime="text/csv",
                       key=bound.key("dl.csv"))
    c2.download_button(page.t("common.download_json"),
                       S.to_json(scenario, S.effective_weights(scenario.cell)),
                       file_name=f"{name}-settings.json", mime="application/json",
                       key=bound.key("dl.json"))
    with c3:
        pt_download(page, S.cell_net(scenario.cell), name=f"{name}-weights",
                    key=bound.key("dl.pt"))
    lesson_button(page, scenario, bound.key("dl.lesson"))

    def load() -> None:
        upload = st.session_state.get(f"{page.name}.upload")
        if upload is None:
            return
        try:
            loaded, problems = S.scenario_from_json(upload.getvalue())
        except ValueError as exc:
            st.session_state[f"{page.name}.upload_error"] = str(exc)
            return
        if loaded.cell.kind != page.name:
            st.session_state[f"{page.name}.upload_error"] = page.t(
                "cell.wrong_kind", kind=loaded.cell.kind.upper(), page=page.name.upper())
            return
        st.session_state.pop(f"{page.name}.upload_error", None)
        bound.replace_all(loaded, problems)

    st.file_uploader(page.t("common.upload_json"), type=["json"], key=f"{page.name}.upload",
                     on_change=load)
    error = st.session_state.get(f"{page.name}.upload_error")
    if error:
        st.error(page.t("common.bad_file", msg=page.detail(error)), icon="⚠️")
    st.caption(page.t("cell.png_hint"))


def lesson_button(page: Page, scenario: S.Scenario, key: str) -> None:
    """The offline lesson file (lab/lesson_file.py), built only when clicked: Streamlit
    calls ``data`` then. Its link back uses GATES_LAB_URL, else this page's address."""
    url = lesson_file.lab_base(os.environ.get("GATES_LAB_URL") or st.context.url, page.name)
    lang = page.lang
    st.download_button(page.t("lesson.download"),
                       lambda: lesson_file.build(scenario, lang=lang, lab_url=url).data,
                       file_name=lesson_file.file_name(scenario), mime="text/html", key=key,
                       help=page.t("lesson.download_help"), icon="📘")


# --------------------------------------------------------------------------- plots


def remember_ghost(page_name: str, key: str, trace: Any) -> Any:
    """The previous run's trace (None at first); kept until the settings change again."""
    ss = st.session_state
    last = ss.get(f"{page_name}.last")
    if last is None or last[0] != key:
        ss[f"{page_name}.ghost"] = None if last is None else last[1]
        ss[f"{page_name}.last"] = (key, trace)
    return ss.get(f"{page_name}.ghost")


def show_equations(page: Page, scenario: S.Scenario) -> None:
    cell = scenario.cell
    with st.expander(page.t("cell.equations"), expanded=not page.present):
        st.latex(equations.all_equations(cell.kind, cell.reset_after, cell.nonlinearity,
                                         scenario.view.textbook_update))
        if cell.kind == "gru":
            st.caption(page.t("cell.reset_note.1" if cell.reset_after else "cell.reset_note.0"))


def _use_heatmap(view: S.ViewSpec, cell: S.CellSpec) -> bool:
    return view.display == "heatmap" or (view.display == "auto"
                                         and cell.hidden_size > HEATMAP_ABOVE)


def gates_figure(page: Page, trace: Any, ghost: Any, x: np.ndarray, tokens: list[str] | None,
                 scenario: S.Scenario) -> Any:
    view, cell = scenario.view, scenario.cell
    # The input as the first panel, its channels named (a preset's value / write signal)
    names = over_time.channel_names(cell.input_size, S.channels_preset(scenario), page.lang)
    # On a projector the whole figure fits one 720 px screen.
    height = PRESENT_CHART_HEIGHT if page.present else None
    if _use_heatmap(view, cell):
        return over_time.state_heatmap(trace, tokens=tokens, lang=page.lang,
                                       present=page.present, inputs=x, channel_names=names,
                                       height=height)
    return over_time.gate_panels(trace, ghost=ghost, tokens=tokens, lang=page.lang,
                                 present=page.present, textbook_update=view.textbook_update,
                                 inputs=x, channel_names=names, height=height)


@st.fragment
def live_gates(page: Page, scenario: S.Scenario, trace: Any, ghost: Any, x: np.ndarray,
               tokens: list[str] | None) -> None:
    """The gates over time with the live controls beside them (lab/live).

    A fragment: hovering a control reruns only this part (to send that control's
    frames); a released value reruns the whole page, which commits it.
    """
    throttle_fragment_floods()  # "want" reruns count towards the flood pause too
    if live.commit_pending(page.name):
        st.rerun()
    fig = gates_figure(page, trace, ghost, x, tokens, scenario)
    with st.container(key=f"{page.name}-chart-gates"):
        if not live.mount(page, scenario, trace, fig):
            st.plotly_chart(fig, width="stretch", config=PLOTLY_CONFIG,
                            key=f"{page.name}.chart.gates_static")


def show_scrubber(page: Page, bound: Bound[S.Scenario], trace: Any,
                  tokens: list[str] | None) -> None:
    """The diagram at step t; under it the page's controls (slider, keys, Play) and the
    equations with the numbers of the unit the class picks."""
    from lab import scrubber_controls

    st.caption(page.t("cell.scrubber_help"))
    size = bound.value.cell.hidden_size
    if size > 1:
        bound.select("view.unit", page.t("cell.scrubber_unit"), options=list(range(size)),
                     radio=size <= 8, help=page.t("cell.scrubber_unit_help"))
        bound.commit()
    view = bound.value.view
    unit = min(view.unit, size - 1)
    chart_key = f"{page.name}.chart.scrubber"
    fig = scrubber.cell_scrubber(trace, tokens=tokens, lang=page.lang, present=page.present,
                                textbook_update=view.textbook_update, unit=unit,
                                page_controls=True)
    scrubber_css(page, chart_key)
    st.plotly_chart(fig, width="stretch", config=PLOTLY_CONFIG, key=chart_key)
    panel = scrubber_panel(trace, tokens=tokens, lang=page.lang,
                                   textbook_update=view.textbook_update, unit=unit)
    labels = {"play": page.t("fig.scr.play"), "pause": page.t("fig.scr.pause"),
              "label": page.t("cell.scrubber_slider"), "keys": page.t("cell.scrubber_keys"),
              "unit": page.t("cell.scrubber_numbers", u=unit)}
    scrubber_controls.show_controls(panel, chart_key=chart_key, key=f"{page.name}.scrubber",
                                    labels=labels, present=page.present)


def scrubber_css(page: Page, chart_key: str) -> None:
    """On a narrow screen (a phone) the diagram keeps a readable width and scrolls
    sideways, so its boxes and labels never overlap; the equations below wrap instead."""
    css_key = "st-key-" + chart_key.replace(".", "-")
    st.html(f"<style>.{css_key} {{ overflow-x: auto; }} "
            f".{css_key} > div {{ min-width: 760px; }} .lab-swipe {{ display: none; }} "
            "@media (max-width: 800px) { .lab-swipe { display: block; color: #444; } }</style>"
            f'<div class="lab-swipe">{page.t("cell.scrubber_swipe")}</div>')


def show_saturation(page: Page, trace: Any) -> None:
    st.caption(page.t("cell.saturation_help"))
    fig = over_time.saturation_bar(over_time.saturation_info(trace), lang=page.lang,
                                 present=page.present)
    st.plotly_chart(fig, width="stretch", config=PLOTLY_CONFIG,
                    key=f"{page.name}.chart.saturation")


def show_phase(page: Page, trace: Any, ghost: Any, cell: S.CellSpec) -> None:
    if cell.hidden_size != 2:
        st.info(page.t("cell.phase_needs_two", h=cell.hidden_size), icon="ℹ️")
        return
    st.caption(page.t("cell.phase_help"))
    fig = over_time.phase_portrait(trace, ghost=ghost, lang=page.lang, present=page.present)
    st.plotly_chart(fig, width="stretch", config=PLOTLY_CONFIG,
                    key=f"{page.name}.chart.phase")

