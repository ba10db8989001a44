"""What a database fault means for the person using the app, in French (no Streamlit here).

Why: a read-only, corrupt or full database file, or one held by another process, raised a raw
traceback in the browser: useless to a partner, and it shows the server's paths and code. The
app shows instead what happened and what to do; the traceback goes to the server's log.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass

from lda_dash.storage.database import DatabaseBusy, DatabaseFault, SchemaMissing

_ADMIN = "prévenez l'administrateur du serveur (le détail est dans le journal du serveur)"


@dataclass(frozen=True)
class FaultExplanation:
    """One fault as the app tells it: what happened, what to do."""

    kind: str  # busy, read_only, disk_full, damaged, other
    happened: str
    to_do: str

    @property
    def message(self) -> str:
        return f"{self.happened} {self.to_do}"


FAULTS = {
    "busy": (
        "La base de données est occupée par un autre traitement (une sauvegarde, un import…).",
        "Rechargez la page dans un instant ; si cela dure, " + _ADMIN + ".",
    ),
    "read_only": (
        "La base de données ne peut pas être écrite : le fichier ou son dossier est en lecture "
        "seule, ou l'application n'a pas les droits nécessaires.",
        "Aucune donnée n'a été modifiée ; " + _ADMIN + ".",
    ),
    "disk_full": (
        "Le disque du serveur est plein : la base de données ne peut plus être écrite.",
        "Aucune donnée n'a été modifiée ; " + _ADMIN + ".",
    ),
    "damaged": (
        "Le fichier de la base de données est endommagé ou n'est pas une base LDA Dash.",
        "Aucune donnée n'a été modifiée ; " + _ADMIN + " : il peut restaurer la dernière "
        "sauvegarde (python -m lda_dash restore).",
    ),
    "other": (
        "La base de données a renvoyé une erreur inattendue.",
        "Rechargez la page ; si l'erreur revient, " + _ADMIN + ".",
    ),
}
# Lowercase fragments of DuckDB's and the system's messages, first match wins.
_SIGNS = (
    ("busy", ("could not set lock", "conflicting lock")),
    ("disk_full", ("no space left", "disk full", "disk is full")),
    ("read_only", ("permission denied", "read-only", "read only", "operation not permitted")),
    ("damaged", ("not a valid duckdb", "corrupt", "checksum", "invalid database", "serializ")),
)
_ERRNO_KINDS = {
    errno.ENOSPC: "disk_full",
    errno.EDQUOT: "disk_full",
    errno.EACCES: "read_only",
    errno.EPERM: "read_only",
    errno.EROFS: "read_only",
}
FAULT_TYPES: tuple[type[BaseException], ...] = (DatabaseFault, OSError)


def is_database_fault(exc: BaseException) -> bool:
    """True for the faults the app explains; an OSError only for full disks and permissions."""
    if isinstance(exc, OSError):
        return exc.errno in _ERRNO_KINDS
    return isinstance(exc, FAULT_TYPES)


def describe(exc: BaseException) -> FaultExplanation:
    """The fault an exception of FAULT_TYPES stands for."""
    kind = _kind(exc)
    happened, to_do = FAULTS[kind]
    return FaultExplanation(kind, happened, to_do)


def _kind(exc: BaseException) -> str:
    if isinstance(exc, DatabaseBusy):
        return "busy"
    if isinstance(exc, OSError) and exc.errno in _ERRNO_KINDS:
        return _ERRNO_KINDS[exc.errno]
    text = str(exc).lower()
    for kind, signs in _SIGNS:
        if any(sign in text for sign in signs):
            return kind
    if isinstance(exc, SchemaMissing):
        return "damaged"  # tables of the schema missing: not a database of this app
    return "other"
