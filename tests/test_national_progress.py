"""The SQL path of progress and clawbacks gives exactly what the per-convention path gives."""

from __future__ import annotations

import json
from datetime import date

import pytest

from lda_dash import storage
from lda_dash.cli.main import main
from lda_dash.domain.progress_report import compute_progress
from lda_dash.domain.workflow import COUNTED_STATUSES
from lda_dash.scale.database import generate_database
from lda_dash.scale.synthetic import SyntheticPlan
from lda_dash.services.control import ControlRefused, load_clawback
from lda_dash.services.national import load_reports, national_records, split_evenly
from lda_dash.services.national_money import load_clawbacks
from lda_dash.services.national_text import all_territories
from lda_dash.services.progress import RECORD_KEYS, load_progress, progress_records
from lda_dash.storage import database

SMALL = SyntheticPlan(territories=3, years=(2025, 2026), reported_quarters=3, seed=11)


@pytest.fixture(scope="module")
def synthetic_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("synthetic") / "small.duckdb"
    generate_database(path, SMALL)
    return path


def comparable(report) -> tuple:
    """Everything a report says; the specs' targets differ only by the years read."""
    rows = [
        (r.spec.action, r.spec.code, r.spec.mode, r.year, r.target, r.value, r.attainment,
         r.expected, r.pace, r.status, r.latest_quarter, r.quarters_reported, r.closed)
        for r in report.rows
    ]  # fmt: skip
    return rows, report.action_attainments, report.threshold, report.validated_only


def reference(con, cid: str, year: int, as_of: date, validated_only: bool):
    """compute_progress on every figure of the convention, all years, as it always did."""
    return compute_progress(
        cid,
        storage.indicator_specs(con, cid),
        storage.figures(con, cid, COUNTED_STATUSES),
        year,
        as_of,
        validated_only=validated_only,
    )


CASES = [
    # year, reference date, validated figures only
    (2021, date(2021, 8, 15), False),
    (2021, date(2023, 1, 1), True),
    (2022, date(2022, 6, 30), False),
    (2022, date(2022, 12, 31), True),
    (2022, date(2023, 3, 1), False),
    (2023, date(2023, 3, 1), False),  # a year without figures: everything non renseigné
]
SYNTHETIC_CASES = [
    (2025, date(2025, 9, 1), False),
    (2025, date(2026, 2, 1), True),
    (2026, date(2026, 11, 28), False),
    (2026, date(2026, 11, 28), True),
    (2026, date(2027, 1, 5), False),
]


@pytest.mark.parametrize(("year", "as_of", "validated_only"), CASES)
def test_on_the_dijon_demo_the_sql_path_equals_compute_progress(
    demo_db_path, year, as_of, validated_only
):
    with database.connect(demo_db_path, read_only=True) as con:
        cid = storage.conventions(con)[0]["id"]
        expected = reference(con, cid, year, as_of, validated_only)
        national = load_reports(con, year, as_of, validated_only=validated_only)[cid]
        single = load_progress(con, cid, year, as_of, validated_only=validated_only)
    assert comparable(national) == comparable(expected)
    assert comparable(single) == comparable(expected)
    assert progress_records(national) == progress_records(expected)


@pytest.mark.parametrize(("year", "as_of", "validated_only"), SYNTHETIC_CASES)
def test_on_synthetic_territories_the_sql_path_equals_compute_progress(
    synthetic_db, year, as_of, validated_only
):
    with database.connect(synthetic_db, read_only=True) as con:
        ids = [c["id"] for c in storage.conventions(con)]
        national = load_reports(con, year, as_of, validated_only=validated_only)
        assert sorted(national) == sorted(ids)
        for cid in ids:
            expected = reference(con, cid, year, as_of, validated_only)
            assert comparable(national[cid]) == comparable(expected), cid
            single = load_progress(con, cid, year, as_of, validated_only=validated_only)
            assert comparable(single) == comparable(expected), cid


def test_asking_for_some_conventions_computes_only_those(synthetic_db):
    with database.connect(synthetic_db, read_only=True) as con:
        first = storage.conventions(con)[0]["id"]
        reports = load_reports(con, 2026, date(2026, 11, 28), convention_ids=[first])
    assert list(reports) == [first]


