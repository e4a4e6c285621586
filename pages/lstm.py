"""The LSTM cell page: its gates over time, scrubber, weights and presets."""

from lab.cell_page import render

render("lstm")
