"""Learned gates: cells trained on toy tasks, training in the page, your own model."""

from lab.pages.learned import render

render()
