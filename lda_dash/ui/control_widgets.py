"""Widgets of the money pages: the clawback proposal with every term, the Article 4 timeline,
recorded decisions and locks, and the execution report downloads."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import streamlit as st

from lda_dash import exports, fmt
from lda_dash.charts import money as money_charts
from lda_dash.domain.clawback import ClawbackProposal
from lda_dash.domain.deadlines import timeline
from lda_dash.services.control_actions import report_file, report_file_name
from lda_dash.services.control_data import ControlData
from lda_dash.tables.money import bases_table, clawback_table, timeline_views
from lda_dash.ui import chart_table
from lda_dash.ui.safe_text import md
from lda_dash.words.labels import money
from lda_dash.words.texts import threshold_words

THRESHOLD_KEY = "explored_threshold"
THRESHOLD_RANGE = (50, 100)  # percent


def explored_threshold() -> Fraction | None:
    """The threshold the person is exploring, or None for the stored setting."""
    percent = st.session_state.get(THRESHOLD_KEY)
    return None if percent is None else Fraction(percent, 100)


def _forget_decided_amounts() -> None:
    """The decision form starts again from the new proposal, not from the last one shown."""
    for key in [k for k in st.session_state if str(k).startswith("decision_amount_")]:
        del st.session_state[key]


def _reset_threshold() -> None:
    st.session_state.pop(THRESHOLD_KEY, None)
    _forget_decided_amounts()


def _copy_threshold() -> None:
    st.session_state[THRESHOLD_KEY] = st.session_state["_w_threshold"]
    _forget_decided_amounts()


def threshold_control(data: ControlData) -> None:
    """A slider to explore other thresholds; the stored setting never changes from here."""
    low, high = THRESHOLD_RANGE
    st.session_state["_w_threshold"] = min(high, max(low, round(data.threshold * 100)))
    slider, note = st.columns([1, 1], gap="large", vertical_alignment="center")
    slider.slider(
        "Seuil d'atteinte pour explorer un scénario",
        low,
        high,
        step=1,
        format="%d %%",
        key="_w_threshold",
        on_change=_copy_threshold,
        help="En dessous de ce seuil, une action compte pour F × (1 − A). Le curseur ne modifie "
        "que l'affichage : le paramètre enregistré reste celui de l'administration.",
    )
    stored = threshold_words(data.stored_threshold)
    if data.threshold == data.stored_threshold:
        note.caption(
            f"Seuil enregistré (paramètre de l'administration) : {stored}. Déplacez le curseur "
            "pour voir la proposition à un autre seuil ; rien n'est enregistré."
        )
        return
    with note:
        st.warning(
            f"**Scénario exploré** : seuil de {threshold_words(data.threshold)}. Le seuil "
            f"enregistré ({stored}) n'est pas modifié.",
            icon=":material/tune:",
        )
        st.button("Revenir au seuil enregistré", on_click=_reset_threshold, icon=":material/undo:")


def validated_only_notice(data: ControlData) -> None:
    year = data.context.year
    text = (
        "**Chiffres validés uniquement.** Le contrôle ne compte que les chiffres validés par la "
        "coordination."
    )
    if data.pending_figures == 1:
        text += f" 1 chiffre de {year} soumis mais pas encore validé n'est pas compté ici."
    elif data.pending_figures:
        text += (
            f" {data.pending_figures} chiffres de {year} soumis mais pas encore validés ne sont "
            "pas comptés ici."
        )
    st.info(text, icon=":material/verified:")


def years_span(first: int, year: int) -> str:
    """`2021–2022`, or `2021` alone in the convention's first year."""
    return str(year) if first >= year else f"{first}–{year}"


def rule(data: ControlData) -> None:
    """The rule of DOMAIN.md section 8 in plain French, with the threshold used."""
    year, first = data.context.year, data.context.convention["first_year"]
    threshold = threshold_words(data.threshold)
    span = f"de {first} à {year}" if first < year else f"de {year}"
    st.markdown(
        f"""
**Règle de calcul (article 4 de la convention).** La préfecture décide ; l'outil propose.

1. **Base objectifs**, action par action : si l'atteinte validée **A** de l'action est
   inférieure au seuil de **{threshold}**, on retient sa part du versement **F** multipliée par
   ce qui manque pour atteindre 100 % : **F × (1 − A)**. À partir du seuil, rien n'est retenu.
   Le seuil est une tolérance : en dessous, tout l'écart compte. Une action sans atteinte compte
   0 €. Chaque montant est arrondi à l'euro, puis additionné.
2. **Base non-consommation**, pour la convention : versements {span} − dépenses sur crédits
   AMI validées des mêmes années − reversements déjà décidés pour les années avant {year}, si
   c'est positif ; sans objet si aucune dépense n'a été déclarée.
3. **Montant proposé** : la plus grande des deux bases, sans dépasser le versement {year}.
"""
    )


