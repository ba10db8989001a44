"""The corrected indicator table back to indicators: each mistake names its line and column."""

from decimal import Decimal

import pandas as pd
import pytest

from lda_dash.domain.model import Mode
from lda_dash.importers.target_extraction import ProposedIndicator
from lda_dash.services.indicator_editor import (
    EditorErrors,
    proposals_frame,
    specs_from_frame,
)

YEARS = (2021, 2022)
GOOD = {
    "Action": 2,
    "Code": "CAPT",
    "Libellé": "Logements captés",
    "Unité": "logements",
    "Mode": "somme",
    "Référence": None,
    "Cible 2021": 40.0,
    "Cible 2022": 40.0,
    "Poids": 1.0,
}


def frame(*changes: dict) -> pd.DataFrame:
    return pd.DataFrame([{**GOOD, **change} for change in changes])


def test_the_proposal_round_trips_through_the_table():
    proposal = ProposedIndicator(8, "TX_REP", "Taux de réponse", "%", Mode.TAUX, Decimal(25),
                                 {2021: Decimal(75), 2022: None})  # fmt: skip
    (spec,) = specs_from_frame(proposals_frame([proposal], YEARS), YEARS, [8])
    assert (spec.action, spec.code, spec.mode, spec.baseline) == (8, "TX_REP", Mode.TAUX, 25)
    assert spec.targets == {2021: Decimal(75), 2022: None}
    assert spec.weight == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"Action": None}, "ligne 1, colonne « Action » : numéro d'action manquant ou illisible"),
        ({"Action": 17}, "ligne 1, colonne « Action » : l'annexe n'a pas d'action 17"),
        ({"Code": " "}, "ligne 1, colonne « Code » : code manquant"),
        ({"Code": "LOGÉS"}, "ligne 1, colonne « Code » : « LOGÉS » : lettres sans accent"),
        ({"Libellé": ""}, "ligne 1, colonne « Libellé » : libellé manquant"),
        ({"Unité": None}, "ligne 1, colonne « Unité » : unité manquante"),
        ({"Mode": "moyenne"}, "ligne 1, colonne « Mode » : « moyenne » : choisissez somme"),
        ({"Cible 2022": -3.0}, "ligne 1, colonne « Cible 2022 » : -3 : une cible ne peut"),
        ({"Cible 2022": "beaucoup"}, "ligne 1, colonne « Cible 2022 » : « beaucoup » n'est pas"),
        ({"Mode": "jalon", "Cible 2021": 2.0}, "ligne 1, colonne « Cible 2021 » : 2 : un jalon"),
        ({"Mode": "taux", "Cible 2021": 120.0}, "ligne 1, colonne « Cible 2021 » : 120 : un taux"),
        ({"Mode": "taux", "Référence": 140.0}, "ligne 1, colonne « Référence » : 140 impossible"),
        ({"Poids": 0.0}, "ligne 1, colonne « Poids » : le poids doit être supérieur à 0"),
    ],
)
def test_each_mistake_names_its_line_and_column(change, message):
    with pytest.raises(EditorErrors) as caught:
        specs_from_frame(frame(change), YEARS, range(1, 17))
    assert any(error.startswith(message) for error in caught.value.errors), caught.value.errors


def test_every_mistake_is_reported_at_once_and_a_code_twice_in_an_action_is_one():
    table = frame({}, {"Libellé": ""}, {"Cible 2021": "1 200,5"}, {"Action": 3})
    with pytest.raises(EditorErrors) as caught:
        specs_from_frame(table, YEARS, range(1, 17))
    assert caught.value.errors == [
        "ligne 2, colonne « Code » : « CAPT » déjà utilisé pour l'action 2 (ligne 1)",
        "ligne 2, colonne « Libellé » : libellé manquant",
        "ligne 3, colonne « Code » : « CAPT » déjà utilisé pour l'action 2 (ligne 1)",
    ]


@pytest.mark.parametrize(
    ("typed", "target"),
    [(40.0, Decimal(40)), ("1 200,5", Decimal("1200.5")), (None, None), ("", None),
     (float("nan"), None), (12.25, Decimal("12.25"))],
)  # fmt: skip
def test_targets_are_read_as_exact_numbers(typed, target):
    (spec,) = specs_from_frame(frame({"Cible 2021": typed}), YEARS, [2])
    assert spec.targets[2021] == target
