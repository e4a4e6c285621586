"""gates: NumPy twins of torch's RNN / GRU / LSTM that record every gate at every step.

The public contract is docs/API.md. Importing gates needs only NumPy (never torch).
"""

from gates import inputs, presets  # teacher's inputs and classroom scenarios
from gates.backward import Gradients, backward
from gates.network import GRU, LSTM, RNN
from gates.sweep import sweep, sweep_param
from gates.trace import LayerRecord, NetConfig, Trace

__all__ = [
    "GRU",
    "LSTM",
    "RNN",
    "Gradients",
    "LayerRecord",
    "NetConfig",
    "Trace",
    "backward",
    "inputs",
    "presets",
    "sweep",
    "sweep_param",
]
