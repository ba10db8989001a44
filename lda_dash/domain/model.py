"""Value types shared by the domain rules: indicators, modes, quarterly figures, statuses."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from lda_dash.domain.workflow import FigureStatus


class Mode(StrEnum):
    """How quarters make a year (DOMAIN.md section 4)."""

    SOMME = "somme"
    CUMUL_ANNUEL = "cumul_annuel"
    STOCK = "stock"
    TAUX = "taux"
    JALON = "jalon"


MODE_LABELS = {
    Mode.SOMME: "somme des trimestres",
    Mode.CUMUL_ANNUEL: "cumul depuis le 1er janvier",
    Mode.STOCK: "niveau en fin de trimestre",
    Mode.TAUX: "taux (numérateur / dénominateur)",
    Mode.JALON: "jalon (produit ou non)",
}


class Status(StrEnum):
    """Status of an indicator for a year (DOMAIN.md section 5), in the order a reader meets them."""

    ACHIEVED = "achieved"
    PARTIALLY_ACHIEVED = "partially_achieved"
    NOT_ACHIEVED = "not_achieved"
    ON_TRACK = "on_track"
    WATCH = "watch"
    LATE = "late"
    NO_DATA = "no_data"
    NO_TARGET = "no_target"


STATUS_LABELS = {
    Status.ACHIEVED: "atteint",
    Status.PARTIALLY_ACHIEVED: "partiellement atteint",
    Status.NOT_ACHIEVED: "non atteint",
    Status.ON_TRACK: "en bonne voie",
    Status.WATCH: "à surveiller",
    Status.LATE: "en retard",
    Status.NO_DATA: "non renseigné",
    Status.NO_TARGET: "sans cible",
}

# Lists and tables give statuses best outcome first; `reports.action_status` never gives NO_TARGET.
STATUS_ORDER = tuple(Status)
ACTION_STATUS_ORDER = tuple(status for status in Status if status != Status.NO_TARGET)


SPENDING_CODE = "DEP_AMI"


@dataclass(frozen=True)
class IndicatorSpec:
    """One indicator of an action, with its yearly targets (DOMAIN.md section 3)."""

    action: int
    code: str
    label: str
    unit: str
    mode: Mode
    baseline: Decimal | None = None
    weight: Decimal = Decimal(1)
    targets: dict[int, Decimal | None] = field(default_factory=dict)

    def target(self, year: int) -> Decimal | None:
        return self.targets.get(year)


@dataclass(frozen=True)
class QuarterFigure:
    """One reported figure for (action, indicator, year, quarter).

    `value` holds the figure for every mode but taux, which uses numerator and denominator.
    """

    action: int
    code: str
    year: int
    quarter: int
    value: Decimal | None = None
    numerator: int | None = None
    denominator: int | None = None
    comment: str = ""
    status: str = FigureStatus.VALIDATED
