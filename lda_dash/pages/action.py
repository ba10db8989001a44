"""Fiche action: one action's annex text, its budget, and the trajectory of each indicator."""

from __future__ import annotations

from fractions import Fraction

import streamlit as st

from lda_dash import config, fmt
from lda_dash.charts import progress as progress_charts
from lda_dash.domain.forecast import projected_point
from lda_dash.domain.model import MODE_LABELS, SPENDING_CODE, Mode
from lda_dash.domain.progress import IndicatorProgress
from lda_dash.domain.progress_report import action_status
from lda_dash.services.context import ActionData, load_action
from lda_dash.tables.progress import budget_table, quarter_table
from lda_dash.ui import state, widgets
from lda_dash.ui.amendment_line import amendment_caption
from lda_dash.ui.chart_png import chart_with_png
from lda_dash.ui.evidence_widgets import evidence_downloads
from lda_dash.ui.safe_text import md, md_table
from lda_dash.words.labels import indicator_value, signed_number_note

ANNEX_FIELDS = (
    ("description", "Description"),
    ("objective", "Objectif"),
    ("leverage", "Effet levier"),
    ("expected_results", "Résultats attendus et indicateurs"),
    ("calendar", "Calendrier"),
    ("deliverables", "Objectifs et livrables"),
)
ALLOCATION_DEFAULT = (
    "Répartition par défaut : la colonne « Financement AMI demandé » de l'annexe en année 1, "
    "puis le versement au prorata des besoins estimés de l'année 2 (dépenses − cofinancements)."
)
ALLOCATION_OVERRIDDEN = "Répartition fixée par la coordination pour cette année."


def plain(text: str | None) -> str:
    """Signed text shown as written: markdown signs in it must not format it."""
    return md(text) if text else "—"


def main() -> None:
    data = state.load_or_stop(load_action, config.db_path(), state.wanted_selection())
    context, action = data.context, data.action
    state.remember(context, action["number"])
    widgets.demo_banner(context.demo, context.demo_day)
    state.context_selectors(context)
    st.title("Fiche action")
    state.action_selector(data.actions, action["number"])
    st.header(f"Action n° {action['number']} · {md(action['title'])}", divider="gray")
    facts = [f"Catégorie : {md(action['category']) or '—'}"]
    if note := signed_number_note(action):
        facts.append(note)
    st.caption(" · ".join(facts))
    amendment_caption(context.convention_id, context.year, context.as_of)
    headline(data)
    annex_text(action)
    st.subheader("Budget")
    st.table(md_table(budget_table(data.budget, context.convention["first_year"])))
    st.subheader(f"Indicateurs {context.year}")
    rows = data.report.rows_of(action["number"])
    for row in rows:
        if row.spec.code != SPENDING_CODE:
            indicator_block(data, row)
    for row in rows:
        if row.spec.code == SPENDING_CODE:
            spending_block(data, row)
    evidence_downloads(context.convention_id, context.year, action["number"])


def headline(data: ActionData) -> None:
    """The action's attainment and status for the year, its share of the payment, its spending."""
    number, year = data.action["number"], data.context.year
    attained = data.report.action_attainments.get(number)
    spending = next(
        (r.value for r in data.report.rows_of(number) if r.spec.code == SPENDING_CODE), None
    )
    left, middle, right = st.columns(3, border=True)
    with left:
        st.metric(f"Atteinte de l'action en {year}", fmt.percent(attained))
        widgets.status_badge(action_status(data.report, number))
    middle.metric(
        f"Part du versement {year}",
        fmt.money(data.allocation),
        help=ALLOCATION_OVERRIDDEN if data.allocation_overridden else ALLOCATION_DEFAULT,
    )
    share = None
    if spending is not None and data.allocation:
        share = spending / Fraction(data.allocation)
    right.metric(
        f"Dépenses sur crédits AMI {year}",
        fmt.money(spending),
        None if share is None else f"{fmt.percent(share)} de la part du versement",
        delta_color="off",
        delta_arrow="off",
    )


def annex_text(action: dict) -> None:
    """The six text columns of Annex 1 for this action, as signed."""
    st.subheader("Dans l'annexe 1 de la convention")
    columns = st.columns(2)
    for position, (field, label) in enumerate(ANNEX_FIELDS):
        with columns[position // 3]:
            st.markdown(f"**{label}**")
            st.markdown(plain(action.get(field)))


def indicator_block(data: ActionData, row: IndicatorProgress) -> None:
    """Figures, chart and quarters of one indicator for the year."""
    spec, year = row.spec, data.context.year
    with st.container(border=True):
        st.markdown(f"#### {md(spec.label)}")
        widgets.status_badge(row.status)
        unit = "" if spec.mode == Mode.JALON else f" · unité : {md(spec.unit)}"
        st.caption(f"{MODE_LABELS[spec.mode]}{unit}")
        cols = st.columns(4)
        cols[0].metric(f"Cible {year}", indicator_value(spec, row.target))
        cols[1].metric("Valeur de l'année", indicator_value(spec, row.value))
        cols[2].metric("Atteinte", fmt.percent(row.attainment))
        cols[3].metric("Attendu à date", indicator_value(spec, row.expected))
        figures = data.figures.get(spec.code, {})
        if not figures:
            st.info(f"Aucun chiffre déclaré pour {year}.", icon="ℹ️")
            return
        start = data.previous_values.get(spec.code)
        projection = projected_point(row, start)
        chart, table = st.columns([5, 3])
        with chart:
            chart_with_png(
                progress_charts.trajectory_chart(
                    spec, year, figures, start=start, projection=projection
                ),
                rows="Date",
                alt=f"Courbe : {spec.label}, valeur de l'année trimestre après trimestre, "
                f"face au rythme attendu et à la cible {year}{projection_words(projection)}.",
                key=f"chart_{spec.code}",
                file_name=f"action-{data.action['number']}-{spec.code}-{year}.png",
            )
        table.table(md_table(quarter_table(row, figures).set_index("Trimestre")))


def projection_words(projection: Fraction | None) -> str:
    """What the chart's text alternative adds when it draws the forecast."""
    if projection is None:
        return ""
    return ", prolongée en tirets jusqu'à fin T4 (prévision à rythme constant)"


def spending_block(data: ActionData, row: IndicatorProgress) -> None:
    """State-funded spending by quarter against the action's share of the year's payment."""
    spec, year = row.spec, data.context.year
    with st.container(border=True):
        st.markdown(f"#### {md(spec.label)}")
        st.caption("Suivi des dépenses, sans cible : comparé à la part du versement de l'année.")
        figures = data.figures.get(spec.code, {})
        if not figures:
            st.info(f"Aucune dépense déclarée pour {year}.", icon="ℹ️")
            return
        label, projection = None, projected_point(row, None)
        if data.allocation is not None:
            label = f"Part du versement {year} : {fmt.money(data.allocation)}"
        chart, table = st.columns([5, 3])
        with chart:
            chart_with_png(
                progress_charts.trajectory_chart(
                    spec,
                    year,
                    figures,
                    reference=data.allocation,
                    reference_label=label,
                    projection=projection,
                ),
                rows="Date",
                alt=f"Courbe : dépenses AMI cumulées trimestre après trimestre en {year}, "
                f"face à la part du versement de l'action{projection_words(projection)}.",
                key=f"chart_{spec.code}",
                file_name=f"action-{data.action['number']}-{spec.code}-{year}.png",
            )
        table.table(md_table(quarter_table(row, figures).set_index("Trimestre")))


main()
