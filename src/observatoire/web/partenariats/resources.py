"""The published « Agir » cases, tools and catalysts beside a partnership model, nearest first, and the
cases of each model or category counted per région.

Asked of the one recommendation engine (:mod:`observatoire.recommend`) over the published base: a case
or a tool matches the model (or its category), a catalyst covers the place; nearest ``place`` first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from observatoire.recommend import CASE, CATALYST, TOOL, Match, Need, recommend
from observatoire.reference import territories
from observatoire.reference.vocabulary import PartnershipModel
from observatoire.web.agir.catalog import catalog
from observatoire.web.agir.columns import CASES

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


@dataclass(frozen=True)
class RegionRow:
    """One row of a cases-per-région table: the région (``None``: national or unplaced cases), one count
    per column and the list page's address for each (``/pratiques/?modele=…&region=…``)."""

    region: territories.Territory | None
    cells: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class RegionTable:
    columns: tuple[tuple[str, str], ...]  # (facet value, label)
    rows: tuple[RegionRow, ...]
    totals: tuple[tuple[int, str], ...]


def cases_per_region(facet: str, columns: Sequence[tuple[str, str]]) -> RegionTable:
    """The published cases of each ``facet`` value (``modele`` or ``categorie``) counted per région: the
    case list's own facet counts (:class:`observatoire.recommend.search.SearchIndex`, in memory, no
    query), so a count and the list it links to always agree. Régions without a case are left out."""
    index = catalog().indexes[CASES]
    base = reverse("agir:cases")
    found = [index.search(selected={facet: [code]}, limit=0) for code, _ in columns]
    per_region = [result.facets.get("region", {}) for result in found]

    def cell(code: str, count: int, region: str | None = None) -> tuple[int, str]:
        params = [(facet, code)] + ([("region", region)] if region else [])
        return count, f"{base}?{urlencode(params)}"

    rows = []
    for region in territories.regions(metropolitan_only=False):
        counts = [counts.get(region.code, 0) for counts in per_region]
        if any(counts):
            cells = tuple(cell(code, n, region.code) for (code, _), n in zip(columns, counts, strict=True))
            rows.append(RegionRow(region, cells))
    unplaced = [r.count - sum(counts.values()) for r, counts in zip(found, per_region, strict=True)]
    if any(unplaced):
        rows.append(RegionRow(None, tuple((n, "") for n in unplaced)))
    totals = tuple(cell(code, r.count) for (code, _), r in zip(columns, found, strict=True))
    return RegionTable(tuple(columns), tuple(rows), totals)
