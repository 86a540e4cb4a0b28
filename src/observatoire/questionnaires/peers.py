"""Peer comparison from score histograms: no assessment is rescanned to compare one result.

The web keeps, for each instrument version, actor type, size band and place (région, macro-région,
France) and each section plus the overall score, how many completed assessments scored each whole number
0-100. A median and quartiles read from those 101 counts are exact for scores rounded to the unit.
The place compared with is the nearest holding at least :data:`MIN_PEERS` peers (B Lab never benchmarks
on fewer than 5; the observatory's privacy threshold for self-assessments is 10).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

BINS = 101
MIN_PEERS = 10  # below this, no comparison is shown (DESIGN.md: aggregates of at least 10)
MIN_QUARTILES = 30  # quartiles only from this many peers on
OVERALL = "_ensemble"  # the key of the overall score beside the section codes
REGION, MACRO_REGION, NATION = "region", "macro_region", "nation"
SCOPES = (REGION, MACRO_REGION, NATION)


def score_bin(score: float) -> int:
    """The histogram bin of a 0-100 score (rounded half up, as it is shown)."""
    return max(0, min(BINS - 1, int(score + 0.5)))


def empty() -> list[int]:
    return [0] * BINS


def quantile(counts: Sequence[int], share: float) -> float | None:
    """The ``share`` quantile (0-1) of the scores counted in ``counts`` (lower value at a tie, as R's
    ``quantile(type = 1)``); ``None`` when empty."""
    total = sum(counts)
    if total == 0:
        return None
    rank = max(1, -(-share * total // 1))  # ceil(share × n), at least 1
    seen = 0
    for value, count in enumerate(counts):
        seen += count
        if seen >= rank:
            return float(value)
    return float(BINS - 1)


@dataclass(frozen=True)
class PeerFigures:
    """Peers' figures for one score: ``count`` peers, their median and (from 30 on) quartiles."""

    count: int
    median: float | None
    q1: float | None
    q3: float | None


def figures(counts: Sequence[int]) -> PeerFigures:
    total = sum(counts)
    with_quartiles = total >= MIN_QUARTILES
    return PeerFigures(
        count=total,
        median=quantile(counts, 0.5),
        q1=quantile(counts, 0.25) if with_quartiles else None,
        q3=quantile(counts, 0.75) if with_quartiles else None,
    )


def choose_scope(counts_by_scope: dict[str, int]) -> str | None:
    """The nearest scope (région, then macro-région, then France) with at least :data:`MIN_PEERS`."""
    for scope in SCOPES:
        if counts_by_scope.get(scope, 0) >= MIN_PEERS:
            return scope
    return None
