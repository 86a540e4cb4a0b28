"""What the build estimates from one wave, derived from its codebook alone (no per-study configuration).

An analyst who imports a wave with a codebook gets every figure without writing anything else:

- ``rating`` variables: ``mean``; ``top_box`` (share of the top of the scale: 8-10 on a 1-10 scale, the top
  two answers on a shorter one); ``share`` of every answer of the scale (no flag, no change: the mean and
  the top-box carry those);
- ``categorical`` variables: ``share`` of every answer the codebook labels (or that occurs); for an
  ordered scale (codes 1 to k, k >= 4, e.g. « tout à fait d'accord » ... « pas du tout d'accord ») also
  ``top_box``, the share of its first two answers (« tout à fait » + « plutôt »);
- ``numeric`` variables: ``mean``;
- every wave: ``weighted_base`` (question ``base``): respondents and the population they represent.

Each figure is given for the nation (``FR``), for each ``region`` column of the codebook at its level
(INSEE codes for ``region``/``departement``, grouping codes ``IDF``...``PACA`` for ``survey_region``,
``ile_de_france``...``sud_est`` for ``macro_region``), for the groupings derived from a ``region`` column
when the wave has none of its own (survey region, macro-region), and for each ``group`` column at the
national level (``group`` = ``<column>=<value>``, e.g. ``taille=pme``; otherwise ``ensemble``). A group
column whose values are the population's actor segments in the vocabulary (company sizes TPE ... GE,
associations employeuses / non employeuses) is also crossed with the coarsest grouping the codebook
declares (macro-region, else survey region): ``territory`` = the grouping, ``group`` = ``<column>=<value>``
(no flag: a cell of a cross is not compared with the rest).

Row conventions of the results store: ``question`` is the codebook's question (the variable's name when
it has none); ``item`` is the variable's item (or domain) for a figure about the whole variable, and
``<item>=<code>`` for the share of one answer (just ``<code>`` when the variable has no item). Shares are
in percent (0-100), their standard errors and intervals too.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from observatoire.surveys import Codebook, Kind, Variable
from observatoire.surveys.codebook import Code, normalize_code

NATION_LEVEL = "nation"
BASE_QUESTION = "base"
#: Territory levels whose groupings can be derived from a région column when the wave lacks them.
DERIVED_FROM_REGION = ("survey_region", "macro_region")
#: Groupings a segment column is crossed with, the first one the codebook declares.
COARSEST_FIRST = ("macro_region", "survey_region")
#: Smallest number of answers 1..k of a categorical variable read as an ordered scale (with a top-box).
ORDERED_SCALE = 4
#: Statistics that have a wave-to-wave change (``<statistic>_change``) and a flag vs the rest.
COMPARABLE = ("mean", "top_box", "share")


@dataclass(frozen=True)
class Measure:
    """One estimated variable: where its figures go (question, item) and which answers get a share."""

    variable: str
    kind: Kind
    question: str
    item: str | None
    codes: tuple[Code, ...] = ()  # answers with a ``share`` figure
    labels: tuple[tuple[Code, str], ...] = ()
    top_box: tuple[float, float] | None = None
    domain: str | None = None  # fragility domain the variable is about

    def share_item(self, code: Code) -> str:
        """The ``item`` of the share of answer ``code``: ``emploi=8``, or ``1`` without an item."""
        text = code_text(code)
        return f"{self.item}={text}" if self.item else text


@dataclass(frozen=True)
class TerritoryColumn:
    """A column of territory codes at ``level``; ``source`` is the région column it is derived from."""

    level: str
    column: str
    source: str | None = None


@dataclass(frozen=True)
class WavePlan:
    """Design columns, measures, territory columns and group columns of one wave."""

    weight: str | None
    strata: str | None
    psu: str | None
    fpc: str | None
    measures: tuple[Measure, ...]
    territories: tuple[TerritoryColumn, ...]
    groups: tuple[str, ...]
    segments: tuple[str, ...] = ()  # group columns of actor segments, crossed with declared groupings


def code_text(code: object) -> str:
    """How an answer or territory code is written in the store: ``1.0`` -> ``"1"``, ``"pme"`` as is."""
    normalized = normalize_code(code)
    return "" if normalized is None else str(normalized)


def _top_box(variable: Variable) -> tuple[float, float] | None:
    low, high = variable.minimum, variable.maximum
    if low is None or high is None or high - low < 2:
        return None
    width = 2 if high - low >= 9 else 1
    return float(high - width), float(high)


def _measure(variable: Variable, shared_question: bool) -> Measure | None:
    question = variable.question or variable.name
    item = variable.item or variable.domain
    if item is None and variable.question and shared_question:
        item = variable.name  # several variables of one question without items: keep them apart
    if variable.kind == Kind.RATING:
        codes = tuple(sorted(variable.allowed_codes() or ()))
        return Measure(
            variable.name,
            variable.kind,
            question,
            item,
            codes,
            variable.value_labels,
            _top_box(variable),
            variable.domain,
        )
    if variable.kind == Kind.CATEGORICAL:
        codes = tuple(code for code, _ in variable.value_labels)
        ordered = len(codes) >= ORDERED_SCALE and list(codes) == list(range(1, len(codes) + 1))
        top = (1.0, 2.0) if ordered else None
        return Measure(
            variable.name, variable.kind, question, item, codes, variable.value_labels, top, variable.domain
        )
    if variable.kind == Kind.NUMERIC:
        return Measure(variable.name, variable.kind, question, item, domain=variable.domain)
    return None


def _is_segment_column(variable: Variable, population: str | None) -> bool:
    """Whether every answer of a group column names one of ``population``'s segments (code or label)."""
    from observatoire.errors import NotFoundError
    from observatoire.reference import vocabulary

    if population is None or not variable.value_labels:
        return False
    try:
        segments = vocabulary.population(population).segments
        if not segments:
            return False
        for code, label in variable.value_labels:
            try:
                vocabulary.population(population).segment(str(code))
            except NotFoundError:
                vocabulary.population(population).segment(label)
    except NotFoundError:
        return False
    return True


