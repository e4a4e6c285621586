"""Classroom challenges: set the weights so the gates do a job; check, hint, solution."""

from gates_lab.pages.challenges import render

render()
