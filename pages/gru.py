"""The GRU cell page: its gates over time, scrubber, weights and presets."""

from gates_lab.pages.cell import render

render("gru")
