"""One calendar per convention: its years, « today », and the date of its data.

Every year menu (every role's and the command line's), every check of a figure's year and every
« données au » reads these functions, so the app never disagrees with itself about years or
dates (issue 12).

- The convention's years are the years it gives a target or a payment for: the signed annex
  (2021-2022 for Dijon), and a later year once the coordination adds its targets.
- « Today » is the real date, except in a demonstration database, which carries a
  demonstration date inside the convention (`init --demo` writes 15 October 2022): an open year,
  its expected pace and a quarter to report are then part of the demonstration.
- The data date is the last change of the convention's figures, never after « today » (a change
  made while demonstrating counts as made on the demonstration date).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from lda_dash import fmt, storage

DEMO_DATE_SETTING = "demo_date"
DEMO_DATE = date(2022, 10, 15)


class YearOutsideConvention(ValueError):
    """A year the convention gives neither a target nor a payment for; the message names its
    years."""


def demo_date(con) -> date | None:
    """The demonstration date of a demonstration database, else None."""
    stored = storage.setting(con, DEMO_DATE_SETTING)
    return date.fromisoformat(stored) if stored else None


def set_demo_date(con, day: date = DEMO_DATE) -> None:
    storage.set_setting(con, DEMO_DATE_SETTING, day.isoformat())


def today(con) -> date:
    """« Today » for every rule and page: the demonstration date in a demo database."""
    return demo_date(con) or date.today()


def convention_years(con, convention: dict) -> list[int]:
    """The years of the convention: those with a target or a payment (its first year at least)."""
    return storage.convention_years(con, convention["id"]) or [convention["first_year"]]


def accepted_years(con, convention: dict) -> range:
    """The years a figure may carry: from the convention's first year to its last."""
    years = convention_years(con, convention)
    return range(years[0], years[-1] + 1)


def years_label(years: Sequence[int]) -> str:
    """« 2021 et 2022 », « de 2021 à 2024 », « 2021 »: the convention's years in a sentence."""
    years = sorted(years)
    if len(years) == 1:
        return str(years[0])
    if len(years) == 2:
        return f"{years[0]} et {years[1]}"
    return f"de {years[0]} à {years[-1]}"


def check_year(con, convention: dict, year: int) -> None:
    """Refuse a year outside the convention, naming its years and how a later one opens."""
    years = convention_years(con, convention)
    if year not in years:
        raise YearOutsideConvention(
            f"l'année {year} n'est pas une année de la convention (années couvertes : "
            f"{years_label(years)}) ; une année suivante s'ouvre quand la coordination "
            "en fixe les cibles"
        )


def data_date(con, convention_id: str) -> datetime | None:
    """The last change of the convention's figures, never after « today »."""
    changed = storage.last_figure_update(con, convention_id)
    if changed is None:
        return None
    limit = today(con)
    if changed.date() > limit:
        return datetime.combine(limit, datetime.min.time())
    return changed


def data_date_words(changed: datetime | date | None) -> str:
    """« données au 10 octobre 2022 », or that nothing was reported yet."""
    if changed is None:
        return "aucun chiffre saisi pour l'instant"
    day = changed.date() if isinstance(changed, datetime) else changed
    return f"données au {fmt.long_day(day)}"
