"""Each domain of a consultation set against the région's and France's published figures.

The published figures come from representative surveys and are taken as fixed references. A difference
is called notable only when the reference lies outside the consultation's « intervalle de crédibilité »;
otherwise the consultation cannot tell its territory apart from it, and says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from observatoire.consultations.estimates import ItemEstimate
from observatoire.questionnaires.figures import NearestFigure


@dataclass(frozen=True)
class Reference:
    """One published figure beside a consultation result, and whether the gap is notable."""

    figure: NearestFigure
    gap: float  # consultation minus reference
    notable: bool


@dataclass(frozen=True)
class DomainComparison:
    domain: str
    estimate: ItemEstimate
    region: Reference | None
    france: Reference | None


def reference(estimate: ItemEstimate, figure: NearestFigure | None) -> Reference | None:
    """The comparison of ``estimate``'s mean with ``figure``; notable when outside the interval."""
    if figure is None:
        return None
    return Reference(
        figure, estimate.mean - figure.estimate, not estimate.mean_interval.contains(figure.estimate)
    )


def compare(
    estimates: list[ItemEstimate],
    region: Mapping[str, NearestFigure],
    france: Mapping[str, NearestFigure],
) -> list[DomainComparison]:
    """Every estimated domain with its région and France references (``None`` where unpublished)."""
    return [
        DomainComparison(e.item, e, reference(e, region.get(e.item)), reference(e, france.get(e.item)))
        for e in estimates
    ]
