"""Learned gates: cells trained on toy tasks, training in the page, your own model."""

from gates_lab.pages.learned import render

render()
