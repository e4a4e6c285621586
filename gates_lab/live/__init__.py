"""The live gates of the cell pages: a custom component (Streamlit components v2,
inline HTML/CSS/JS, no iframe) that draws the gates chart with Plotly.js and hosts the
weight, bias and per-gate controls as real range inputs, so the chart follows the thumb.

- ``controls``: which controls a cell has, their step grids, applying a sent value.
- ``frames``: every frame of a control's grid from one batched engine pass.
- ``assets``: plotly.min.js from the installed plotly package, served by the app.
- ``component``: the Streamlit side (mount, the triggers "want" and "commit").
"""
