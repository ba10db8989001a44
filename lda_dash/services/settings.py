"""The administration's settings that rules read: the watch threshold (DOMAIN.md section 5) and
the clawback threshold θ (section 8). One key and one default each, in one place."""

from __future__ import annotations

from fractions import Fraction

from lda_dash import storage
from lda_dash.domain.clawback import DEFAULT_CLAWBACK_THRESHOLD
from lda_dash.domain.progress import DEFAULT_WATCH_THRESHOLD

WATCH_THRESHOLD = "watch_threshold"
CLAWBACK_THRESHOLD = "clawback_threshold"


def watch_threshold(con) -> Fraction:
    """Below it (as a ratio of the expected pace, or of the target) an indicator is in trouble."""
    return Fraction(storage.setting(con, WATCH_THRESHOLD, str(DEFAULT_WATCH_THRESHOLD)))


def clawback_threshold(con) -> Fraction:
    """θ: an action at or above it puts nothing at risk of clawback."""
    return Fraction(storage.setting(con, CLAWBACK_THRESHOLD, str(DEFAULT_CLAWBACK_THRESHOLD)))
