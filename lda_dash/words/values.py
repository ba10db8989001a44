"""French wording of the presentation: values in their unit, statuses, counts that agree."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from lda_dash import fmt
from lda_dash.domain.model import ACTION_STATUS_ORDER, STATUS_LABELS, IndicatorSpec, Mode, Status
from lda_dash.domain.progress import IndicatorProgress

ACTION_STATUS_WORDS = {
    # (singular, plural) as in "1 action atteinte", "3 actions atteintes"
    Status.ACHIEVED: ("atteinte", "atteintes"),
    Status.PARTIALLY_ACHIEVED: ("partiellement atteinte", "partiellement atteintes"),
    Status.NOT_ACHIEVED: ("non atteinte", "non atteintes"),
    Status.ON_TRACK: ("en bonne voie", "en bonne voie"),
    Status.WATCH: ("à surveiller", "à surveiller"),
    Status.LATE: ("en retard", "en retard"),
    Status.NO_DATA: ("sans chiffre validé", "sans chiffre validé"),
}


def short(text: str, width: int = 40) -> str:
    """Long annex titles cut with an ellipsis, so that a chart's axis stays readable."""
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1].rstrip(" ,;:-") + "…"


def percent(ratio: Fraction | None) -> str:
    return fmt.percent(ratio) if ratio is not None else fmt.DASH


def status_word(status: Status) -> str:
    return STATUS_LABELS[status]


def value_text(spec: IndicatorSpec, value, money: Callable[..., str] = fmt.money) -> str:
    """`42`, `69,4 %`, `10 002 €`, `produit`: a value in the indicator's unit, euros by `money`."""
    if value is None:
        return fmt.DASH
    if spec.mode == Mode.JALON:
        return "produit" if value >= 1 else "non produit"
    if spec.unit == "€":
        return money(value)
    if spec.mode == Mode.TAUX or spec.unit == "%":
        return fmt.number(value, 1) + "\u202f%"
    return fmt.number(value, 1)


def quantity(spec: IndicatorSpec, value) -> str:
    """`42 logements`, `1 appartement`: a count with its unit, French singular below 2."""
    text = value_text(spec, value)
    if value is None or spec.mode in (Mode.JALON, Mode.TAUX) or spec.unit in ("€", "%"):
        return text
    unit = spec.unit
    if value < 2 and unit.endswith("s") and unit.isalpha():
        unit = unit[:-1]
    return f"{text} {unit}"


def indicator_line(row: IndicatorProgress) -> str:
    """What a bar's end says: the value against the target, the attainment, the status."""
    spec = row.spec
    if row.value is None:
        return f"aucun chiffre validé · {status_word(row.status)}"
    if spec.mode == Mode.JALON:
        return f"{value_text(spec, row.value)} · {status_word(row.status)}"
    against = f"{quantity(spec, row.value)} sur {value_text(spec, row.target)}"
    return f"{against} · {percent(row.attainment)} · {status_word(row.status)}"


def action_count(count: int, status: Status) -> str:
    """`1 action atteinte`, `3 actions non atteintes`."""
    singular, plural = ACTION_STATUS_WORDS[status]
    return f"{count} action {singular}" if count < 2 else f"{count} actions {plural}"


def counts_sentence(counts: dict[Status, int]) -> str:
    """`9 actions atteintes, 3 partiellement atteintes et 4 non atteintes`."""
    parts = [action_count(counts[s], s) for s in ACTION_STATUS_ORDER if counts.get(s)]
    if not parts:
        return "aucune action"
    # After the first, "actions" need not be repeated.
    tail = [p.replace(" actions ", " ", 1).replace(" action ", " ", 1) for p in parts[1:]]
    words = [parts[0], *tail]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " et " + words[-1]


def quarters(quarters_: tuple[int, ...], year: int) -> str:
    """`T3 et T4 2022`."""
    names = [f"T{q}" for q in quarters_]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " et " + names[-1]
    return f"{listed} {year}"


def sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
