"""Streamlit widgets and components the pages compose (sign-in, forms, selection, charts with
their data switch, slides); each owns its session state. Data comes from services."""
