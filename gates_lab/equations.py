"""The cells' equations in LaTeX, as the engine computes them (PyTorch's conventions).

The equations themselves are written in the lab's table of kinds (gates_lab/kind_view.py);
this module keeps the names the pages and notebooks import.
"""

from __future__ import annotations

from gates_lab.kind_view import (
    GRU_UPDATE_TEXTBOOK,
    GRU_UPDATE_TORCH,
    all_equations,
    gate_equations,
    state_equations,
    weight_latex,
    weight_symbol,
)

__all__ = ["GRU_UPDATE_TEXTBOOK", "GRU_UPDATE_TORCH", "all_equations", "gate_equations",
           "state_equations", "weight_latex", "weight_symbol"]
