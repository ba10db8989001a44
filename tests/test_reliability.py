"""Figures are never lost: concurrent writers, a process killed mid-import, parallel imports."""

import json
import signal
import threading
import time
from decimal import Decimal

from lda_dash import storage
from lda_dash.domain.model import QuarterFigure
from lda_dash.domain.permissions import Actor
from lda_dash.storage import database
from tests.conftest import cli_process

CID = "dijon-2021-2022"


def test_twenty_partners_saving_at_once_lose_nothing(db_path):
    with database.connect(db_path) as con:
        for action in range(1, 17):
            storage.upsert_organisation(con, f"org{action}", f"Organisation {action}")
            storage.assign(con, CID, action, f"org{action}")
    partners = [(n, 1 + n % 16) for n in range(20)]  # 20 people, some share an organisation
    errors = []

    def save(person: int, action: int):
        actor = Actor(f"p{person}", "partenaire", f"org{action}")
        figure = QuarterFigure(action, "DEP_AMI", 2022, 1 + person // 16 * 2 + (person % 2),
                               Decimal(person), status="draft")  # fmt: skip
        try:
            with database.connect(db_path) as con:
                storage.save_figures(con, CID, [figure], actor, "saisie")
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=save, args=p) for p in partners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with database.connect(db_path) as con:
        stored = storage.figures(con, CID)
        history = storage.history(con, CID)
    assert len(stored) == 20
    assert sorted(f.value for f in stored) == list(range(20))
    assert len(history) == 20


def test_six_concurrent_imports_of_one_file_all_land(db_path, tmp_path):
    path = tmp_path / "same.csv"
    path.write_text(
        "action;indicateur;annee;trimestre;valeur\n6;DIAG;2022;1;7\n2;CAPT;2022;1;9\n",
        encoding="utf-8",
    )
    importers = [cli_process("import-figures", str(path), db_path=db_path) for _ in range(6)]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in importers]
    assert [code for code, _ in results] == [0] * 6, results
    with database.connect(db_path) as con:
        history = storage.history(con, CID)
    assert len(history[history.entity == "figure"]) == 2  # the same values: changed once


BIG_ROWS = 4000


def big_file(path):
    lines = ["action;indicateur;annee;trimestre;valeur"]
    for year in range(2021, 2041):
        for action in range(1, 17):
            for quarter in (1, 2, 3, 4):
                lines.append(f"{action};DEP_AMI;{year};{quarter};{action * 100 + quarter}")
    path.write_text("\n".join(lines[: BIG_ROWS + 1]) + "\n", encoding="utf-8")
    return len(lines[: BIG_ROWS + 1]) - 1


def test_a_killed_import_leaves_all_or_nothing(db_path, tmp_path):
    rows = big_file(tmp_path / "big.csv")
    outcomes = set()
    for delay in (0.8, 1.6, 2.4, 3.2):
        victim = cli_process("import-figures", str(tmp_path / "big.csv"), db_path=db_path)
        time.sleep(delay)
        victim.send_signal(signal.SIGKILL)
        victim.wait()
        check = cli_process("progress", "--year", "2021", "--format", "json", db_path=db_path)
        out, err = check.communicate(timeout=60)
        assert check.returncode == 0, err  # the database still opens and reads
        json.loads(out)
        with database.connect(db_path) as con:
            count = len(storage.figures(con, CID))
        assert count in (0, rows)
        outcomes.add(count)
        if count:
            break
    assert outcomes  # at least one kill happened; each left all or nothing
