"""What the administration's « Comptes et accès » page lists: accounts, organisations, the
convention's actions and who carries them (never a password hash)."""

from __future__ import annotations

from dataclasses import dataclass

from lda_dash import storage
from lda_dash.storage import database


@dataclass(frozen=True)
class AccessChoices:
    accounts: list[dict]
    organisations: list[dict]
    convention_id: str | None
    actions: list[dict]
    assignments: list[dict]


def load_choices(convention_id: str | None = None) -> AccessChoices:
    with database.connect() as con:
        conventions = storage.conventions(con)
        ids = [c["id"] for c in conventions]
        cid = convention_id if convention_id in ids else (ids[0] if ids else None)
        return AccessChoices(
            accounts=storage.accounts(con),
            organisations=storage.organisations(con),
            convention_id=cid,
            actions=storage.actions(con, cid) if cid else [],
            assignments=storage.assignments(con, cid) if cid else [],
        )
