"""French formatting of numbers, money, percentages and dates (babel, fr_FR)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
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


def _shown(amount: Decimal, decimals: int) -> Decimal:
    """`amount` rounded as it will be written, without the sign of a zero (`-0,4` → `0`)."""
    rounded = amount.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return abs(rounded) if rounded == 0 else amount


def money(value, decimals: int = 0) -> str:
    """`163 099 €` (whole euros unless asked otherwise)."""
    amount = _decimal(value)
    if amount is None:
        return DASH
    pattern = "#,##0 ¤" if decimals == 0 else "#,##0.00 ¤"
    amount = _shown(amount, decimals)
    return format_currency(amount, "EUR", format=pattern, locale=LOCALE, currency_digits=False)


def number(value, max_decimals: int = 2) -> str:
    """`1 234,5`; whole numbers without decimals."""
    amount = _decimal(value)
    if amount is None:
        return DASH
    pattern = "#,##0" + ("." + "#" * max_decimals if max_decimals else "")
    amount = _shown(amount, max_decimals)
    return format_decimal(amount, format=pattern, locale=LOCALE)


def percent(ratio, decimals: int = 0) -> str:
    """A fraction as a French percentage: 0.75 → `75 %`."""
    amount = _decimal(ratio)
    if amount is None:
        return DASH
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    amount = _shown(amount * 100, decimals)
    return format_decimal(amount, format=pattern, locale=LOCALE) + "\u202f%"


def plural(count, singular: str, plural_form: str | None = None) -> str:
    """`1 territoire`, `2 territoires`, `0 erreur`, `1 500 lignes`: the count written the French
    way and its noun agreeing with it (French keeps the singular below 2). `plural_form` for
    nouns that do not take an s (`1 bureau`, `2 bureaux`); a phrase (`erreur bloquante`) agrees
    word by word when no plural form is given."""
    return f"{number(count)} {noun(count, singular, plural_form)}"


def noun(count, singular: str, plural_form: str | None = None) -> str:
    """The noun alone, agreeing with `count`: `territoire` or `territoires`."""
    amount = _decimal(count)
    if amount is not None and abs(amount) < 2:
        return singular
    if plural_form is not None:
        return plural_form
    words = singular.split(" ")
    for index, word in enumerate(words):
        if word in _PREPOSITIONS:
            break  # `indicateur sans cible` → `indicateurs sans cible`
        words[index] = _plural_word(word)
    return " ".join(words)


_INVARIABLE = ("non", "pas", "encore", "déjà", "partiellement", "entièrement", "très", "bien")
_PREPOSITIONS = ("de", "du", "des", "d'", "à", "au", "aux", "en", "sur", "par", "pour", "sans")


def _plural_word(word: str) -> str:
    if not word or word in _INVARIABLE or word.endswith(("s", "x", "z")) or "'" in word:
        return word
    if not word[0].isalpha() or word[0].isupper():
        return word  # a code, a number or a name never agrees
    return word[:-2] + "aux" if word.endswith("al") else word + "s"


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
