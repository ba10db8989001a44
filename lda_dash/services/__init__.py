"""Use cases as plain functions: each opens one unit of work, calls storage, and runs the rules.

Pages (through ui) and commands call these; they never reach storage themselves. No Streamlit
here, so every use case is tested without a browser.
"""
