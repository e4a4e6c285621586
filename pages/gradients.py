"""Vanishing gradients: BPTT through RNN, GRU and LSTM, and the LSTM's gradient highway."""

from gates_lab.pages.gradients import render

render()
