"""gates: NumPy twins of torch's RNN / GRU / LSTM (and their variants, and the minimal
gated unit MGU) that record every gate at every step.

The public contract is docs/API.md. Importing gates needs only NumPy (never torch).
The teaching material built on it (presets, challenges, tasks, training) is the sibling
package ``gates_lab.classroom``; ``gates`` never imports it.
"""

from gates.backward import Gradients, backward
from gates.network import GRU, LSTM, MGU, RNN
from gates.sweep import sweep, sweep_param
from gates.trace import LayerRecord, NetConfig, Trace

__all__ = [
    "GRU",
    "LSTM",
    "MGU",
    "RNN",
    "Gradients",
    "LayerRecord",
    "NetConfig",
    "Trace",
    "backward",
    "sweep",
    "sweep_param",
]
