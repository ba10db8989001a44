"""An amendment's changes in words (DOMAIN.md section 13), for its preview, the Avenants page,
`amendment list` and the Historique: the indicator's label and the action's title instead of
codes, French numbers, amounts in euros. `versement : 163 099 € → 170 000 €`,
`poids · action 12 · Professionnels formés « Aller vers » : 1 → 3`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from lda_dash import fmt
from lda_dash.domain.amendments import CHANGE_LABELS, Amendment, Change, ChangeKind
from lda_dash.domain.model import IndicatorSpec, Mode


@dataclass(frozen=True)
class Names:
    """What a change's codes stand for: indicators (label, mode) and action titles."""

    indicators: Mapping[tuple[int, str], IndicatorSpec] = field(default_factory=dict)
    actions: Mapping[int, str] = field(default_factory=dict)


def change_subject(change: Change, names: Names) -> str:
    """« versement », « cible · action 2 · Logements captés dans le parc privé »,
    « répartition · action 12 · Accompagnement des professionnels par la formation »."""
    word = CHANGE_LABELS[change.kind]
    if change.action is None:
        return word
    if change.kind == ChangeKind.ALLOCATION:
        title = names.actions.get(change.action)
    else:
        spec = names.indicators.get((change.action, change.indicator or ""))
        title = spec.label if spec else change.indicator
    return " · ".join(part for part in (word, f"action {change.action}", title) if part)


def change_value(change: Change, value: Decimal | None, names: Names) -> str:
    """A value of the change the French way: euros for money, a percent for a rate's target,
    a milestone's target in words."""
    if value is None:
        return fmt.DASH
    value = Decimal(value)
    if change.kind in (ChangeKind.PAYMENT, ChangeKind.ALLOCATION):
        return fmt.money(value, 0 if value == value.to_integral_value() else 2)
    spec = names.indicators.get((change.action or 0, change.indicator or ""))
    if change.kind == ChangeKind.TARGET and spec is not None and spec.mode == Mode.TAUX:
        return f"{fmt.number(value, 1)}\u202f%"
    if change.kind == ChangeKind.TARGET and spec is not None and spec.mode == Mode.JALON:
        return "à produire" if value else "non attendu"
    return fmt.number(value, 2)


def change_line(change: Change, names: Names) -> str:
    """« cible · action 2 · Logements captés dans le parc privé : 40 → 45 »."""
    before, after = (change_value(change, value, names) for value in (change.before, change.after))
    return f"{change_subject(change, names)} : {before} → {after}"


def history_item(amendment: Amendment, change: Change, names: Names) -> str:
    """The Historique's « Élément » of one change: « Avenant bis du 30/06/2022 · année 2022 ·
    poids · action 12 · Professionnels formés « Aller vers » »."""
    return f"{amendment.label()} · année {amendment.year} · {change_subject(change, names)}"
