"""Which population base a territory's figures stand on: the one rule the pages, reports and API share.

**Survey figures** (one actor's perceptions) of a territory are read at the first place of its chain whose
base is publishable: the territory itself, then the levels above it (EPCI, département, région, survey
region, macro-region; never the nation, whose figures are not a territory's). A base is publishable when
the actor's latest wave there has at least the build's minimum of respondents (``base`` /
``weighted_base``, not suppressed) and publishes all its domain ratings (``Q1`` ``mean``, when the actor
was asked them). So Provence-Alpes-Côte d'Azur stands on its own citizens, Corse, too
few alone, on its survey region « Provence-Alpes-Côte d'Azur et Corse », and the associations of both on
the macro-region Sud-Est (the association studies sample no smaller territory). One place per actor for
all its waves, so that a trend compares like with like.

**Objective indices** are read at the territory's own level when the build computed them there
(région, département), else at the nearest level above that has them.

Every figure block names its basis (:meth:`Basis.label`): « région d'enquête Provence-Alpes-Côte d'Azur et
Corse, 480 citoyens ».
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from observatoire.diagnosis.build_plan import BASE_QUESTION
from observatoire.diagnosis.codes import INDEX_QUESTION, INDEX_STUDY, OVERALL, PERCEIVED
from observatoire.diagnosis.query import row_dicts
from observatoire.diagnosis.rows import DEFAULT_MIN_BASE
from observatoire.diagnosis.store import ResultsStore
from observatoire.errors import NotFoundError
from observatoire.messages import t
from observatoire.numbers import number
from observatoire.reference import territories, vocabulary
from observatoire.reference.territories import Territory

BASE_STATISTIC = "weighted_base"
#: The figures a base must publish whole to stand alone: the perceived fragility of the 16 domains.
HEADLINE_QUESTION = PERCEIVED
HEADLINE_STATISTIC = "mean"


@dataclass(frozen=True)
class Basis:
    """Where one actor's figures of a territory are read: a place, its respondents at the latest wave."""

    population: str
    level: str
    code: str
    name: str
    respondents: int | None
    wave: int | None

    @property
    def key(self) -> str:
        return f"{self.level}:{self.code}"

    def label(self) -> str:
        """« région d'enquête Provence-Alpes-Côte d'Azur et Corse, 480 citoyens »."""
        place = place_label(self.level, self.name)
        if self.respondents is None:
            return place
        actors = _actors(self.population)
        count = number(self.respondents, 0)
        return t("basis.with_respondents", place=place, count=count, actors=actors)


def place_label(level: str, name: str) -> str:
    """« région d'enquête Provence-Alpes-Côte d'Azur et Corse », « France » for the nation."""
    if level == territories.NATION:
        return name
    return t("basis.place", level=territories.level_label(level), name=name)


def _actors(population: str) -> str:
    try:
        return vocabulary.population(population).label.lower()
    except NotFoundError:
        return population


def chain(territory: Territory) -> list[Territory]:
    """The places a territory's figures may stand on, nearest first (the nation only for itself)."""
    if territory.level == territories.NATION:
        return [territory]
    above = [p for p in territories.parents(territory) if p.level != territories.NATION]
    return [territory, *above]


def _publishable(rows: list[dict[str, Any]], min_base: int) -> bool:
    """The latest wave's base reaches ``min_base`` and none of its domain ratings is suppressed."""
    wave = max(row["wave"] for row in rows)
    latest = [row for row in rows if row["wave"] == wave]
    base = next((row for row in latest if row["question"] == BASE_QUESTION), None)
    if base is None:
        return False
    if bool(base["suppressed"]) or pd.isna(base["n"]) or int(base["n"]) < min_base:
        return False
    return not any(bool(row["suppressed"]) for row in latest if row["question"] == HEADLINE_QUESTION)


def survey_bases(store: ResultsStore, territory: Territory) -> dict[str, Basis]:
    """Each actor's basis for ``territory`` (actors with no publishable base anywhere in its chain are
    absent), in one read of the store. The few rows are read as plain records: pandas' per-group
    filtering cost a territory page a fifth of its rendering."""
    places = chain(territory)
    build = store.current_build()
    min_base = build.min_base if build is not None else DEFAULT_MIN_BASE
    rows = store.query(
        territory=sorted({p.code for p in places}),
        territory_level=sorted({p.level for p in places}),
        question=[BASE_QUESTION, HEADLINE_QUESTION],
        statistic=[BASE_STATISTIC, HEADLINE_STATISTIC],
        group=OVERALL,
    )
    by_population: dict[str, list[dict[str, Any]]] = {}
    for row in row_dicts(rows):
        by_population.setdefault(str(row["population"]), []).append(row)
    found: dict[str, Basis] = {}
    for population, mine in by_population.items():
        for place in places:
            here = [r for r in mine if r["territory_level"] == place.level and r["territory"] == place.code]
            if not here or not _publishable(here, min_base):
                continue
            wave = int(max(row["wave"] for row in here))
            base = next(r for r in here if r["wave"] == wave and r["question"] == BASE_QUESTION)
            found[population] = Basis(population, place.level, place.code, place.name, int(base["n"]), wave)
            break
    return found


def objective_place(store: ResultsStore, territory: Territory) -> Territory | None:
    """The nearest place of ``territory``'s chain (itself first) whose objective indices were built."""
    for place in chain(territory):
        here = {"territory": place.code, "territory_level": place.level}
        if store.count(None, study=INDEX_STUDY, question=INDEX_QUESTION, **here):
            return place
    return None
