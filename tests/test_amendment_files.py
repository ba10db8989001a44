"""An amendment's CSV files (README « Amendments »): which kind a file is by its header, and
each kind read line by line against the Dijon catalogue, with French reasons."""

from decimal import Decimal as D

import pytest

from lda_dash.domain.model import IndicatorSpec, Mode
from lda_dash.importers.amendment_file import (
    ALLOCATION,
    TARGETS,
    WEIGHTS,
    TargetsFileError,
    file_kind,
    read_amendment_file,
)

SPECS = {
    (12, "FORM_AV"): IndicatorSpec(12, "FORM_AV", "Formés « Aller vers »", "pers.",
                                   Mode.CUMUL_ANNUEL),
    (12, "DEP_AMI"): IndicatorSpec(12, "DEP_AMI", "Dépenses AMI", "€", Mode.SOMME),
}  # fmt: skip
ACTIONS = {11, 12}


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("action;indicateur;cible", TARGETS),
        ("\ufeffAction;Indicateur;Poids", WEIGHTS),
        ("action,montant", ALLOCATION),
        ("ACTION;MONTANT", ALLOCATION),
    ],
)
def test_the_header_says_which_kind(header, kind):
    assert file_kind(f"{header}\n".encode()) == kind


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("action;indicateur;cible;poids", "un fichier par sorte de valeurs"),
        ("action;valeur", "en-têtes non reconnus"),
        ("", "en-têtes non reconnus"),
    ],
)
def test_a_header_of_no_kind_or_of_two_is_refused(header, message):
    with pytest.raises(TargetsFileError, match=message):
        file_kind(f"{header}\n".encode())


@pytest.mark.parametrize(
    ("text", "values", "errors"),
    [
        ("action;indicateur;poids\n12;form_av;2,5\n", {(12, "FORM_AV"): D("2.5")}, []),
        ("action;indicateur;poids\n12;FORM_AV;\n", {}, [(2, "poids manquant")]),
        ("action;indicateur;poids\n12;FORM_AV;0\n", {},
         [(2, "un poids doit être strictement positif")]),
        ("action;indicateur;poids\n12;DEP_AMI;1\n", {},
         [(2, "les dépenses sur crédits AMI n'ont pas de poids")]),
        ("action;indicateur;poids\nx;FORM_AV;1\n", {},
         [(2, "action « x » illisible (un numéro attendu)")]),
        ("action;montant\n12;14 535 €\n11;32838,50\n", {12: D(14535), 11: D("32838.50")}, []),
        ("action;montant\n13;1\n", {}, [(2, "action 13 inconnue de la convention")]),
        ("action;montant\n12;-1\n", {}, [(2, "une part ne peut pas être négative")]),
        ("action;montant\n12;1,005\n", {}, [(2, "un montant s'arrête au centime")]),
        ("action;montant\n12;1\n\n12;2\n", {12: D(1)},
         [(4, "action 12 déjà donnée en ligne 2")]),
    ],
)  # fmt: skip
def test_each_line_is_read_or_refused_with_its_reason(text, values, errors):
    read = read_amendment_file(text.encode(), SPECS, ACTIONS)
    assert (read.targets, read.errors) == (values, errors)
