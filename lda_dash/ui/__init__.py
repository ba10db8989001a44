"""Streamlit building blocks shared by the pages: session state, data loading, widgets."""
