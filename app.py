"""The gates lab: start with `streamlit run app.py`."""

import streamlit as st

from lab.navigation import pages

st.navigation(pages(), position="sidebar").run()
