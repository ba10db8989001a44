"""The budget annex of a convention as values: its columns, its action rows and its total row."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class AnnexColumn:
    """One column of Annex 1: the field it fills, its short French label and its signed header."""

    field: str
    label: str
    header: str
    is_amount: bool = False


# In the order and with the headers of the signed Dijon annex (DOMAIN.md section 2).
ANNEX_COLUMNS: tuple[AnnexColumn, ...] = (
    AnnexColumn("number", "n°", "n°"),
    AnnexColumn("title", "Action", "Action"),
    AnnexColumn("category", "Catégorie d'action", "Catégorie d'action"),
    AnnexColumn("description", "Description de l'action", "Description de l'action"),
    AnnexColumn("objective", "Objectif de l'action", "Objectif de l'action"),
    AnnexColumn(
        "leverage",
        "Effet levier du financement",
        "Effet levier du financement (comment la dépense permet d'accroître les résultats du "
        "droit commun ou de l'existant)",
    ),
    AnnexColumn(
        "expected_results", "Résultats attendus et indicateurs", "Résultats attendus et indicateurs"
    ),
    AnnexColumn(
        "cost_y1",
        "Dépenses année 1",
        "Dépenses année 1 Coût total de l'action sur 12 mois (si action non ponctuelle)",
        is_amount=True,
    ),
    AnnexColumn(
        "ami_y1",
        "Financement AMI demandé en année 1",
        "Financement AMI demandé en année 1",
        is_amount=True,
    ),
    AnnexColumn("cofunding_y1", "Financement en année 1", "Financement en année 1", is_amount=True),
    AnnexColumn(
        "calendar",
        "Calendrier prévisionnel",
        "Calendrier prévisionnel : durée, échéances",
    ),
    AnnexColumn(
        "deliverables",
        "Objectifs et livrables prévisionnels",
        "Objectifs et livrables prévisionnels",
    ),
    AnnexColumn(
        "cost_y2", "Estimation dépenses année 2", "Estimation dépenses année 2", is_amount=True
    ),
    AnnexColumn(
        "cofunding_y2",
        "Estimation cofinancements année 2",
        "Estimation cofinancements année 2",
        is_amount=True,
    ),
)

COLUMNS_BY_FIELD = {column.field: column for column in ANNEX_COLUMNS}
TEXT_FIELDS = tuple(column.field for column in ANNEX_COLUMNS if not column.is_amount)
AMOUNT_FIELDS = tuple(column.field for column in ANNEX_COLUMNS if column.is_amount)


@dataclass(frozen=True)
class AnnexRow:
    """One row of the annex, texts exactly as written and amounts in euros (None when blank).

    `row` is the 1-based position among the action rows: the canonical action number, whatever
    `number` says (DOMAIN.md section 2).
    """

    row: int
    number: str
    title: str
    category: str
    description: str
    objective: str
    leverage: str
    expected_results: str
    calendar: str
    deliverables: str
    cost_y1: Decimal | None
    ami_y1: Decimal | None
    cofunding_y1: Decimal | None
    cost_y2: Decimal | None
    cofunding_y2: Decimal | None

    def amount(self, field: str) -> Decimal | None:
        return getattr(self, field)

    def text(self, field: str) -> str:
        return getattr(self, field)


@dataclass(frozen=True)
class AnnexTable:
    """The action rows of an annex and its total row, when it has one."""

    rows: tuple[AnnexRow, ...]
    total: AnnexRow | None
