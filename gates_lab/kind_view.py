"""How the lab shows each cell kind and variant: the one table of their presentation.

The engine's facts about a kind (blocks, trace names, states) are in gates/kinds.py; what
the lab draws and writes for it is here, once: its colour and icon, its symbols and
labels, its equations (LaTeX, turned into HTML by gates_lab/mathhtml.py), the scrubber's
equations with their numbers, its diagram layout, the gates a variant removes, the cell
settings its page offers and the gate whose bias makes it hold a memory. Figures, the
scrubber, the equations, the compare and gradients pages and the live gates read
:func:`view`; a kind or variant missing here raises, it is never drawn as another.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np

from gates.kinds import get_kind
from gates_lab.figures.diagram_layouts import Layout, lstm_layout, mix_layout, rnn_layout
from gates_lab.i18n import t

__all__ = ["CELL_PAGES", "EXTRAS", "STANDARD", "STORY_ORDER", "from_key", "Cfg", "KindView", "Line", "VIEWS", "all_equations", "block_name",
           "gate_equations", "shown_values", "state_equations", "variant_of", "view",
           "weight_latex", "weight_symbol"]

STANDARD = "standard"
_PEEPHOLE = re.compile(r"weight_c[ifo](_l\d+)?(_reverse)?$")


class Cfg(NamedTuple):
    """The settings that change a cell's equations."""

    reset_after: bool = True      # GRU: r multiplies W_hn h + b_hn (torch), else h
    nonlinearity: str = "tanh"    # RNN
    textbook: bool = False        # GRU: draw the update gate as the textbook's z (= 1 - z)


class Line(NamedTuple):
    """One equation of the scrubber: its left-hand side's trace name, the equation in
    LaTeX, and its numbers as a template (gates_lab/figures/scrubber_info.py fills it: ``{e}``
    is the expression e of the step's values, ``{e:p}`` the same in parentheses when
    negative, ``{e:+}`` as `` + e`` or `` − |e|``; ``name.x`` / ``name.h`` / ``name.p``
    are a gate's input, recurrent and peephole terms)."""

    lhs: str
    latex: str
    numbers: str


# ------------------------------------------------------------------------- equations


def _gate(sym: str, block: str, fn: str = r"\sigma", extra: str = "") -> str:
    return (rf"{sym}_t = {fn}(W_{{i{block}}} x_t + b_{{i{block}}} + W_{{h{block}}} h_{{t-1}}"
            rf" + b_{{h{block}}}{extra})")


def _gate_numbers(name: str, fn: str = "σ", outer: str = "", peephole: bool = False) -> str:
    p = f"{{{name}.p:+}}" if peephole else ""
    total = f"{name}.x+{name}.h" + (f"+{name}.p" if peephole else "")
    value = f"1-{name}" if outer else name
    return (f"= {outer}{fn}({{{name}.x}}{{{name}.h:+}}{p}) = {outer}{fn}({{{total}}}) = "
            f"<b>{{{value}}}</b>")


def _gate_line(name: str, sym: str, block: str, fn: str = r"\sigma",
               peephole: str = "") -> Line:
    html_fn = "σ" if fn == r"\sigma" else "tanh"
    extra = rf" + p_{block} \odot {peephole}" if peephole else ""
    return Line(name, _gate(sym, block, fn, extra), _gate_numbers(name, html_fn, "", bool(peephole)))


# GRU ---------------------------------------------------------------------------------
GRU_N_AFTER = r"n_t = \tanh(W_{in} x_t + b_{in} + r_t \odot (W_{hn} h_{t-1} + b_{hn}))"
GRU_N_BEFORE = r"n_t = \tanh(W_{in} x_t + b_{in} + W_{hn} (r_t \odot h_{t-1}) + b_{hn})"
GRU_N_NO_RESET = r"n_t = \tanh(W_{in} x_t + b_{in} + W_{hn} h_{t-1} + b_{hn})"
GRU_UPDATE_TORCH = r"h_t = (1 - z_t) \odot n_t + z_t \odot h_{t-1}"
GRU_UPDATE_TEXTBOOK = (r"h_t = (1 - z'_t) \odot h_{t-1} + z'_t \odot \tilde h_t"
                       r"\quad\text{with } z'_t = 1 - z_t,\ \tilde h_t = n_t")


