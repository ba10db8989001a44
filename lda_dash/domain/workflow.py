"""The figure workflow (DOMAIN.md section 9): draft → submitted → validated, or returned with a
reason → submitted again; and the refusal of a save that would overwrite a colleague's."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum


class FigureStatus(StrEnum):
    """Where a quarterly figure stands; the stored value is the enum's value."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    VALIDATED = "validated"
    RETURNED = "returned"


FIGURE_STATUSES = tuple(FigureStatus)
# What views count: submitted figures too, marked as not yet validated; control views count
# validated figures only (DOMAIN.md section 9).
COUNTED_STATUSES = (FigureStatus.SUBMITTED, FigureStatus.VALIDATED)
VALIDATED_ONLY = (FigureStatus.VALIDATED,)
# Statuses a partner may still change (None: no figure yet); once submitted it waits for the
# coordination.
PARTNER_EDITABLE = (None, FigureStatus.DRAFT, FigureStatus.RETURNED)


def counted_statuses(validated_only: bool) -> tuple[FigureStatus, ...]:
    return VALIDATED_ONLY if validated_only else COUNTED_STATUSES


class ConcurrentEdit(RuntimeError):
    """Someone saved the figure since it was read: nothing is overwritten.

    Carries who saved it and when, so the person is told, as DOMAIN.md asks of concurrent saves.
    """

    def __init__(
        self, key: tuple[int, str, int, int], saved_by: str | None, saved_at: datetime | None
    ):
        self.key, self.saved_by, self.saved_at = key, saved_by, saved_at
        super().__init__(self.message())

    def message(self, label: str | None = None) -> str:
        """The French message, naming the indicator by its `label` when the caller knows it
        (storage, which raises this, only knows the code)."""
        action, code, year, quarter = self.key
        who = self.saved_by or "quelqu'un"
        when = f" le {self.saved_at:%d/%m/%Y à %H:%M}" if self.saved_at else ""
        return (
            f"Action {action} · {label or code} · T{quarter} {year} : ce chiffre a été modifié "
            f"par {who}{when} depuis que vous l'avez ouvert. Rechargez la page pour voir sa "
            "valeur, puis enregistrez à nouveau : rien n'a été écrasé."
        )
