"""French formatting of numbers, money, percentages and dates (babel, fr_FR)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

from babel.dates import format_date, format_datetime
from babel.numbers import format_currency, format_decimal

LOCALE = "fr_FR"
DASH = "—"


def _decimal(value) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    if isinstance(value, float) and value != value:
        return None
    return Decimal(str(value))


def money(value, decimals: int = 0) -> str:
    """`163 099 €` (whole euros unless asked otherwise)."""
    amount = _decimal(value)
    if amount is None:
        return DASH
    pattern = "#,##0 ¤" if decimals == 0 else "#,##0.00 ¤"
    return format_currency(amount, "EUR", format=pattern, locale=LOCALE, currency_digits=False)


def number(value, max_decimals: int = 2) -> str:
    """`1 234,5`; whole numbers without decimals."""
    amount = _decimal(value)
    if amount is None:
        return DASH
    pattern = "#,##0" + ("." + "#" * max_decimals if max_decimals else "")
    return format_decimal(amount, format=pattern, locale=LOCALE)


def percent(ratio, decimals: int = 0) -> str:
    """A fraction as a French percentage: 0.75 → `75 %`."""
    amount = _decimal(ratio)
    if amount is None:
        return DASH
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(amount * 100, format=pattern, locale=LOCALE) + "\u202f%"


def day(value: date | datetime | None) -> str:
    """`30/11/2022`."""
    if value is None:
        return DASH
    if isinstance(value, datetime):
        value = value.date()
    return format_date(value, format="dd/MM/yyyy", locale=LOCALE)


def long_day(value: date | None) -> str:
    """`30 novembre 2022`."""
    return DASH if value is None else format_date(value, format="d MMMM yyyy", locale=LOCALE)


def moment(value: datetime | None) -> str:
    """`30/11/2022 à 14:05`."""
    if value is None:
        return DASH
    return format_datetime(value, format="dd/MM/yyyy 'à' HH:mm", locale=LOCALE)
