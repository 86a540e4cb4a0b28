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

from observatoire.diagnosis import codes
from observatoire.diagnosis.store import ResultsStore
from observatoire.errors import NotFoundError
from observatoire.messages import t
from observatoire.numbers import number
from observatoire.questionnaires.model import Figure, Instrument, Item
from observatoire.reference import territories

OVERALL_GROUP = codes.OVERALL
INDEX_STUDY = codes.INDEX_STUDY
INDEX_QUESTION = codes.INDEX_QUESTION


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


@dataclass(frozen=True)
class _Figure:
    """The figure of one item at the nearest place that publishes it (latest wave)."""

    place: Place
    estimate: float
    study: str
    wave: int


_MEMORY: dict[tuple[object, ...], dict[str, _Figure]] = {}
_MEMORY_SIZE = 512


def _nearest_figures(
    store: ResultsStore,
    build_id: int | None,
    population: str | None,
    question: str,
    statistic: str,
    item: str | None,
    where: list[Place],
    study: str | None = None,
) -> dict[str, _Figure]:
    """Item → its figure at the nearest place of ``where`` (every item unless ``item``), remembered per
    published build (which never changes): a result page then reads the results store once per région
    and question, not once per view."""
    key = (str(store.engine.url), build_id, population, question, statistic, item, tuple(where), study)
    if build_id is not None and key in _MEMORY:
        return _MEMORY[key]
    rows = store.query(
        population=population,
        question=question,
        statistic=statistic,
        item=item,
        study=study,
        group=None if study == INDEX_STUDY else OVERALL_GROUP,
        territory=[p.code for p in where],
        territory_level=[p.level for p in where],
    )
    rows = rows[rows["estimate"].notna() & ~rows["suppressed"].fillna(False).astype(bool)]
    found: dict[str, _Figure] = {}
    for code, of_item in rows.groupby("item", sort=False):
        for place in where:
            here = of_item[(of_item["territory_level"] == place.level) & (of_item["territory"] == place.code)]
            if here.empty:
                continue
            row = here[here["wave"] == here["wave"].max()].iloc[0]
            found[str(code)] = _Figure(place, float(row["estimate"]), str(row["study"]), int(row["wave"]))
            break
    if build_id is not None:
        if len(_MEMORY) >= _MEMORY_SIZE:
            _MEMORY.clear()
        _MEMORY[key] = found
    return found


def _place_text(place: Place) -> str:
    if place.level == territories.NATION:
        return t("questionnaires.figure.in_france")
    return t("questionnaires.figure.in_place", name=place.name)


def _source(figure: _Figure) -> str:
    return t("questionnaires.figure.source", study=figure.study, wave=figure.wave)


def _single(
    store: ResultsStore, build_id: int | None, item: Item, figure: Figure, answer: str, where: list[Place]
) -> Published | None:
    read = _nearest_figures(
        store, build_id, figure.population, figure.question, figure.statistic, figure.item, where
    )
    found = read.get(str(figure.item))
    if found is None:
        return None
    sentence = figure.sentence.format(value=number(found.estimate, 0), place=_place_text(found.place))
    return Published(item.code, item.text, answer, sentence, _source(found))


def _domains(
    store: ResultsStore,
    build_id: int | None,
    item: Item,
    figure: Figure,
    chosen: list[str],
    where: list[Place],
) -> list[Published]:
    read = _nearest_figures(
        store, build_id, figure.population, figure.question, figure.statistic, None, where
    )
    index: dict[str, _Figure] = {}
    if figure.objective and where[0].level == territories.REGION:
        index = _nearest_figures(
            store, build_id, None, INDEX_QUESTION, "index", None, where[:1], study=INDEX_STUDY
        )
    published = []
    for code in chosen:
        option = item.scale.option(code)
        found = read.get(code)
        if option is None or found is None:
            continue
        sentence = figure.sentence.format(
            domain=option.label, value=number(found.estimate, 1), place=_place_text(found.place)
        )
        if code in index:
            sentence += " " + t("questionnaires.figure.objective", value=number(index[code].estimate, 1))
        published.append(Published(item.code, item.text, option.label, sentence, _source(found)))
    return published


def published_figures(
    store: ResultsStore,
    instrument: Instrument,
    answers: Mapping[str, object],
    region_code: str | None,
    build_id: int | None = None,
) -> list[Published]:
    """The published figures matching the answered items, for the respondent's région (nearest place
    with a published figure otherwise). Empty when nothing is published. With ``build_id`` (the published
    build), the figures read are remembered for that build, which never changes."""
    where = places(region_code)
    found: list[Published] = []
    for item in instrument.items:
        answer = answers.get(item.code)
        if item.figure is None or answer is None:
            continue
        if item.figure.item is None and isinstance(answer, list | tuple):
            found.extend(_domains(store, build_id, item, item.figure, [str(a) for a in answer], where))
        elif isinstance(answer, str):
            option = item.scale.option(answer)
            if option is None:
                continue
            published = _single(store, build_id, item, item.figure, option.label, where)
            if published is not None:
                found.append(published)
    return found


@dataclass(frozen=True)
class NearestFigure:
    """A published figure at the nearest place that has one: the place, value and its source text."""

    place: Place
    estimate: float
    source: str


def nearest_figures(
    store: ResultsStore,
    population: str,
    question: str,
    statistic: str,
    where: list[Place],
    build_id: int | None = None,
) -> dict[str, NearestFigure]:
    """Item → its published figure at the nearest place of ``where`` (latest wave), for the pages that set
    a whole question beside the observatory's figures (local consultations)."""
    found = _nearest_figures(store, build_id, population, question, statistic, None, where)
    return {code: NearestFigure(f.place, f.estimate, _source(f)) for code, f in found.items()}
