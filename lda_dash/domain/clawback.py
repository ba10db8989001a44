"""Clawback proposal for a closed year (DOMAIN.md section 8, convention Article 4).

The product proposes, the Prefect decides. Amounts come from the exact attainment, each
per-action amount and the unspent base rounded half up to the euro, with no other rounding.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from lda_dash.domain.progress import reaches
from lda_dash.domain.rounding import euros

DEFAULT_CLAWBACK_THRESHOLD = Fraction(1)


@dataclass(frozen=True)
class ActionClawback:
    """One action's term of the objective base."""

    action: int
    allocation: Decimal
    attainment: Fraction | None
    below_threshold: bool
    objective_base: int


@dataclass(frozen=True)
class ClawbackProposal:
    """Every term of the proposal, so that the page can show the rule in full."""

    year: int
    payment: Decimal
    threshold: Fraction
    actions: list[ActionClawback]
    objective_base_total: int
    payments_to_date: Decimal
    spending_to_date: Decimal | None
    decided_before: Decimal
    unspent_base: int | None
    proposed_total: int


def objective_base(
    allocation: Decimal, attainment: Fraction | None, threshold: Fraction
) -> tuple[bool, int]:
    """F × (1 − A) when A (rounded to 4 decimals) is below θ, else 0; 0 without attainment."""
    if attainment is None:
        return False, 0
    if reaches(attainment, threshold):  # A rounded half up to 4 decimals, at or above θ
        return False, 0
    return True, euros(Fraction(allocation) * (1 - attainment))


def clawback_proposal(
    year: int,
    payment: Decimal,
    allocations: Mapping[int, Decimal],
    attainments: Mapping[int, Fraction | None],
    payments: Mapping[int, Decimal],
    spending: Mapping[int, Decimal],
    decided: Mapping[int, Decimal],
    threshold: Fraction = DEFAULT_CLAWBACK_THRESHOLD,
) -> ClawbackProposal:
    """The proposed clawback for `year`.

    `payments`, `spending` (State-funded spending, DEP_AMI) and `decided` (clawbacks already
    decided) are per year; only years up to `year` (before it, for decisions) count.
    """
    terms = []
    for action, allocation in sorted(allocations.items()):
        attained = attainments.get(action)
        below, base = objective_base(allocation, attained, threshold)
        terms.append(ActionClawback(action, Decimal(allocation), attained, below, base))
    objective_total = sum(term.objective_base for term in terms)

    paid = sum((Decimal(v) for y, v in payments.items() if y <= year), Decimal(0))
    spent_years = [y for y in spending if y <= year]
    already = sum((Decimal(v) for y, v in decided.items() if y < year), Decimal(0))
    if spent_years:
        spent = sum((Decimal(spending[y]) for y in spent_years), Decimal(0))
        unspent = max(0, euros(Fraction(paid) - Fraction(spent) - Fraction(already)))
    else:
        spent, unspent = None, None
    proposed = min(euros(Fraction(payment)), max(objective_total, unspent or 0))
    return ClawbackProposal(
        year=year,
        payment=Decimal(payment),
        threshold=threshold,
        actions=terms,
        objective_base_total=objective_total,
        payments_to_date=paid,
        spending_to_date=spent,
        decided_before=already,
        unspent_base=unspent,
        proposed_total=proposed,
    )


def to_json(proposal: ClawbackProposal) -> dict:
    """The JSON of `reversement` (DOMAIN.md section 11)."""

    def num(value):
        if value is None:
            return None
        value = Decimal(value)
        return int(value) if value == value.to_integral_value() else float(value)

    return {
        "year": proposal.year,
        "payment": num(proposal.payment),
        "threshold": float(proposal.threshold),
        "actions": [
            {
                "action": term.action,
                "allocation": num(term.allocation),
                "attainment": None if term.attainment is None else float(term.attainment),
                "objective_base": term.objective_base,
            }
            for term in proposal.actions
        ],
        "objective_base_total": proposal.objective_base_total,
        "unspent_base": proposal.unspent_base,
        "proposed_total": proposal.proposed_total,
    }
