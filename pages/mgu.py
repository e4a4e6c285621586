"""The MGU cell page: its one gate over time, scrubber, weights and presets."""

from gates_lab.pages.cell import render

render("mgu")
