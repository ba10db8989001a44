"""Tableau de bord: where a convention stands for a year, by action and by indicator."""

from __future__ import annotations

from collections import Counter

import streamlit as st

from lda_dash import config, fmt
from lda_dash.domain.model import SPENDING_CODE, STATUS_LABELS, Status
from lda_dash.domain.progress_report import action_status
from lda_dash.services.context import DashboardData
from lda_dash.services.dashboard_view import dashboard_view
from lda_dash.ui import chart_table, state, widgets
from lda_dash.ui.amendment_line import amendment_caption
from lda_dash.ui.forecast_section import forecast_section
from lda_dash.ui.safe_text import md, md_table
from lda_dash.words.labels import CLOSED_YEAR_STATUSES, OPEN_YEAR_STATUSES, STATUS_ICONS

ACTION_PAGE = "lda_dash/pages/action.py"
ACTION_COUNT_LABELS = {
    Status.ACHIEVED: "Actions atteintes",
    Status.PARTIALLY_ACHIEVED: "Actions partiellement atteintes",
    Status.NOT_ACHIEVED: "Actions non atteintes",
    Status.ON_TRACK: "Actions en bonne voie",
    Status.WATCH: "Actions à surveiller",
    Status.LATE: "Actions en retard",
    Status.NO_DATA: "Actions sans chiffre",
}
READING_GUIDE = """
- **Valeur de l'année** : selon le mode de l'indicateur, la somme des trimestres (*somme*), la
  dernière valeur déclarée (*cumul annuel* depuis le 1er janvier, *stock* en fin de trimestre),
  le taux global Σ numérateurs / Σ dénominateurs (*taux*), ou « produit » dès qu'un trimestre
  l'indique (*jalon*).
- **Atteinte** : valeur ÷ cible ; pour un taux avec une valeur de référence,
  (valeur − référence) ÷ (cible − référence), jamais en dessous de 0 %.
- **Attendu** : ce que le rythme demande après le dernier trimestre déclaré par l'indicateur
  (cible × trimestres ÷ 4 ; pour un stock ou un taux, on part de la valeur de l'année précédente).
  Un jalon n'est dû qu'à la fin de l'année.
- **Statut pendant l'année** : *atteint* dès 100 % de la cible ; sinon *en bonne voie* si le
  rythme attendu est tenu, *à surveiller* à partir de 85 % de ce rythme, *en retard* en dessous.
- **Statut d'une année terminée** (après le 31 décembre, ou quand les quatre trimestres sont
  déclarés) : *atteint* à 100 %, *partiellement atteint* à partir de 85 %, *non atteint* en dessous.
- **Atteinte d'une action** : moyenne pondérée des atteintes de ses indicateurs qui ont une cible,
  chacune plafonnée à 100 %. Une fois l'année terminée, un indicateur sans chiffre compte pour 0 %.
  Les dépenses sur crédits AMI ne comptent jamais.
- Les chiffres **soumis mais pas encore validés** par la coordination sont comptés et signalés
  par ⏳ ; les vues de contrôle n'utiliseront que les chiffres validés.
"""


def main() -> None:
    view = state.load_or_stop(dashboard_view, config.db_path(), state.wanted_selection())
    data = view.data
    context = data.context
    state.remember(context)
    widgets.demo_banner(context.demo, context.demo_day)
    state.context_selectors(context)
    st.title(f"Tableau de bord {context.year}")
    st.caption(f"{md(context.convention['territory_name'])} · {md(context.convention['title'])}")
    amendment_caption(context.convention_id, context.year, context.as_of)
    widgets.freshness(data.last_update, context.as_of)
    key_figures(data)
    st.subheader("Atteinte des actions")
    chart_table.chart(
        view.chart,
        alt=f"Barres horizontales : atteinte de chaque action en {context.year}, "
        "face à l'objectif de 100 %.",
        table=view.chart_data,
        key="attainment",
    )
    action_links(data.actions)
    if data.forecast is not None:
        forecast_section(data.forecast, {a["number"]: a["title"] for a in data.actions})
    st.subheader("Indicateurs")
    st.table(md_table(view.table))
    st.caption("⏳ : trimestres dont le chiffre est soumis mais pas encore validé.")
    with st.expander("Comment lire ces chiffres"):
        st.markdown(READING_GUIDE)


def action_links(actions: list[dict]) -> None:
    """One link per action to its sheet: real links, reachable with the keyboard."""
    st.markdown("**Ouvrir la fiche d'une action :**")
    with st.container(horizontal=True, gap="small"):
        for action in actions:
            st.page_link(
                ACTION_PAGE,
                label=f"n° {action['number']}",
                query_params={"action": str(action["number"])},
                help=md(action["title"]),  # tooltips render Markdown
            )


def key_figures(data: DashboardData) -> None:
    """The year's payment, then how many actions stand at each status."""
    report = data.report
    counts = Counter(action_status(report, n) for n in report.action_attainments)
    shown = list(CLOSED_YEAR_STATUSES if report.year_over else OPEN_YEAR_STATUSES)
    shown += [s for s in ACTION_COUNT_LABELS if counts[s] and s not in shown]
    total = len(report.action_attainments)
    columns = st.columns(len(shown) + 1, border=True)
    columns[0].metric(f"Versement {report.year}", fmt.money(data.payment))
    for column, status in zip(columns[1:], shown, strict=True):
        column.metric(
            f"{STATUS_ICONS[status]} {ACTION_COUNT_LABELS[status]}", f"{counts[status]} / {total}"
        )
    indicators = Counter(row.status for row in report.rows if row.spec.code != SPENDING_CODE)
    parts = [
        f"{STATUS_ICONS[s]} {STATUS_LABELS[s]} : **{indicators[s]}**"
        for s in Status
        if indicators[s]
    ]
    st.markdown("**Indicateurs** (hors dépenses AMI) — " + " · ".join(parts))


main()
