"""The GRU, LSTM and RNN pages: one body, three thin page files.

On screen, top to bottom: title, preset, the plots (headed by the preset's explanation;
the gates over time are the live gates of gates_lab/live: weight and gate controls beside
the chart), then the settings (cell, input, weights, files). The settings run first (the
plots follow from them) and the plots are drawn into a container placed above them. The engine run is cached on the settings'
JSON text; the previous run stays as a faint ghost on the plots.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import streamlit as st

from gates_lab import codec
from gates_lab import input_points as IP
from gates_lab import scenario as S
from gates_lab.figures import over_time, scrubber
from gates_lab.figures.common import HEATMAP_ABOVE, PLOTLY_CONFIG
from gates_lab.figures.scrubber_panel import scrubber_panel
from gates_lab.guide_ui import show_guide
from gates_lab.live import component as live
from gates_lab.live.frame_cache import FrameCache
from gates_lab.pages.cell_files import file_controls
from gates_lab.pages.cell_ghost import forget_ghost, remember_ghost
from gates_lab.pages.cell_settings import cell_controls, input_controls
from gates_lab.pages.cell_weights import fallback_keys, weight_controls
from gates_lab.ui import (
    Bound,
    Page,
    controls,
    lazy_tabs,
    panel,
    setup,
    tab_in_settings,
    tab_key,
    throttle_fragment_floods,
)

PRESENT_CHART_HEIGHT = 620  # px: the gates chart on one 1280x720 projector screen
CONTROL_TABS = ("cell", "input", "weights", "files")
SCRUBBER_MIN_PX = 640  # the scrubber's diagram is drawn at least this wide, then scaled


def run_cell(cell_key: str, input_key: str, _cell: S.CellSpec, _inp: S.InputSpec
             ) -> tuple[Any, np.ndarray, list[str] | None]:
    """Trace of the cell on the input. Cached on the settings' JSON (the keys); the
    settings come decoded, once per run, instead of being decoded again from the JSON.

    One cache for the process (at most 128 runs), handing out the stored run itself:
    st.cache_data pickled it on every store and hit, a few ms per release. Callers only
    read it."""
    def compute() -> tuple[Any, np.ndarray, list[str] | None]:
        x, tokens = S.build_input(_inp, _cell.input_size)
        return S.cell_net(_cell).trace(x), x, tokens

    return RUNS.get((cell_key, input_key), compute)


RUNS = FrameCache(max_bytes=128, size=lambda _: 1)  # 128 runs, least recently used out


def render(kind: str) -> None:
    """The whole cell page for ``kind`` (a name of gates.kinds, e.g. "gru")."""
    page = setup(kind)
    default = S.Scenario(cell=S.CellSpec(kind=kind))
    # A visit without settings opens on the page's opening (the GRU's update gate holding a
    # state); every link's missing parameters still mean the defaults (old links).
    bound = Bound(page, S.Scenario, default, opening=S.opening_scenario(kind))
    if bound.value.cell.kind != kind:  # a link made for another cell page
        bound.set("cell", dataclasses.replace(bound.value.cell, kind=kind, edits=(),
                                              variant=S.STANDARD, scale=(), shift=()))

    if bound.from_link:  # a link opened in this session: its own scenario, no ghost
        forget_ghost(page.name)
    pending = live.take_commit(kind)
    if pending is not None:  # a live control was released: its value joins the settings
        live.apply_commit(page, bound, pending, fallback_keys(bound, pending))

    title_box = st.empty()  # the title names the variant the settings below choose
    if not page.present:  # on a projector the plots need the room
        st.caption(page.t(f"cell.intro.{kind}"))
    preset_from_link(page, bound, kind, default)
    preset_picker(page, bound, kind)
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
    variant = scenario.cell.variant
    title_box.title(page.t(f"page.{kind}") + ("" if variant == S.STANDARD
                                             else f" · {page.t(f'variant.{kind}.{variant}')}"))
    try:
        trace, x, tokens = run_cell(codec.cache_key(scenario.cell), codec.cache_key(scenario.input),
                                    scenario.cell, scenario.input)
    except ValueError as exc:
        st.error(page.t("cell.input_error", msg=page.detail(exc)), icon="🛑")
        bound.commit()
        return
    ghost, ghost_x = remember_ghost(page.name,
                                    codec.cache_key(scenario.cell) + codec.cache_key(scenario.input),
                                    trace, x)
    st.session_state[_run_key(kind)] = LiveRun(scenario, trace, (ghost, ghost_x), x, tokens)
    if tab_files.open:
        with tab_files:
            file_controls(page, bound, trace, x, tokens)
    # Only the open plot tab (kept in the link as view.plot) is built and drawn.
    plot_labels = [page.t(f"cell.{name}") for name in S.PLOT_VIEWS]
    tab_in_settings(bound, "view.plot", "plots", S.PLOT_VIEWS, plot_labels)
    bound.commit()

    show_equations(page, scenario)
    draw = {
        "over_time": lambda: live_gates_in_place(page),
        "scrubber": lambda: show_scrubber(page, bound, trace, tokens),
        "saturation": lambda: show_saturation(page, trace),
        "phase": lambda: show_phase(page, trace, ghost, scenario.cell),
    }
    with plots_box:
        tabs = lazy_tabs(page, "plots", plot_labels)
        for name, tab in zip(S.PLOT_VIEWS, tabs, strict=True):
            if tab.open:
                with tab:
                    # The preset's explanation heads the open plot. Over time the live
                    # fragment draws it, so that a release leaving the preset's data is
                    # committed there without a rerun of the page.
                    if name != "over_time":
                        explain_preset(page, scenario, kind)
                    panel(page, draw[name])
            elif name == "over_time":  # its chart leaves the page: sent afresh on return
                live.forget_drawn(kind)


# --------------------------------------------------------------------------- presets


def preset_from_link(page: Page, bound: Bound[S.Scenario], kind: str,
                     default: S.Scenario) -> None:
    """A link naming a preset and no data of its own (``?preset=gru-latch``, typed by hand)
    opens the preset's whole scenario; a name that is no preset of this page is dropped
    with a message. (A link whose data differs from its preset's is shown as changed from
    the preset, never under the preset's explanation: see preset_picker.)"""
    from gates_lab.classroom import presets

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
        forget_ghost(page.name)


def preset_matches(scenario: S.Scenario) -> bool:
    """True when the scenario shows its preset's own cell and input (the view may differ)."""
    own = S.scenario_from_preset(scenario.preset)
    return (scenario.cell, scenario.input) == (own.cell, own.input)


def preset_picker(page: Page, bound: Bound[S.Scenario], kind: str) -> None:
    from gates_lab.classroom import presets

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
            forget_ghost(page.name)  # the run before belongs to another scenario

    cols = st.columns([3, 1])
    # One key per language: the browser would keep the old language's option labels.
    key = f"{kind}.preset_choice.{page.lang}"
    st.session_state.setdefault(key, current)
    cols[0].selectbox(page.t("cell.preset"), choices, format_func=title,
                      key=key)
    cols[1].button(page.t("cell.preset.apply"), on_click=apply, key=f"{kind}.preset_apply",
                   width="stretch")


def explain_preset(page: Page, scenario: S.Scenario, kind: str) -> None:
    """The preset's explanation (the opening's, on the opening), only over its own data;
    a preset left behind becomes a line saying so."""
    from gates_lab.classroom import presets

    if scenario.preset not in [p.name for p in presets.presets_for(kind)]:
        opening = S.opening_scenario(kind)
        if opening is not None and (scenario.cell, scenario.input) == (opening.cell,
                                                                       opening.input):
            # the opening says what it shows, as a preset does
            st.info(page.t(f"cell.opening.{kind}"), icon="🎓")
        return
    p = presets.get_preset(scenario.preset)
    title = page.t(f"preset.{p.name}.title")
    if preset_matches(scenario):
        # collapsible, so that it need not push the chart below the fold (on a
        # projector it starts collapsed)
        with st.expander(f"**{title}**", expanded=not page.present):
            st.info(page.t(f"preset.{p.name}.explain"), icon="🎓")
        show_guide(page, f"preset.{p.name}")
    else:  # its explanation would describe data that is not on screen
        st.caption(page.t("cell.preset.changed", name=title))


# --------------------------------------------------------------------------- controls


def show_equations(page: Page, scenario: S.Scenario) -> None:
    cell = scenario.cell
    with st.expander(page.t("cell.equations"), expanded=not page.present):
        st.latex(S.cell_equations(cell, scenario.view.textbook_update))
        if "reset_after" in S.cell_view(cell).options:
            st.caption(page.t("cell.reset_note.1" if cell.reset_after else "cell.reset_note.0"))


def _use_heatmap(view: S.ViewSpec, cell: S.CellSpec) -> bool:
    return view.display == "heatmap" or (view.display == "auto"
                                         and cell.hidden_size > HEATMAP_ABOVE)


def gates_figure(page: Page, trace: Any, ghosts: tuple[Any, Any], x: np.ndarray,
                 tokens: list[str] | None, scenario: S.Scenario) -> Any:
    """The gates over time, the input first; ``ghosts``: the previous trace and input."""
    view, cell = scenario.view, scenario.cell
    ghost, ghost_x = ghosts
    # The input as the first panel, its channels named (a preset's value / write signal)
    names = over_time.channel_names(cell.input_size, S.channels_preset(scenario), page.lang)
    # On a projector the whole figure fits one 720 px screen.
    height = PRESENT_CHART_HEIGHT if page.present else None
    if _use_heatmap(view, cell):
        return over_time.state_heatmap(trace, tokens=tokens, lang=page.lang,
                                       present=page.present, inputs=x, channel_names=names,
                                       height=height, ghost_inputs=ghost_x)
    return over_time.gate_panels(trace, ghost=ghost, tokens=tokens, lang=page.lang,
                                 present=page.present, textbook_update=view.textbook_update,
                                 inputs=x, channel_names=names, height=height,
                                 ghost_inputs=ghost_x)


@dataclasses.dataclass(frozen=True)
class LiveRun:
    """What the live gates draw: the settings and their run (set by every full run, and
    by a release committed inside the live fragment)."""

    scenario: S.Scenario
    trace: Any
    ghosts: tuple[Any, Any]  # the previous run's trace and input (gates_figure)
    x: np.ndarray
    tokens: list[str] | None


def _run_key(kind: str) -> str:
    return f"{kind}.live.run"


def live_gates_in_place(page: Page) -> None:
    """The live gates in their keyed container (outside the fragment: made once a page
    run, not again at every "want" and release)."""
    with st.container(key=f"{page.name}-chart-gates"):
        live_gates(page)


@st.fragment
def live_gates(page: Page) -> None:
    """The gates over time with the live controls beside them (gates_lab/live).

    A fragment: hovering a control reruns only this part (to send that control's
    frames), and so does a release: the value goes into the settings and the link here,
    and the chart the browser already draws stays. The preset's explanation above the
    chart is drawn here too (a release can leave the preset's data). Only when something
    outside shows the value (Settings -> Weights or Files open) does the whole page
    rerun. The fragment reads the settings from the session, never from its arguments
    (a fragment rerun gets those of the last full run).
    """
    throttle_fragment_floods()  # "want" reruns count towards the flood pause too
    if live.commit_pending(page.name) and not commit_in_fragment(page):
        st.rerun()
    run: LiveRun = st.session_state[_run_key(page.name)]
    ghost_key = st.session_state.get(f"{page.name}.ghost_key")
    explain_preset(page, run.scenario, page.name)

    def build() -> Any:
        return gates_figure(page, run.trace, run.ghosts, run.x, run.tokens, run.scenario)

    if not live.mount(page, run.scenario, ghost_key, build, run.x):
        st.plotly_chart(build(), width="stretch", config=PLOTLY_CONFIG,
                        key=f"{page.name}.chart.gates_static")


def commit_in_fragment(page: Page) -> bool:
    """Commit a released value (a weight, a knob or an input point) inside the live
    fragment: settings, link, run and ghost. False (nothing done) when the rest of the page
    shows it too (the Settings tab that edits it, Files) or it cannot be applied (the
    page's full run gives the reason): then the page reruns."""
    from gates_lab.live import controls as C

    kind = page.name
    ss = st.session_state
    pending = ss[live.commit_key(kind)]
    point = live.is_point_commit(pending)
    shown = ("input" if point else "weights", "files")
    if ss.get(tab_key(kind, "controls")) in [page.t(f"cell.tab.{name}") for name in shown]:
        return False
    bound = Bound(page, S.Scenario, S.Scenario(cell=S.CellSpec(kind=kind)),
                  opening=S.opening_scenario(kind))
    before = bound.value
    if point:
        inp, problem = IP.commit(before.input, before.cell.input_size, pending)
        if problem:
            return False
        after = dataclasses.replace(before, input=inp)
    else:
        cell, _ = C.commit(before.cell, pending)
        after = dataclasses.replace(before, cell=cell)
    try:
        trace, x, tokens = run_cell(codec.cache_key(after.cell), codec.cache_key(after.input),
                                    after.cell, after.input)
    except ValueError:
        return False  # the page says why
    live.apply_commit(page, bound, live.take_commit(kind), fallback_keys(bound, pending))
    bound.commit()
    now = bound.value
    ghosts = remember_ghost(kind, codec.cache_key(now.cell) + codec.cache_key(now.input),
                            trace, x)
    ss[_run_key(kind)] = LiveRun(now, trace, ghosts, x, tokens)
    return True


def show_scrubber(page: Page, bound: Bound[S.Scenario], trace: Any,
                  tokens: list[str] | None) -> None:
    """The diagram at step t; under it the page's controls (slider, keys, Play) and the
    equations with the numbers of the unit the class picks."""
    from gates_lab import scrubber_controls

    st.caption(page.t("cell.scrubber_help"))
    size = bound.value.cell.hidden_size
    if size > 1:
        bound.select("view.unit", page.t("cell.scrubber_unit"), options=list(range(size)),
                     radio=size <= 8, help=page.t("cell.scrubber_unit_help"))
        bound.commit()
    view = bound.value.view
    unit = min(view.unit, size - 1)
    chart_key = f"{page.name}.chart.scrubber"
    frames, length = scrubber_frames(size), int(trace.output.shape[0])
    if length > frames:
        st.caption(page.t("cell.scrubber_strided", n=frames, total=length,
                          units=SCRUBBER_FEWER_ABOVE))
    fig = scrubber.cell_scrubber(trace, tokens=tokens, lang=page.lang, present=page.present,
                                textbook_update=view.textbook_update, unit=unit,
                                page_controls=True, max_frames=frames)
    # On a projector the controls and the equations go above the diagram: with it they
    # fill one 1280x720 screen (the strip chart follows below the diagram).
    controls_box = st.container() if page.present else None
    scrubber_css(page, chart_key)
    st.plotly_chart(fig, width="stretch", config=PLOTLY_CONFIG, key=chart_key)
    panel = scrubber_panel(trace, tokens=tokens, lang=page.lang,
                           textbook_update=view.textbook_update, unit=unit, max_frames=frames)
    labels = {"play": page.t("fig.scr.play"), "pause": page.t("fig.scr.pause"),
              "label": page.t("cell.scrubber_slider"), "keys": page.t("cell.scrubber_keys"),
              "unit": page.t("cell.scrubber_numbers", u=unit)}
    with controls_box if controls_box is not None else st.container():
        scrubber_controls.show_controls(panel, chart_key=chart_key,
                                        key=f"{page.name}.scrubber", labels=labels,
                                        present=page.present)


SCRUBBER_FEWER_ABOVE = 8  # units: a wider cell's diagram gets half the frames


def scrubber_frames(hidden_size: int) -> int:
    """How many steps the scrubber's diagram holds: its cells (and their equations) are
    made for every frame at every move, so a wide cell gets half as many (the largest link,
    16 units over 500 steps, cost 166 ms of CPU per move with 200 frames)."""
    return scrubber.MAX_FRAMES if hidden_size <= SCRUBBER_FEWER_ABOVE else scrubber.MAX_FRAMES // 2


def scrubber_css(page: Page, chart_key: str) -> None:
    """On a narrow screen (a phone) the diagram is drawn at a width where its boxes and
    labels never overlap (SCRUBBER_MIN_PX) and scaled down to the screen's width
    (gates_lab/scrubber_controls.js sets the zoom), so nothing scrolls sideways; the equations
    below wrap."""
    css_key = "st-key-" + chart_key.replace(".", "-")
    st.html(f"<style>.{css_key} {{ overflow: hidden; }} "
            f".{css_key} > div {{ min-width: {SCRUBBER_MIN_PX}px; }}</style>")


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

