"""What every command shares: the one-line error, dates and thresholds as typed, the convention."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from fractions import Fraction

from lda_dash.services.conventions import accepted_years, pick_convention

__all__ = ["CommandError", "accepted_years", "parse_day", "parse_threshold", "pick_convention"]


class CommandError(Exception):
    """A reason to stop, printed on one line."""


def parse_day(text: str) -> date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"date illisible « {text} » (attendu AAAA-MM-JJ)")


def parse_threshold(text: str) -> Fraction:
    try:
        value = Fraction(text.replace(",", "."))
    except (ValueError, ZeroDivisionError) as exc:
        raise argparse.ArgumentTypeError(f"seuil illisible « {text} »") from exc
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError("le seuil doit être compris entre 0 et 1")
    return value
