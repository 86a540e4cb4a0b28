"""The real territories the demo samples from: metropolitan régions, their groupings, départements.

The surveys are metropolitan (the published bases cover the 12 survey regions), so respondents live in
the 13 metropolitan régions; indicators cover every région and département, overseas included.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from observatoire.reference import territories as ref


@dataclass(frozen=True)
class Geography:
    """Région codes (metropolitan, INSEE order) with their population, survey region and macro-region."""

    regions: tuple[str, ...]
    population: np.ndarray  # population municipale of each région
    survey_region: tuple[str, ...]
    macro_region: tuple[str, ...]

    @property
    def survey_regions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.survey_region))

    @property
    def macro_regions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.macro_region))

    def regions_of_survey_region(self, code: str) -> list[int]:
        return [i for i, s in enumerate(self.survey_region) if s == code]

    def regions_of_macro_region(self, code: str) -> list[int]:
        return [i for i, m in enumerate(self.macro_region) if m == code]


@cache
def metropolitan() -> Geography:
    regions = sorted(ref.regions(metropolitan_only=True), key=lambda t: t.code)
    return Geography(
        regions=tuple(t.code for t in regions),
        population=np.array([t.population for t in regions], dtype=np.float64),
        survey_region=tuple(ref.survey_region_of(t.code).code for t in regions),
        macro_region=tuple(ref.macro_region_of(t.code).code for t in regions),
    )


@cache
def all_regions() -> tuple[tuple[str, int], ...]:
    """Every région (overseas included) as ``(code, population)``."""
    return tuple(
        (t.code, t.population) for t in sorted(ref.regions(metropolitan_only=False), key=lambda t: t.code)
    )


@cache
def departements() -> tuple[tuple[str, str, int], ...]:
    """Every département (overseas included) as ``(code, région code, population)``."""
    found = sorted(ref.departements(metropolitan_only=False), key=lambda t: t.code)
    return tuple((t.code, str(t.region), t.population) for t in found)
