"""Plotly figures built from report values (no Streamlit: pages display them, exports draw them)."""
