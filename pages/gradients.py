"""Vanishing gradients: BPTT through RNN, GRU and LSTM, and the LSTM's gradient highway."""

from lab.pages.gradients import render

render()