def terms(data: ControlData, proposal: ClawbackProposal) -> None:
    """Every term: per action, the unspent base, both bases side by side, the proposed total."""
    year, first = proposal.year, data.context.convention["first_year"]
    st.subheader("Base objectifs, action par action")
    st.table(clawback_table(proposal, data.titles))
    st.caption(
        "Atteinte validée : moyenne pondérée des indicateurs de l'action qui ont une cible, "
        "chacun plafonné à 100 % ; un indicateur sans chiffre validé compte 0 %. Le calcul "
        "utilise l'atteinte exacte, l'affichage l'arrondit."
        + (" Répartition fixée par la coordination." if data.allocation_overridden else "")
    )
    st.subheader("Base non-consommation")
    cols = st.columns(4, border=True)
    span = years_span(first, year)
    cols[0].metric(f"Versements {span}", fmt.money(proposal.payments_to_date))
    cols[1].metric(
        f"Dépenses AMI validées {span}",
        fmt.money(proposal.spending_to_date) if proposal.spending_to_date is not None else "aucune",
    )
    cols[2].metric(f"Reversements décidés avant {year}", fmt.money(proposal.decided_before))
    cols[3].metric("Base non-consommation", unspent_words(proposal))
    if proposal.unspent_base is not None:
        st.markdown(
            f"max(0 ; {money(proposal.payments_to_date)} − {money(proposal.spending_to_date)} − "
            f"{money(proposal.decided_before)}) = **{money(proposal.unspent_base)}**"
        )
    st.subheader("Les deux bases et le montant proposé")
    left, right = st.columns([3, 2], gap="large")
    with left:
        chart_table.chart(
            money_charts.bases_chart(proposal),
            alt=f"Barres : base objectifs et base non-consommation {year}, sous le plafond du "
            "versement, avec le montant proposé.",
            table=bases_table(proposal),
            key="bases",
        )
    with right:
        st.metric("Base objectifs", fmt.money(proposal.objective_base_total), border=True)
        st.metric("Base non-consommation", unspent_words(proposal), border=True)
        st.metric(f"Montant proposé pour {year}", fmt.money(proposal.proposed_total), border=True)
        st.markdown(
            f"min(versement {year} {money(proposal.payment)} ; max("
            f"{money(proposal.objective_base_total)} ; "
            f"{money(proposal.unspent_base or 0)})) = **{money(proposal.proposed_total)}**"
        )


def unspent_words(proposal: ClawbackProposal) -> str:
    if proposal.unspent_base is None:
        return "sans objet"
    return fmt.money(proposal.unspent_base)


STEP_BOXES = {"done": st.success, "late": st.error, "overdue": st.error, "waiting": st.info}


def article4_timeline(decision: dict, today: date) -> None:
    """Letter → reply due one month later → titre → payment due six months later at most."""
    steps = timeline(decision["letter_date"], decision["title_date"], today, decision["paid_date"])
    views = timeline_views(steps)
    columns = st.columns(len(views))
    for number, (column, view) in enumerate(zip(columns, views, strict=True), start=1):
        with column:
            box = STEP_BOXES.get(view.state)
            body = f"**{number}. {view.label}**  \n{view.text}"
            if box is None:
                st.container(border=True).markdown(body)
            else:
                box(body)
    overdue = [v.label for v in views if v.state == "overdue"]
    if overdue:
        st.error("Étape en retard : " + ", ".join(overdue).lower() + ".", icon=":material/alarm:")


def decision_summary(data: ControlData) -> None:
    """The decision recorded for the year, with its author, its dates and its timeline."""
    decision = data.decision
    if decision is None:
        st.info(
            f"Aucune décision de reversement n'est enregistrée pour {data.context.year}.",
            icon=":material/gavel:",
        )
        return
    cols = st.columns(3, border=True)
    cols[0].metric("Montant décidé", fmt.money(decision["decided_amount"]))
    cols[1].metric(
        "Proposition à la décision",
        fmt.money(decision["proposed_amount"]),
        help=f"Seuil appliqué : {threshold_words(Fraction(str(decision['threshold'])))}",
    )
    cols[2].metric("Décidé le", fmt.day(decision["decided_on"]))
    st.markdown(f"**Justification** : {md(decision['justification'])}")
    st.caption(
        f"Enregistrée par {md(decision['author'])} le {fmt.moment(decision['recorded_at'])} · "
        f"seuil appliqué : {threshold_words(Fraction(str(decision['threshold'])))}"
    )
    st.markdown("**Échéances de l'article 4**")
    article4_timeline(decision, data.context.as_of)


def lock_notice(data: ControlData) -> None:
    if data.locked:
        lock = data.lock
        st.warning(
            f"**Chiffres {data.context.year} verrouillés** depuis le "
            f"{fmt.moment(lock['changed_at'])} ({md(lock['changed_by'])} : {md(lock['reason'])}). "
            "Seule l'administration peut les déverrouiller, avec un motif.",
            icon=":material/lock:",
        )


def report_downloads(path, convention: dict, year: int) -> None:
    """XLSX and PDF of the execution report, produced when the button is clicked."""
    st.markdown(f"**Rapport d'exécution {year}** (chiffres validés)")
    row = st.container(horizontal=True, gap="small")
    for name, icon in (("xlsx", ":material/table:"), ("pdf", ":material/picture_as_pdf:")):
        export = exports.FORMATS[name]
        row.download_button(
            f"Télécharger le rapport {year} ({name.upper()})",
            data=lambda name=name: report_file(path, convention["id"], year, name),
            file_name=report_file_name(convention["territory_name"], year, name),
            mime=export.mime,
            on_click="ignore",
            icon=icon,
            key=f"download_{name}",
            help=f"Le {export.label} est produit au clic à partir des chiffres validés.",
        )
    st.caption(
        "Le fichier est produit au moment du clic (le PDF, avec ses graphiques, demande une "
        "vingtaine de secondes ; une roue tourne sur le bouton pendant ce temps)."
    )
