"""Which passwords are accepted: 12 characters at least, and none of the common passwords.

The common passwords are the 30 000 of the list zxcvbn ships (`zxcvbn.frequency_lists`, itself
from leaked-password corpora), compared without case; a password that is only one repeated
character, or the login itself, is refused too. Each refusal says why, in French.
"""

from __future__ import annotations

from functools import cache

MIN_LENGTH = 12


@cache
def _common() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


def refusal(password: str, login: str | None = None) -> str | None:
    """Why `password` is refused, or None when it is accepted."""
    if len(password) < MIN_LENGTH:
        return (
            f"Mot de passe trop court : {len(password)} caractère(s), il en faut au moins "
            f"{MIN_LENGTH}."
        )
    lowered = password.lower()
    if lowered in _common():
        return "Mot de passe refusé : il figure parmi les mots de passe les plus courants."
    if len(set(password)) == 1:
        return "Mot de passe refusé : un seul caractère répété."
    if login and lowered.strip() == login.strip().lower():
        return "Mot de passe refusé : il reprend l'identifiant."
    return None
