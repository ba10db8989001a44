"""Finances: per action, the annex budget, the share of the payment, the validated spending, the
consumption and the cost per result; for the convention, the balance carried over."""

from __future__ import annotations

import streamlit as st

from lda_dash import config, fmt
from lda_dash.charts import money as money_charts
from lda_dash.services.control_data import FinancesData, load_finance_page
from lda_dash.tables.money import balance_table, finance_table
from lda_dash.ui import chart_table, control_widgets, state
from lda_dash.ui.amendment_line import amendment_caption
from lda_dash.ui.safe_text import md, md_table

ALLOCATION_DEFAULT = (
    "règle par défaut de la convention : en première année, la colonne « Financement AMI "
    "demandé » de l'annexe ; ensuite, le versement au prorata des besoins estimés de la "
    "deuxième année (dépenses − cofinancements), arrondi à l'euro"
)
CHARTED = ("Action", "Part du versement", "Dépenses AMI validées", "Soumises, non validées")
READING_GUIDE = """
- **Consommation** : dépenses AMI validées ÷ part du versement de l'action. Au-delà de 100 %,
  l'action a dépensé plus que sa part ; le taux est montré tel quel.
- **Résultat principal** : le premier indicateur de l'action qui compte quelque chose (somme,
  cumul ou stock), par exemple les logements captés (action 2) ou les visites à domicile
  (action 8). Une action suivie seulement par des jalons ou des taux n'a pas de coût par résultat.
- **Coût par résultat** : part du versement (ou dépenses) ÷ valeur de l'année du résultat
  principal, par exemple des euros par logement capté.
- **Solde reporté** : versements cumulés − dépenses AMI validées cumulées − reversements décidés
  cumulés, depuis la première année de la convention.
"""


def main() -> None:
    data = state.open_page(load_finance_page)
    context = data.context
    st.title(f"Finances {context.year}")
    st.caption(f"{md(context.convention['territory_name'])} · {md(context.convention['title'])}")
    amendment_caption(context.convention_id, context.year, context.as_of)
    st.info(
        "**Dépenses : chiffres validés uniquement.** Les dépenses soumises par les partenaires "
        "mais pas encore validées par la coordination sont montrées à part, jamais ajoutées.",
        icon=":material/verified:",
    )
    key_figures(data)
    allocation_rule(data)
    report = data.finances
    details = finance_table(report.actions, data.titles, data.pending_spending)
    st.subheader("Part du versement et dépenses, par action")
    chart_table.chart(
        money_charts.allocation_spending_chart(
            report.actions, data.titles, context.year, data.pending_spending
        ),
        alt=f"Barres horizontales : pour chaque action, part du versement {context.year} et "
        "dépenses AMI validées, côte à côte.",
        table=details[[c for c in details.columns if c in CHARTED]],
        key="finances",
    )
    st.subheader("Détail par action")
    st.table(md_table(details))
    if all(line.budget.ami is None for line in report.actions):
        st.caption(
            f"Pour {context.year}, l'annexe ne donne que des estimations de coût et de "
            "cofinancement, sans montant de financement AMI par action."
        )
    with st.expander("Comment lire ces chiffres"):
        st.markdown(READING_GUIDE)
    st.subheader("Solde de la convention")
    st.table(md_table(balance_table(report.balance)))
    st.caption(
        "Une année sans dépense validée ne retire rien au solde ; ses dépenses sont indiquées "
        "« non déclarées »."
    )
    st.header("Rapport d'exécution", divider="gray")
    control_widgets.report_downloads(config.db_path(), context.convention, context.year)


def key_figures(data: FinancesData) -> None:
    report, year = data.finances, data.context.year
    totals = report.totals
    balance = next((b.balance for b in report.balance if b.year == year), None)
    pending = sum(data.pending_spending.values())
    cols = st.columns(4, border=True)
    cols[0].metric(f"Versement {year}", fmt.money(data.payment))
    cols[1].metric(
        "Dépenses AMI validées",
        fmt.money(totals.spending) if totals.spending is not None else "aucune",
        f"+ {fmt.money(pending)} soumis, non validés" if pending else None,
        delta_color="off",
        delta_arrow="off",
    )
    cols[2].metric("Consommation du versement", fmt.percent(totals.consumption))
    cols[3].metric(f"Solde reporté fin {year}", fmt.money(balance))


def allocation_rule(data: FinancesData) -> None:
    """Which rule gave the shares: the convention's default, or the coordination's override."""
    report = data.finances
    if report.allocation_missing:
        st.warning(
            f"Pas de répartition pour {data.context.year} : {md(report.allocation_missing)}.",
            icon=":material/info:",
        )
    elif report.allocation_is_override:
        st.markdown(
            "**Répartition du versement : fixée par la coordination** (elle remplace la règle "
            "par défaut pour cette année)."
        )
    else:
        st.markdown(f"**Répartition du versement** : {ALLOCATION_DEFAULT}.")


main()
