"""Display tables already written in French (pandas, no Streamlit): pages show them, exports and
the CSV downloads reuse them."""
