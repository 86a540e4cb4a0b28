"""A territory's priority domains, read from the published results: what « Pour agir » answers.

Perceived first (the citizens' latest wave: the « premières priorités » tier, by rank), then objective (the
latest objective index year: domains ranked most fragile among their peers), each domain once. A territory
without its own figures (a commune, a département) takes its région's: the surveys publish by région.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from observatoire.diagnosis.store import ResultsStore
from observatoire.reference import territories
from observatoire.reference.territories import Territory

PERCEIVED = "Q1"
OBJECTIVE = "indice_objectif"
CITIZENS = "citoyens"
OVERALL = "ensemble"
FIRST_TIER = "premieres"
#: How many objectively most fragile domains are added to the perceived ones.
OBJECTIVE_TOP = 3


@dataclass(frozen=True, slots=True)
class Priorities:
    """Priority domains, perceived and objective, of the territory whose figures were read."""

    perceived: tuple[str, ...]
    objective: tuple[str, ...]
    read_for: Territory

    @property
    def domains(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.perceived, *self.objective)))


def _latest(rows: pd.DataFrame) -> pd.DataFrame:
    rows = rows[~rows["suppressed"].fillna(False).astype(bool) & rows["estimate"].notna()]
    return rows[rows["wave"] == rows["wave"].max()] if not rows.empty else rows


def _read(store: ResultsStore, place: Territory) -> Priorities:
    ranks = _latest(
        store.query(
            population=CITIZENS,
            question=PERCEIVED,
            statistic="rank",
            group=OVERALL,
            territory=place.code,
            territory_level=place.level,
        )
    )
    tiers = ranks["extra"].map(lambda extra: (extra or {}).get("tier") if isinstance(extra, dict) else None)
    perceived = tuple(ranks[tiers == FIRST_TIER].sort_values("estimate")["item"])
    objective_rows = _latest(
        store.query(
            study="indices",
            question=OBJECTIVE,
            statistic="rank",
            territory=place.code,
            territory_level=place.level,
        )
    )
    objective = tuple(objective_rows.sort_values(["estimate", "item"])["item"].head(OBJECTIVE_TOP))
    return Priorities(perceived, objective, place)


def priorities(store: ResultsStore, place: Territory) -> Priorities:
    """The priority domains of ``place``, or of the nearest territory above it that has figures."""
    for candidate in (place, *territories.parents(place)):
        found = _read(store, candidate)
        if found.domains:
            return found
    return Priorities((), (), place)
