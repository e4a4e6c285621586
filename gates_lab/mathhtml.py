"""The one LaTeX -> HTML converter of the lab, and the small HTML helpers of math text.

The equations are written once, in LaTeX (gates_lab/kind_view.py). Everywhere they are shown
as HTML (the live gates' controls, the scrubber's equations with numbers, the offline
lesson file, which has no MathJax) they go through :func:`latex_html`. It knows the
subset of LaTeX the lab writes: Greek letters and operators as characters, ``_{...}``
and ``_x`` as subscripts, ``\\text{}`` / ``\\mathrm{}`` as text, one
line per ``\\\\`` of an aligned block.
"""

from __future__ import annotations

import functools
import html
import re

__all__ = ["MINUS", "NBSP", "latex_html", "sub"]

MINUS = "\u2212"
NBSP = "\u00a0"

_SYMBOLS = (
    (r"\sigma", "σ"), (r"\tanh", "tanh"), (r"\odot", "⊙"), (r"\quad", "&emsp;"),
    (r"\tilde h", "h̃"), (r"\cdot", "·"), (r"\times", "×"), (r"\,", " "), (r"\ ", " "),
    (r"\mathrm{ReLU}", "ReLU"), (r"\left", ""), (r"\right", ""),
)


def sub(base: str, low: str) -> str:
    """``base`` with the subscript ``low``."""
    return f"{base}<sub>{low}</sub>"


@functools.lru_cache(maxsize=512)
def latex_html(latex: str) -> str:
    """The lab's LaTeX as HTML (see the module's docstring); no backslash or brace is
    left, and the minus signs are real minus signs."""
    text = latex.replace(r"\begin{aligned}", "").replace(r"\end{aligned}", "")
    lines = []
    for line in re.split(r"\\\\\s*", text):
        out = html.escape(line, quote=False)
        for src, dst in _SYMBOLS:
            out = out.replace(src, dst)
        out = re.sub(r"\\(?:text|mathrm)\{([^}]*)\}", r"\1", out)
        out = re.sub(r"_\{([^}]*)\}", r"<sub>\1</sub>", out)
        out = re.sub(r"_(\w'?)", r"<sub>\1</sub>", out)
        out = re.sub(r"\s+", " ", out.replace("-", MINUS))
        # juxtaposition: "W_{in} x_t" is one product, drawn without a gap
        out = re.sub(r"(</sub>) (?=[\w(])", r"\1", out)
        lines.append(out.replace("\\", "").strip())
    return "<br>".join(line for line in lines if line)
