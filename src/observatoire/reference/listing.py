"""The vocabulary as French tables (title, headers, rows), for the ``observatoire vocabulary`` command and
any other plain-text listing; the caller chooses how to draw them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING

from observatoire.messages import t
from observatoire.reference.catalog import Catalog

if TYPE_CHECKING:
    from observatoire.reference import vocabulary as v

Row = tuple[str, ...]


@dataclass(frozen=True)
class Listing:
    """One vocabulary as a table: French title and headers, one row per entry, in the vocabulary's order."""

    title: str
    headers: Row
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class _Kind:
    code: str
    title: str  # message key
    headers: tuple[str, ...]
    rows: Callable[[ModuleType], list[Row]]  # of the vocabulary module, imported only to list (slow)

    @property
    def label(self) -> str:
        """The title without its count: « Les modèles de partenariat »."""
        return " ".join(t(self.title, count="").split())


def _segments(population: v.Population) -> str:
    return ", ".join(segment.label for segment in population.segments)


@cache
def _kinds() -> Catalog[_Kind]:
    kinds = [
        _Kind(
            "dimensions",
            ("reference.listing.dimensions"),
            ("code", "label", "domains"),
            lambda v: [
                (d.code, d.label, ", ".join(x.code for x in v.domains(d.code))) for d in v.dimensions()
            ],
        ),
        _Kind(
            "domaines",
            ("reference.listing.domains"),
            ("code", "dimension", "label", "short_label"),
            lambda v: [(d.code, d.dimension.label, d.label, d.short_label) for d in v.domains()],
        ),
        _Kind(
            "populations",
            ("reference.listing.populations"),
            ("code", "label", "segments"),
            lambda v: [(p.code, p.label, _segments(p)) for p in v.populations()],
        ),
        _Kind(
            "categories",
            ("reference.listing.categories"),
            ("code", "label", "definition"),
            lambda v: [(c.code, c.label, c.definition) for c in v.partnership_categories()],
        ),
        _Kind(
            "modeles",
            ("reference.listing.models"),
            ("code", "category", "label", "definition"),
            lambda v: [(m.code, m.category.label, m.label, m.definition) for m in v.partnership_models()],
        ),
        _Kind(
            "activites",
            ("reference.listing.catalysts"),
            ("code", "label", "activities"),
            lambda v: [(a.code, a.label, " ; ".join(a.activities)) for a in v.catalyst_activities()],
        ),
        _Kind(
            "impacts",
            ("reference.listing.impacts"),
            ("code", "label", "name"),
            lambda v: [(i.code, i.label, i.name) for i in v.impacts()],
        ),
        _Kind(
            "leviers",
            ("reference.listing.levers"),
            ("code", "label", "questions"),
            lambda v: [(lever.code, lever.label, " ".join(lever.questions)) for lever in v.levers()],
        ),
        _Kind(
            "leviers-associatifs",
            ("reference.listing.association_levers"),
            ("code", "label", "question"),
            lambda v: [(lever.code, lever.label, lever.question) for lever in v.association_levers()],
        ),
        _Kind(
            "programmes",
            ("reference.listing.programmes"),
            ("code", "label", "period", "objective"),
            lambda v: [(p.code, p.label, p.period, p.objective) for p in v.programmes()],
        ),
        _Kind(
            "etudes",
            ("reference.listing.studies"),
            ("code", "programme", "population", "fieldwork"),
            lambda v: [(s.code, s.programme, s.population.code, ", ".join(s.fieldwork)) for s in v.studies()],
        ),
    ]
    return Catalog("listing", kinds, lambda kind: ())


def listing_names() -> tuple[str, ...]:
    """The names ``listing`` accepts, e.g. ``domaines``, ``modeles``, ``leviers``."""
    return _kinds().codes


def listing(name: str) -> Listing:
    """The vocabulary ``name`` (accents and case do not count) as a French table."""
    kind = _kinds().get(name)
    from observatoire.reference import vocabulary

    rows = tuple(kind.rows(vocabulary))
    headers = tuple(t(f"reference.column.{header}") for header in kind.headers)
    return Listing(title=t(kind.title, count=len(rows)), headers=headers, rows=rows)
