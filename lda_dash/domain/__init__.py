"""Pure business rules of DOMAIN.md: no Streamlit, no SQL, no I/O."""
