"""The published case base as the engine and the search see it, rebuilt when curators change it.

Each process keeps one catalogue: the published entries as :class:`~observatoire.recommend.Record` and one
:class:`~observatoire.recommend.search.SearchIndex` per kind. It asks the database at most once a second
whether anything changed (count and last update of each kind) and rebuilds only then (about 5 s for
10,000 cases, while the other threads answer from the previous catalogue), so a publication shows within
a second in every process, and at once in the one where a curator saved it (:func:`changed`, on Django's
signals), and a search never reads the whole base. ``observatoire serve`` builds it before forking.
"""

from __future__ import annotations

import functools
import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max
from django.urls import reverse

from observatoire.errors import NotFoundError
from observatoire.recommend import CASE, CATALYST, TOOL, Record, codes
from observatoire.recommend.proximity import footprint
from observatoire.recommend.search import Document, SearchIndex
from observatoire.reference import territories, vocabulary
from observatoire.web.agir.columns import CASES, CATALYSTS, TOOLS
from observatoire.web.agir.models import PUBLISHED, CaseStudy, Catalyst, Entry, Partner, Tool

CHECK_EVERY_S = 1.0


@dataclass(frozen=True, slots=True)
class Facet:
    """A facet of a list page: its URL parameter, French name, and the label of each value."""

    name: str
    label: str
    labels: Callable[[], dict[str, str]]


def _region_labels() -> dict[str, str]:
    return {r.code: r.name for r in territories.regions(metropolitan_only=False)}


def _departement_labels() -> dict[str, str]:
    return {d.code: f"{d.name} ({d.code})" for d in territories.departements(metropolitan_only=False)}


def _vocab(entries: Callable[[], tuple[Any, ...]]) -> Callable[[], dict[str, str]]:
    return lambda: {entry.code: entry.label for entry in entries()}


FACETS: dict[str, tuple[Facet, ...]] = {
    CASES: (
        Facet("domaine", "Domaine", _vocab(vocabulary.domains)),
        Facet("dimension", "Dimension", _vocab(vocabulary.dimensions)),
        Facet("categorie", "Catégorie de partenariat", _vocab(vocabulary.partnership_categories)),
        Facet("modele", "Modèle de partenariat", _vocab(vocabulary.partnership_models)),
        Facet("region", "Région", _region_labels),
        Facet("departement", "Département", _departement_labels),
        Facet("acteur", "Type d'acteur", lambda: codes.labels(codes.ACTOR_TYPES)),
        Facet("stade", "Stade", lambda: codes.labels(codes.STAGES)),
        Facet("levier", "Levier", _vocab(vocabulary.levers)),
        Facet("odd", "ODD", lambda: codes.labels(codes.ODD)),
        Facet("preuve", "Niveau de preuve", lambda: codes.labels(codes.EVIDENCE_LEVELS)),
    ),
    CATALYSTS: (
        Facet("metier", "Métier de la co-construction", _vocab(vocabulary.catalyst_activities)),
        Facet("domaine", "Domaine", _vocab(vocabulary.domains)),
        Facet("region", "Région", _region_labels),
        Facet("departement", "Département", _departement_labels),
    ),
    TOOLS: (
        Facet("levier", "Levier", _vocab(vocabulary.levers)),
        Facet("categorie", "Catégorie de partenariat", _vocab(vocabulary.partnership_categories)),
        Facet("acteur", "Type d'acteur", lambda: codes.labels(codes.ACTOR_TYPES)),
        Facet("format", "Format", dict),
    ),
}


