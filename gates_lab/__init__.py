"""The app side of the gates lab: settings, strings, figures and Streamlit helpers."""
