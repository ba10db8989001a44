"""Hostile writes to a year the Prefect decided (issue 15 §5) and history gaps (§11): each
refused in storage with a clear French message, nothing changed."""

from datetime import date
from decimal import Decimal

import pytest

from lda_dash import storage
from lda_dash.domain.model import QuarterFigure
from lda_dash.domain.permissions import Actor, PermissionDenied
from lda_dash.storage import database
from tests.hostile import cli, digest

CID = "dijon-2021-2022"
PREFECTURE = Actor("pref", "prefecture")
COORDINATION = Actor("coord", "coordination")
ADMIN = Actor("adm", "admin")
PARTNER = Actor("p", "partenaire", "ccas")
TRUSTED = Actor("admin", "admin", trusted_import=True)
HEADER = "action;indicateur;annee;trimestre;valeur;numerateur;denominateur;commentaire\n"


def decide(con, amount=50065, **changes):
    terms = dict(
        proposed=Decimal(50065),
        decided=Decimal(amount),
        threshold=Decimal(1),
        justification="Objectifs partiellement atteints",
        decided_on=date(2022, 3, 1),
    )
    terms.update(changes)
    storage.record_decision(con, CID, 2021, PREFECTURE, **terms)


@pytest.fixture
def decided(db_path):
    """2021 decided (and so locked), with a submitted 2021 figure of the CCAS waiting."""
    with database.connect(db_path) as con:
        storage.upsert_organisation(con, "ccas", "CCAS")
        storage.assign(con, CID, 6, "ccas")
        figure = QuarterFigure(6, "DIAG", 2021, 1, Decimal(3), status="submitted")
        storage.save_figures(con, CID, [figure], TRUSTED, "saisie")
        decide(con)
    return db_path


def figure(code="DIAG", year=2021, value=4, status="draft", action=6):
    return QuarterFigure(action, code, year, 1, Decimal(value), status=status)


WRITES = {
    "target": lambda con: storage.set_target(
        con, CID, (2, "CAPT"), 2021, Decimal(80), Decimal(40), COORDINATION, "avenant"
    ),
    "weight": lambda con: storage.set_weight(
        con, CID, (2, "CAPT"), Decimal(5), Decimal(1), COORDINATION, "priorité"
    ),
    "allocation": lambda con: storage.set_allocation(
        con, CID, 2021, {1: Decimal(494000)}, Decimal(494000), COORDINATION, "tout à l'action 1"
    ),
    "partner figure": lambda con: storage.save_figures(con, CID, [figure()], PARTNER, "saisie"),
    "spending (DEP_AMI) by import": lambda con: storage.save_figures(
        con, CID, [figure("DEP_AMI", value=99999, status="validated")], TRUSTED, "import"
    ),
    "review": lambda con: storage.review_figures(
        con, CID, [(6, "DIAG", 2021, 1)], COORDINATION, "validated"
    ),
    "second decision": lambda con: decide(con, amount=65316),
    "decision's justification": lambda con: decide(con, justification="Autre motif"),
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_a_decided_year_refuses_every_write_and_changes_nothing(decided, write):
    before = digest(decided)
    with pytest.raises(PermissionDenied, match="verrouillée"), database.connect(decided) as con:
        write(con)
    assert digest(decided) == before


def test_the_decision_can_still_receive_its_article_4_dates(decided):
    with database.connect(decided) as con:
        decide(con, letter_date=date(2022, 3, 10), title_date=date(2022, 4, 1))
        assert storage.decisions(con, CID)[0]["title_date"] == date(2022, 4, 1)


def test_an_undecided_year_keeps_its_targets_editable(decided):
    with database.connect(decided) as con:
        storage.set_target(
            con, CID, (2, "CAPT"), 2022, Decimal(50), Decimal(40), COORDINATION, "avenant"
        )
        assert storage.indicator_specs(con, CID)[(2, "CAPT")].target(2022) == 50


def test_unlocking_reopens_targets_weights_and_a_new_decision(decided):
    with database.connect(decided) as con:
        storage.set_year_lock(con, CID, 2021, ADMIN, False, "Erreur à corriger")
        WRITES["target"](con)
        WRITES["weight"](con)
        WRITES["second decision"](con)
        assert storage.decided_amounts(con, CID) == {2021: 65316}
        assert storage.is_year_locked(con, CID, 2021)  # the new decision locks it again


def test_the_command_line_cannot_import_into_a_decided_year(decided, tmp_path):
    path = tmp_path / "chiffres.csv"
    path.write_text(HEADER + "6;DEP_AMI;2021;2;99999;;;\n", encoding="utf-8")
    before = digest(decided)
    done = cli("import-figures", str(path), "--db", str(decided))
    assert done.returncode == 1
    assert "verrouillée" in done.stderr and "Traceback" not in done.stderr
    assert digest(decided) == before


# --- §11: every change leaves a history line, no change leaves nothing ------------------------


def stored(path, key=(2, "CAPT", 2022, 1)):
    with database.connect(path, read_only=True) as con:
        return next(r for r in storage.figure_records(con, CID)
                    if (r["action"], r["code"], r["year"], r["quarter"]) == key)  # fmt: skip


def history_lines(path) -> int:
    with database.connect(path, read_only=True) as con:
        return len(storage.history(con, CID))


def test_an_identical_reimport_changes_nothing_at_all(db_path, tmp_path):
    path = tmp_path / "chiffres.csv"
    path.write_text(HEADER + "2;CAPT;2022;1;7;;;premier trimestre\n", encoding="utf-8")
    assert cli("import-figures", str(path), "--db", str(db_path)).returncode == 0
    before = digest(db_path)
    again = cli("import-figures", str(path), "--db", str(db_path), "--user", "intrus")
    assert again.returncode == 0, again.stderr
    assert "0 enregistrés ou modifiés" in again.stdout
    assert digest(db_path) == before  # no version bump, no new author, no history line


def test_a_comment_only_change_leaves_a_history_line(db_path):
    with database.connect(db_path) as con:
        storage.save_figures(con, CID, [figure("CAPT", 2022, 7, "validated", 2)], TRUSTED, "a")
    lines, version = history_lines(db_path), stored(db_path)["version"]
    changed = QuarterFigure(2, "CAPT", 2022, 1, Decimal(7), comment="corrigé", status="validated")
    with database.connect(db_path) as con:
        assert storage.save_figures(con, CID, [changed], TRUSTED, "commentaire") == 1
        last = storage.history(con, CID).iloc[0]
    assert history_lines(db_path) == lines + 1
    assert stored(db_path)["version"] == version + 1
    assert "commentaire : corrigé" in last.new_value
    assert last.old_value.endswith("commentaire : ")


def test_reloading_the_convention_repeats_a_decided_year_but_cannot_change_it(decided):
    before = digest(decided)
    assert cli("init", "--db", str(decided)).returncode == 0  # the same files: nothing moves
    assert digest(decided) == before
    with pytest.raises(PermissionDenied, match="verrouillée"), database.connect(decided) as con:
        storage.upsert_payments(con, CID, [{"year": 2021, "amount": Decimal(600000)}])
    with pytest.raises(PermissionDenied, match="verrouillée"), database.connect(decided) as con:
        storage.upsert_budget_line(con, CID, 2, 2021, Decimal(1), Decimal(1), Decimal(0))
    assert digest(decided) == before
