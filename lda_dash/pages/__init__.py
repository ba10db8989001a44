"""One page per task, run by st.navigation: each composes ui widgets over services, and never
tests a role (the role decides which pages exist: auth.pages_for)."""
