"""Page contents cached per published build: a page is read from the store (and its charts made) once.

The key starts with the published build (database, id, time), so a new build is shown within a second
(the build is asked at most once a second); entries of older builds age out of the LRU. Nothing is
estimated: the cache holds what the read API returned.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from observatoire.reference import territories
from observatoire.web.pages import data, overview
from observatoire.web.pages.context import published_build
from observatoire.web.pages.tables import Table
from observatoire.web.results import store

MAXSIZE = 512


class NothingPublishedError(Exception):
    """No build is published yet (or the store cannot be read)."""


def _build_key() -> tuple:
    """The published build of the store the web reads (its database, id and publication time)."""
    build = published_build()
    if build is None:
        raise NothingPublishedError
    return (str(store().engine.url), build.id, build.finished_at)


@lru_cache(maxsize=MAXSIZE)
def _territory(
    build_key: tuple, found: territories.Territory, lens: str, wave: str, domain: str
) -> tuple[data.View, list[Table], dict[str, overview.ChartView]]:
    view = data.resolve_view(found, {"regard": lens, "vague": wave, "domaine": domain})
    if (view.lens, str(view.wave or ""), view.domain) != (lens, wave, domain):
        return _territory(build_key, found, view.lens, str(view.wave or ""), view.domain)
    tables = [make(found, view) for make in data.TABLES.values()]
    return view, tables, overview.territory_charts(tables)


def territory_page(
    found: territories.Territory, params: dict[str, str]
) -> tuple[data.View, list[Table], dict[str, overview.ChartView]]:
    """The view a query string asks for, the page's tables and charts."""
    return _territory(
        _build_key(), found, params.get("regard", ""), params.get("vague", ""), params.get("domaine", "")
    )


@lru_cache(maxsize=4)
def _national(build_key: tuple) -> dict[str, Any]:
    return overview.national()


def national() -> dict[str, Any]:
    return _national(_build_key())


@lru_cache(maxsize=MAXSIZE)
def _comparison(
    build_key: tuple, a: territories.Territory, b: territories.Territory, lens: str
) -> dict[str, Any]:
    return overview.compare(a, b, lens)


def comparison(a: territories.Territory, b: territories.Territory, lens: str) -> dict[str, Any]:
    return _comparison(_build_key(), a, b, lens)


def clear() -> None:
    for cached in (_territory, _national, _comparison):
        cached.cache_clear()
