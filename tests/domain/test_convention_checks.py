"""Anomalies of the budget annex (DOMAIN.md section 2): the Dijon annex and one table per rule."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from lda_dash.domain.annex_table import AnnexRow, AnnexTable
from lda_dash.domain.convention_checks import Finding, check_annex
from lda_dash.importers.annex import read_annex

DIJON_CSV = Path(__file__).resolve().parents[2] / "data" / "dijon" / "annex.csv"
AMOUNTS = ("cost_y1", "ami_y1", "cofunding_y1", "cost_y2", "cofunding_y2")


def plain(text: str) -> str:
    """A message with babel's narrow no-break spaces as plain ones, to compare with the cases."""
    return text.replace("\u202f", " ")


def _row(position: int, number: str | None = None, **amounts) -> AnnexRow:
    """A consistent action row: 10 000 € spent, 8 000 € AMI + 2 000 € cofunding, same in year 2."""
    values = {"cost_y1": 10000, "ami_y1": 8000, "cofunding_y1": 2000, "cost_y2": 10000}
    values |= {"cofunding_y2": 2000, **amounts}
    return AnnexRow(
        row=position,
        number=str(position) if number is None else number,
        title=f"Action {position}",
        category="2. Ingénierie de projet",
        description="d",
        objective="o",
        leverage="l",
        expected_results="r",
        calendar="5 ans",
        deliverables="bilan annuel",
        **{f: None if values[f] is None else Decimal(values[f]) for f in AMOUNTS},
    )


def _table(rows: list[AnnexRow], total: str | dict = "sum") -> AnnexTable:
    """Rows with a total row that adds them up, with some totals overridden, or none."""
    if total is None:
        return AnnexTable(rows=tuple(rows), total=None)
    sums = {f: sum((r.amount(f) or Decimal(0) for r in rows), Decimal(0)) for f in AMOUNTS}
    if isinstance(total, dict):
        sums |= {f: None if v is None else Decimal(v) for f, v in total.items()}
    fields = {**_row(len(rows) + 1).__dict__, **sums}
    fields |= {f: "" for f in ("title", "category", "description", "objective", "leverage")}
    fields |= {f: "" for f in ("expected_results", "calendar", "deliverables")}
    return AnnexTable(rows=tuple(rows), total=AnnexRow(**fields))


def _codes(findings: list[Finding]) -> list[tuple[str, str, int | None]]:
    return [(f.level, f.code, f.row) for f in findings]


def test_the_signed_dijon_annex_has_exactly_its_four_known_anomalies():
    findings = check_annex(read_annex(DIJON_CSV.read_bytes(), "annex.csv"))
    assert _codes(findings) == [
        ("error", "missing_number", 3),
        ("error", "duplicate_number", 10),
        ("warning", "cofunding_exceeds_cost", 15),
        ("error", "total_mismatch", None),
    ]


def test_dijon_messages_name_the_rows_columns_and_amounts():
    findings = check_annex(read_annex(DIJON_CSV.read_bytes(), "annex.csv"))
    missing, duplicate, cofunding, total = (plain(f.message) for f in findings)
    assert "Coordination plateforme logement" in missing and "action 3" in missing
    assert "ligne 9 (« Développement d'actions collectives »)" in duplicate
    assert "le n° 9" in duplicate and "c'est l'action 10" in duplicate
    assert "année 2" in cofunding and "8 000 € > dépenses 5 000 €" in cofunding
    assert "« Estimation cofinancements année 2 »" in total
    assert "68 000 € indiqué, 83 000 € en additionnant" in total


def test_a_consistent_annex_has_no_finding():
    assert check_annex(_table([_row(1), _row(2), _row(3)])) == []


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        (["1", "2", "3"], []),
        (["01", " 2 ", "3"], []),
        (["1", "", "3"], [("error", "missing_number", 2)]),
        (["1", "  ", "3"], [("error", "missing_number", 2)]),
        (["1", "1", "3"], [("error", "duplicate_number", 2)]),
        (["1", "2", "2"], [("error", "duplicate_number", 3)]),
        (["1", "2", "02"], [("error", "duplicate_number", 3)]),
        (["1", "3", "2"], [("warning", "number_out_of_sequence", 2),
                           ("warning", "number_out_of_sequence", 3)]),
        (["1", "2", "9"], [("warning", "number_out_of_sequence", 3)]),
        (["1", "2a", "3"], [("warning", "number_out_of_sequence", 2)]),
        (["2", "2", "3"], [("warning", "number_out_of_sequence", 1),
                           ("error", "duplicate_number", 2)]),
        (["", "", "3"], [("error", "missing_number", 1), ("error", "missing_number", 2)]),
    ],
)  # fmt: skip
def test_numbering(numbers, expected):
    rows = [_row(i, number) for i, number in enumerate(numbers, start=1)]
    assert _codes(check_annex(_table(rows))) == expected


def test_a_duplicate_names_the_earlier_row_and_the_real_action_number():
    (finding,) = check_annex(_table([_row(1), _row(2), _row(3, "2")]))
    assert plain(finding.message) == (
        "Ligne 3 (« Action 3 ») : le n° 2 est déjà celui de la ligne 2 (« Action 2 ») ; "
        "par sa position, c'est l'action 3."
    )


