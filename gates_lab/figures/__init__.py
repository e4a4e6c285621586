"""Plotly figure builders (no Streamlit): data in, figure out."""
