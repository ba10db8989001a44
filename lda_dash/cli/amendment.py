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
from lda_dash.importers.amendment_file import (
    TargetsFileError,
    read_allocation_file,
    read_targets_file,
    read_weights_file,
)
from lda_dash.services.amendments import (
    AmendmentRefused,
    amendment_records,
    names_of,
    record_amendment,
)
from lda_dash.services.in_force import specs_of_year
from lda_dash.storage import amendments as store
from lda_dash.storage import database
from lda_dash.words.amendments import change_line


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


FILES = (
    ("targets", "cibles", read_targets_file),
    ("weights", "poids", read_weights_file),
    ("allocation", "répartition", read_allocation_file),
)


def _read_files(args) -> dict[str, bytes]:
    """The bytes of each file given (--targets, --weights, --allocation)."""
    found = {}
    for option, what, _ in FILES:
        name = getattr(args, option)
        if name:
            try:
                found[option] = Path(name).read_bytes()
            except FileNotFoundError as exc:
                raise AmendmentRefused(f"fichier de {what} introuvable : {name}") from exc
            except OSError as exc:  # a folder, no permission: the system's words are English
                raise AmendmentRefused(f"fichier de {what} illisible : {name}") from exc
    return found


def _checked(con, cid: str, args, files: dict[str, bytes]) -> dict[str, dict] | None:
    """Each file read and checked line by line; None (errors printed) when any line is bad."""
    specs = specs_of_year(con, cid, args.year, args.date)
    actions = {action["number"] for action in storage.actions(con, cid)}
    values, errors = {}, []
    for option, what, read in FILES:
        if option in files:
            found = read(files[option], actions if option == "allocation" else specs)
            values[option] = found.targets
            errors += [(what, line, message) for line, message in found.errors]
    if not errors:
        return values
    count = len(errors)
    print(
        f"Erreur : avenant refusé : {count} erreur{'s' if count > 1 else ''} dans les "
        "fichiers de l'avenant, rien n'a été enregistré.",
        file=sys.stderr,
    )
    for what, line, message in errors:
        print(f"  {what}, ligne {line} : {message}", file=sys.stderr)
    return None


def cmd_add(args) -> int:
    """All or nothing: a refused amendment or any bad line of its files writes nothing."""
    try:
        files = _read_files(args)
        with database.connect(args.db) as con:
            cid = _convention_id(con, args.convention)
            values = _checked(con, cid, args, files)
            if values is None:
                return 1
            amendment = record_amendment(
                con, cid, Actor(args.user, "admin", trusted_import=True), year=args.year,
                amended_on=args.date, reference=args.reference, payment=args.payment,
                targets=values.get("targets"), weights=values.get("weights"),
                allocation=values.get("allocation"), reason=args.reason or "",
            )  # fmt: skip
            names = names_of(con, cid)
    except (AmendmentRefused, TargetsFileError) as exc:
        return _fail(str(exc))
    print(f"Avenant enregistré : {amendment.label()} (année {amendment.year})")
    for change in amendment.changes:
        print(f"  {change_line(change, names)}")
    return 0


def cmd_list(args) -> int:
    try:
        with database.connect(args.db, read_only=True) as con:
            cid = _convention_id(con, args.convention)
            found, names = store.amendments(con, cid), names_of(con, cid)
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
            print(f"    {change_line(change, names)}")
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
    add.add_argument("--weights", help="CSV action;indicateur;poids (poids > 0)")
    add.add_argument(
        "--allocation", help="CSV action;montant : parts modifiées (le total reste le versement)"
    )
    add.add_argument("--reason")
    add.add_argument("--user", default="admin", help="auteur enregistré (défaut : admin)")
    add.set_defaults(run=cmd_add)
    show = verbs.add_parser("list", parents=[common], help="liste les avenants")
    show.add_argument("--format", choices=["json", "table"], default="table")
    show.set_defaults(run=cmd_list)
