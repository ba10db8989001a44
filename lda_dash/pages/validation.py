"""Validation des chiffres (coordination): validate or return the submitted figures, see who has
reported each quarter, and edit targets and weights, each change with its reason."""

from __future__ import annotations

from decimal import Decimal

import streamlit as st

from lda_dash import config
from lda_dash.domain.entry import latest_ended_quarter
from lda_dash.domain.model import SPENDING_CODE
from lda_dash.domain.numbers import NotANumber, normalised, parse_decimal
from lda_dash.domain.permissions import PermissionDenied
from lda_dash.domain.workflow import FigureStatus
from lda_dash.services.accounts import slug
from lda_dash.services.errors import DatabaseBusy
from lda_dash.services.review import ReviewData, change_indicator, load_review, review
from lda_dash.tables.review import (
    REPORTING_LEGEND,
    missing_reports,
    pending_table,
    reporting_grid,
    targets_table,
)
from lda_dash.ui import auth, state, year_lock
from lda_dash.ui.evidence_widgets import evidence_downloads, requirement_section
from lda_dash.ui.safe_text import md, md_table

NOTICE_KEY = "review_notice"


def _notice(kind: str, text: str) -> None:
    st.session_state[NOTICE_KEY] = (kind, text)
    st.rerun()


def _show_notice() -> None:
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        {"success": st.success, "error": st.error}[notice[0]](notice[1])


def pending_section(data: ReviewData) -> None:
    st.subheader("Chiffres soumis à valider")
    st.caption(
        "Par organisation et par trimestre, toutes années confondues. Valider rend un chiffre "
        "définitif pour les vues de contrôle ; le renvoyer le rend de nouveau modifiable par "
        "le partenaire, qui lit votre motif."
    )
    if not data.pending:
        st.success("Aucun chiffre soumis en attente : tout est traité.", icon="✔")
    for (organisation, year, quarter), figures in data.pending.items():
        with st.container(border=True):
            st.markdown(f"#### {md(organisation)} · T{quarter} {year}")
            st.caption(f"{len(figures)} chiffre{'s' if len(figures) > 1 else ''} soumis")
            st.table(md_table(pending_table(figures, data.titles).set_index("Action")))
            if not year_lock.locked_notice(
                data.context, year,
                f"ces chiffres soumis ne peuvent plus être validés ni renvoyés ; ils ne "
                f"compteront pas dans les vues de contrôle {year}.",
            ):  # fmt: skip
                _review_form(data, f"{organisation} · T{quarter} {year}", figures)


def _review_form(data: ReviewData, heading: str, figures) -> None:
    labels = {figure.key: figure.label for figure in figures}
    with st.form(f"review_{slug(heading)}_{abs(hash(tuple(labels)))}", enter_to_submit=False):
        chosen = st.multiselect(
            "Chiffres concernés (tous par défaut)", list(labels), default=list(labels),
            format_func=labels.get, placeholder="Choisissez les chiffres",
        )  # fmt: skip
        reason = st.text_area(
            "Motif du renvoi (obligatoire pour renvoyer ; le partenaire le lira)",
            placeholder="Ex. : le T3 est inférieur au T2 alors que c'est un cumul annuel.",
        )
        left, right = st.columns(2)
        validate = left.form_submit_button(
            "Valider les chiffres choisis", type="primary", icon=":material/check:",
            width="stretch",
        )  # fmt: skip
        send_back = right.form_submit_button(
            "Renvoyer au partenaire", icon=":material/undo:", width="stretch"
        )
    if not (validate or send_back):
        return
    if not chosen:
        st.error("Choisissez au moins un chiffre.")
        return
    if send_back and not reason.strip():
        st.error("Indiquez le motif du renvoi : le partenaire en a besoin pour corriger.")
        return
    decision = FigureStatus.VALIDATED if validate else FigureStatus.RETURNED
    try:
        count = review(
            config.db_path(), data.context.convention_id, auth.current_actor(), chosen,
            decision, reason,
        )  # fmt: skip
    except (PermissionDenied, DatabaseBusy) as refused:
        st.error(f"Rien n'a été enregistré : {md(refused)}")
        return
    plural = "s" if count > 1 else ""
    done = f"validé{plural}" if validate else f"renvoyé{plural} au partenaire"
    _notice("success", f"{md(heading)} : {count} chiffre{plural} {done}.")


