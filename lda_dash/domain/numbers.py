"""Reading numbers written the French way ("1 234,50", "60,0", "66 000 €") into exact Decimals."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Spaces French software puts in numbers: space, no-break space, narrow no-break space, thin space.
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


class NotANumber(ValueError):
    """The text is not a number; the message says so in French."""


def parse_decimal(text: object, *, allow_currency: bool = True) -> Decimal | None:
    """Return the Decimal written in `text`, or None when the text is blank.

    Accepts a decimal comma or point, thousands separators as spaces (any kind) or as points
    when a comma marks the decimals ("1.234,5"), and a trailing "€" or "EUR".
    Raises NotANumber with a French message for anything else (a word, "1,2,3", NaN, infinity).
    """
    if text is None:
        return None
    if isinstance(text, bool):
        raise NotANumber(f"« {text} » n'est pas un nombre")
    if isinstance(text, int):
        return Decimal(text)
    if isinstance(text, float):
        if text != text or text in (float("inf"), float("-inf")):
            raise NotANumber("valeur non numérique (NaN ou infini)")
        return Decimal(repr(text))
    if isinstance(text, Decimal):
        if not text.is_finite():
            raise NotANumber("valeur non numérique (NaN ou infini)")
        return text
    raw = str(text).strip()
    if raw == "":
        return None
    cleaned = raw
    if allow_currency:
        cleaned = re.sub(r"(€|eur(os?)?)$", "", cleaned, flags=re.IGNORECASE).strip()
    cleaned = _SPACES.sub("", cleaned)
    if "," in cleaned and "." in cleaned and cleaned.rfind(".") < cleaned.rfind(","):
        cleaned = cleaned.replace(".", "")  # "1.234,5": points group thousands
    if cleaned.count(",") > 1 or cleaned.count(".") > 1 or ("," in cleaned and "." in cleaned):
        raise NotANumber(f"« {raw} » n'est pas un nombre lisible")
    if not _NUMBER.match(cleaned):
        raise NotANumber(f"« {raw} » n'est pas un nombre")
    try:
        return Decimal(cleaned.replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - the pattern above already filters
        raise NotANumber(f"« {raw} » n'est pas un nombre") from exc


def is_whole(number: Decimal) -> bool:
    """True when the number has no fractional part ("60,0" is whole)."""
    return number == number.to_integral_value()


def normalised(number: Decimal) -> Decimal:
    """The number without trailing zeros or exponent form: 60,0 -> 60; 12,50 -> 12.5; never 1E+2."""
    if is_whole(number):
        return Decimal(int(number))
    return number.normalize()
