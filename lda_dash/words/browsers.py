"""A session's browser in words (« Firefox sous Windows ») for « Mon compte »: the raw user-agent
string (`Mozilla/5.0 (X11; Linux x86_64)…`) means nothing to the person who must recognise their
own sessions. Parsed by ua-parser (Browserscope's maintained rules), not by hand."""

from __future__ import annotations

from ua_parser import parse

UNKNOWN = "navigateur non reconnu"
OS_WORDS = {"Mac OS X": "macOS", "Other": ""}


def browser_words(user_agent: str | None) -> str:
    """`Chrome sous Linux`, `Firefox sous Windows`, or that it is not recognised."""
    if not user_agent:
        return UNKNOWN
    result = parse(user_agent)
    family = result.user_agent.family if result.user_agent else "Other"
    system = result.os.family if result.os else "Other"
    if family == "Other":
        return UNKNOWN
    family = family.removeprefix("Headless")  # a test robot's Chrome is still Chrome
    system = OS_WORDS.get(system, system)
    return f"{family} sous {system}" if system else family
