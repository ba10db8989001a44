"""The French formatter and the plural helper, as tables: every number the product writes goes
through lda_dash/fmt.py, so its edges (a negative zero, millions, cents) are checked here."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from lda_dash import fmt

NNBSP = "\u202f"  # babel's narrow no-break space between thousands and before % and €


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (494000, 0, f"494{NNBSP}000"),
        (98431, 0, f"98{NNBSP}431"),
        (Decimal("1500.5"), 2, f"1{NNBSP}500,5"),
        (Decimal("2450.75"), 2, f"2{NNBSP}450,75"),
        (Decimal("89.68"), 2, "89,68"),
        (1_234_567, 0, f"1{NNBSP}234{NNBSP}567"),
        (12_500_000.25, 2, f"12{NNBSP}500{NNBSP}000,25"),
        (12, 2, "12"),
        (-0.4, 0, "0"),
        (-0.001, 2, "0"),
        (Decimal("-0.00"), 2, "0"),
        (-0.6, 0, "-1"),
        (-1500, 0, f"-1{NNBSP}500"),
        (0, 0, "0"),
        (float("nan"), 2, fmt.DASH),
        (None, 2, fmt.DASH),
        (Fraction(1, 3), 2, "0,33"),
    ],
)
def test_number_is_written_the_french_way(value, decimals, expected):
    assert fmt.number(value, decimals) == expected


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (494000, 0, f"494{NNBSP}000 €"),
        (Decimal("494000.00"), 2, f"494{NNBSP}000,00 €"),
        (10000, 0, f"10{NNBSP}000 €"),
        (2_000_000, 0, f"2{NNBSP}000{NNBSP}000 €"),
        (-0.3, 0, "0 €"),
        (Decimal("-0.004"), 2, "0,00 €"),
        (-163099, 0, f"-163{NNBSP}099 €"),
        (None, 0, fmt.DASH),
    ],
)
def test_money_has_no_negative_zero_and_groups_thousands(value, decimals, expected):
    assert fmt.money(value, decimals) == expected


@pytest.mark.parametrize(
    ("ratio", "decimals", "expected"),
    [
        (0.75, 0, f"75{NNBSP}%"),
        (Fraction(2, 3), 1, f"66,7{NNBSP}%"),
        (-0.001, 0, f"0{NNBSP}%"),
        (12.5, 0, f"1{NNBSP}250{NNBSP}%"),
    ],
)
def test_percent(ratio, decimals, expected):
    assert fmt.percent(ratio, decimals) == expected


@pytest.mark.parametrize(
    ("count", "singular", "plural_form", "expected"),
    [
        (0, "erreur", None, "0 erreur"),
        (1, "territoire", None, "1 territoire"),
        (2, "territoire", None, "2 territoires"),
        (1, "ligne", None, "1 ligne"),
        (1500, "ligne", None, f"1{NNBSP}500 lignes"),
        (Decimal("1.5"), "logement", None, "1,5 logement"),
        (2, "chiffre soumis non validé", None, "2 chiffres soumis non validés"),
        (3, "indicateur sans cible", None, "3 indicateurs sans cible"),
        (2, "action partiellement atteinte", None, "2 actions partiellement atteintes"),
        (2, "mois", None, "2 mois"),
        (4, "prix", None, "4 prix"),
        (2, "journal", None, "2 journaux"),
        (2, "bureau", "bureaux", "2 bureaux"),
        (1, "bureau", "bureaux", "1 bureau"),
        (5, "valeur inhabituelle", None, "5 valeurs inhabituelles"),
        (2, "action de l'annexe", None, "2 actions de l'annexe"),
        (-1, "euro", None, "-1 euro"),
        (-3, "euro", None, "-3 euros"),
    ],
)
def test_plural_agrees_the_noun_with_its_count(count, singular, plural_form, expected):
    assert fmt.plural(count, singular, plural_form) == expected


@pytest.mark.parametrize(
    ("count", "expected"), [(0, "ligne"), (1, "ligne"), (2, "lignes"), (None, "lignes")]
)
def test_noun_alone(count, expected):
    assert fmt.noun(count, "ligne") == expected
