"""History lines in words: labels instead of codes, French numbers, milestones as « produit »."""

from __future__ import annotations

import pytest

from lda_dash.domain.model import IndicatorSpec, Mode
from lda_dash.words.history import history_item, history_line, history_value

SPECS = {
    (2, "CAPT"): IndicatorSpec(2, "CAPT", "Logements captés", "logements", Mode.SOMME),
    (16, "EVAL"): IndicatorSpec(16, "EVAL", "Évaluation du plan", "jalon", Mode.JALON),
    (8, "DEP_AMI"): IndicatorSpec(8, "DEP_AMI", "Dépenses AMI", "€", Mode.SOMME),
    (5, "REPIT_OCC"): IndicatorSpec(5, "REPIT_OCC", "Taux d'occupation", "%", Mode.TAUX),
}
N = "\u202f"


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("action 16 · EVAL · 2022 T4", "action 16 · Évaluation du plan · T4 2022"),
        ("action 2 · CAPT · 2022", "action 2 · Logements captés · 2022"),
        ("action 2 · CAPT", "action 2 · Logements captés"),
        ("action 3 · 2022", "action 3 · 2022"),  # an allocation: no indicator
        ("action 9 · UNKNOWN · 2022 T1", "action 9 · UNKNOWN · 2022 T1"),  # kept as stored
        ("reversement 2022", "reversement 2022"),
    ],
)
def test_items_name_the_indicator_by_its_label(item, expected):
    assert history_item(item, SPECS) == expected


@pytest.mark.parametrize(
    ("entity", "item", "text", "expected"),
    [
        ("figure", "action 16 · EVAL · 2022 T4", "1 (submitted)", "produit (soumis)"),
        ("figure", "action 16 · EVAL · 2022 T4", "0 (validated)", "non produit (validé)"),
        ("figure", "action 8 · DEP_AMI · 2022 T3", "2450.75 (validated)", f"2{N}450,75 €"),
        ("figure", "action 8 · DEP_AMI · 2022 T3", "89.68 (draft)", "89,68 € (brouillon)"),
        ("figure", "action 2 · CAPT · 2022 T1", "1500 (returned)", f"1{N}500 (renvoyé)"),
        ("figure", "action 5 · REPIT_OCC · 2022 T1", "60/91 (submitted)", "60 / 91"),
        ("figure", "action 2 · CAPT · 2022 T1", " (draft)", "vide (brouillon)"),
        ("target", "action 2 · CAPT · 2022", "40", "40"),
        ("target", "action 16 · EVAL · 2022", "1", "à produire"),
        ("allocation", "action 3 · 2022", "33000.00", f"33{N}000 €"),
        ("allocation", "action 3 · 2022", "494000.5", f"494{N}000,50 €"),
        ("decision", "reversement 2022", "98431 €", f"98{N}431 €"),
        ("weight", "action 2 · CAPT", "1.5", "1,5"),
        ("lock", "année 2022", "verrouillée", "verrouillée"),
        ("figure", "action 2 · CAPT · 2022 T1", None, ""),
    ],
)
def test_values_are_written_the_french_way(entity, item, text, expected):
    shown = history_value(entity, item, text, SPECS)
    assert shown.startswith(expected)
    assert "." not in shown.replace("…", "")


def test_a_whole_line_in_words():
    row = {"entity": "figure", "item": "action 16 · EVAL · 2022 T4", "old_value": None,
           "new_value": "1 (submitted)"}  # fmt: skip
    assert history_line(row, SPECS) == {
        "entity": "chiffre",
        "item": "action 16 · Évaluation du plan · T4 2022",
        "old": "",
        "new": "produit (soumis)",
    }
