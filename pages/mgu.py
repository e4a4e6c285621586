"""The MGU cell page: its one gate over time, scrubber, weights and presets."""

from lab.pages.cell import render

render("mgu")
