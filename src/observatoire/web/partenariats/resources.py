"""The published « Agir » cases, tools and catalysts beside a partnership model, nearest first.

Asked of the one recommendation engine (:mod:`observatoire.recommend`) over the published base: a case
or a tool matches the model (or its category), a catalyst covers the place; nearest ``place`` first."""

from __future__ import annotations

from dataclasses import dataclass

from observatoire.recommend import CASE, CATALYST, TOOL, Match, Need, recommend
from observatoire.reference.vocabulary import PartnershipModel
from observatoire.web.agir.catalog import catalog

SHOWN = 3


@dataclass(frozen=True)
class Resources:
    cases: tuple[Match, ...] = ()
    tools: tuple[Match, ...] = ()
    catalysts: tuple[Match, ...] = ()


def for_model(model: PartnershipModel, place: str | None, shown: int | None = SHOWN) -> Resources:
    """``place`` is a territory key (``region:53``...), ``None`` for France."""
    records = catalog().records
    need = Need(models=(model.code,), axes=(model.category.code,))
    return Resources(
        cases=tuple(recommend(records, Need(models=(model.code,)), place, kinds=(CASE,), limit=shown)),
        tools=tuple(recommend(records, need, place, kinds=(TOOL,), limit=shown)),
        catalysts=tuple(recommend(records, Need(), place, kinds=(CATALYST,), limit=shown)) if place else (),
    )
