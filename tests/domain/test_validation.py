"""Table tests of the figure import rules (DOMAIN.md sections 4 and 10)."""

from decimal import Decimal

import pytest

from lda_dash.domain.model import IndicatorSpec, Mode, QuarterFigure
from lda_dash.domain.validation import RawFigureRow, RowIssue, validate_figure_rows

YEARS = range(2021, 2027)


def _spec(action, code, mode, unit, target=None, baseline=None):
    targets = {2021: target, 2022: target} if target is not None else {}
    return IndicatorSpec(action, code, code.lower(), unit, mode, baseline, targets=targets)


CATALOGUE = {
    (2, "CAPT"): _spec(2, "CAPT", Mode.SOMME, "logements", Decimal(40)),
    (7, "ASLL"): _spec(7, "ASLL", Mode.CUMUL_ANNUEL, "mesures", Decimal(70)),
    (4, "GLA"): _spec(4, "GLA", Mode.STOCK, "logements", Decimal(40)),
    (8, "TX_REP"): _spec(8, "TX_REP", Mode.TAUX, "%", Decimal(75), Decimal(25)),
    (1, "BILAN"): _spec(1, "BILAN", Mode.JALON, "jalon", Decimal(1)),
}
CATALOGUE |= {
    (action, "DEP_AMI"): _spec(action, "DEP_AMI", Mode.SOMME, "€") for action in (1, 2, 4, 7, 8)
}

DEFAULTS = {"action": "2", "indicator": "CAPT", "year": "2022", "quarter": "1", "value": "5"}


def row(line=2, **cells):
    """A raw row: CAPT T1 2022 = 5 unless told otherwise."""
    return RawFigureRow(line=line, **(DEFAULTS | cells))


def stored(action, code, year, quarter, value, status="validated"):
    figure = QuarterFigure(action, code, year, quarter, Decimal(value), status=status)
    return {(action, code, year, quarter): figure}


def check(*rows, existing=None, **options):
    return validate_figure_rows(rows, CATALOGUE, existing or {}, years=YEARS, **options)


def figure(action, code, quarter=1, value=None, numerator=None, denominator=None, comment=""):
    return QuarterFigure(action, code, 2022, quarter, value, numerator, denominator, comment)


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"value": "12"}, figure(2, "CAPT", value=Decimal(12))),
        ({"value": "60,0"}, figure(2, "CAPT", value=Decimal(60))),
        ({"value": "0"}, figure(2, "CAPT", value=Decimal(0))),
        ({"indicator": " capt ", "action": "2,0"}, figure(2, "CAPT", value=Decimal(5))),
        ({"action": "7", "indicator": "ASLL", "value": "35"}, figure(7, "ASLL", value=Decimal(35))),
        (
            {"action": "4", "indicator": "GLA", "value": "12,5"},
            figure(4, "GLA", value=Decimal("12.5")),
        ),
        (
            {
                "action": "8",
                "indicator": "TX_REP",
                "value": "",
                "numerator": "30",
                "denominator": "40",
            },
            figure(8, "TX_REP", numerator=30, denominator=40),
        ),
        (
            {
                "action": "8",
                "indicator": "tx_rep",
                "value": "abc",
                "numerator": "40",
                "denominator": "40",
            },
            figure(8, "TX_REP", numerator=40, denominator=40),
        ),
        (
            {"action": "1", "indicator": "BILAN", "value": "1", "quarter": "4"},
            figure(1, "BILAN", 4, Decimal(1)),
        ),
        ({"action": "1", "indicator": "BILAN", "value": "0"}, figure(1, "BILAN", value=Decimal(0))),
        (
            {"indicator": "DEP_AMI", "value": "1 234,50 €"},
            figure(2, "DEP_AMI", value=Decimal("1234.5")),
        ),
        ({"indicator": "DEP_AMI", "value": "0,05"}, figure(2, "DEP_AMI", value=Decimal("0.05"))),
        (
            {"comment": "  Bilan livré  "},
            figure(2, "CAPT", value=Decimal(5), comment="Bilan livré"),
        ),
        ({"comment": "x" * 2000}, figure(2, "CAPT", value=Decimal(5), comment="x" * 2000)),
    ],
)
def test_a_valid_row_becomes_a_figure_of_the_catalogue_code(cells, expected):
    result = check(row(**cells))
    assert result.errors == []
    assert result.ok
    assert result.figures == [expected]
    if expected.value is not None:
        assert str(result.figures[0].value) == str(expected.value)  # "60", not "60.0"


