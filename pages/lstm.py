"""The LSTM cell page: its gates over time, scrubber, weights and presets."""

from lab.pages.cell import render

render("lstm")
