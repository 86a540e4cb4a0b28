"""Turning a consultation's answers into a weighted sample, with the existing calibration engine.

Every answer starts with the same base weight (population ÷ answers). With the territory's population
by sex and by age band, the weights are raked to both margins (R: ``rake()``) and then capped between
:data:`CAP_LOW` and :data:`CAP_HIGH` times the base weight (R: ``trimWeights(strict = TRUE)``), so that a
few answers from an under-represented group cannot carry the result. Without margins the sample stays
unweighted, and says so. The effective sample size and design effect are Kish's: the precision the
unequal weights leave.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from observatoire.stats.calibration import rake, trim_weights
from observatoire.stats.design import Design
from observatoire.stats.estimators import kish_effective_n
from observatoire.stats.margins import TOTALS_TOLERANCE

SEX = "sexe"
AGE = "age"
#: Weights are kept within these multiples of the base weight.
CAP_LOW = 0.2
CAP_HIGH = 5.0
#: Raking stops when no cell moves by this fraction of the total weight (R: ``control$epsilon``).
EPSILON = 1e-7
MAXIT = 100


@dataclass(frozen=True)
class Margins:
    """The territory's population by sex and by age band (counts of persons 18+), with their source."""

    sex: Mapping[str, float]
    age: Mapping[str, float]
    source: str

    @property
    def total(self) -> float:
        return float(sum(self.sex.values()))


@dataclass(frozen=True, eq=False)
class WeightedSample:
    """Answers with their final weights and the figures that say how far the weighting moved them."""

    data: pd.DataFrame
    weights: np.ndarray
    raked: bool  # False: unweighted (no margins)
    source: str | None  # the margins' source when raked
    unmatched: tuple[str, ...] = ()  # population categories without any answer (left out of the raking)
    design: Design | None = None  # the calibrated design, for design-based variances (audits, R checks)

    @property
    def n(self) -> int:
        return len(self.weights)

    @property
    def effective_n(self) -> float:
        """Kish's (Σw)²/Σw²."""
        return kish_effective_n(self.weights)

    @property
    def design_effect(self) -> float:
        """Kish's design effect of weighting, n / n_eff (1 when unweighted)."""
        return self.n / self.effective_n


def weight(data: pd.DataFrame, margins: Margins | None) -> WeightedSample:
    """The weighted sample of ``data`` (one row per valid answer, columns ``sexe`` and ``age``).

    Raises :class:`~observatoire.errors.InputError` (French, naming the margin) when a category of the
    answers has no population count or the margins' totals disagree.
    """
    data = data.reset_index(drop=True)
    n = len(data)
    if margins is None or n == 0:
        return WeightedSample(data, np.ones(n), raked=False, source=None)
    sex, age, unmatched = _answered(data, margins)
    base = sum(sex.values()) / n
    design = Design.from_arrays(np.full(n, base))
    raked = rake(design, data, {SEX: sex, AGE: age}, epsilon=EPSILON, maxit=MAXIT)
    capped = trim_weights(raked, lower=CAP_LOW * base, upper=CAP_HIGH * base, strict=True)
    return WeightedSample(
        data, capped.weights, raked=True, source=margins.source, unmatched=unmatched, design=capped
    )


def _answered(
    data: pd.DataFrame, margins: Margins
) -> tuple[dict[str, float], dict[str, float], tuple[str, ...]]:
    """The margins restricted to categories someone answered, both scaled to the answered age total.

    A small consultation often has nobody in a category (no man aged 18-24): raking cannot give weight to
    nobody, so that category is left out and named; the other margin is scaled to the same total.
    """
    present = {column: set(data[column].astype(str)) for column in (SEX, AGE)}
    sex = {k: float(v) for k, v in margins.sex.items() if k in present[SEX]}
    age = {k: float(v) for k, v in margins.age.items() if k in present[AGE]}
    unmatched = tuple(k for k in (*margins.sex, *margins.age) if k not in sex and k not in age)
    full_sex, full_age = sum(margins.sex.values()), sum(margins.age.values())
    if unmatched and abs(full_sex - full_age) <= TOTALS_TOLERANCE * max(full_sex, full_age):
        # margins that disagree from the start are left as they are: the raking names their totals
        factor = sum(age.values()) / sum(sex.values())
        sex = {k: v * factor for k, v in sex.items()}
    return sex, age, unmatched
