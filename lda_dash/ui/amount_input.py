"""An amount field written the French way (`98 431 €`, `494 000`), where `st.number_input` can
only show `98431` or `494000.00`: a text field read back by the figures' number parser."""

from __future__ import annotations

from decimal import Decimal

import streamlit as st

from lda_dash import fmt
from lda_dash.domain.numbers import NotANumber, parse_decimal


def amount_text(value) -> str:
    """The field's text for a stored amount: `98 431`, `1 250,5` (no euro sign to retype)."""
    return "" if value is None else fmt.number(value, 2)


def read_amount(text: str) -> tuple[Decimal | None, str | None]:
    """(amount, None), or (None, why) in French; blank gives (None, None)."""
    try:
        return parse_decimal(text or ""), None
    except NotANumber as exc:
        return None, f"montant « {text} » : {exc}"


def amount_input(label: str, value=None, *, key: str, help: str | None = None,
                 placeholder: str = "ex. 12 500") -> tuple[Decimal | None, str | None]:  # fmt: skip
    """A text field prefilled with `value` in French; returns what `read_amount` reads."""
    text = st.text_input(label, value=amount_text(value), key=key, help=help,
                         placeholder=placeholder)  # fmt: skip
    return read_amount(text)