@pytest.mark.parametrize(
    ("amounts", "expected"),
    [
        ({"cost_y2": 5000, "cofunding_y2": 5000}, []),
        ({"cost_y2": 5000, "cofunding_y2": 5001}, [2]),
        ({"cost_y2": 5000, "cofunding_y2": 8000}, [2]),
        ({"cost_y2": 0, "cofunding_y2": 0}, []),
        ({"cost_y1": 2000, "ami_y1": 0, "cofunding_y1": 2000}, []),
        ({"cost_y1": 1999, "ami_y1": 0, "cofunding_y1": 2000}, [1]),
        ({"cost_y1": 1000, "ami_y1": 0, "cofunding_y1": 2000, "cofunding_y2": 20000}, [1, 2]),
    ],
)
def test_cofunding_above_cost_per_year(amounts, expected):
    findings = [f for f in check_annex(_table([_row(1, **amounts)])) if f.code != "split_mismatch"]
    assert [f.code for f in findings] == ["cofunding_exceeds_cost"] * len(expected)
    assert [int(f.message.split("année ")[1][0]) for f in findings] == expected
    assert all(f.level == "warning" and f.row == 1 for f in findings)


@pytest.mark.parametrize(
    ("amounts", "expected"),
    [
        ({"cost_y1": 10000, "ami_y1": 8000, "cofunding_y1": 2000}, []),
        ({"cost_y1": 10001, "ami_y1": 8000, "cofunding_y1": 2000}, ["split_mismatch"]),
        ({"cost_y1": 9999, "ami_y1": 8000, "cofunding_y1": 2000}, ["split_mismatch"]),
        ({"cost_y1": 10000, "ami_y1": 10000, "cofunding_y1": 0}, []),
        ({"cost_y2": 12000}, []),  # year 2 has no AMI column: nothing to split
    ],
)
def test_year_one_spending_is_ami_plus_cofunding(amounts, expected):
    findings = check_annex(_table([_row(1, **amounts)]))
    assert [(f.code, f.level, f.row) for f in findings] == [(c, "warning", 1) for c in expected]


def test_split_mismatch_message_shows_the_three_amounts():
    (finding,) = check_annex(_table([_row(1, cost_y1=10001)]))
    assert "dépenses 10 001 € ≠ financement AMI 8 000 € + financement 2 000 €" in plain(
        finding.message
    )


@pytest.mark.parametrize(
    ("blank", "labels"),
    [
        (["cost_y1"], "« Dépenses année 1 »"),
        (["cofunding_y2"], "« Estimation cofinancements année 2 »"),
        (["ami_y1", "cost_y2"], "« Financement AMI demandé en année 1 », « Estimation dépenses"),
    ],
)
def test_a_blank_amount_in_an_action_row_is_a_warning(blank, labels):
    rows = [_row(1), _row(2, **dict.fromkeys(blank))]
    findings = [f for f in check_annex(_table(rows)) if f.code == "missing_amount"]
    assert _codes(findings) == [("warning", "missing_amount", 2)]
    assert labels in plain(findings[0].message)


@pytest.mark.parametrize(
    ("total", "column", "stated", "computed"),
    [
        ({"cost_y1": 20001}, "Dépenses année 1", "20 001 €", "20 000 €"),
        ({"ami_y1": 15999}, "Financement AMI demandé en année 1", "15 999 €", "16 000 €"),
        ({"cofunding_y1": 0}, "Financement en année 1", "0 €", "4 000 €"),
        ({"cost_y2": 1234567}, "Estimation dépenses année 2", "1 234 567 €", "20 000 €"),
        ({"cofunding_y2": "4000.5"}, "Estimation cofinancements année 2", "4 000,50 €", "4 000 €"),
    ],
)
def test_a_stated_total_off_by_anything_is_an_error(total, column, stated, computed):
    (finding,) = check_annex(_table([_row(1), _row(2)], total))
    assert (finding.level, finding.code, finding.row) == ("error", "total_mismatch", None)
    assert f"« {column} » : {stated} indiqué, {computed} en additionnant" in plain(finding.message)


def test_totals_count_blank_cells_as_nothing():
    rows = [_row(1), _row(2, cost_y2=None)]
    findings = check_annex(_table(rows, {"cost_y2": 10000}))
    assert _codes(findings) == [("warning", "missing_amount", 2)]


def test_a_blank_stated_total_is_reported_with_the_computed_sum():
    (finding,) = check_annex(_table([_row(1), _row(2)], {"cost_y2": None}))
    assert (finding.level, finding.code, finding.row) == ("warning", "missing_amount", None)
    assert "20 000 €" in plain(finding.message)


def test_no_total_row_is_an_info():
    findings = check_annex(_table([_row(1), _row(2)], None))
    assert _codes(findings) == [("info", "missing_total", None)]


def test_findings_are_ordered_by_row_then_code_totals_last():
    rows = [_row(1, "7", cost_y1=1), _row(2, ""), _row(3, cofunding_y2=20000)]
    findings = check_annex(_table(rows, {"ami_y1": 0}))
    assert [(f.row, f.code) for f in findings] == [
        (1, "cofunding_exceeds_cost"),
        (1, "number_out_of_sequence"),
        (1, "split_mismatch"),
        (2, "missing_number"),
        (3, "cofunding_exceeds_cost"),
        (None, "total_mismatch"),
    ]


def test_finding_to_json_has_the_fixed_keys():
    finding = Finding("error", "total_mismatch", None, "Total « Dépenses année 1 »")
    assert finding.to_json() == {
        "level": "error",
        "code": "total_mismatch",
        "row": None,
        "message": "Total « Dépenses année 1 »",
    }
