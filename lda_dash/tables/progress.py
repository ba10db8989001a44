"""Display tables of the pages, already formatted in French (pandas, no Streamlit)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from lda_dash import fmt
from lda_dash.domain.model import MODE_LABELS, QuarterFigure
from lda_dash.domain.progress import IndicatorProgress, year_value
from lda_dash.domain.progress_report import ProgressReport, action_status
from lda_dash.words.glossary import MODE_COLUMN
from lda_dash.words.labels import (
    FIGURE_STATUS_LABELS,
    indicator_value,
    money,
    quarters_text,
    status_text,
)


def indicator_table(
    report: ProgressReport,
    titles: Mapping[int, str],
    unvalidated: Mapping[tuple[int, str], tuple[int, ...]],
) -> pd.DataFrame:
    """One row per indicator of the year (DEP_AMI included), the way the dashboard lists them."""
    rows = []
    for row in report.rows:
        spec = row.spec
        pending = unvalidated.get((spec.action, spec.code), ())
        rows.append(
            {
                "N°": spec.action,
                "Action": titles.get(spec.action, ""),
                "Indicateur": spec.label,
                MODE_COLUMN: MODE_LABELS[spec.mode],
                "Cible": indicator_value(spec, row.target),
                "Valeur": indicator_value(spec, row.value),
                "Atteinte": fmt.percent(row.attainment),
                "Attendu": indicator_value(spec, row.expected),
                "Statut": status_text(row.status),
                "Non validé": f"⏳ {quarters_text(pending)}" if pending else "",
            }
        )
    return pd.DataFrame(rows)


def attainment_table(report: ProgressReport, titles: Mapping[int, str]) -> pd.DataFrame:
    """The attainment chart's data: each action's attainment of the year and its status."""
    numbers = sorted(report.action_attainments)
    return pd.DataFrame(
        {
            "Action": [titles.get(n, "") for n in numbers],
            "Atteinte": [fmt.percent(report.action_attainments[n]) for n in numbers],
            "Statut": [status_text(action_status(report, n)) for n in numbers],
        },
        index=pd.Index(numbers, name="N°"),
    )


def quarter_table(row: IndicatorProgress, figures: Mapping[int, QuarterFigure]) -> pd.DataFrame:
    """The indicator's quarters: what was entered, what it makes for the year so far, its state."""
    spec = row.spec
    rows = []
    for quarter in sorted(figures):
        fig = figures[quarter]
        if fig.numerator is not None or fig.denominator is not None:
            entered = f"{fmt.number(fig.numerator)} / {fmt.number(fig.denominator)}"
        else:
            entered = indicator_value(spec, fig.value)
        so_far = {q: f for q, f in figures.items() if q <= quarter}
        rows.append(
            {
                "Trimestre": f"T{quarter} {row.year}",
                "Saisie": entered,
                "Année à date": indicator_value(spec, year_value(spec.mode, so_far)),
                "État": FIGURE_STATUS_LABELS.get(fig.status, fig.status),
                "Commentaire": fig.comment or "",
            }
        )
    table = pd.DataFrame(
        rows, columns=["Trimestre", "Saisie", "Année à date", "État", "Commentaire"]
    )
    if not table["Commentaire"].any():
        table = table.drop(columns="Commentaire")  # an empty column only squeezes the others
    return table


def budget_table(budget: Mapping[int, Mapping], first_year: int) -> pd.DataFrame:
    """Dépenses, financement AMI and cofinancement per year, as the annex states them."""
    columns = {}
    for year in sorted(budget):
        line = budget[year]
        heading = f"{year} (année {year - first_year + 1})"
        if year > first_year:
            heading += ", estimation"
        columns[heading] = [
            money(line.get("cost")),
            money(line.get("ami")) if line.get("ami") is not None else "non précisé",
            money(line.get("cofunding")),
        ]
    index = pd.Index(["Dépenses", "Financement AMI", "Cofinancement"], name="Budget de l'annexe")
    return pd.DataFrame(columns, index=index)