def _where(keys: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    regions, departements = [], []
    for key in keys:
        try:
            place = footprint(key)
        except NotFoundError:
            continue
        if place.region:
            regions.append(place.region)
        if place.departement:
            departements.append(place.departement)
    return {"region": tuple(dict.fromkeys(regions)), "departement": tuple(dict.fromkeys(departements))}


@functools.cache
def _category(model: str) -> tuple[str, ...]:
    try:
        return (vocabulary.partnership_model(model).category.code,) if model else ()
    except NotFoundError:
        return ()


@functools.cache
def _dimension(domain: str) -> str | None:
    try:
        return vocabulary.domain(domain).dimension.code
    except NotFoundError:
        return None


def _dimensions(domains: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(d for d in map(_dimension, domains) if d is not None))


def _url(name: str, slug: str) -> str:
    """``reverse`` for thousands of entries: the prefix is resolved once."""
    return _prefix(name) + slug + "/"


@functools.cache
def _prefix(name: str) -> str:
    return str(reverse(name, args=["x"]))[:-2]


def _year(entry: Entry) -> int:
    return int(getattr(entry, "start_year", None) or getattr(entry, "founded", None) or entry.updated_at.year)


def _case(case: CaseStudy, actors: tuple[str, ...]) -> tuple[Record, Document]:
    models = (case.partnership_model,) if case.partnership_model else ()
    record = Record(
        CASE,
        case.slug,
        case.title,
        _url("agir:case", case.slug),
        (case.territory_key,),
        tuple(case.domains),
        tuple(case.levers),
        models,
        actors,
        tuple(case.impacts),
        codes.evidence_rank(case.evidence),
        case.synthetic,
    )
    facets = {
        "domaine": tuple(case.domains),
        "dimension": _dimensions(case.domains),
        "categorie": _category(case.partnership_model),
        "modele": models,
        "acteur": actors,
        "stade": (case.stage,),
        "levier": tuple(case.levers),
        "odd": tuple(case.odd),
        "preuve": (case.evidence,),
        **_where((case.territory_key,)),
    }
    return record, Document(case.pk, case.search_keys, facets, _year(case), case.title)


def _catalyst(catalyst: Catalyst) -> tuple[Record, Document]:
    record = Record(
        CATALYST,
        catalyst.slug,
        catalyst.title,
        _url("agir:catalyst", catalyst.slug),
        catalyst.covered,
        tuple(catalyst.domains),
        themes=tuple(catalyst.activities),
        synthetic=catalyst.synthetic,
    )
    facets = {
        "metier": tuple(catalyst.activities),
        "domaine": tuple(catalyst.domains),
        **_where((catalyst.territory_key, *catalyst.coverage)),
    }
    return record, Document(catalyst.pk, catalyst.search_keys, facets, _year(catalyst), catalyst.title)


def _tool(tool: Tool) -> tuple[Record, Document]:
    models = (tool.partnership_model,) if tool.partnership_model else ()
    record = Record(
        TOOL,
        tool.slug,
        tool.title,
        _url("agir:tool", tool.slug),
        (tool.territory_key,),
        tuple(tool.domains),
        tuple(tool.levers),
        models,
        tuple(tool.actor_types),
        tuple(tool.categories),
        synthetic=tool.synthetic,
    )
    facets = {
        "levier": tuple(tool.levers),
        "categorie": tuple(tool.categories),
        "acteur": tuple(tool.actor_types),
        "format": (tool.format,) if tool.format else (),
    }
    return record, Document(tool.pk, tool.search_keys, facets, _year(tool), tool.title)


@dataclass(frozen=True)
class Catalog:
    """Published entries as records (for the engine) and a search index per kind."""

    records: tuple[Record, ...]
    indexes: dict[str, SearchIndex]


def _actors() -> dict[int, tuple[str, ...]]:
    """Each published case's partners' actor types (one query, no model instances: 40,000 partners)."""
    found: dict[int, list[str]] = {}
    for case_id, actor in Partner.objects.filter(case__status=PUBLISHED).values_list("case_id", "actor_type"):
        found.setdefault(case_id, []).append(actor)
    return {case_id: tuple(dict.fromkeys(actors)) for case_id, actors in found.items()}


def _build() -> Catalog:
    records: list[Record] = []
    indexes = {}
    actors = _actors()
    sources = (
        (CASES, CaseStudy.public.all(), lambda case: _case(case, actors.get(case.pk, ()))),
        (CATALYSTS, Catalyst.public.all(), _catalyst),
        (TOOLS, Tool.public.all(), _tool),
    )
    for kind, queryset, convert in sources:
        documents = []
        for entry in queryset.order_by("pk"):
            record, document = convert(entry)
            records.append(record)
            documents.append(document)
        indexes[kind] = SearchIndex(documents, [facet.name for facet in FACETS[kind]])
    return Catalog(tuple(records), indexes)


def _version() -> tuple[tuple[Any, ...], ...]:
    return tuple(
        tuple(model.public.aggregate(n=Count("*"), last=Max("updated_at")).values())  # index only
        for model in (CaseStudy, Catalyst, Tool)
    )


class _Cache:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.catalog: Catalog | None = None
        self.version: tuple[tuple[Any, ...], ...] | None = None
        self.checked = 0.0

    def get(self) -> Catalog:
        if self.catalog is not None and time.monotonic() - self.checked < CHECK_EVERY_S:
            return self.catalog
        if self.catalog is not None and not self.lock.acquire(blocking=False):
            return self.catalog  # another thread is checking or rebuilding: answer from the one we have
        if self.catalog is None:
            self.lock.acquire()
        try:
            if self.catalog is not None and time.monotonic() - self.checked < CHECK_EVERY_S:
                return self.catalog
            version = _version()
            if self.catalog is None or version != self.version:
                self.catalog, self.version = _build(), version
            self.checked = time.monotonic()
            return self.catalog
        finally:
            self.lock.release()

    def clear(self) -> None:
        with self.lock:
            self.catalog, self.version, self.checked = None, None, 0.0


_cache = _Cache()


def catalog() -> Catalog:
    """This process's catalogue of the published base (rebuilt when it changed, checked once a second)."""
    return _cache.get()


def version() -> str:
    """Names the published base the catalogue holds, the same in every process: public answers are
    cached under it (``web/caching.py``), so a change makes the older ones unreachable."""
    _cache.get()
    return hashlib.sha256(repr(_cache.version).encode()).hexdigest()[:16]


def changed(**_: object) -> None:
    """Ask the database at the next request (a signal: an entry or a partner was saved or deleted here)."""
    _cache.checked = 0.0


def forget() -> None:
    """Drop the catalogue (tests that change the base within a second)."""
    _cache.clear()
