"""The shapes of the API's answers, for its OpenAPI document (and the fuzzing test that holds answers to it).

The answers themselves are written by :mod:`observatoire.web.api.responses` straight from the read API's
frames (a page of 1,000 figures is not copied through 1,000 models); schemathesis checks they match.
"""

from __future__ import annotations

from datetime import datetime

from ninja import Schema


class Figure(Schema):
    """One published figure: the open-data columns (docs/open-data.md, ``FIGURE_COLUMNS``) in their order."""

    study: str
    wave: int
    population: str
    question: str
    item: str | None
    territory_level: str
    territory: str
    group: str | None
    statistic: str
    estimate: float | None
    se: float | None
    ci_low: float | None
    ci_high: float | None
    n: int | None
    weighted_n: float | None
    flag: str | None
    suppressed: bool
    source: str


class Build(Schema):
    """The published build the figures come from."""

    id: int
    finished_at: datetime | None
    source: str
    label: str


class ResultsPage(Schema):
    count: int
    next: str | None
    previous: str | None
    build: Build
    results: list[Figure]


class Territory(Schema):
    level: str
    code: str
    name: str
    label: str
    population: int


class Territories(Schema):
    results: list[Territory]


class Dimension(Schema):
    code: str
    label: str


class Domain(Schema):
    code: str
    label: str
    short_label: str
    description: str
    dimension: Dimension


class Domains(Schema):
    results: list[Domain]


class Error(Schema):
    """Every error of the API: one French sentence."""

    error: str


class Place(Schema):
    level: str
    code: str
    name: str


class SurveyBasis(Schema):
    """Where one actor's survey figures of a territory are read (``observatoire.diagnosis.basis``)."""

    population: str
    level: str
    code: str
    name: str
    respondents: int | None
    wave: int | None
    label: str


class Bases(Schema):
    territory: Place
    survey: list[SurveyBasis]
    objective: Place | None
