"""Authenticity of backups: an HMAC-SHA256 of the manifest with a key from the environment.

The manifest holds every file's SHA-256 and every table's checksum, so signing it vouches for
the whole backup. Without it, anyone able to write a folder could forge a self-consistent backup
that restores an admin account of their own (issue 15 §6).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os

KEY_VARIABLE = "LDA_DASH_BACKUP_KEY"
ALGORITHM = "HMAC-SHA256"
SIGNATURE = "signature"


def backup_key() -> bytes | None:
    """The signing key from LDA_DASH_BACKUP_KEY, or None when it is unset or blank."""
    key = os.environ.get(KEY_VARIABLE, "").strip()
    return key.encode("utf-8") if key else None


def _signed_bytes(manifest: dict) -> bytes:
    """The manifest without its signature, in one canonical JSON form."""
    content = {name: value for name, value in manifest.items() if name != SIGNATURE}
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sign(manifest: dict, key: bytes) -> dict:
    """The signature entry to store in the manifest."""
    digest = hmac.new(key, _signed_bytes(manifest), hashlib.sha256).hexdigest()
    return {"algorithm": ALGORITHM, "value": digest}


def signature_refusal(manifest: dict, key: bytes | None) -> str | None:
    """Why the manifest must not be trusted, or None.

    With a key, only a manifest signed with that key passes. Without a key nothing can be
    checked: the caller restores and says so (SECURITY.md).
    """
    if key is None:
        return None
    entry = manifest.get(SIGNATURE)
    if not isinstance(entry, dict) or entry.get("algorithm") != ALGORITHM:
        return f"sauvegarde non signée, alors que {KEY_VARIABLE} est définie : restauration refusée"
    expected = sign(manifest, key)["value"]
    if not hmac.compare_digest(str(entry.get("value", "")), expected):
        return (
            "signature de la sauvegarde invalide (manifeste modifié, ou autre clé "
            f"{KEY_VARIABLE}) : restauration refusée"
        )
    return None
