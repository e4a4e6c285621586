"""RNN vs LSTM vs GRU: how long each remembers x_0, their gates side by side, their cost."""

from gates_lab.pages.compare import render

render()
