"""The région's and France's published perceived-fragility figures, read through ``observatoire.diagnosis``.

The citizens' survey publishes Q1 (a 1–10 rating per domain) by région, survey region and France; the
région's figure is the nearest place above the territory that has one (PACA and Corse share a survey
region), France's is the nation's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from observatoire.diagnosis.codes import PERCEIVED
from observatoire.diagnosis.store import ResultsStore
from observatoire.questionnaires.figures import NearestFigure, nearest_figures, places

POPULATION = "citoyens"


@dataclass(frozen=True)
class References:
    region: dict[str, NearestFigure] = field(default_factory=dict)
    france: dict[str, NearestFigure] = field(default_factory=dict)


def references(store: ResultsStore, region_code: str | None, build_id: int | None = None) -> References:
    """Domain → published mean rating, for the région (nearest place with one) and for France."""
    where = places(region_code)
    regional = where[:-1]
    return References(
        region=nearest_figures(store, POPULATION, PERCEIVED, "mean", regional, build_id) if regional else {},
        france=nearest_figures(store, POPULATION, PERCEIVED, "mean", where[-1:], build_id),
    )
