"""`amendment add` and `amendment list` (DOMAIN.md sections 11 and 13)."""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path

from lda_dash import fmt, storage
from lda_dash.cli.common import parse_day
from lda_dash.domain.numbers import NotANumber, parse_decimal
from lda_dash.domain.permissions import Actor
from lda_dash.importers.amendment_file import TargetsFileError, read_targets_file
from lda_dash.services.amendments import (
    AmendmentRefused,
    amendment_records,
    change_line,
    record_amendment,
    targets_in_force,
)
from lda_dash.storage import amendments as store
from lda_dash.storage import database


def _euros(text: str) -> Decimal:
    try:
        amount = parse_decimal(text)
    except NotANumber as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc
    if amount is None:
        raise argparse.ArgumentTypeError("montant du versement vide")
    return amount


def _convention_id(con, wanted: str | None) -> str:
    found = storage.conventions(con)
    if not found:
        raise AmendmentRefused(
            "aucune convention chargée : lancez d'abord `python -m lda_dash init`"
        )
    for convention in found:
        if wanted is None or convention["id"] == wanted:
            return convention["id"]
    raise AmendmentRefused(f"convention « {wanted} » inconnue")


def _fail(message: str) -> int:
    print(f"Erreur : avenant refusé : {message}", file=sys.stderr)
    return 1


def cmd_add(args) -> int:
    """All or nothing: a refused amendment or any bad line of the targets file writes nothing."""
    try:
        data = Path(args.targets).read_bytes() if args.targets else None
    except OSError as exc:
        return _fail(f"fichier de cibles illisible : {exc.strerror or exc}")
    try:
        with database.connect(args.db) as con:
            cid = _convention_id(con, args.convention)
            targets = {}
            if data is not None:
                read = read_targets_file(data, targets_in_force(con, cid, args.date))
                if read.errors:
                    count = len(read.errors)
                    print(
                        f"Erreur : avenant refusé : {count} erreur{'s' if count > 1 else ''} "
                        "dans le fichier de cibles, rien n'a été enregistré.",
                        file=sys.stderr,
                    )
                    for line, message in read.errors:
                        print(f"  ligne {line} : {message}", file=sys.stderr)
                    return 1
                targets = read.targets
            amendment = record_amendment(
                con, cid, Actor(args.user, "admin", trusted_import=True), year=args.year,
                amended_on=args.date, reference=args.reference, payment=args.payment,
                targets=targets, reason=args.reason or "",
            )  # fmt: skip
    except (AmendmentRefused, TargetsFileError) as exc:
        return _fail(str(exc))
    print(f"Avenant enregistré : {amendment.label()} (année {amendment.year})")
    for change in amendment.changes:
        print(f"  {change_line(change)}")
    return 0


def cmd_list(args) -> int:
    try:
        with database.connect(args.db, read_only=True) as con:
            found = store.amendments(con, _convention_id(con, args.convention))
    except AmendmentRefused as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps(amendment_records(found), ensure_ascii=False, indent=2))
        return 0
    if not found:
        print("Aucun avenant.")
    for amendment in found:
        print(f"{fmt.day(amendment.amended_on)}  {amendment.reference} (année {amendment.year})")
        for change in amendment.changes:
            print(f"    {change_line(change)}")
    return 0


def register(sub, common) -> None:
    amendment = sub.add_parser("amendment", help="avenants : enregistrer, lister")
    verbs = amendment.add_subparsers(dest="verb", required=True)
    add = verbs.add_parser("add", parents=[common], help="enregistre un avenant")
    add.add_argument("--year", type=int, required=True)
    add.add_argument("--date", type=parse_day, required=True)
    add.add_argument("--reference", required=True)
    add.add_argument("--payment", type=_euros)
    add.add_argument("--targets", help="CSV action;indicateur;cible")
    add.add_argument("--reason")
    add.add_argument("--user", default="admin", help="auteur enregistré (défaut : admin)")
    add.set_defaults(run=cmd_add)
    show = verbs.add_parser("list", parents=[common], help="liste les avenants")
    show.add_argument("--format", choices=["json", "table"], default="table")
    show.set_defaults(run=cmd_list)
