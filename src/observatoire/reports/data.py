"""A territory's figures for its report, gathered through the results store's read API only.

Levels: each population's survey figures of a région are read at its basis, the rule the web pages and the
API share (:mod:`observatoire.diagnosis.basis`: the région alone where its base allows, else its survey
region, e.g. « Provence-Alpes-Côte d'Azur et Corse » for Corse, else its macro-region). Objective indices
and their ranks are stored by the build at the ``region`` level; the perceived-vs-objective diagnosis
(``gap``) too, so it is kept only for the populations whose basis is the région itself. The national
synthesis reads the ``nation`` level (code ``FR``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from observatoire.diagnosis import basis
from observatoire.diagnosis.codes import GAP_QUESTION, INDEX_STUDY, NATION_CODE, OVERALL
from observatoire.diagnosis.store import BuildInfo, ResultsStore
from observatoire.errors import NotFoundError
from observatoire.messages import t
from observatoire.recommend.action import ForAction, for_action
from observatoire.recommend.priorities import priorities
from observatoire.recommend.records import Record
from observatoire.reference import territories
from observatoire.reference.territories import Territory

#: The actors whose perceptions the report compares, in the order of the Observatoire's publications.
ACTORS = ("citoyens", "entreprises", "associations", "maires")


@dataclass(frozen=True)
class Place:
    """Where one population's figures were read: level, code and name."""

    level: str
    code: str
    name: str
    #: « région d'enquête Provence-Alpes-Côte d'Azur et Corse, 480 citoyens »
    label: str = ""


@dataclass
class ReportData:
    """Everything a report shows, as stored rows (columns of the read API)."""

    territory: Territory
    build: BuildInfo
    survey: pd.DataFrame  # survey figures, each population at its own place (``places``)
    region: pd.DataFrame  # rows where the objective indices are (the territory, else the nearest level above:
    # indices, ranks, gap); the nation's for the synthesis
    nation: pd.DataFrame  # the nation's rows, for reference
    places: dict[str, Place] = field(default_factory=dict)
    acting: ForAction | None = None  # « Pour agir », when the case base was given

    @property
    def peers(self) -> int:
        """How many territories the objective ranks are among (régions, or départements...)."""
        levels = set(self.region["territory_level"]) if not self.region.empty else {territories.REGION}
        level = next(iter(levels))
        if level == territories.DEPARTEMENT:
            return len(territories.departements(metropolitan_only=False))
        return len(territories.regions())

    @property
    def is_nation(self) -> bool:
        return self.territory.level == territories.NATION

    @property
    def synthetic(self) -> bool:
        return self.build.synthetic


def resolve(query: str) -> Territory:
    """A région by INSEE code or name, or the nation (« FR », « France »)."""
    text = str(query).strip()
    if text.upper() in (NATION_CODE, "FRANCE"):
        return territories.nation()
    try:
        return territories.territory(text, territories.REGION)
    except NotFoundError:
        found = territories.territory(text)
        if found.level == territories.SURVEY_REGION and found.members:
            return territories.territory(found.members[0], territories.REGION)
        if found.level != territories.REGION:
            raise NotFoundError(t("reports.not_a_region", query=text)) from None
        return found


def report_territories() -> list[Territory]:
    """The 13 metropolitan régions then the nation: what ``observatoire report --all`` writes."""
    return [*territories.regions(), territories.nation()]


def _survey_rows(store: ResultsStore, region: Territory) -> tuple[pd.DataFrame, dict[str, Place]]:
    """Each population's figures at its basis (:mod:`observatoire.diagnosis.basis`: the same rule as the
    web pages and the API), one read of the store."""
    bases = basis.survey_bases(store, region)
    chosen = {p: Place(b.level, b.code, b.name, b.label()) for p, b in bases.items()}
    if not bases:
        return store.query(territory=region.code, territory_level=region.level, group=OVERALL).iloc[
            0:0
        ], chosen
    found = store.query(
        territory=sorted({b.code for b in bases.values()}),
        territory_level=sorted({b.level for b in bases.values()}),
        population=sorted(bases),
        group=OVERALL,
    )
    found = found[found["study"] != INDEX_STUDY]
    here = found["territory_level"] + ":" + found["territory"]
    keep = [bases[str(p)].key == k for p, k in zip(found["population"], here, strict=True)]
    return found[keep].reset_index(drop=True), chosen


def gather(store: ResultsStore, territory: Territory, records: Sequence[Record] = ()) -> ReportData:
    """The published figures ``territory``'s report needs (three reads of the store), and « Pour agir »
    from ``records`` (the published case base) when there are any."""
    data = _figures(store, territory)
    if records:
        data.acting = for_action(records, territory, priorities(store, territory))
    return data


def _figures(store: ResultsStore, territory: Territory) -> ReportData:
    build = store.current_build()
    if build is None:
        raise NotFoundError(t("store.nothing_published"))
    nation = store.query(territory=NATION_CODE, territory_level=territories.NATION, group=OVERALL)
    if territory.level == territories.NATION:
        survey = nation[nation["study"] != INDEX_STUDY]
        bases = basis.survey_bases(store, territory)
        places = {p: Place(b.level, b.code, b.name, b.label()) for p, b in bases.items()}
        return ReportData(territory, build, survey, nation, nation, places)
    place = basis.objective_place(store, territory)
    region = (
        store.query(territory=place.code, territory_level=place.level, group=OVERALL)
        if place is not None
        else nation.iloc[0:0]
    )
    survey, places = _survey_rows(store, territory)
    own = {p for p, place in places.items() if (place.level, place.code) == (territory.level, territory.code)}
    region = region[(region["question"] != GAP_QUESTION) | region["population"].isin(own)]
    return ReportData(territory, build, survey, region, nation, places)


def latest(rows: pd.DataFrame, population: str) -> pd.DataFrame:
    """``population``'s rows of its latest wave."""
    mine = rows[rows["population"] == population]
    if mine.empty:
        return mine
    return mine[mine["wave"] == mine["wave"].max()]


def select(rows: pd.DataFrame, question: str, statistic: str, item: str | None = None) -> pd.DataFrame:
    """Rows of one question and statistic (and item, ``None`` for any)."""
    found = rows[(rows["question"] == question) & (rows["statistic"] == statistic)]
    return found if item is None else found[found["item"] == item]
