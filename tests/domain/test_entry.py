"""The entry form's rules: the quarter offered, fields as file rows, issues per field, refusals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from lda_dash.domain.entry import (
    FieldInput,
    check_form,
    default_period,
    entry_years,
    foreign_action_refusals,
    form_rows,
    latest_ended_quarter,
    write_refusals,
)
from lda_dash.domain.figure_cells import RawFigureRow
from lda_dash.domain.model import IndicatorSpec, Mode, QuarterFigure
from lda_dash.domain.permissions import Actor


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 11, 28), (2026, 3)),
        (date(2026, 1, 1), (2025, 4)),
        (date(2026, 3, 31), (2025, 4)),
        (date(2026, 4, 1), (2026, 1)),
        (date(2026, 12, 31), (2026, 3)),
    ],
)
def test_the_latest_ended_quarter(today, expected):
    assert latest_ended_quarter(today) == expected


@pytest.mark.parametrize(
    ("years", "today", "expected"),
    [
        ([2021, 2022, 2023], date(2022, 8, 15), (2022, 2)),  # inside: the latest ended quarter
        ([2021, 2022], date(2026, 11, 28), (2022, 4)),  # after: the last year's last quarter
        ([2027, 2028], date(2026, 11, 28), (2027, 1)),  # before: the first quarter
        ([2021, 2022], date(2022, 2, 1), (2021, 4)),  # January: last year's T4
    ],
)
def test_the_default_period_stays_within_the_years_offered(years, today, expected):
    assert default_period(years, today) == expected


@pytest.mark.parametrize(
    ("known", "today", "expected"),
    [
        ([2021, 2022], date(2022, 5, 1), [2021, 2022]),
        ([2021, 2022], date(2024, 5, 1), [2021, 2022, 2023, 2024]),  # the plan runs on
        ([2021, 2022, 2025], date(2022, 5, 1), [2021, 2022, 2023, 2024, 2025]),
        ([2021], date(2060, 1, 1), list(range(2021, 2041))),  # twenty years at most
    ],
)
def test_the_years_a_partner_may_report(known, today, expected):
    assert entry_years(2021, known, today) == expected


CAPT = IndicatorSpec(2, "CAPT", "Logements captés", "logements", Mode.SOMME,
                     targets={2023: Decimal(40)})  # fmt: skip
RATE = IndicatorSpec(5, "REPIT_OCC", "Taux d'occupation", "%", Mode.TAUX)
ASLL = IndicatorSpec(7, "ASLL", "Mesures ASLL", "mesures", Mode.CUMUL_ANNUEL)
SPENDING = IndicatorSpec(2, "DEP_AMI", "Dépenses", "€", Mode.SOMME)
CATALOGUE = {(s.action, s.code): s for s in (CAPT, RATE, ASLL, SPENDING)}


def check(*inputs, existing=None, status="draft"):
    return check_form(
        list(inputs), CATALOGUE, existing or {}, year=2023, quarter=2,
        years=range(2021, 2041), status=status,
    )  # fmt: skip


def test_fields_become_file_rows_whose_lines_name_the_field():
    rows, fields = form_rows(
        [FieldInput(2, "CAPT", value="9"), FieldInput(5, "REPIT_OCC")], 2023, 2
    )
    assert rows[0] == RawFigureRow(2, "2", "CAPT", "2023", "2", "9")
    assert fields == {2: (2, "CAPT"), 3: (5, "REPIT_OCC")}


@pytest.mark.parametrize(
    ("field", "message"),
    [
        (FieldInput(2, "CAPT", value="-3"), "ne peut pas être négative"),
        (FieldInput(2, "CAPT", value="douze"), "« douze » n'est pas un nombre"),
        (FieldInput(2, "CAPT", value="12,5"), "un nombre entier est attendu"),
        (FieldInput(2, "CAPT", value=""), "valeur manquante"),
        (FieldInput(2, "DEP_AMI", value="10,555"), "au plus 2 décimales"),
        (FieldInput(5, "REPIT_OCC", numerator="95", denominator="91"), "supérieur au"),
        (FieldInput(5, "REPIT_OCC", numerator="5", denominator="0"), "supérieur à 0"),
        (FieldInput(7, "ASLL", value="10"), "inférieur au T1 2023"),
    ],
)
def test_each_rule_gives_its_message_on_its_field(field, message):
    existing = {(7, "ASLL", 2023, 1): QuarterFigure(7, "ASLL", 2023, 1, Decimal(20))}
    result = check(field, FieldInput(2, "CAPT", value="9") if field.code != "CAPT" else field,
                   existing=existing)  # fmt: skip
    assert not result.ok and result.figures == []
    assert message in " ".join(result.issues[field.key].errors)
    assert "colonne valeur" not in " ".join(result.issues[field.key].errors)  # form wording


def test_an_unusual_value_passes_only_with_a_comment():
    plain = check(FieldInput(2, "CAPT", value="41"))  # above the whole year's target of 40
    assert not plain.ok and plain.issues[(2, "CAPT")].warnings
    commented = check(FieldInput(2, "CAPT", value="41", comment="Un grand programme"))
    assert commented.ok
    assert commented.figures[0].comment == "Un grand programme"


def test_valid_fields_give_their_figures_with_the_status_asked():
    result = check(
        FieldInput(2, "CAPT", value="9"),
        FieldInput(5, "REPIT_OCC", numerator="60", denominator="91"),
        FieldInput(2, "DEP_AMI", value="1 250,50 €"),
        status="submitted",
    )
    assert result.ok and result.issues == {}
    assert [(f.code, f.value, f.numerator, f.status) for f in result.figures] == [
        ("CAPT", 9, None, "submitted"),
        ("REPIT_OCC", None, 60, "submitted"),
        ("DEP_AMI", Decimal("1250.5"), None, "submitted"),
    ]


PARTNER = Actor("camille", "partenaire", "habitat")
ASSIGNED = {2: {"habitat"}, 5: {"habitat"}, 6: {"ccas"}}


@pytest.mark.parametrize(
    ("figure", "statuses", "locked", "refusal"),
    [
        (QuarterFigure(2, "CAPT", 2023, 1, Decimal(9), status="draft"), {}, [], None),
        (QuarterFigure(6, "DIAG", 2023, 1, Decimal(3), status="draft"), {}, [], "pas confiée"),
        (QuarterFigure(2, "CAPT", 2023, 1, Decimal(9), status="draft"),
         {(2, "CAPT", 2023, 1): "validated"}, [], "déjà validé"),
        (QuarterFigure(2, "CAPT", 2023, 1, Decimal(9), status="submitted"),
         {(2, "CAPT", 2023, 1): "returned"}, [], None),
        (QuarterFigure(2, "CAPT", 2023, 1, Decimal(9), status="draft"), {}, [2023], "verrouillée"),
    ],
)  # fmt: skip
def test_rows_the_partner_may_not_write_are_named_by_line(figure, statuses, locked, refusal):
    found = write_refusals([figure], [7], PARTNER, ASSIGNED, statuses, locked)
    if refusal is None:
        assert found == []
    else:
        assert found[0].line == 7 and refusal in found[0].message


def test_another_organisations_action_is_named_even_in_an_invalid_file():
    rows = [
        RawFigureRow(2, "2", "CAPT", "2023", "5", "9"),
        RawFigureRow(3, "6", "DIAG", "2023", "1", "3"),
        RawFigureRow(4, "six", "DIAG", "2023", "1", "3"),
    ]
    found = foreign_action_refusals(rows, PARTNER, ASSIGNED)
    assert [(issue.line, issue.message) for issue in found] == [
        (3, "action 6 : cette action n'est pas confiée à votre organisation")
    ]
    assert foreign_action_refusals(rows, Actor("claire", "coordination"), ASSIGNED) == []
