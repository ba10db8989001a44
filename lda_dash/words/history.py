"""History lines in French words: the stored item and values (codes, dots, `(validated)`) as
people read them on the Historique page, in its CSV and in the report's history sheet.

The history table keeps what was written (codes, `2450.75 (validated)`): it is a record, and the
command line reads it. Only what is shown is put in words here: `action 16 · EVAL · 2022 T4`
becomes `action 16 · Évaluation du plan · T4 2022`, `1 (submitted)` for a milestone becomes
`produit (soumis)`, `2450.75` for an amount becomes `2 450,75 €`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from lda_dash import fmt
from lda_dash.domain.model import IndicatorSpec, Mode
from lda_dash.words.glossary import FIGURE_STATUS_WORDS
from lda_dash.words.texts import history_entity
from lda_dash.words.workflow import figure_shown

Specs = Mapping[tuple[int, str], IndicatorSpec]
_ITEM = re.compile(r"^action (\d+) · ([A-Za-z0-9_]+)(?: · (\d{4})(?: T([1-4]))?)?$")
_FIGURE = re.compile(r"^(?P<figure>.*?)\s*\((?P<status>draft|submitted|validated|returned)\)$")
_RATE = re.compile(r"^(\d+)/(\d+)$")
_EUROS = re.compile(r"^(-?\d+(?:\.\d+)?) €$")
EMPTY = "vide"


def _spec(item: str, specs: Specs) -> tuple[IndicatorSpec | None, re.Match | None]:
    match = _ITEM.match(item or "")
    if match is None:
        return None, None
    return specs.get((int(match.group(1)), match.group(2))), match


def history_item(item: str, specs: Specs) -> str:
    """`action 16 · EVAL · 2022 T4` → `action 16 · Évaluation du plan · T4 2022`."""
    spec, match = _spec(item, specs)
    if spec is None or match is None:
        return item
    action, _code, year, quarter = match.groups()
    parts = [f"action {action}", spec.label]
    if year and quarter:
        parts.append(f"T{quarter} {year}")
    elif year:
        parts.append(year)
    return " · ".join(parts)


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _amount(value: Decimal) -> str:
    return fmt.money(value, 0 if value == value.to_integral_value() else 2)


def _figure(spec: IndicatorSpec, text: str) -> str:
    if not text:
        return EMPTY
    rate = _RATE.match(text)
    if rate:
        numerator, denominator = int(rate.group(1)), int(rate.group(2))
        return figure_shown(spec, {"numerator": numerator, "denominator": denominator})
    value = _decimal(text)
    return text if value is None else figure_shown(spec, {"value": value})


def history_value(entity: str, item: str, text: str | None, specs: Specs) -> str:
    """A stored old or new value in words and French numbers; `` when there was none."""
    if text is None or text == "":
        return ""
    spec, _ = _spec(item, specs)
    figure = _FIGURE.match(text)
    if figure is not None:
        shown = _figure(spec, figure.group("figure")) if spec else figure.group("figure")
        return f"{shown} ({FIGURE_STATUS_WORDS[figure.group('status')]})"
    euros = _EUROS.match(text)
    if euros is not None:
        return _amount(Decimal(euros.group(1)))
    value = _decimal(text)
    if value is None or not value.is_finite():
        return text
    if entity == "allocation" or (spec is not None and spec.unit == "€"):
        return _amount(value)
    if entity == "target" and spec is not None and spec.mode is Mode.JALON:
        return "à produire" if value else "non attendu"
    if entity == "target" and spec is not None and spec.mode is Mode.TAUX:
        return fmt.number(value, 1) + "\u202f%"
    return fmt.number(value, 2)


def history_line(row: Mapping, specs: Specs) -> dict[str, str]:
    """One stored history row's object, item and values, in words."""
    entity, item = row["entity"], row["item"]
    return {
        "entity": history_entity(entity),
        "item": history_item(item, specs),
        "old": history_value(entity, item, row.get("old_value"), specs),
        "new": history_value(entity, item, row.get("new_value"), specs),
    }
