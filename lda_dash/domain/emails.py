"""E-mail addresses as sign-in keys: the one normal form used when an account is created and
when single sign-on maps an identity to an account (issue 15 §8)."""

from __future__ import annotations

import unicodedata


def email_key(address: str) -> str:
    """How two addresses compare: NFKC, then casefold, surrounding spaces removed.

    NFKC folds compatibility characters (the Kelvin sign « K » becomes K) so that two spellings
    of one address cannot hold two accounts, nor an account be reached by another spelling.
    """
    return unicodedata.normalize("NFKC", address.strip()).casefold()


def email_refusal(address: str | None) -> str | None:
    """Why `address` cannot identify anyone, or None when it can.

    An address that NFKC changes is refused outright: no mail provider issues « \u212aevin »
    for « kevin », so such a spelling is a look-alike, not a person.
    """
    if address is None or not address.strip():
        return "aucune adresse électronique"
    text = address.strip()
    if text.count("@") != 1 or text.startswith("@") or text.endswith("@"):
        return "adresse électronique invalide"
    if unicodedata.normalize("NFKC", text) != text:
        return (
            "adresse électronique contenant des caractères trompeurs (par exemple le signe "
            "kelvin à la place de la lettre K)"
        )
    return None