@pytest.mark.parametrize(
    ("path_fixture", "year"),
    [("demo_db_path", 2021), ("demo_db_path", 2022), ("synthetic_db", 2025)],
)
def test_national_clawbacks_equal_the_control_of_each_convention(request, path_fixture, year):
    path = request.getfixturevalue(path_fixture)
    as_of = date(2027, 2, 1)
    with database.connect(path, read_only=True) as con:
        proposals = load_clawbacks(con, year, as_of)
        for convention in storage.conventions(con):
            try:
                expected, _ = load_clawback(con, convention["id"], year, as_of=as_of)
            except ControlRefused:
                assert convention["id"] not in proposals
                continue
            assert proposals[convention["id"]] == expected


def test_no_clawback_is_proposed_for_a_year_not_over(synthetic_db):
    with database.connect(synthetic_db, read_only=True) as con:
        assert load_clawbacks(con, 2026, date(2026, 11, 28)) == {}


def test_progress_for_all_territories_adds_the_convention_key_only_then(synthetic_db, capsys):
    common = ["--year", "2026", "--as-of", "2026-11-28", "--format", "json"]
    assert main(["progress", *common, "--all-territories", "--db", str(synthetic_db)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert main(["progress", *common, "--db", str(synthetic_db)]) == 0
    single = json.loads(capsys.readouterr().out)
    assert "convention" not in single[0]
    assert list(rows[0]) == ["convention", *single[0]]
    first = rows[0]["convention"]
    assert [{k: v for k, v in r.items() if k != "convention"} for r in rows
            if r["convention"] == first] == single  # fmt: skip
    with database.connect(synthetic_db, read_only=True) as con:
        assert {r["convention"] for r in rows} == {c["id"] for c in storage.conventions(con)}
        reports = load_reports(con, 2026, date(2026, 11, 28))
    assert len(rows) == len(national_records(reports))


@pytest.mark.parametrize(
    ("sizes", "parts", "expected"),
    [
        ([3, 3, 3, 3], 2, [["a", "b"], ["c", "d"]]),
        ([10, 1, 1, 1, 1], 2, [["a"], ["b", "c", "d", "e"]]),  # by indicators, not conventions
        ([1, 1], 5, [["a"], ["b"]]),  # never more shares than conventions
        ([4, 4, 4], 1, [["a", "b", "c"]]),
        ([0, 0], 2, [["a", "b"]]),  # no indicator at all: nothing worth sharing
    ],
)
def test_conventions_are_split_in_order_with_as_many_indicators_each(sizes, parts, expected):
    inputs = {name: [None] * size for name, size in zip("abcde", sizes, strict=False)}
    shares = split_evenly(inputs, parts)
    assert [list(share) for share in shares] == expected


def test_nothing_to_split_gives_one_empty_share():
    assert split_evenly({}, 2) == [{}]


@pytest.mark.parametrize("form", ["json", "csv", "table"])
@pytest.mark.parametrize("year", [2025, 2026, 2031])
def test_all_territories_on_every_core_equals_one_core(synthetic_db, monkeypatch, form, year):
    as_of = date(2026, 11, 28)
    monkeypatch.setenv("LDA_DASH_CORES", "1")
    one = all_territories(synthetic_db, year, as_of, form)
    monkeypatch.setenv("LDA_DASH_CORES", "4")
    with monkeypatch.context() as patched:
        patched.setattr(
            "lda_dash.services.cores.available", lambda: 3
        )  # forks even on a 1-core runner
        shared = all_territories(synthetic_db, year, as_of, form)
    assert shared == one


def test_all_territories_json_is_the_records_of_every_report(synthetic_db):
    as_of = date(2026, 11, 28)
    with database.connect(synthetic_db, read_only=True) as con:
        reports = load_reports(con, 2026, as_of)
    expected = national_records(reports)
    assert json.loads(all_territories(synthetic_db, 2026, as_of, "json")) == json.loads(
        json.dumps(expected)
    )
    lines = all_territories(synthetic_db, 2026, as_of, "csv").splitlines()
    assert lines[0].split(",") == ["convention", *RECORD_KEYS]
    assert len(lines) == 1 + len(expected)