@pytest.mark.parametrize(
    ("cells", "fragment"),
    [
        ({"value": "-3"}, "ne peut pas être négative"),
        ({"action": "4", "indicator": "GLA", "value": "-1"}, "ne peut pas être négative"),
        (
            {"action": "99"},
            "action 99 inconnue : les numéros d'action possibles sont 1, 2, 4, 7, 8",
        ),
        ({"action": ""}, "action manquante"),
        ({"action": "deux"}, "« deux » n'est pas un nombre"),
        (
            {"indicator": "XYZ"},
            "indicateur « XYZ » inconnu pour l'action 2 : codes possibles CAPT, DEP_AMI",
        ),
        ({"indicator": "ASLL"}, "inconnu pour l'action 2"),
        ({"indicator": ""}, "indicateur manquant"),
        ({"quarter": "5"}, "trimestre 5 : le trimestre doit être 1, 2, 3 ou 4"),
        ({"quarter": "0"}, "trimestre 0 : le trimestre doit être 1, 2, 3 ou 4"),
        ({"quarter": "T2"}, "« T2 » n'est pas un nombre ; le trimestre doit être 1, 2, 3 ou 4"),
        ({"quarter": ""}, "trimestre manquant"),
        (
            {"year": "2019"},
            "année 2019 hors période : les années de la convention vont de 2021 à 2026",
        ),
        ({"year": "2027"}, "année 2027 hors période"),
        ({"year": "2022,5"}, "un nombre entier est attendu"),
        ({"year": ""}, "année manquante"),
        (
            {"action": "8", "indicator": "TX_REP", "numerator": "50", "denominator": "40"},
            "numérateur 50 supérieur au dénominateur 40",
        ),
        (
            {"action": "8", "indicator": "TX_REP", "numerator": "0", "denominator": "0"},
            "supérieur à 0",
        ),
        ({"action": "8", "indicator": "TX_REP", "numerator": "-1", "denominator": "4"}, "négatif"),
        ({"action": "8", "indicator": "TX_REP", "numerator": "1,5", "denominator": "4"}, "entier"),
        (
            {"action": "8", "indicator": "TX_REP", "value": "75", "denominator": "4"},
            "numérateur manquant",
        ),
        ({"action": "1", "indicator": "BILAN", "value": "2"}, "jalon : 1 si produit, 0 sinon"),
        ({"action": "1", "indicator": "BILAN", "value": "0,5"}, "jalon : 1 si produit, 0 sinon"),
        ({"value": "douze"}, "« douze » n'est pas un nombre"),
        ({"value": "NaN"}, "n'est pas un nombre"),
        ({"value": "inf"}, "n'est pas un nombre"),
        ({"value": "60,5"}, "un nombre entier est attendu pour « capt »"),
        (
            {"action": "7", "indicator": "ASLL", "value": "60,5"},
            "un nombre entier est attendu pour « asll »",
        ),
        ({"value": "40 €"}, "n'est pas un nombre"),
        ({"indicator": "DEP_AMI", "value": "12,345"}, "au plus 2 décimales"),
        ({"indicator": "DEP_AMI", "value": "-10"}, "ne peut pas être négative"),
        ({"value": ""}, "valeur manquante"),
        ({"value": "1000000000001"}, "trop grand"),
        ({"action": "4", "indicator": "GLA", "value": "1e13"}, "n'est pas un nombre"),
        ({"comment": "x" * 2001}, "commentaire trop long (2001 caractères)"),
    ],
)
def test_a_bad_row_is_an_error_on_its_line_and_rejects_the_file(cells, fragment):
    valid = row(line=2, indicator="DEP_AMI", year="2021", quarter="4", value="100")
    result = check(valid, row(line=7, **cells))
    assert not result.ok
    assert result.figures == []
    assert [issue.line for issue in result.errors] == [7]
    assert fragment in result.errors[0].message


def test_every_error_of_every_line_is_reported_in_line_order():
    result = check(
        row(line=9, value="abc"),
        row(line=3, year="1999", quarter="5", value="-2"),
        row(line=4, quarter="2"),
    )
    assert [issue.line for issue in result.errors] == [3, 3, 3, 9]
    assert "année 1999" in result.errors[0].message
    assert "trimestre 5" in result.errors[1].message
    assert "négative" in result.errors[2].message
    assert str(result.errors[3]).startswith("ligne 9 : valeur : « abc »")
    assert result.figures == []


def test_the_same_key_twice_is_an_error_on_the_second_line_naming_both():
    result = check(row(line=2), row(line=3, quarter="2"), row(line=5, indicator="capt", value="7"))
    assert [issue.line for issue in result.errors] == [5]
    assert "doublon des lignes 2 et 5" in result.errors[0].message
    assert result.figures == []


def test_a_row_replacing_a_stored_figure_is_accepted():
    result = check(row(value="9"), existing=stored(2, "CAPT", 2022, 1, 4))
    assert result.figures == [figure(2, "CAPT", value=Decimal(9))]


def asll(line, quarter, value, year="2022"):
    return row(
        line=line, action="7", indicator="ASLL", year=year, quarter=str(quarter), value=value
    )


