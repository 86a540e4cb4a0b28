"""What a consultation may show, and with which warning (DESIGN.md privacy threshold: 30 for estimates).

An opt-in consultation is never a random sample; below :data:`MIN_ANSWERS` nothing is shown, and below
:data:`FRAGILE_ANSWERS` answers or :data:`FRAGILE_EFFECTIVE` effective answers the results carry a
« résultats fragiles » warning.
"""

from __future__ import annotations

from enum import Enum

MIN_ANSWERS = 30
FRAGILE_ANSWERS = 300
FRAGILE_EFFECTIVE = 150.0


class Reliability(Enum):
    """How far a consultation's results may be read."""

    HIDDEN = "hidden"  # fewer than MIN_ANSWERS valid answers: nothing shown
    FRAGILE = "fragile"  # shown with the « résultats fragiles » warning
    SHOWN = "shown"


def reliability(answers: int, effective: float) -> Reliability:
    """The reliability of results on ``answers`` valid answers of effective size ``effective`` (Kish)."""
    if answers < MIN_ANSWERS:
        return Reliability.HIDDEN
    if answers < FRAGILE_ANSWERS or not effective >= FRAGILE_EFFECTIVE:
        return Reliability.FRAGILE
    return Reliability.SHOWN
