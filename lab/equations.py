"""The cells' equations in LaTeX, as the engine computes them (PyTorch's conventions).

Gate blocks of each weight matrix, in torch's order, with their symbols: the weight
editor groups its sliders by these, the home page and the cell pages show the formulas.
"""

from __future__ import annotations

import html
import re

# Gate block -> (symbol of its gate, LaTeX of its equation).
GRU_AFTER = {
    "r": r"r_t = \sigma(W_{ir} x_t + b_{ir} + W_{hr} h_{t-1} + b_{hr})",
    "z": r"z_t = \sigma(W_{iz} x_t + b_{iz} + W_{hz} h_{t-1} + b_{hz})",
    "n": r"n_t = \tanh(W_{in} x_t + b_{in} + r_t \odot (W_{hn} h_{t-1} + b_{hn}))",
}
GRU_BEFORE_N = r"n_t = \tanh(W_{in} x_t + b_{in} + W_{hn} (r_t \odot h_{t-1}) + b_{hn})"
GRU_UPDATE_TORCH = r"h_t = (1 - z_t) \odot n_t + z_t \odot h_{t-1}"
GRU_UPDATE_TEXTBOOK = (r"h_t = (1 - z'_t) \odot h_{t-1} + z'_t \odot \tilde h_t"
                       r"\quad\text{with } z'_t = 1 - z_t,\ \tilde h_t = n_t")
LSTM = {
    "i": r"i_t = \sigma(W_{ii} x_t + b_{ii} + W_{hi} h_{t-1} + b_{hi})",
    "f": r"f_t = \sigma(W_{if} x_t + b_{if} + W_{hf} h_{t-1} + b_{hf})",
    "g": r"g_t = \tanh(W_{ig} x_t + b_{ig} + W_{hg} h_{t-1} + b_{hg})",
    "o": r"o_t = \sigma(W_{io} x_t + b_{io} + W_{ho} h_{t-1} + b_{ho})",
}
LSTM_STATE = [r"c_t = f_t \odot c_{t-1} + i_t \odot g_t", r"h_t = o_t \odot \tanh(c_t)"]
RNN = {"h": r"h_t = \tanh(W_{ih} x_t + b_{ih} + W_{hh} h_{t-1} + b_{hh})"}
RNN_RELU = {"h": r"h_t = \mathrm{ReLU}(W_{ih} x_t + b_{ih} + W_{hh} h_{t-1} + b_{hh})"}


def gate_equations(kind: str, reset_after: bool = True, nonlinearity: str = "tanh"
                   ) -> dict[str, str]:
    """Gate block letter -> its equation, in the order of torch's weight blocks."""
    if kind == "gru":
        eqs = dict(GRU_AFTER)
        if not reset_after:
            eqs["n"] = GRU_BEFORE_N
        return eqs
    if kind == "lstm":
        return dict(LSTM)
    return dict(RNN_RELU if nonlinearity == "relu" else RNN)


def state_equations(kind: str, textbook_update: bool = False) -> list[str]:
    """How the carried state(s) are updated from the gates."""
    if kind == "gru":
        return [GRU_UPDATE_TEXTBOOK if textbook_update else GRU_UPDATE_TORCH]
    if kind == "lstm":
        return list(LSTM_STATE)
    return []


def all_equations(kind: str, reset_after: bool = True, nonlinearity: str = "tanh",
                  textbook_update: bool = False) -> str:
    """One aligned LaTeX block with every equation of the cell."""
    lines = [*gate_equations(kind, reset_after, nonlinearity).values(),
             *state_equations(kind, textbook_update)]
    return r"\begin{aligned}" + r"\\ ".join(lines) + r"\end{aligned}"


def weight_symbol(tensor: str, block: str, kind: str) -> str:
    """'W_hz' for the z block of weight_hh in a GRU; 'b_ii' for LSTM's bias_ih i block."""
    head = "W" if tensor.startswith("weight") else "b"
    side = "i" if "_ih" in tensor else "h"
    gate = "" if kind == "rnn" else block
    if kind == "rnn":
        return f"{head}_{side}h"
    return f"{head}_{side}{gate}"


def weight_latex(tensor: str, block: str, kind: str) -> str:
    """LaTeX of the weight's symbol with its whole subscript: 'W_{hz}'."""
    head, _, low = weight_symbol(tensor, block, kind).partition("_")
    return f"{head}_{{{low}}}"


_SYMBOLS = {r"\sigma": "σ", r"\tanh": "tanh", r"\odot": "⊙", r"\quad": "&emsp;",
            r"\,": " ", r"\ ": " ", r"\tilde h": "h̃", r"\cdot": "·"}


def latex_html(latex: str) -> str:
    """The subset of LaTeX in this module as HTML (no MathJax offline): Greek
    letters and operators as characters, ``_{...}`` as subscripts, ``\\text{}`` and
    ``\\mathrm{}`` as text, one line per ``\\\\`` of an aligned block."""
    text = latex.replace(r"\begin{aligned}", "").replace(r"\end{aligned}", "")
    lines = []
    for line in re.split(r"\\\\\s*", text):
        out = html.escape(line, quote=False)
        out = re.sub(r"\\(?:text|mathrm)\{([^}]*)\}", r"\1", out)
        for src, dst in _SYMBOLS.items():
            out = out.replace(src, dst)
        out = re.sub(r"_\{([^}]*)\}", r"<sub>\1</sub>", out)
        out = re.sub(r"_(\w)", r"<sub>\1</sub>", out)
        lines.append(out.replace("-", "−").strip())
    return "<br>".join(line for line in lines if line)
