"""Tables of the Validation page, formatted in French (pandas, no Streamlit): the submitted
figures, the reporting grid with its colours and words, the targets and weights."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd
from pandas.io.formats.style import Styler

from lda_dash import fmt
from lda_dash.domain.completeness import Reporting
from lda_dash.domain.model import MODE_LABELS, SPENDING_CODE, IndicatorSpec, Mode
from lda_dash.words.glossary import MODE_COLUMN
from lda_dash.words.labels import indicator_value
from lda_dash.words.workflow import figure_shown

if TYPE_CHECKING:  # types only: the services build these, tables only read them
    from lda_dash.services.review import PendingFigure, ReportingCell

REPORTING_WORDS = {
    Reporting.VALIDATED: "✔ validé",
    Reporting.SUBMITTED: "⏳ soumis, à valider",
    Reporting.PARTIAL: "◐ incomplet",
    Reporting.DRAFT: "✎ brouillon seulement",
    Reporting.MISSING: "✖ rien reçu",
    Reporting.NOT_DUE: "… trimestre en cours",
}
# Pale backgrounds with dark text: the words carry the meaning, the colour helps scan the grid.
REPORTING_COLOURS = {
    Reporting.VALIDATED: "#d3f0da",
    Reporting.SUBMITTED: "#dbe8fb",
    Reporting.PARTIAL: "#ffe6c7",
    Reporting.DRAFT: "#fff1b8",
    Reporting.MISSING: "#f9d0d3",
    Reporting.NOT_DUE: "#ececec",
}
REPORTING_LEGEND = (
    "✔ validé : tous les chiffres du trimestre sont validés · ⏳ soumis : tous transmis, "
    "certains restent à valider · ◐ incomplet : une partie seulement est transmise · "
    "✎ brouillon seulement : rien n'est encore transmis · ✖ rien reçu : aucun chiffre, "
    "le trimestre est terminé · … trimestre en cours : pas encore dû. "
    "Entre parenthèses : chiffres transmis / indicateurs de l'organisation."
)


def pending_table(figures: list[PendingFigure], titles: Mapping[int, str]) -> pd.DataFrame:
    """One row per submitted figure of a quarter: what was declared and what came before it."""
    rows = []
    for figure in figures:
        action = figure.key[0]
        record = figure.record
        rows.append(
            {
                "Action": f"n° {action} · {titles.get(action, '')}",
                "Indicateur": figure.spec.label,
                "Valeur déclarée": figure_shown(figure.spec, record),
                "Trimestres précédents": figure.earlier or "—",
                "Commentaire": record["comment"] or "",
                "Soumis par": f"{record['updated_by']}, le {fmt.moment(record['updated_at'])}",
            }
        )
    return pd.DataFrame(rows)


def cell_text(cell: ReportingCell) -> str:
    words = REPORTING_WORDS[cell.state]
    if cell.state in (Reporting.NOT_DUE, Reporting.MISSING):
        return words
    return f"{words} ({cell.transmitted}/{cell.expected})"


def reporting_grid(grid: Mapping[str, Mapping[int, ReportingCell]], year: int) -> Styler:
    """Organisation × quarter, each cell in words with a pale colour behind."""
    texts = pd.DataFrame(
        {f"T{q} {year}": [cell_text(cells[q]) for cells in grid.values()] for q in (1, 2, 3, 4)},
        index=pd.Index(list(grid), name="Organisation"),
    )
    colours = pd.DataFrame(
        {
            f"T{q} {year}": [
                f"background-color: {REPORTING_COLOURS[cells[q].state]}; color: #1f1f1f"
                for cells in grid.values()
            ]
            for q in (1, 2, 3, 4)
        },
        index=texts.index,
    )
    return texts.style.apply(lambda _: colours, axis=None)


def missing_reports(
    grid: Mapping[str, Mapping[int, ReportingCell]], quarter: int
) -> tuple[list[str], list[str]]:
    """Organisations that transmitted nothing for a quarter that is over, and those that
    transmitted only part of it (with how much)."""
    nothing, partly = [], []
    for name, cells in grid.items():
        cell = cells[quarter]
        if cell.state in (Reporting.MISSING, Reporting.DRAFT):
            nothing.append(name)
        elif cell.state is Reporting.PARTIAL:
            partly.append(f"{name} ({cell.transmitted}/{cell.expected})")
    return nothing, partly


def targets_table(specs: Mapping[tuple[int, str], IndicatorSpec], year: int) -> pd.DataFrame:
    """Every indicator with a target to follow (spending has none), its target and weight."""
    rows = [
        {
            "Action": f"n° {spec.action}",
            "Indicateur": spec.label,
            MODE_COLUMN: MODE_LABELS[spec.mode],
            f"Cible {year}": _target_text(spec, year),
            "Poids": fmt.number(spec.weight, 2),
        }
        for spec in specs.values()
        if spec.code != SPENDING_CODE
    ]
    return pd.DataFrame(rows)


def _target_text(spec: IndicatorSpec, year: int) -> str:
    target = spec.target(year)
    if target is None:
        return "sans cible"
    if spec.mode is Mode.JALON:
        return "à produire" if target else "non attendu"
    return indicator_value(spec, target)
