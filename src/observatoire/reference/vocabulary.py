"""The shared vocabulary: fragility domains, surveyed populations, partnership typology, catalysts, impacts,
levers and study programmes, as typed, immutable values read once from the packaged data files.

Codes are the contract of DESIGN.md (data files, API, URLs use them); labels are the wording of the
Observatoire's publications (docs/DESIGN.md, Sources). Every ``<thing>(query)`` accessor accepts a code, a
label or an alias, whatever the accents and case, and raises :class:`~observatoire.errors.NotFoundError`
naming the closest codes otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from observatoire.errors import NotFoundError
from observatoire.messages import t
from observatoire.reference.catalog import Catalog, Entry
from observatoire.reference.datafiles import (
    DataFile,
    Flag,
    Integer,
    Text,
    entry_error,
    load_entries,
    read_data_file,
)

DATA_FILES = (
    "domains",
    "populations",
    "partnerships",
    "catalysts",
    "impacts",
    "levers",
    "association_model",
    "programmes",
)

# --- values -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dimension:
    """One of the 4 dimensions grouping the fragility domains (économique, sociale...)."""

    code: Text
    label: Text
    aliases: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Domain:
    """A fragility domain: ``label`` is the publications' wording, ``short_label`` fits a chart axis."""

    code: Text
    label: Text
    short_label: Text
    description: Text
    dimension: Dimension
    aliases: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Segment:
    """A part of a population the studies report apart: a company size class, employing associations...

    ``headcount_min``/``headcount_max`` bound the number of employees (inclusive; None is unbounded).
    """

    code: Text
    label: Text
    name: Text
    definition: Text
    practices: Text | None = None
    headcount_min: Integer | None = None
    headcount_max: Integer | None = None
    aliases: tuple[Text, ...] = ()

    def includes(self, headcount: int) -> bool:
        """Whether an organisation with ``headcount`` employees belongs to this segment."""
        above = self.headcount_min is None or headcount >= self.headcount_min
        below = self.headcount_max is None or headcount <= self.headcount_max
        return above and below


@dataclass(frozen=True)
class Population:
    """A surveyed population; ``regard`` marks the 4 "regards croisés" (all but the foundations)."""

    code: Text
    label: Text
    description: Text
    regard: Flag
    segmentation: Text | None = None
    segments: tuple[Segment, ...] = ()
    aliases: tuple[Text, ...] = ()

    def segment(self, query: str) -> Segment:
        """The segment named ``query`` (code, label, alias): ``population("entreprises").segment("PME")``."""
        return Catalog("segment", self.segments, _segment_names).get(query)

    def segment_for_headcount(self, headcount: int) -> Segment:
        """The segment an organisation with ``headcount`` employees falls in (company size class...)."""
        for segment in self.segments:
            if segment.includes(headcount):
                return segment
        raise NotFoundError(t("reference.no_segment", population=self.label, headcount=headcount))


@dataclass(frozen=True)
class PartnershipCategory:
    """One of the 4 partnership categories; ``definition`` is the questionnaires' wording."""

    code: Text
    label: Text
    definition: Text
    objective: Text
    since: Text
    summary: Text
    aliases: tuple[Text, ...] = ()


@dataclass(frozen=True)
class PartnershipModel:
    """One of the 9 partnership models, with the definition and examples of the kit « Apprendre à faire
    alliance »."""

    code: Text
    label: Text
    category: PartnershipCategory
    definition: Text
    examples: tuple[Text, ...]
    aliases: tuple[Text, ...] = ()


@dataclass(frozen=True)
class CatalystActivity:
    """One of the 4 "métiers de la co-construction" of territorial catalysts, with its activities."""

    code: Text
    label: Text
    activities: tuple[Text, ...]
    aliases: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Impact:
    """One of the 3 impacts of alliances; ``name`` is the publications' full phrase."""

    code: Text
    label: Text
    name: Text
    description: Text
    aliases: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Lever:
    """One of the 7 levers of an innovative project, with the questions to ask oneself."""

    code: Text
    label: Text
    questions: tuple[Text, ...]
    aliases: tuple[Text, ...] = ()