def _gru_gates(cfg: Cfg, reset: bool = True) -> dict[str, str]:
    out = {"r": _gate("r", "r")} if reset else {}
    out["z"] = _gate("z", "z")
    out["n"] = (GRU_N_NO_RESET if not reset else GRU_N_AFTER if cfg.reset_after
                else GRU_N_BEFORE)
    return out


def _gru_states(cfg: Cfg) -> list[str]:
    return [GRU_UPDATE_TEXTBOOK if cfg.textbook else GRU_UPDATE_TORCH]


def _gru_lines(cfg: Cfg, reset: bool = True) -> tuple[Line, ...]:
    lines = [_gate_line("reset", "r", "r")] if reset else []
    if cfg.textbook:
        lines.append(Line("update", r"z_t = 1 - \sigma(W_{iz} x_t + b_{iz} + W_{hz} h_{t-1} + "
                                    r"b_{hz})", _gate_numbers("update", "σ", "1 − ")))
    else:
        lines.append(_gate_line("update", "z", "z"))
    if not reset:
        lines.append(Line("candidate", GRU_N_NO_RESET, "= tanh({candidate.x}{candidate.h:+}) = "
                          "tanh({candidate.x+candidate.h}) = <b>{candidate}</b>"))
    elif cfg.reset_after:
        lines.append(Line("candidate", GRU_N_AFTER,
                          "= tanh({candidate.x} + {reset} × {candidate.h:p}) = "
                          "tanh({candidate.x+reset*candidate.h}) = <b>{candidate}</b>"))
    else:
        lines.append(Line("candidate", GRU_N_BEFORE, "= tanh({candidate.x}{candidate.h:+}) = "
                          "tanh({candidate.x+candidate.h}) = <b>{candidate}</b>"))
    if cfg.textbook:
        lines.append(Line("hidden", r"h_t = (1 - z_t) \odot h_{t-1} + z_t \odot n_t",
                          "= (1 − {1-update}) × {h_prev:p} + {1-update} × {candidate:p} = "
                          "<b>{hidden}</b>"))
    else:
        lines.append(Line("hidden", GRU_UPDATE_TORCH, "= (1 − {update}) × {candidate:p} + "
                          "{update} × {h_prev:p} = <b>{hidden}</b>"))
    return tuple(lines)


# MGU ---------------------------------------------------------------------------------
MGU_N = r"n_t = \tanh(W_{in} x_t + b_{in} + W_{hn} (f_t \odot h_{t-1}) + b_{hn})"
MGU_H = r"h_t = (1 - f_t) \odot h_{t-1} + f_t \odot n_t"


def _mgu_gates(cfg: Cfg) -> dict[str, str]:
    return {"f": _gate("f", "f"), "n": MGU_N}


def _mgu_lines(cfg: Cfg) -> tuple[Line, ...]:
    return (_gate_line("forget", "f", "f"),
            Line("candidate", MGU_N, "= tanh({candidate.x}{candidate.h:+}) = "
                 "tanh({candidate.x+candidate.h}) = <b>{candidate}</b>"),
            Line("hidden", MGU_H, "= (1 − {forget}) × {h_prev:p} + {forget} × {candidate:p} = "
                 "<b>{hidden}</b>"))


# LSTM --------------------------------------------------------------------------------
LSTM_C = r"c_t = f_t \odot c_{t-1} + i_t \odot g_t"
LSTM_H = r"h_t = o_t \odot \tanh(c_t)"
_C_NUMBERS = "= {forget} × {c_prev:p} + {input} × {candidate:p} = <b>{cell}</b>"
_H_NUMBERS = "= {output} × tanh({cell}) = {output} × {tanh(cell):p} = <b>{hidden}</b>"


