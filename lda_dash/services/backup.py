"""Backups: every table as Parquet plus a manifest (row counts, checksums), and their restore.

A backup is one read transaction, so it is consistent even while the app serves and the command
line writes; its manifest is signed when LDA_DASH_BACKUP_KEY is set. A restore goes into an
empty database only: it checks the signature, that the manifest lists every table of its
schema, and every table against the manifest, in a temporary file renamed over the target only
on success, so a damaged, truncated or forged backup restores nothing and leaves no file.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime
from pathlib import Path

from lda_dash import config
from lda_dash.services import backup_signature
from lda_dash.storage import backup as sql
from lda_dash.storage import database

MANIFEST = "manifest.json"
FORMAT_VERSION = 1


class BackupError(RuntimeError):
    """A backup or restore that cannot go on; the message says why in French."""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def backup(out_dir: Path | str, db_path: Path | str | None = None) -> dict:
    """Write every table of the database to `out_dir` and return the manifest."""
    out = Path(out_dir)
    if out.exists() and any(out.iterdir()):
        raise BackupError(f"le dossier {out} n'est pas vide : choisissez un dossier neuf")
    source = config.db_path(db_path)
    if not source.exists():
        raise BackupError(f"base introuvable : {source}")
    out.mkdir(parents=True, exist_ok=True)
    tables = {}
    with database.connect(source) as con:
        for table in sql.table_names(con):
            file = out / f"{table}.parquet"
            sql.export_table(con, table, file)
            rows, checksum = sql.table_digest(con, table)
            tables[table] = {"file": file.name, "rows": rows, "checksum": checksum}
        migrations = database.applied_migrations(con)
    for entry in tables.values():
        entry["sha256"] = _sha256(out / entry["file"])
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": datetime.now().isoformat(timespec="seconds"),
        "source": source.name,
        "migrations": migrations,
        "tables": tables,
    }
    key = backup_signature.backup_key()
    if key is not None:
        manifest[backup_signature.SIGNATURE] = backup_signature.sign(manifest, key)
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), "utf-8")
    return manifest


def read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    if not path.is_file():
        raise BackupError(f"{MANIFEST} introuvable dans {folder} : ce n'est pas une sauvegarde")
    try:
        manifest = json.loads(path.read_text("utf-8"))
    except json.JSONDecodeError as exc:
        raise BackupError(f"{MANIFEST} illisible : {exc.msg}") from exc
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"format de sauvegarde {manifest.get('format')!r} non pris en charge")
    return manifest


def restore(folder: Path | str, db_path: Path | str | None = None) -> dict:
    """Restore a backup into an empty (or absent) database; all tables or nothing.

    Returns the manifest with `signature_checked`: False when no key was set to check it.
    """
    source = Path(folder)
    manifest = read_manifest(source)
    key = backup_signature.backup_key()
    refusal = backup_signature.signature_refusal(manifest, key)
    if refusal:
        raise BackupError(refusal)
    _check_files(source, manifest)
    target = config.db_path(db_path)
    if target.exists():
        with database.connect(target, read_only=True) as con:
            if sql.has_data(con):
                raise BackupError(
                    f"la base {target} contient déjà des données : restaurez dans une base vide"
                )
    scratch = target.with_name(f".{target.name}.restauration-{os.getpid()}")
    try:
        _restore_into(scratch, source, manifest)
        os.replace(scratch, target)
    finally:
        for leftover in (scratch, scratch.with_name(scratch.name + ".wal")):
            leftover.unlink(missing_ok=True)
    return {**manifest, "signature_checked": key is not None}


def _check_files(source: Path, manifest: dict) -> None:
    """Every listed file is present, named plainly, and has its recorded fingerprint."""
    for table, entry in manifest["tables"].items():
        file = source / entry["file"]
        if Path(entry["file"]).name != entry["file"] or not file.is_file():
            raise BackupError(f"fichier manquant ou invalide pour la table {table}")
        if _sha256(file) != entry["sha256"]:
            raise BackupError(f"{entry['file']} a été modifié ou abîmé (empreinte différente)")


def _expected_tables(manifest: dict) -> set[str]:
    """Every table the backup's schema has: a manifest missing one is incomplete or edited."""
    versions = manifest.get("migrations")
    known = {version for version, _, _ in database.migration_files()}
    if not isinstance(versions, list) or not set(versions) <= known:
        raise BackupError("migrations du manifeste absentes ou inconnues de cette version")
    return sql.tables_of_migrations(set(versions))


def _restore_into(scratch: Path, source: Path, manifest: dict) -> None:
    missing = sorted(_expected_tables(manifest) - set(manifest["tables"]))
    if missing:
        raise BackupError(
            f"le manifeste ne liste pas la ou les tables {', '.join(missing)} : sauvegarde "
            "incomplète ou modifiée, rien n'a été restauré"
        )
    with database.connect(scratch) as con:
        database.migrate(con)
        known = set(sql.table_names(con))
        for table, entry in manifest["tables"].items():
            if table not in known:
                raise BackupError(f"table {table} inconnue de cette version de LDA Dash")
            sql.replace_table(con, table, source / entry["file"])
            rows, checksum = sql.table_digest(con, table)
            if (rows, checksum) != (entry["rows"], entry["checksum"]):
                raise BackupError(f"la table {table} ne correspond pas au manifeste après lecture")
        sql.advance_history_sequence(con)
