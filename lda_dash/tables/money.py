"""Display tables of the money pages, already in French (pandas, no Streamlit)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

import pandas as pd

from lda_dash import fmt
from lda_dash.domain.clawback import ClawbackProposal
from lda_dash.domain.deadlines import Step
from lda_dash.domain.finances import ActionFinance, YearBalance
from lda_dash.words.labels import money
from lda_dash.words.texts import history_value

BELOW = "⬇ oui"
NOT_BELOW = "non"
NO_ATTAINMENT = "— pas d'atteinte"


def share_text(value) -> str:
    return fmt.percent(value, 2)


def bases_table(proposal: ClawbackProposal) -> pd.DataFrame:
    """The bases chart's values: both bases, the payment that caps them, the amount proposed."""
    unspent = "sans objet" if proposal.unspent_base is None else money(proposal.unspent_base)
    terms = {
        "Base objectifs": money(proposal.objective_base_total),
        "Base non-consommation": unspent,
        f"Plafond : versement {proposal.year}": money(proposal.payment),
        f"Montant proposé pour {proposal.year}": money(proposal.proposed_total),
    }
    return pd.DataFrame({"Montant": list(terms.values())}, index=pd.Index(terms, name="Terme"))


def clawback_table(proposal: ClawbackProposal, titles: Mapping[int, str]) -> pd.DataFrame:
    """One row per action: F, A, below θ or not, the computation and the objective base."""
    threshold = fmt.percent(proposal.threshold)
    rows = []
    for term in proposal.actions:
        if term.attainment is None:
            below, computation = NO_ATTAINMENT, "aucune atteinte : 0 €"
        elif term.below_threshold:
            below = BELOW
            computation = (
                f"{money(term.allocation)} × (100 % − {share_text(term.attainment)}) "
                f"= {money(term.objective_base)}"
            )
        else:
            below, computation = NOT_BELOW, f"atteinte ≥ {threshold} : 0 €"
        rows.append(
            {
                "N°": str(term.action),
                "Action": titles.get(term.action, ""),
                "Part du versement (F)": money(term.allocation),
                "Atteinte validée (A)": share_text(term.attainment),
                f"Sous le seuil de {threshold} ?": below,
                "Calcul": computation,
                "Base objectifs": money(term.objective_base),
            }
        )
    rows.append(
        {
            "N°": "",
            "Action": "Total",
            "Part du versement (F)": money(sum(t.allocation for t in proposal.actions)),
            "Atteinte validée (A)": "",
            f"Sous le seuil de {threshold} ?": "",
            "Calcul": "somme des montants arrondis",
            "Base objectifs": money(proposal.objective_base_total),
        }
    )
    return pd.DataFrame(rows).set_index("N°")


def unit_cost(amount: Fraction | None, unit: str | None) -> str:
    """`1 375 € / logement`."""
    if amount is None or not unit:
        return fmt.DASH
    single = unit[:-1] if unit.endswith("s") and unit.isalpha() else unit
    return f"{money(amount)} / {single}"


def finance_table(
    rows: list[ActionFinance], titles: Mapping[int, str], pending: Mapping[int, Fraction]
) -> pd.DataFrame:
    """Budget, allocation, spending (validated; submitted apart), consumption, cost per result."""
    table = []
    for line in rows:
        unit = line.result.unit if line.result else None
        result = fmt.DASH
        if line.result is not None:
            result = f"{line.result.label} : {fmt.number(line.result_value)}"
        table.append(
            {
                "N°": str(line.action),  # a RangeIndex would not be shown
                "Action": titles.get(line.action, ""),
                "Coût prévu (annexe)": money(line.budget.cost),
                "Financement AMI (annexe)": money(line.budget.ami)
                if line.budget.ami is not None
                else "non précisé",
                "Part du versement": money(line.allocation),
                "Dépenses AMI validées": money(line.spending)
                if line.spending is not None
                else "non déclarées",
                "Soumises, non validées": money(pending[line.action])
                if pending.get(line.action)
                else "",
                "Consommation": fmt.percent(line.consumption),
                "Résultat principal": result,
                "Coût par résultat (part du versement)": unit_cost(
                    line.allocation_per_result, unit
                ),
                "Coût par résultat (dépenses)": unit_cost(line.spending_per_result, unit),
            }
        )
    frame = pd.DataFrame(table).set_index("N°")
    # An empty column only squeezes the others.
    if not any(pending.values()):
        frame = frame.drop(columns="Soumises, non validées")
    if all(line.budget.ami is None for line in rows):
        frame = frame.drop(columns="Financement AMI (annexe)")
    return frame


