"""Stacked and bidirectional RNN/GRU/LSTM: shapes, h_n layout, gates per layer, torch check."""

from gates_lab.pages.deep import render

render()
