"""What an approved consultation publishes: its priority domains and its figures as open-data rows.

Priorities are the domains the residents rate most fragile (highest weighted means): what « Pour agir »
answers for the consultation. The open-data rows have the results store's columns so that they join the
published figures' export (``source = consultation``): a weighted mean and a top-box share per domain on
the valid answers. A voluntary sample has no margin of error in the survey sense, so ``se``, ``ci_low`` and
``ci_high`` stay empty (the « intervalle de crédibilité » is model-based and shown only on the pages);
results below the publication threshold give no row at all, and no answer is ever a row.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from observatoire.consultations.results import Results
from observatoire.consultations.thresholds import Reliability
from observatoire.diagnosis.schema import FIGURE_COLUMNS

#: How many of the highest-rated domains are the consultation's priorities.
PRIORITIES = 3
SOURCE = "consultation"
POPULATION = "habitants"
QUESTION = "Q1"


def priorities(found: Results, count: int = PRIORITIES) -> tuple[str, ...]:
    """The ``count`` domains with the highest weighted mean (ties in the questionnaire's order)."""
    ranked = sorted(found.domains, key=lambda row: -row.estimate.mean)
    return tuple(row.domain for row in ranked[:count])


@dataclass(frozen=True)
class Published:
    """Who and where an approved consultation speaks for, as its open-data rows name it."""

    study: str
    wave: int
    territory_level: str
    territory: str


def figure_rows(found: Results, published: Published) -> pd.DataFrame:
    """The consultation's figures in the open-data columns (empty when results are not shown)."""
    rows: list[dict[str, object]] = []
    if found.reliability is not Reliability.HIDDEN:
        for row in found.domains:
            e = row.estimate
            for statistic, value in (("mean", e.mean), ("top_box", 100 * e.top_box)):
                rows.append(
                    {
                        "study": published.study,
                        "wave": published.wave,
                        "population": POPULATION,
                        "question": QUESTION,
                        "item": row.domain,
                        "territory_level": published.territory_level,
                        "territory": published.territory,
                        "group": "ensemble",
                        "statistic": statistic,
                        "estimate": float(value),
                        "se": None,
                        "ci_low": None,
                        "ci_high": None,
                        "n": int(e.n),
                        "weighted_n": None,
                        "flag": None,
                        "suppressed": False,
                        "source": SOURCE,
                    }
                )
    return pd.DataFrame(rows, columns=list(FIGURE_COLUMNS))
