"""`backup --output DIR` and `restore DIR`: every table as Parquet with a checked manifest."""

from __future__ import annotations

from lda_dash import config
from lda_dash.services import backup, backup_signature


def cmd_backup(args) -> int:
    manifest = backup.backup(args.output, args.db)
    rows = sum(entry["rows"] for entry in manifest["tables"].values())
    print(
        f"Sauvegarde écrite dans {args.output} : {len(manifest['tables'])} tables, {rows} lignes."
    )
    if backup_signature.SIGNATURE in manifest:
        print("Manifeste signé (HMAC-SHA256, clé LDA_DASH_BACKUP_KEY).")
    else:
        print(
            "Attention : sauvegarde NON signée (LDA_DASH_BACKUP_KEY absente) ; sa restauration "
            "ne pourra pas en vérifier l'authenticité."
        )
    return 0


def cmd_restore(args) -> int:
    manifest = backup.restore(args.folder, args.db)
    rows = sum(entry["rows"] for entry in manifest["tables"].values())
    print(
        f"Restauration terminée dans {config.db_path(args.db)} : "
        f"{len(manifest['tables'])} tables, {rows} lignes, toutes vérifiées."
    )
    if manifest["signature_checked"]:
        print("Signature du manifeste vérifiée (LDA_DASH_BACKUP_KEY).")
    else:
        print(
            "Attention : authenticité non vérifiée, LDA_DASH_BACKUP_KEY absente ; ne restaurez "
            "ainsi qu'une sauvegarde dont vous connaissez l'origine."
        )
    return 0


def register(sub, common) -> None:
    save = sub.add_parser("backup", parents=[common], help="sauvegarde (Parquet + manifeste)")
    save.add_argument("--output", required=True, help="dossier neuf où écrire la sauvegarde")
    save.set_defaults(run=cmd_backup)
    load = sub.add_parser("restore", parents=[common], help="restaure dans une base vide")
    load.add_argument("folder", help="dossier d'une sauvegarde")
    load.set_defaults(run=cmd_restore)
