"""A territory's figures for its report, gathered through the results store's read API only.

Levels: survey figures of a région are read where the surveys sample and report, the **survey region**
(``survey_region``: the région itself, except PACA which holds Provence-Alpes-Côte d'Azur and Corse);
when a population has no figure there, its ``macro_region`` (association studies), then the ``region``
level. Objective indices, their ranks and the perceived-vs-objective diagnosis (``gap``) are stored by
the build at the ``region`` level. The national synthesis reads the ``nation`` level (code ``FR``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from observatoire.diagnosis.codes import INDEX_STUDY, NATION_CODE, OVERALL
from observatoire.diagnosis.store import BuildInfo, ResultsStore
from observatoire.errors import NotFoundError
from observatoire.messages import t
from observatoire.recommend.action import ForAction, for_action
from observatoire.recommend.priorities import priorities
from observatoire.recommend.records import Record
from observatoire.reference import territories
from observatoire.reference.territories import Territory

#: The actors whose perceptions the report compares, in the seeds' order.
ACTORS = ("citoyens", "entreprises", "associations", "maires")
SURVEY_LEVELS = ("survey_region", "macro_region", "region")


@dataclass(frozen=True)
class Place:
    """Where one population's figures were read: level, code and name."""

    level: str
    code: str
    name: str


@dataclass
class ReportData:
    """Everything a report shows, as stored rows (columns of the read API)."""

    territory: Territory
    build: BuildInfo
    survey: pd.DataFrame  # survey figures, each population at its own place (``places``)
    region: pd.DataFrame  # rows at the région level (indices, ranks, gap); the nation's for the synthesis
    nation: pd.DataFrame  # the nation's rows, for reference
    places: dict[str, Place] = field(default_factory=dict)
    acting: ForAction | None = None  # « Pour agir », when the case base was given

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


def _survey_places(region: Territory) -> list[Place]:
    places = []
    for level, finder in (
        ("survey_region", territories.survey_region_of),
        ("macro_region", territories.macro_region_of),
    ):
        try:
            found = finder(region.code)
        except NotFoundError:
            continue
        places.append(Place(level, found.code, found.name))
    places.append(Place("region", region.code, region.name))
    return places


def _survey_rows(store: ResultsStore, region: Territory) -> tuple[pd.DataFrame, dict[str, Place]]:
    """Each population's figures at the first place (in :data:`SURVEY_LEVELS` order) that has some."""
    candidates = _survey_places(region)
    found = store.query(
        territory=[place.code for place in candidates],
        territory_level=[place.level for place in candidates],
        group=OVERALL,
    )
    found = found[found["study"] != INDEX_STUDY]
    chosen: dict[str, Place] = {}
    parts = []
    for population, rows in found.groupby("population", sort=False):
        for place in candidates:
            here = rows[(rows["territory_level"] == place.level) & (rows["territory"] == place.code)]
            if here["estimate"].notna().any():
                chosen[str(population)] = place
                parts.append(here)
                break
    survey = pd.concat(parts, ignore_index=True) if parts else found.iloc[0:0]
    return survey, chosen


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
        place = Place(territories.NATION, NATION_CODE, territory.name)
        survey = nation[nation["study"] != INDEX_STUDY]
        places = {str(p): place for p in survey["population"].dropna().unique()}
        return ReportData(territory, build, survey, nation, nation, places)
    region = store.query(territory=territory.code, territory_level=territories.REGION, group=OVERALL)
    survey, places = _survey_rows(store, territory)
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