@dataclass(frozen=True)
class _Lstm:
    """An LSTM variant's equations: which gates it computes and how c and h follow."""

    gates: tuple[str, ...] = ("i", "f", "g", "o")   # blocks with their own equation
    coupled: bool = False                            # i = 1 - f
    peephole: bool = False
    c_latex: str = LSTM_C
    c_numbers: str = _C_NUMBERS
    h_latex: str = LSTM_H
    h_numbers: str = _H_NUMBERS

    def gate_latex(self, cfg: Cfg) -> dict[str, str]:
        out: dict[str, str] = {}
        for b in ("i", "f", "g", "o"):
            if b == "i" and self.coupled:
                out[b] = r"i_t = 1 - f_t"
            elif b in self.gates:
                out[b] = self._line(b).latex
        return out

    def states(self, cfg: Cfg) -> list[str]:
        return [self.c_latex, self.h_latex]

    def _line(self, b: str) -> Line:
        name = _LSTM_NAMES[b]
        if b == "g":
            return _gate_line(name, "g", "g", r"\tanh")
        peep = "" if not self.peephole else "c_t" if b == "o" else "c_{t-1}"
        return _gate_line(name, b, b, peephole=peep)

    def lines(self, cfg: Cfg) -> tuple[Line, ...]:
        out = []
        for b in ("i", "f", "g", "o"):
            if b == "i" and self.coupled:
                out.append(Line("input", r"i_t = 1 - f_t", "= 1 − {forget} = <b>{input}</b>"))
            elif b in self.gates:
                out.append(self._line(b))
        return (*out, Line("cell", self.c_latex, self.c_numbers),
                Line("hidden", self.h_latex, self.h_numbers))


_LSTM_NAMES = {"i": "input", "f": "forget", "g": "candidate", "o": "output"}

LSTM_VARIANTS: dict[str, _Lstm] = {
    STANDARD: _Lstm(),
    "no_forget": _Lstm(("i", "g", "o"), c_latex=r"c_t = c_{t-1} + i_t \odot g_t",
                       c_numbers="= {c_prev} + {input} × {candidate:p} = <b>{cell}</b>"),
    "no_input": _Lstm(("f", "g", "o"), c_latex=r"c_t = f_t \odot c_{t-1} + g_t",
                      c_numbers="= {forget} × {c_prev:p} + {candidate:p} = <b>{cell}</b>"),
    "no_output": _Lstm(("i", "f", "g"), h_latex=r"h_t = \tanh(c_t)",
                       h_numbers="= tanh({cell}) = <b>{hidden}</b>"),
    "coupled": _Lstm(("f", "g", "o"), coupled=True),
    "peephole": _Lstm(peephole=True),
}

# RNN ---------------------------------------------------------------------------------
RNN_TANH = r"h_t = \tanh(W_{ih} x_t + b_{ih} + W_{hh} h_{t-1} + b_{hh})"
RNN_RELU = r"h_t = \mathrm{ReLU}(W_{ih} x_t + b_{ih} + W_{hh} h_{t-1} + b_{hh})"


def _rnn_gates(cfg: Cfg) -> dict[str, str]:
    return {"h": RNN_RELU if cfg.nonlinearity == "relu" else RNN_TANH}


def _rnn_lines(cfg: Cfg) -> tuple[Line, ...]:
    act = "relu" if cfg.nonlinearity == "relu" else "tanh"
    return (Line("preactivation", r"a_t = W_{ih} x_t + b_{ih} + W_{hh} h_{t-1} + b_{hh}",
                 "= {preactivation.x}{preactivation.h:+} = <b>{preactivation}</b>"),
            Line("hidden", rf"h_t = \mathrm{{{act}}}(a_t)",
                 f"= {act}({{preactivation}}) = <b>{{hidden}}</b>"))


# ------------------------------------------------------------------------- the table


@dataclass(frozen=True)
class KindView:
    """Everything the lab shows of one cell kind (and variant)."""

    kind: str
    variant: str
    colour: str                     # its line in compare / gradients
    icon: str                       # its page in the navigation
    symbols: Mapping[str, str]      # trace name -> symbol in diagrams and labels
    candidate: str                  # locale suffix of its candidate's label ("gru", "lstm")
    gates: Callable[[Cfg], dict[str, str]]    # block -> the block's LaTeX
    states: Callable[[Cfg], list[str]]        # how the carried states follow (LaTeX)
    lines: Callable[[Cfg], tuple[Line, ...]]  # the scrubber's equations with numbers
    layout: Layout                  # the scrubber's diagram
    options: frozenset[str] = frozenset()    # cell settings its page offers
    flip: str | None = None         # trace name drawn as 1 - value in the textbook convention
    removed: Mapping[str, float] = field(default_factory=dict)  # removed gate -> constant
    #: trace name of a block -> the gate that multiplies h_{t-1} before W_h (the GRU with
    #: its reset before the product, the MGU's candidate)
    gated_h: Callable[[Cfg], Mapping[str, str]] = lambda cfg: {}
    hold_block: str | None = None   # the gate block whose bias makes the cell hold memory
    derived: Mapping[str, str] = field(default_factory=dict)  # gate -> how it is computed
    #: mix_layout: (the gate mixing old state and candidate, the gate on h in the candidate)
    mix_gates: tuple[str, str] = ("update", "reset")
    takes_new: bool | None = None   # mix_layout: mixing gate times the candidate (None: textbook)

    @property
    def key(self) -> str:
        return self.kind if self.variant == STANDARD else f"{self.kind}.{self.variant}"


