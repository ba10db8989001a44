"""Vue nationale: territories side by side: attainment by year, statuses, money, clawback risk."""

from __future__ import annotations

from decimal import Decimal

import streamlit as st

from lda_dash import config, fmt
from lda_dash.services.national_data import ORDERS, SHOWN_CHOICES, NationalData, NationalSelection
from lda_dash.services.national_view import national_view
from lda_dash.ui import chart_table, state, widgets
from lda_dash.words.national import without_figures_note

KEYS = {
    "year": "national_year",
    "categories": "national_categories",
    "order": "national_order",
    "shown": "national_shown",
}
READING_GUIDE = """
- **Atteinte d'un territoire** : moyenne simple des atteintes de ses actions (chacune plafonnée à
  100 %, calculée comme sur le tableau de bord), sur les catégories d'actions choisies. Une action
  sans atteinte (aucun chiffre pendant l'année) n'entre pas dans la moyenne.
- **Pas encore de chiffres** : un territoire sans aucun chiffre pour l'année n'a pas d'atteinte ;
  il est laissé hors des moyennes, des statuts et du classement des reversements (il y
  compterait pour 0 % et tout son versement).
- **Statuts** : un statut par action, comme sur le tableau de bord (année terminée : atteint,
  partiellement atteint, non atteint ; année en cours : en bonne voie, à surveiller, en retard).
- **Chiffres comptés** : soumis et validés, comme sur le tableau de bord ; le risque de
  reversement ne compte que les chiffres validés, comme le contrôle de la préfecture.
- **Risque de reversement** : la proposition de l'article 4 pour la dernière année terminée :
  base objectifs (part du versement × (1 − atteinte) des actions sous le seuil), base
  non-consommation (versements − dépenses AMI − reversements déjà décidés, cumulés), et le
  montant proposé, le plus grand des deux dans la limite du versement de l'année. Elle porte
  sur la convention entière, quel que soit le filtre de catégories.
"""


def wanted() -> NationalSelection:
    get = st.session_state.get
    return NationalSelection(
        year=get(KEYS["year"]),
        categories=tuple(get(KEYS["categories"]) or ()),
        order=get(KEYS["order"], "late"),
        shown=get(KEYS["shown"], 20),
    )


def _copy(name: str) -> None:
    st.session_state[KEYS[name]] = st.session_state[f"_w_national_{name}"]


def selectors(data: NationalData) -> None:
    """Year, categories of actions, order and number of territories, in the sidebar."""
    chosen = data.selection
    st.session_state["_w_national_year"] = data.year
    st.session_state["_w_national_categories"] = list(chosen.categories)
    st.session_state["_w_national_order"] = chosen.order
    st.session_state["_w_national_shown"] = chosen.shown
    with st.sidebar:
        st.selectbox(
            "Année",
            data.years,
            key="_w_national_year",
            format_func=str,
            on_change=_copy,
            args=("year",),
        )
        st.multiselect(
            "Catégories d'actions",
            data.categories,
            key="_w_national_categories",
            placeholder="Toutes les catégories",
            on_change=_copy,
            args=("categories",),
        )
        st.selectbox(
            "Ordre des territoires",
            list(ORDERS),
            format_func=ORDERS.get,
            key="_w_national_order",
            on_change=_copy,
            args=("order",),
        )
        st.selectbox(
            "Territoires détaillés",
            SHOWN_CHOICES,
            key="_w_national_shown",
            on_change=_copy,
            args=("shown",),
        )


def territories_words(count: int) -> str:
    return f"{fmt.number(count)} territoire{'s' if count > 1 else ''}"


