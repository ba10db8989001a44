"""Contrôle et reversement (prefecture): the proposal with every term, then the decision form.

Recording a decision locks the year's figures (DOMAIN.md section 8); the page says so before
the Prefect confirms.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import streamlit as st

from lda_dash import config, fmt
from lda_dash.domain.permissions import PermissionDenied
from lda_dash.services.control import ControlRefused
from lda_dash.services.control_actions import DecisionForm, save_decision
from lda_dash.services.control_data import ControlData
from lda_dash.ui import auth, control_page
from lda_dash.ui.amount_input import amount_input
from lda_dash.words.texts import threshold_words

FLASH_KEY = "decision_flash"


def main() -> None:
    data = control_page.open_control()
    control_page.decision_section(data)
    if flash := st.session_state.pop(FLASH_KEY, None):
        st.success(flash, icon=":material/check_circle:")
    if data.proposal is not None:
        if data.decision is None:
            st.subheader(f"Enregistrer la décision {data.context.year}")
            decision_form(data)
        else:
            with st.expander("Modifier la décision ou compléter les dates de l'article 4"):
                decision_form(data)
    control_page.report(data)


def decision_form(data: ControlData) -> None:
    """Amount (prefilled with the proposal), justification and dates; confirmed explicitly."""
    proposal, year = data.proposal, data.context.year
    recorded = data.decision or {}
    st.markdown(
        f"Proposition au seuil de {threshold_words(data.threshold)} : "
        f"**{fmt.money(proposal.proposed_total)}**. Le montant décidé peut en différer ; il ne "
        f"peut pas dépasser le versement {year} ({fmt.money(proposal.payment)})."
    )
    with st.form(f"decision_{year}", enter_to_submit=False):
        amount, amount_problem = amount_input(  # `98 431`, never `98431`
            "Montant décidé (€)",
            recorded.get("decided_amount", proposal.proposed_total),
            key=f"decision_amount_{year}",
        )
        justification = st.text_area(
            "Justification (obligatoire)",
            value=recorded.get("justification", ""),
            key=f"decision_justification_{year}",
            placeholder="Motifs de la décision, en particulier si le montant diffère de la "
            "proposition.",
        )
        left, right = st.columns(2)
        decided_on = left.date_input(
            "Date de la décision",
            value=recorded.get("decided_on", date.today()),
            format="DD/MM/YYYY",
        )
        letter = right.date_input(
            "Lettre recommandée avec accusé de réception : date d'envoi",
            value=recorded.get("letter_date"),
            format="DD/MM/YYYY",
            help="L'EPCI dispose d'un mois à compter de cette date pour répondre.",
        )
        title = left.date_input(
            "Titre de reversement : date d'émission",
            value=recorded.get("title_date"),
            format="DD/MM/YYYY",
            help="Le paiement est dû six mois au plus tard après cette date.",
        )
        paid = right.date_input(
            "Paiement reçu le", value=recorded.get("paid_date"), format="DD/MM/YYYY"
        )
        st.warning(
            f"**L'enregistrement verrouille les chiffres {year}.** Plus aucun chiffre de {year} "
            "ne pourra être saisi, modifié ou validé ; seule l'administration peut déverrouiller "
            "l'année, avec un motif consigné dans l'historique.",
            icon=":material/lock:",
        )
        confirmed = st.checkbox(
            f"Je confirme la décision et le verrouillage des chiffres {year}",
            key=f"confirm_decision_{year}",
        )
        submitted = st.form_submit_button(
            "Enregistrer la décision", type="primary", icon=":material/gavel:"
        )
    if not submitted:
        return
    form = DecisionForm(amount or Decimal(0), justification, decided_on, letter, title, paid)
    problems = [amount_problem] if amount_problem else []
    if amount is None and not amount_problem:
        problems.append("indiquez le montant décidé (0 s'il n'y a rien à reverser)")
    elif amount is not None and amount > proposal.payment:
        problems.append(
            f"le montant décidé ne peut pas dépasser le versement {year} "
            f"({fmt.money(proposal.payment)})"
        )
    elif amount is not None and amount != amount.to_integral_value():
        problems.append("le montant décidé s'écrit en euros, sans centimes")
    problems += form.problems()
    if not confirmed:
        problems.append("cochez la case de confirmation pour enregistrer")
    if problems:
        st.error("La décision n'est pas enregistrée : " + " ; ".join(problems) + ".")
        return
    try:
        save_decision(
            config.db_path(),
            data.context.convention_id,
            year,
            auth.current_actor(),
            threshold=data.threshold,
            shown_proposal=proposal.proposed_total,
            form=form,
        )
    except (ControlRefused, PermissionDenied) as refused:
        st.error(f"La décision n'est pas enregistrée : {refused}.", icon=":material/block:")
        return
    st.session_state[FLASH_KEY] = (
        f"Décision {year} enregistrée : {fmt.money(amount)}. Les chiffres {year} sont verrouillés."
    )
    st.rerun()


main()