def completeness_section(data: ReviewData) -> None:
    year = data.context.year
    st.subheader(f"Qui a déclaré ? ({year})")
    if not data.grid:
        st.info("Aucune action n'est confiée à une organisation partenaire.")
        return
    st.table(md_table(reporting_grid(data.grid, year)))
    st.caption(REPORTING_LEGEND)
    ended_year, ended_quarter = latest_ended_quarter(data.context.as_of)
    quarter = 4 if ended_year > year else ended_quarter if ended_year == year else None
    if not quarter:
        return
    nothing, partly = missing_reports(data.grid, quarter)
    if nothing:
        st.warning(
            f"**Rien de transmis pour le T{quarter} {year}** : "
            + " ; ".join(map(md, nothing))
            + ".",
            icon=":material/schedule:",
        )
    if partly:
        st.warning(
            f"**T{quarter} {year} incomplet** : " + " ; ".join(map(md, partly)) + ".",
            icon=":material/schedule:",
        )


def targets_section(data: ReviewData) -> None:
    year = data.context.year
    st.subheader(f"Cibles {year} et poids des indicateurs")
    st.caption(
        "Chaque changement demande un motif, gardé dans l'historique avec l'ancienne et la "
        "nouvelle valeur. Le poids compte dans l'atteinte d'une action (1 par défaut)."
    )
    st.dataframe(targets_table(data.specs, year), hide_index=True, width="stretch")
    locked = year_lock.locked_notice(
        data.context, year, f"les cibles et les poids {year} ne peuvent plus être modifiés."
    )
    year = target_year(data, year, locked)
    if year is None:
        return
    keys = [key for key in data.specs if key[1] != SPENDING_CODE]
    key = st.selectbox(
        "Indicateur à modifier", keys,
        format_func=lambda k: f"n° {k[0]} · {data.specs[k].label}",
    )  # fmt: skip
    spec = data.specs[key]
    current = spec.target(year)
    with st.form(f"target_{key[0]}_{key[1]}_{year}", enter_to_submit=False):
        left, right = st.columns(2)
        # Text, not a number field: a browser's number field drops a French decimal comma.
        target_text = left.text_input(
            f"Cible {year} (vide : sans cible)", value=_french(current),
            help="Un jalon a pour cible 1 (à produire dans l'année).",
        )  # fmt: skip
        weight_text = right.text_input("Poids", value=_french(spec.weight))
        reason = st.text_input("Motif du changement (obligatoire)")
        saved = st.form_submit_button("Enregistrer le changement", icon=":material/save:")
    if not saved:
        return
    try:
        target = parse_decimal(target_text)
        weight = parse_decimal(weight_text)
    except NotANumber as wrong:
        st.error(f"Rien n'a été enregistré : {md(wrong)}.")
        return
    if weight is None or weight < 0 or (target is not None and target < 0):
        st.error("Rien n'a été enregistré : la cible et le poids sont des nombres positifs.")
        return
    if not reason.strip():
        st.error("Indiquez le motif du changement : il est gardé dans l'historique.")
        return
    try:
        changed = change_indicator(
            config.db_path(), data.context.convention_id, auth.current_actor(), key, year,
            target, weight, reason,
        )  # fmt: skip
    except (PermissionDenied, DatabaseBusy) as refused:
        st.error(f"Rien n'a été enregistré : {md(refused)}")
        return
    if not changed:
        st.info("Rien n'a changé : la cible et le poids sont ceux déjà enregistrés.")
        return
    # « cible 2022 enregistrée », « poids enregistré », « cible 2022 et poids enregistrés »
    saved = (
        "enregistrés"
        if len(changed) > 1
        else ("enregistré" if changed == ["poids"] else "enregistrée")
    )
    _notice("success", f"{spec.label} : {' et '.join(changed)} {saved}.")


def target_year(data: ReviewData, year: int, locked: bool) -> int | None:
    """The year whose target the form sets: the year chosen, or the year after the convention's
    last one, which opens (menus, entry, imports) once it has a target (services/calendar.py)."""
    choices = [] if locked else [year]
    following = data.context.years[-1] + 1
    if year == data.context.years[-1]:
        choices.append(following)
    if len(choices) < 2:
        return choices[0] if choices else None
    return st.radio(
        "Année de la cible",
        choices,
        format_func=lambda y: f"{y} : ouvrir l'année à la saisie" if y == following else str(y),
        horizontal=True,
        key=f"target_year_{year}",
        help=f"Fixer une première cible {following} ouvre cette année dans tous les menus, "
        "la saisie et les imports ; le changement est gardé dans l'historique avec son motif.",
    )


def _french(number) -> str:
    return "" if number is None else format(normalised(Decimal(number)), "f").replace(".", ",")


def main() -> None:
    data = state.open_page(load_review)
    st.title("Validation des chiffres")
    st.caption(
        f"{md(data.context.convention['territory_name'])} · {md(data.context.convention['title'])}"
    )
    _show_notice()
    pending_section(data)
    completeness_section(data)
    targets_section(data)
    requirement_section(data.context.convention_id, data.specs)
    evidence_downloads(data.context.convention_id, data.context.year)


main()
