"""The gates lab: start with `streamlit run app.py`."""

import streamlit as st

from gates_lab.navigation import pages

st.navigation(pages(), position="sidebar").run()