@dataclass(frozen=True)
class AssociationLever:
    """One of the 3 levers of the association socio-economic model, its question and components."""

    code: Text
    label: Text
    question: Text
    components: tuple[Text, ...]
    aliases: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Study:
    """One population surveyed in one programme (IMPACT-Citoyens...); ``fieldwork``: the months cited."""

    code: Text
    programme: Text
    population: Population
    fieldwork: tuple[Text, ...]

    @property
    def label(self) -> str:
        return self.code


@dataclass(frozen=True)
class Programme:
    """One of the Observatoire's five-year study programmes (ARPEA, PHARE, IMPACT)."""

    code: Text
    label: Text
    start_year: Integer
    end_year: Integer
    objective: Text
    studies: tuple[Study, ...] = ()
    aliases: tuple[Text, ...] = ()

    @property
    def period(self) -> str:
        return f"{self.start_year}-{self.end_year}"


# --- public accessors ---------------------------------------------------------------------------------


def dimensions() -> tuple[Dimension, ...]:
    """The 4 dimensions, in DESIGN.md's order."""
    return _dimensions().entries


def dimension(query: str) -> Dimension:
    return _dimensions().get(query)


def domains(dimension: str | None = None) -> tuple[Domain, ...]:
    """The 16 domains in dimension order then the publications' order, or those of one dimension."""
    if dimension is None:
        return _domains().entries
    wanted = _dimensions().get(dimension)
    return tuple(d for d in _domains() if d.dimension == wanted)


def domain(query: str) -> Domain:
    """The domain named ``query``: ``domain("sante")``, ``domain("Lutte contre l'exclusion")``..."""
    return _domains().get(query)


def domain_codes() -> tuple[str, ...]:
    return _domains().codes


def populations() -> tuple[Population, ...]:
    return _populations().entries


def population(query: str) -> Population:
    return _populations().get(query)


def partnership_categories() -> tuple[PartnershipCategory, ...]:
    return _partnerships()[0].entries


def partnership_category(query: str) -> PartnershipCategory:
    return _partnerships()[0].get(query)


def partnership_models(category: str | None = None) -> tuple[PartnershipModel, ...]:
    """The 9 models in the order of the kit « Apprendre à faire alliance », or those of one category."""
    if category is None:
        return _partnerships()[1].entries
    wanted = partnership_category(category)
    return tuple(m for m in _partnerships()[1] if m.category == wanted)


def partnership_model(query: str) -> PartnershipModel:
    return _partnerships()[1].get(query)


def catalyst_activities() -> tuple[CatalystActivity, ...]:
    return _catalysts().entries


def catalyst_activity(query: str) -> CatalystActivity:
    return _catalysts().get(query)


def impacts() -> tuple[Impact, ...]:
    return _impacts().entries


def impact(query: str) -> Impact:
    return _impacts().get(query)


def levers() -> tuple[Lever, ...]:
    return _levers().entries


def lever(query: str) -> Lever:
    return _levers().get(query)


def association_levers() -> tuple[AssociationLever, ...]:
    return _association_levers().entries


def association_lever(query: str) -> AssociationLever:
    return _association_levers().get(query)


def programmes() -> tuple[Programme, ...]:
    return _programmes()[0].entries


def programme(query: str) -> Programme:
    return _programmes()[0].get(query)


def studies() -> tuple[Study, ...]:
    return _programmes()[1].entries


def study(query: str) -> Study:
    """The study named ``query``: ``study("IMPACT-Citoyens")``."""
    return _programmes()[1].get(query)


def data_files() -> tuple[DataFile, ...]:
    """Name, version and sources of every vocabulary file, e.g. to stamp a build with them."""
    return tuple(_read(name)[0] for name in DATA_FILES)


# --- loading ------------------------------------------------------------------------------------------
# Every vocabulary is read by load_entries (pydantic, the dataclasses above as the schema); a loader here
# only says which file and table, how a code refers to another vocabulary, and by which names it is found.


