"""User text inside Streamlit's Markdown (messages, captions): shown as written, never rendered
as links, images or emphasis (STYLE.md habit 14)."""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def literal(text: str) -> str:
    """`text` with every Markdown character escaped."""
    return _SPECIAL.sub(r"\\\1", str(text))
