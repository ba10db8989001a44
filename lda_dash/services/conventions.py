"""Which convention a command or a script means: the one named, else the first loaded (Dijon)."""

from __future__ import annotations

from lda_dash import storage
from lda_dash.services import calendar


class ConventionUnknown(ValueError):
    """No convention is loaded, or none has the identifier asked for; the message says which."""


def pick_convention(con, wanted: str | None) -> dict:
    """The convention named by `wanted`, else the first loaded (Dijon)."""
    found = storage.conventions(con)
    if not found:
        raise ConventionUnknown(
            "aucune convention chargée : lancez d'abord `python -m lda_dash init`"
        )
    if wanted is None:
        return found[0]
    for convention in found:
        if convention["id"] == wanted:
            return convention
    names = ", ".join(c["id"] for c in found)
    raise ConventionUnknown(f"convention « {wanted} » inconnue (disponibles : {names})")


def accepted_years(con, convention: dict) -> range:
    """Figures are accepted for the convention's years only (services/calendar.py): a later
    year opens when the coordination sets its targets."""
    return calendar.accepted_years(con, convention)