def plan_wave(codebook: Codebook, population: str | None = None) -> WavePlan:
    """The figures to estimate from a wave of ``population`` with this codebook."""
    questions = pd.Series([v.question for v in codebook if v.question]).value_counts()
    measures = []
    for variable in codebook:
        shared = bool(variable.question) and int(questions.get(variable.question, 0)) > 1
        found = _measure(variable, shared)
        if found is not None:
            measures.append(found)
    territories = [
        TerritoryColumn(variable.level or "region", variable.name)
        for variable in codebook.of_kind(Kind.REGION)
    ]
    levels = {column.level for column in territories}
    region = next((column.column for column in territories if column.level == "region"), None)
    if region is not None:
        territories += [
            TerritoryColumn(level, f"__{level}__", region)
            for level in DERIVED_FROM_REGION
            if level not in levels
        ]

    def single(kind: Kind) -> str | None:
        found = codebook.single(kind)
        return None if found is None else found.name

    return WavePlan(
        weight=single(Kind.WEIGHT),
        strata=single(Kind.STRATA),
        psu=single(Kind.PSU),
        fpc=single(Kind.FPC),
        measures=tuple(measures),
        territories=tuple(territories),
        groups=tuple(variable.name for variable in codebook.of_kind(Kind.GROUP)),
        segments=tuple(v.name for v in codebook.of_kind(Kind.GROUP) if _is_segment_column(v, population)),
    )


def _grouping_lookup(level: str) -> Callable[[str], str | None]:
    """Région code -> code of its grouping at ``level`` (``None`` for a région outside every grouping)."""
    from observatoire.errors import NotFoundError
    from observatoire.reference import territories

    of = {"survey_region": territories.survey_region_of, "macro_region": territories.macro_region_of}[level]

    def lookup(code: str) -> str | None:
        try:
            return of(code).code
        except NotFoundError:
            return None

    return lookup


def with_derived_territories(data: pd.DataFrame, plan: WavePlan) -> pd.DataFrame:
    """``data`` plus the derived territory columns of ``plan`` (codes mapped once per distinct région)."""
    added = {}
    for column in plan.territories:
        if column.source is None:
            continue
        codes = data[column.source]
        lookup = _grouping_lookup(column.level)
        mapping = {code: lookup(str(code)) for code in pd.unique(codes.dropna())}
        added[column.column] = codes.map(mapping)
    return data.assign(**added) if added else data


def present_codes(values: pd.Series, declared: Iterable[Code]) -> tuple[Code, ...]:
    """The declared answer codes, or the codes that occur when the codebook lists none."""
    declared = tuple(declared)
    if declared:
        return declared
    found = [normalize_code(v) for v in pd.unique(values.dropna())]
    numbers = sorted(c for c in found if isinstance(c, int | float) and not math.isnan(c))
    texts = sorted(str(c) for c in found if isinstance(c, str))
    return (*numbers, *texts)


def answered(values: pd.Series) -> np.ndarray:
    """Which rows answered (missing codes were turned into NaN at import)."""
    return values.notna().to_numpy()
