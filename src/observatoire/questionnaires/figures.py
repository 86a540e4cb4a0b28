"""The observatory's own figures beside a respondent's answers, read through ``observatoire.diagnosis``.

Where an item names a published figure (``[sections.items.figure]``: population, question, statistic,
item), the figure of the respondent's région is shown next to the answer — or, when the région has none
(surveys report on survey regions and macro-regions), the nearest place that has one, named. For a
``multiple`` item of domains (``item`` absent), the figure of each chosen domain is shown, with the
objective fragility index of the région when ``objective`` is set.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from observatoire.diagnosis.store import ResultsStore
from observatoire.errors import NotFoundError
from observatoire.messages import t
from observatoire.questionnaires.model import Figure, Instrument, Item
from observatoire.reference import territories

OVERALL_GROUP = "ensemble"
INDEX_STUDY = "indices"
INDEX_QUESTION = "indice_objectif"


@dataclass(frozen=True)
class Place:
    level: str
    code: str
    name: str


@dataclass(frozen=True)
class Published:
    """One published figure next to an answer: the sentence, and the answer it stands beside."""

    item: str
    question: str
    answer: str
    sentence: str
    source: str


def places(region_code: str | None) -> list[Place]:
    """Where to look, nearest first: région, survey region, macro-région, France."""
    found: list[Place] = []
    if region_code:
        region = territories.territory(region_code, territories.REGION)
        found.append(Place(territories.REGION, region.code, region.name))
        for level, finder in (
            (territories.SURVEY_REGION, territories.survey_region_of),
            (territories.MACRO_REGION, territories.macro_region_of),
        ):
            try:
                grouping = finder(region.code)
            except NotFoundError:
                continue
            found.append(Place(level, grouping.code, grouping.name))
    nation = territories.nation()
    found.append(Place(territories.NATION, nation.code, nation.name))
    return found


def _latest(rows: pd.DataFrame) -> pd.DataFrame:
    rows = rows[rows["estimate"].notna() & ~rows["suppressed"].fillna(False).astype(bool)]
    if rows.empty:
        return rows
    return rows[rows["wave"] == rows["wave"].max()]


def _nearest(rows: pd.DataFrame, where: list[Place]) -> tuple[pd.DataFrame, Place | None]:
    for place in where:
        here = _latest(rows[(rows["territory_level"] == place.level) & (rows["territory"] == place.code)])
        if not here.empty:
            return here, place
    return rows.iloc[0:0], None


def _number(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}".replace(".", ",")


def _place_text(place: Place) -> str:
    if place.level == territories.NATION:
        return t("questionnaires.figure.in_france")
    return t("questionnaires.figure.in_place", name=place.name)


def _single(
    store: ResultsStore, item: Item, figure: Figure, answer: str, where: list[Place]
) -> Published | None:
    rows = store.query(
        population=figure.population,
        question=figure.question,
        statistic=figure.statistic,
        item=figure.item,
        group=OVERALL_GROUP,
        territory=[p.code for p in where],
        territory_level=[p.level for p in where],
    )
    here, place = _nearest(rows, where)
    if place is None:
        return None
    row = here.iloc[0]
    sentence = figure.sentence.format(value=_number(float(row["estimate"]), 0), place=_place_text(place))
    source = t("questionnaires.figure.source", study=row["study"], wave=int(row["wave"]))
    return Published(item.code, item.text, answer, sentence, source)


def _domains(
    store: ResultsStore, item: Item, figure: Figure, chosen: list[str], where: list[Place]
) -> list[Published]:
    rows = store.query(
        population=figure.population,
        question=figure.question,
        statistic=figure.statistic,
        item=chosen,
        group=OVERALL_GROUP,
        territory=[p.code for p in where],
        territory_level=[p.level for p in where],
    )
    index = pd.DataFrame()
    if figure.objective and where[0].level == territories.REGION:
        index = store.query(
            study=INDEX_STUDY,
            question=INDEX_QUESTION,
            statistic="index",
            item=chosen,
            territory=where[0].code,
            territory_level=territories.REGION,
        )
    found = []
    for code in chosen:
        option = item.scale.option(code)
        here, place = _nearest(rows[rows["item"] == code], where)
        if option is None or place is None:
            continue
        row = here.iloc[0]
        sentence = figure.sentence.format(
            domain=option.label, value=_number(float(row["estimate"]), 1), place=_place_text(place)
        )
        objective = index[index["item"] == code] if not index.empty else index
        if not objective.empty and pd.notna(objective.iloc[0]["estimate"]):
            sentence += " " + t(
                "questionnaires.figure.objective", value=_number(float(objective.iloc[0]["estimate"]), 1)
            )
        source = t("questionnaires.figure.source", study=row["study"], wave=int(row["wave"]))
        found.append(Published(item.code, item.text, option.label, sentence, source))
    return found


def published_figures(
    store: ResultsStore, instrument: Instrument, answers: Mapping[str, object], region_code: str | None
) -> list[Published]:
    """The published figures matching the answered items, for the respondent's région (nearest place
    with a published figure otherwise). Empty when nothing is published."""
    where = places(region_code)
    found: list[Published] = []
    for item in instrument.items:
        answer = answers.get(item.code)
        if item.figure is None or answer is None:
            continue
        if item.figure.item is None and isinstance(answer, list | tuple):
            found.extend(_domains(store, item, item.figure, [str(a) for a in answer], where))
        elif isinstance(answer, str):
            option = item.scale.option(answer)
            if option is None:
                continue
            published = _single(store, item, item.figure, option.label, where)
            if published is not None:
                found.append(published)
    return found