def balance_table(balance: list[YearBalance]) -> pd.DataFrame:
    """Per year: payment, validated spending, clawback decided, balance carried over."""
    return pd.DataFrame(
        [
            {
                "Année": str(b.year),
                "Versement": money(b.payment),
                "Dépenses AMI validées": money(b.spending)
                if b.spending is not None
                else "non déclarées",
                "Reversement décidé": money(b.decided_clawback),
                "Solde reporté": money(b.balance),
            }
            for b in balance
        ]
    ).set_index("Année")


def allocation_frame(
    titles: Mapping[int, str], default: Mapping[int, object], current: Mapping[int, object]
) -> pd.DataFrame:
    """The editor's rows: the default rule's share beside the share to edit (whole euros)."""
    return pd.DataFrame(
        [
            {
                "N°": number,
                "Action": titles.get(number, ""),
                "Règle par défaut": money(default.get(number)),
                "Part (€)": int(current.get(number, 0) or 0),
            }
            for number in sorted(set(default) | set(current))
        ]
    )


def _value_text(text: str | None, amounts: bool) -> str:
    """A stored history value in French; `33000.00` reads `33 000 €` when it is an amount."""
    if text is None:
        return fmt.DASH
    if amounts:
        try:
            return money(Decimal(text))
        except InvalidOperation:
            pass
    return history_value(text)


def history_table(
    rows: list[dict], item_title: str = "Objet", *, amounts: bool = False
) -> pd.DataFrame:
    """History rows (who, when, old value, new value, reason), in French."""
    return pd.DataFrame(
        [
            {
                "Date": fmt.moment(row["changed_at"]),
                "Auteur": row["author"],
                item_title: row["item"],
                "Avant": _value_text(row["old_value"], amounts),
                "Après": _value_text(row["new_value"], amounts),
                "Motif": row["reason"] or "",
            }
            for row in rows
        ],
        columns=["Date", "Auteur", item_title, "Avant", "Après", "Motif"],
    )


@dataclass(frozen=True)
class StepView:
    """One Article 4 step as the page shows it: its state and a sentence that says it."""

    label: str
    state: str  # done, late (done after its due date), overdue, waiting, todo
    text: str


def timeline_views(steps: list[Step]) -> list[StepView]:
    """Words for each step of deadlines.timeline; an overdue step says so in words, not colour."""
    letter, reply, title, payment = steps
    views = [
        StepView(letter.label, "done", f"✔ envoyée le {fmt.day(letter.done_on)}")
        if letter.done_on
        else StepView(letter.label, "todo", "○ date d'envoi non saisie")
    ]
    if reply.due is None:
        views.append(StepView(reply.label, "todo", "○ un mois après la lettre"))
    elif reply.overdue:
        views.append(
            StepView(
                reply.label,
                "overdue",
                f"⚠ En retard : délai échu le {fmt.day(reply.due)}, titre de reversement "
                "pas encore émis",
            )
        )
    elif title.done_on:
        views.append(StepView(reply.label, "done", f"✔ délai clos le {fmt.day(reply.due)}"))
    else:
        views.append(StepView(reply.label, "waiting", f"⏳ au plus tard le {fmt.day(reply.due)}"))
    if title.done_on:
        views.append(StepView(title.label, "done", f"✔ émis le {fmt.day(title.done_on)}"))
    elif reply.due:
        views.append(
            StepView(
                title.label, "todo", f"○ à émettre après le délai de réponse ({fmt.day(reply.due)})"
            )
        )
    else:
        views.append(StepView(title.label, "todo", "○ à émettre après la réponse de l'EPCI"))
    if payment.done_on and payment.due and payment.done_on > payment.due:
        views.append(
            StepView(
                payment.label,
                "late",
                f"⚠ payé le {fmt.day(payment.done_on)}, après l'échéance du {fmt.day(payment.due)}",
            )
        )
    elif payment.done_on:
        views.append(StepView(payment.label, "done", f"✔ payé le {fmt.day(payment.done_on)}"))
    elif payment.overdue:
        views.append(
            StepView(
                payment.label,
                "overdue",
                f"⚠ En retard : paiement dû au plus tard le {fmt.day(payment.due)}, non enregistré",
            )
        )
    elif payment.due:
        views.append(
            StepView(payment.label, "waiting", f"⏳ au plus tard le {fmt.day(payment.due)}")
        )
    else:
        views.append(StepView(payment.label, "todo", "○ six mois au plus après le titre"))
    return views