@pytest.mark.parametrize(
    ("rows", "existing", "expected"),
    [
        (
            [asll(2, 1, "40"), asll(3, 2, "35")],
            {},
            [(3, "35 est inférieur au T1 2022 (40, ligne 2)")],
        ),
        (
            [asll(2, 2, "35"), asll(3, 1, "40")],
            {},
            [(2, "35 est inférieur au T1 2022 (40, ligne 3)")],
        ),
        (
            [asll(2, 2, "35")],
            stored(7, "ASLL", 2022, 1, 40),
            [(2, "inférieur au T1 2022 (40, déjà enregistré)")],
        ),
        (
            [asll(2, 2, "35")],
            stored(7, "ASLL", 2022, 3, 30),
            [(2, "supérieur au T3 2022 (30, déjà enregistré)")],
        ),
        (
            [asll(2, 2, "35")],
            stored(7, "ASLL", 2022, 1, 40, "draft"),
            [(2, "inférieur au T1 2022")],
        ),
        ([asll(2, 1, "20"), asll(3, 2, "35")], stored(7, "ASLL", 2022, 1, 40), []),
        ([asll(2, 1, "40"), asll(3, 2, "40")], {}, []),
        ([asll(2, 4, "70", "2021"), asll(3, 1, "10")], {}, []),
        ([asll(2, 2, "35")], stored(7, "ASLL", 2022, 3, 35), []),
    ],
)
def test_a_year_to_date_count_never_goes_down_within_a_year(rows, existing, expected):
    result = check(*rows, existing=existing)
    assert [issue.line for issue in result.errors] == [line for line, _ in expected]
    for issue, (_, fragment) in zip(result.errors, expected, strict=True):
        assert fragment in issue.message
    assert result.ok == (not expected)
    assert len(result.figures) == (0 if expected else len(rows))


def capt(line, quarter, value, year="2022", code="CAPT", action="2"):
    return row(
        line=line, action=action, indicator=code, year=year, quarter=str(quarter), value=value
    )


@pytest.mark.parametrize(
    ("rows", "existing", "expected"),
    [
        ([capt(2, 1, "40")], {}, []),
        ([capt(2, 1, "41")], {}, [(2, "dépasse la cible annuelle de « capt » (40 pour 2022)")]),
        ([capt(2, 2, "30")], stored(2, "CAPT", 2022, 1, 10), []),
        ([capt(2, 2, "31")], stored(2, "CAPT", 2022, 1, 10), [(2, "plus de trois fois")]),
        ([capt(2, 2, "28")], stored(2, "CAPT", 2022, 1, 9), []),
        (
            [capt(2, 1, "10"), capt(3, 2, "31")],
            {},
            [(3, "plus de trois fois la plus forte valeur de « capt »")],
        ),
        ([capt(2, 1, "31")], stored(2, "CAPT", 2021, 4, 10), [(2, "plus de trois fois")]),
        ([capt(2, 2, "31")], stored(2, "CAPT", 2021, 1, 10), []),  # five quarters back
        ([capt(2, 2, "31"), capt(3, 1, "12")], stored(2, "CAPT", 2022, 1, 10), []),  # file replaces
        (
            [capt(2, 2, "31", code="GLA", action="4")],
            stored(4, "GLA", 2022, 1, 10),
            [(2, "trois fois")],
        ),
        (
            [capt(2, 2, "31", code="ASLL", action="7")],
            stored(7, "ASLL", 2021, 3, 10),
            [(2, "trois fois")],
        ),
        ([capt(2, 2, "3100", code="DEP_AMI")], stored(2, "DEP_AMI", 2022, 1, 10), []),
    ],
)
def test_implausible_values_are_warnings_with_their_line(rows, existing, expected):
    result = check(*rows, existing=existing)
    assert result.errors == []
    assert len(result.figures) == len(rows)
    assert [issue.line for issue in result.warnings] == [line for line, _ in expected]
    for issue, (_, fragment) in zip(result.warnings, expected, strict=True):
        assert fragment in issue.message


def test_warnings_are_listed_even_when_another_line_rejects_the_file():
    result = check(capt(2, 1, "41"), capt(3, 2, "abc"))
    assert result.warnings == [RowIssue(2, result.warnings[0].message)]
    assert [issue.line for issue in result.errors] == [3]


@pytest.mark.parametrize("status", ["draft", "submitted", "validated"])
def test_figures_carry_the_requested_status(status):
    assert check(row(), status=status).figures[0].status == status


def test_an_unknown_status_is_a_programming_error():
    with pytest.raises(ValueError):
        check(row(), status="approved")


def test_an_empty_file_gives_no_figure_and_no_error():
    assert check() == check()
    assert check().ok and check().figures == []