_GRU_SYMBOLS = {"reset": "r", "update": "z", "candidate": "n", "hidden": "h"}
_LSTM_SYMBOLS = {"input": "i", "forget": "f", "candidate": "g", "output": "o", "cell": "c",
                 "hidden": "h"}
_GRU_COLOUR, _LSTM_COLOUR = "#0072B2", "#009E73"
_LSTM_VARIANT_COLOURS = {"no_forget": "#CC79A7", "no_input": "#E69F00",
                         "no_output": "#56B4E9", "coupled": "#8C564B", "peephole": "#004D40"}
_LSTM_REMOVED: dict[str, dict[str, float]] = {
    "no_forget": {"forget": 1.0}, "no_input": {"input": 1.0}, "no_output": {"output": 1.0}}


def _lstm_view(variant: str) -> KindView:
    v = LSTM_VARIANTS[variant]
    return KindView(
        "lstm", variant, _LSTM_VARIANT_COLOURS.get(variant, _LSTM_COLOUR), "🧠", _LSTM_SYMBOLS,
        "lstm", v.gate_latex, v.states, v.lines, lstm_layout,
        frozenset({"variant"}), removed=_LSTM_REMOVED.get(variant, {}),
        derived={"input": "1−f"} if v.coupled else {},
        hold_block=None if variant == "no_forget" else "f")


def _gru_view(variant: str) -> KindView:
    reset = variant == STANDARD
    return KindView(
        "gru", variant, _GRU_COLOUR if reset else "#7570B3", "🔁", _GRU_SYMBOLS, "gru",
        lambda cfg: _gru_gates(cfg, reset), _gru_states, lambda cfg: _gru_lines(cfg, reset),
        mix_layout, frozenset({"reset_after", "textbook", "variant"} if reset
                              else {"textbook", "variant"}), flip="update",
        removed={} if reset else {"reset": 1.0},
        gated_h=lambda cfg: {"candidate": "reset"} if reset and not cfg.reset_after else {},
        hold_block="z")


#: (kind, variant) -> its view. Variants the engine has not (yet) are never looked up.
VIEWS: dict[tuple[str, str], KindView] = {
    ("rnn", STANDARD): KindView(
        "rnn", STANDARD, "#D55E00", "➰", {"preactivation": "a", "hidden": "h"}, "gru",
        _rnn_gates, lambda cfg: [], _rnn_lines, rnn_layout, frozenset({"nonlinearity"})),
    ("gru", STANDARD): _gru_view(STANDARD),
    ("gru", "no_reset"): _gru_view("no_reset"),
    **{("lstm", v): _lstm_view(v) for v in LSTM_VARIANTS},
    ("mgu", STANDARD): KindView(
        "mgu", STANDARD, "#882255", "🔀", {"forget": "f", "candidate": "n", "hidden": "h"},
        "gru", _mgu_gates, lambda cfg: [MGU_H], _mgu_lines, mix_layout,
        gated_h=lambda cfg: {"candidate": "forget"}, mix_gates=("forget", "forget"),
        takes_new=True),
}

#: The kinds with a cell page of their own (pages/<kind>.py), in the sidebar's order.
CELL_PAGES: tuple[str, ...] = ("gru", "lstm", "rnn", "mgu")

#: The order the compare and gradients pages tell their story in: the plain RNN first,
#: then the gated fixes (a presentation order; the registry's order is KIND_NAMES).
STORY_ORDER: tuple[str, ...] = ("rnn", "lstm", "gru")

