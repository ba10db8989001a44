"""Contrôle et reversement (prefecture): the proposal with every term, then the decision form.

Recording a decision locks the year's figures (DOMAIN.md section 8); the page says so before
the Prefect confirms.
"""

from __future__ import annotations

from decimal import Decimal

import streamlit as st

from lda_dash import config, fmt
from lda_dash.domain.pending_work import pending_counts
from lda_dash.domain.permissions import PermissionDenied
from lda_dash.services.control import ControlRefused
from lda_dash.services.control_actions import DecisionForm, save_decision
from lda_dash.services.control_data import ControlData
from lda_dash.tables.pending import pending_table
from lda_dash.ui import auth, control_page
from lda_dash.ui.amount_input import amount_input
from lda_dash.ui.safe_text import md
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
            # Storage refuses new terms while the year is locked; the dates may be completed.
            with st.expander(
                "Compléter les dates de l'article 4 (modifier la décision demande d'abord "
                "le déverrouillage de l'année par l'administration)"
            ):
                decision_form(data)
    control_page.report(data)


def plural(count: int, noun: str) -> str:
    """« 1 chiffre soumis », « 15 chiffres soumis » (the noun's first word agrees)."""
    if count > 1:
        first, _, rest = noun.partition(" ")
        noun = f"{first}s {rest}".strip()
    return f"{fmt.number(count)} {noun}"


def pending_notice(data: ControlData, submitted: int, missing: int) -> None:
    """What the decision would leave out for good, listed before the form (issue 12)."""
    year = data.context.year
    parts = []
    if submitted:
        parts.append(
            f"{plural(submitted, 'chiffre soumis')} par les partenaires "
            f"{'attendent' if submitted > 1 else 'attend'} encore la validation de la coordination"
        )
    if missing:
        parts.append(
            f"{plural(missing, 'chiffre')} n'{'ont' if missing > 1 else 'a'} jamais été transmis"
        )
    st.warning(
        f"**Avant de décider : l'année {year} n'est pas complète.** "
        + " ; ".join(parts)
        + f". La proposition ne compte que les chiffres validés ; la décision verrouille {year} : "
        "ces chiffres ne pourront plus être validés ni saisis. Vous pouvez demander à la "
        "coordination de les traiter avant d'enregistrer la décision.",
        icon=":material/pending_actions:",
    )
    with st.expander(f"Voir le détail par indicateur ({fmt.number(len(data.pending_work))})"):
        st.dataframe(
            pending_table(data.pending_work, data.titles), hide_index=True, width="stretch"
        )


def decision_form(data: ControlData) -> None:
    """Amount (prefilled with the proposal), justification and dates; confirmed explicitly."""
    proposal, year = data.proposal, data.context.year
    recorded = data.decision or {}
    st.markdown(
        f"Proposition au seuil de {threshold_words(data.threshold)} : "
        f"**{fmt.money(proposal.proposed_total)}**. Le montant décidé peut en différer ; il ne "
        f"peut pas dépasser le versement {year} ({fmt.money(proposal.payment)})."
    )
    submitted_count, missing_count = pending_counts(data.pending_work)
    if data.pending_work:
        pending_notice(data, submitted_count, missing_count)
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
            value=recorded.get("decided_on", data.context.as_of),
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
        knowingly = True
        if data.pending_work:
            knowingly = st.checkbox(
                f"Je décide en connaissance de cause : {plural(submitted_count, 'chiffre soumis')}"
                f" non validé{'s' if submitted_count > 1 else ''} et "
                f"{plural(missing_count, 'chiffre')} jamais transmis ne compteront pas",
                key=f"confirm_pending_{year}",
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
    if not knowingly:
        problems.append(
            "cochez la case qui reconnaît les chiffres non validés ou manquants de l'année"
        )
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
        st.error(f"La décision n'est pas enregistrée : {md(refused)}.", icon=":material/block:")
        return
    st.session_state[FLASH_KEY] = (
        f"Décision {year} enregistrée : {fmt.money(amount)}. Les chiffres {year} sont verrouillés."
    )
    st.rerun()


main()
