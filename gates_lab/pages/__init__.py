"""Page bodies: one module a page; pages/*.py (Streamlit's entry files) call their render()."""
