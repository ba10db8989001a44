"""How the national view writes what a territory has not reported yet (issue 12)."""

from __future__ import annotations

from collections.abc import Sequence

NO_FIGURES = "pas encore de chiffres"


def without_figures_note(names: Sequence[str], year: int, clawback: bool = False) -> str:
    """Which territories have no figure for the year, and that they are left out."""
    if not names:
        return ""
    listed = ", ".join(names)
    one = len(names) == 1
    subject = "Ce territoire n'a" if one else f"Ces {len(names)} territoires n'ont"
    if clawback:
        return (
            f"{subject} encore aucun chiffre pour {year} ({listed}) : "
            f"{'il est laissé' if one else 'ils sont laissés'} hors du classement des "
            f"reversements, au lieu d'y figurer pour tout {'son' if one else 'leur'} versement."
        )
    return (
        f"{subject} encore aucun chiffre pour {year} ({listed}) : « {NO_FIGURES} ». "
        f"{'Il est laissé' if one else 'Ils sont laissés'} hors des moyennes et des statuts, "
        "au lieu d'y compter pour 0 %."
    )
