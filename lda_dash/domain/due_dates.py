"""When a quarter's figures are due: a day (the 15th by default) of the month after its end."""

from __future__ import annotations

from datetime import date


def quarter_due(year: int, quarter: int, day: int = 15) -> date:
    """T1 2022 → 15/04/2022; T4 2022 → 15/01/2023 (`day` capped at 28, valid in any month)."""
    month = quarter * 3 + 1
    if month > 12:
        return date(year + 1, month - 12, min(day, 28))
    return date(year, month, min(day, 28))


def quarter_state(year: int, quarter: int, today: date, day: int = 15) -> str | None:
    """`en retard` past its due date, `à rendre` within 30 days before it, else None."""
    due = quarter_due(year, quarter, day)
    if today > due:
        return "en retard"
    if (due - today).days <= 30:
        return "à rendre"
    return None