#: Stacked-weight block letter -> the trace name of the gate it computes (every kind).
_BLOCK_NAMES = {"r": "reset", "z": "update", "n": "candidate", "i": "input", "f": "forget",
                "g": "candidate", "o": "output", "h": "preactivation"}


#: What the compare and gradients pages can add beside their three cells: every other
#: kind and variant, by its key ("lstm.no_forget", "mgu").
EXTRAS: tuple[str, ...] = tuple(v.key for v in VIEWS.values() if v.key not in STORY_ORDER)


def from_key(key: str) -> tuple[str, str]:
    """(kind, variant) of a view's key: "lstm.no_forget" -> ("lstm", "no_forget")."""
    kind, _, variant = key.partition(".")
    return kind, variant or STANDARD


def cell_title(key: str, lang: str = "en") -> str:
    """A cell's name in charts and tables: "LSTM", "LSTM · no forget gate", "MGU"."""
    kind, variant = from_key(key)
    name = get_kind(kind, variant).torch_name
    return name if variant == STANDARD else f"{name} · {t(f'variant.{kind}.{variant}', lang)}"


def block_name(block: str) -> str:
    """The trace name of the quantity a weight block computes ("z" -> "update")."""
    return _BLOCK_NAMES[block]


def view(kind: str, variant: str = STANDARD) -> KindView:
    """The presentation of ``kind`` (and ``variant``); ValueError naming the known ones."""
    try:
        return VIEWS[(kind, variant or STANDARD)]
    except KeyError:
        known = ", ".join(k if v == STANDARD else f"{k} {v}" for k, v in VIEWS)
        raise ValueError(f"no presentation for the cell kind {kind!r} with variant "
                         f"{variant!r}; known: {known}") from None


def variant_of(obj: Any) -> str:
    """The variant of a trace, network or cell settings (``"standard"`` when it has none)."""
    for holder in (obj, getattr(obj, "config", None)):
        value = getattr(holder, "variant", None)
        if isinstance(value, str) and value:
            return value
    return STANDARD


def view_of(obj: Any) -> KindView:
    """The view of a trace, network or cell settings (``obj.kind`` and its variant)."""
    return view(obj.kind, variant_of(obj))


def shown_values(v: KindView, name: str, values: np.ndarray, textbook: bool) -> np.ndarray:
    """A quantity as the figures draw it: the GRU's update as 1 - z in the textbook
    convention (the one place where that flip is made), anything else as recorded."""
    return 1.0 - values if textbook and name == v.flip else values


# ------------------------------------------------------------------ equations (LaTeX)


def gate_equations(kind: str, reset_after: bool = True, nonlinearity: str = "tanh",
                   variant: str = STANDARD) -> dict[str, str]:
    """Gate block letter -> its equation, in the order of torch's weight blocks."""
    return view(kind, variant).gates(Cfg(reset_after, nonlinearity))


def state_equations(kind: str, textbook_update: bool = False,
                    variant: str = STANDARD) -> list[str]:
    """How the carried state(s) are updated from the gates."""
    return view(kind, variant).states(Cfg(textbook=textbook_update))


def all_equations(kind: str, reset_after: bool = True, nonlinearity: str = "tanh",
                  textbook_update: bool = False, variant: str = STANDARD) -> str:
    """One aligned LaTeX block with every equation of the cell."""
    lines = [*gate_equations(kind, reset_after, nonlinearity, variant).values(),
             *state_equations(kind, textbook_update, variant)]
    return r"\begin{aligned}" + r"\\ ".join(lines) + r"\end{aligned}"


def weight_symbol(tensor: str, block: str) -> str:
    """'W_hz' for the z block of weight_hh; 'b_ii' for bias_ih's i block; 'W_hh' for the
    plain RNN's one block h; 'p_f' for the peephole vector weight_cf."""
    if _PEEPHOLE.match(tensor):
        return f"p_{block}"
    head = "W" if tensor.startswith("weight") else "b"
    side = "i" if "_ih" in tensor else "h"
    return f"{head}_{side}{block}"


def weight_latex(tensor: str, block: str) -> str:
    """LaTeX of the weight's symbol with its whole subscript: 'W_{hz}'."""
    head, _, low = weight_symbol(tensor, block).partition("_")
    return f"{head}_{{{low}}}"