def key_figures(data: NationalData) -> None:
    """Averages and totals over the territories with figures only (issue 12)."""
    reporting = [t for t in data.territories if t.has_figures]
    known = [t.attainment for t in reporting if t.attainment is not None]
    allocated = sum((t.allocated or Decimal(0) for t in reporting), Decimal(0))
    spent = sum((t.spent or Decimal(0) for t in reporting), Decimal(0))
    at_risk = sum(p.proposed_total for _, p in data.clawbacks)
    silent = len(data.without_figures)
    columns = st.columns(4, border=True)
    columns[0].metric(
        "Territoires",
        fmt.number(len(data.territories)),
        help=f"dont {territories_words(silent)} sans aucun chiffre en {data.year}"
        if silent
        else None,
    )
    columns[1].metric(
        "Atteinte moyenne",
        fmt.percent(sum(known) / len(known) if known else None),
        help="Moyenne des territoires qui ont des chiffres pour l'année.",
    )
    columns[2].metric(
        f"Consommation {data.year}",
        fmt.percent(spent / allocated if allocated else None),
        help="Dépenses AMI déclarées rapportées aux versements, territoires ayant des chiffres.",
    )
    label = f"Reversements proposés {data.clawback_year}" if data.clawback_year else "Reversements"
    columns[3].metric(label, fmt.money(at_risk) if data.clawback_year else "—")
    st.caption(
        f"Dépensé en {data.year} : {fmt.money(spent)} sur {fmt.money(allocated)} versés "
        f"({territories_words(len(reporting))} ayant des chiffres)."
    )
    if silent:
        st.info(
            without_figures_note([t.name for t in data.without_figures], data.year),
            icon=":material/hourglass_empty:",
        )


def main() -> None:
    view = state.load_or_stop(national_view, config.db_path(), wanted())
    data = view.data
    st.session_state[KEYS["year"]] = data.year
    widgets.demo_banner(data.demo, data.demo_day)
    selectors(data)
    scope = ", ".join(data.selection.categories) or "toutes les catégories d'actions"
    st.title(f"Vue nationale {data.year}")
    st.caption(
        f"{fmt.plural(len(data.territories), 'territoire')} · {scope} · date de référence "
        f"{fmt.day(data.as_of)} · chiffres soumis et validés"
    )
    key_figures(data)
    st.subheader("Atteinte par territoire et par année")
    shown = len(data.trend)
    if shown < 2:
        st.caption(f"{fmt.plural(shown, 'territoire')} en {data.year}.")
    else:
        st.caption(f"Les {shown} territoires, {ORDERS[data.selection.order]}, en {data.year}.")
    tables = view.chart_data
    chart_table.chart(
        view.heatmap,
        alt="Carte de chaleur : atteinte de chaque territoire (lignes) par année (colonnes).",
        table=tables["heatmap"],
        key="national_heatmap",
    )
    st.subheader(f"Statuts des actions en {data.year}")
    chart_table.chart(
        view.statuses,
        alt=f"Barres horizontales : nombre d'actions à chaque statut en {data.year}.",
        table=tables["statuses"],
        key="national_statuses",
    )
    st.subheader(f"Versé et dépensé en {data.year}")
    chart_table.chart(
        view.money,
        alt=f"Nuage de points : part du versement {data.year} de chaque territoire face à ses "
        "dépenses AMI, la diagonale marquant une consommation de 100 %.",
        table=tables["money"],
        key="national_money",
    )
    st.subheader("Territoires détaillés")
    # Status counts need little room: the territory and its « pas encore de chiffres » get it.
    narrow = {
        column: st.column_config.Column(width=96)
        for column in view.territories.columns
        if column not in ("Territoire", "Atteinte", "Part du versement", "Dépenses AMI")
    }
    narrow["Atteinte"] = st.column_config.Column(width=150)
    st.dataframe(view.territories, hide_index=True, column_config=narrow, width="stretch")
    if data.clawback_year is not None and view.clawbacks is not None:
        st.subheader(f"Territoires les plus exposés à un reversement ({data.clawback_year})")
        st.caption("Proposition de l'article 4 sur les chiffres validés : la préfecture décide.")
        if data.without_figures_clawback:
            st.info(
                without_figures_note(
                    data.without_figures_clawback, data.clawback_year, clawback=True
                ),
                icon=":material/hourglass_empty:",
            )
        chart_table.chart(
            view.clawback_chart,
            alt="Barres horizontales : base objectifs et base non-consommation des territoires "
            "les plus exposés à un reversement.",
            table=tables["clawbacks"],
            key="national_clawbacks",
        )
        st.dataframe(view.clawbacks, hide_index=True)
    with st.expander("Comment lire ces chiffres"):
        st.markdown(READING_GUIDE)


main()