E = TypeVar("E", bound=Entry)


def _names(entry: object) -> tuple[str, ...]:
    return getattr(entry, "aliases", ())


def _segment_names(segment: Segment) -> tuple[str, ...]:
    return (segment.name, *segment.aliases)


def _read(name: str) -> tuple[DataFile, dict[str, Any]]:
    return read_data_file(name)


def _refer(file: str, field: str, catalog: Catalog[Any]) -> Callable[[dict[str, Any], str], dict[str, Any]]:
    """A table's ``field`` (a code, label or alias) replaced by the entry of ``catalog`` it names."""

    def prepare(table: dict[str, Any], where: str) -> dict[str, Any]:
        name = table.get(field)
        found = catalog.find(name) if isinstance(name, str) else None
        if found is None:
            raise entry_error(file, where, catalog.unknown_message(str(name)))
        return {**table, field: found}

    return prepare


def _catalog(
    kind: str, file: str, entries: Sequence[E], names: Callable[[E], Iterable[str]] = _names
) -> Catalog[E]:
    return Catalog(kind, entries, names, source=f"{file}.toml")


@cache
def _dimensions() -> Catalog[Dimension]:
    return _catalog("dimension", "domains", load_entries("domains", "dimensions", Dimension))


@cache
def _domains() -> Catalog[Domain]:
    dimensions_ = _dimensions()
    entries = list(
        load_entries("domains", "domains", Domain, prepare=_refer("domains.toml", "dimension", dimensions_))
    )
    order = [d.code for d in dimensions_]
    entries.sort(key=lambda d: order.index(d.dimension.code))  # stable: keeps the publications' order within
    return _catalog("domain", "domains", entries, lambda d: (d.short_label, *d.aliases))


@cache
def _populations() -> Catalog[Population]:
    entries = load_entries("populations", "populations", Population)
    for entry in entries:
        _catalog("segment", "populations", entry.segments, _segment_names)  # rejects ambiguous names
    return _catalog("population", "populations", entries)


@cache
def _partnerships() -> tuple[Catalog[PartnershipCategory], Catalog[PartnershipModel]]:
    categories = _catalog(
        "partnership_category",
        "partnerships",
        load_entries("partnerships", "categories", PartnershipCategory),
    )
    refer = _refer("partnerships.toml", "category", categories)
    models = load_entries("partnerships", "models", PartnershipModel, prepare=refer)
    return categories, _catalog("partnership_model", "partnerships", models)


@cache
def _catalysts() -> Catalog[CatalystActivity]:
    return _catalog(
        "catalyst_activity", "catalysts", load_entries("catalysts", "activities", CatalystActivity)
    )


@cache
def _impacts() -> Catalog[Impact]:
    entries = load_entries("impacts", "impacts", Impact)
    return _catalog("impact", "impacts", entries, lambda i: (i.name, *i.aliases))


@cache
def _levers() -> Catalog[Lever]:
    return _catalog("lever", "levers", load_entries("levers", "levers", Lever))


@cache
def _association_levers() -> Catalog[AssociationLever]:
    entries = load_entries("association_model", "levers", AssociationLever)
    return _catalog("association_lever", "association_model", entries)


@cache
def _programmes() -> tuple[Catalog[Programme], Catalog[Study]]:
    refer = _refer("programmes.toml", "population", _populations())

    def prepare(table: dict[str, Any], where: str) -> dict[str, Any]:
        """A programme's studies with their population found and the programme's code."""
        studies_ = table.get("studies", [])
        if not isinstance(studies_, list):
            return table  # the loader says what is wrong
        named = [
            refer({**s, "programme": table.get("code")}, f"{where}, studies n° {n}")
            if isinstance(s, dict)
            else s
            for n, s in enumerate(studies_, start=1)
        ]
        return {**table, "studies": named}

    entries = load_entries("programmes", "programmes", Programme, prepare=prepare)
    every_study = [s for p in entries for s in p.studies]
    return _catalog("programme", "programmes", entries), _catalog(
        "study", "programmes", every_study, lambda s: ()
    )
