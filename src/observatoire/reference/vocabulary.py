"""The shared vocabulary: fragility domains, surveyed populations, partnership typology, catalysts, impacts,
levers and study programmes, as typed, immutable values read once from the packaged data files.

Codes are the contract of DESIGN.md (data files, API, URLs use them); labels are the seeds' French
wording. Every ``<thing>(query)`` accessor accepts a code, a label or an alias, whatever the accents and
case, and raises :class:`~observatoire.errors.NotFoundError` naming the closest codes otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from observatoire.errors import NotFoundError
from observatoire.messages import t
from observatoire.reference.catalog import Catalog, Entry
from observatoire.reference.datafiles import DataFile, Record, read_data_file

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

    code: str
    label: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Domain:
    """A fragility domain: ``label`` is the seeds' wording, ``short_label`` fits a chart axis."""

    code: str
    label: str
    short_label: str
    description: str
    dimension: Dimension
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Segment:
    """A part of a population the studies report apart: a company size class, employing associations...

    ``headcount_min``/``headcount_max`` bound the number of employees (inclusive; None is unbounded).
    """

    code: str
    label: str
    name: str
    definition: str
    practices: str | None = None
    headcount_min: int | None = None
    headcount_max: int | None = None
    aliases: tuple[str, ...] = ()

    def includes(self, headcount: int) -> bool:
        """Whether an organisation with ``headcount`` employees belongs to this segment."""
        above = self.headcount_min is None or headcount >= self.headcount_min
        below = self.headcount_max is None or headcount <= self.headcount_max
        return above and below


@dataclass(frozen=True)
class Population:
    """A surveyed population; ``regard`` marks the 4 "regards croisés" (all but the foundations)."""

    code: str
    label: str
    description: str
    regard: bool
    segmentation: str | None = None
    segments: tuple[Segment, ...] = ()
    aliases: tuple[str, ...] = ()

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

    code: str
    label: str
    definition: str
    objective: str
    since: str
    summary: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class PartnershipModel:
    """One of the 9 partnership models, with seed 001's definition and examples."""

    code: str
    label: str
    category: PartnershipCategory
    definition: str
    examples: tuple[str, ...]
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class CatalystActivity:
    """One of the 4 "métiers de la co-construction" of territorial catalysts, with its activities."""

    code: str
    label: str
    activities: tuple[str, ...]
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Impact:
    """One of the 3 impacts of alliances; ``name`` is the seeds' full phrase."""

    code: str
    label: str
    name: str
    description: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lever:
    """One of the 7 levers of an innovative project, with the questions to ask oneself."""

    code: str
    label: str
    questions: tuple[str, ...]
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class AssociationLever:
    """One of the 3 levers of the association socio-economic model, its question and components."""

    code: str
    label: str
    question: str
    components: tuple[str, ...]
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Study:
    """One population surveyed in one programme (IMPACT-Citoyens...); ``fieldwork`` months the seeds cite."""

    code: str
    programme: str
    population: Population
    fieldwork: tuple[str, ...]

    @property
    def label(self) -> str:
        return self.code


@dataclass(frozen=True)
class Programme:
    """One of the Observatoire's five-year study programmes (ARPEA, PHARE, IMPACT)."""

    code: str
    label: str
    start_year: int
    end_year: int
    objective: str
    studies: tuple[Study, ...] = ()
    aliases: tuple[str, ...] = ()

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
    """The 16 domains in dimension order then the seeds' order, or those of one dimension."""
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
    """The 9 models in seed 001's order, or those of one category."""
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
    """Name, version and seed sources of every vocabulary file, e.g. to stamp a build with them."""
    return tuple(_read(name)[0] for name in DATA_FILES)


# --- loading ------------------------------------------------------------------------------------------


E = TypeVar("E", bound=Entry)


def _names(entry: object) -> tuple[str, ...]:
    return getattr(entry, "aliases", ())


def _segment_names(segment: Segment) -> tuple[str, ...]:
    return (segment.name, *segment.aliases)


def _aliases(record: Record) -> tuple[str, ...]:
    return record.texts("aliases", required=False)


@cache
def _read(name: str) -> tuple[DataFile, Record]:
    return read_data_file(name)


def _catalog(kind: str, file: str, entries: Sequence[E]) -> Catalog[E]:
    return Catalog(kind, entries, _names, source=f"{file}.toml")


@cache
def _dimensions() -> Catalog[Dimension]:
    _, root = _read("domains")
    entries = [Dimension(r.text("code"), r.text("label"), _aliases(r)) for r in root.records("dimensions")]
    return _catalog("dimension", "domains", entries)


@cache
def _domains() -> Catalog[Domain]:
    _, root = _read("domains")
    dimensions_ = _dimensions()
    entries = []
    for r in root.records("domains"):
        found = dimensions_.find(r.text("dimension"))
        if found is None:
            raise r.fail("dimension", dimensions_.unknown_message(r.text("dimension")))
        entries.append(
            Domain(
                code=r.text("code"),
                label=r.text("label"),
                short_label=r.text("short_label"),
                description=r.text("description"),
                dimension=found,
                aliases=_aliases(r),
            )
        )
    order = [d.code for d in dimensions_]
    entries.sort(key=lambda d: order.index(d.dimension.code))  # stable: keeps the seeds' order within
    return Catalog("domain", entries, lambda d: (d.short_label, *d.aliases), source="domains.toml")


@cache
def _populations() -> Catalog[Population]:
    _, root = _read("populations")
    entries = []
    for r in root.records("populations"):
        segments = tuple(
            Segment(
                code=s.text("code"),
                label=s.text("label"),
                name=s.text("name"),
                definition=s.text("definition"),
                practices=s.optional_text("practices"),
                headcount_min=s.optional_integer("headcount_min"),
                headcount_max=s.optional_integer("headcount_max"),
                aliases=_aliases(s),
            )
            for s in r.records("segments", required=False)
        )
        Catalog("segment", segments, _segment_names, source="populations.toml")  # rejects ambiguous names
        entries.append(
            Population(
                code=r.text("code"),
                label=r.text("label"),
                description=r.text("description"),
                regard=r.flag("regard"),
                segmentation=r.optional_text("segmentation"),
                segments=segments,
                aliases=_aliases(r),
            )
        )
    return _catalog("population", "populations", entries)


@cache
def _partnerships() -> tuple[Catalog[PartnershipCategory], Catalog[PartnershipModel]]:
    _, root = _read("partnerships")
    categories = _catalog(
        "partnership_category",
        "partnerships",
        [
            PartnershipCategory(
                code=r.text("code"),
                label=r.text("label"),
                definition=r.text("definition"),
                objective=r.text("objective"),
                since=r.text("since"),
                summary=r.text("summary"),
                aliases=_aliases(r),
            )
            for r in root.records("categories")
        ],
    )
    models = []
    for r in root.records("models"):
        category = categories.find(r.text("category"))
        if category is None:
            raise r.fail("category", categories.unknown_message(r.text("category")))
        models.append(
            PartnershipModel(
                code=r.text("code"),
                label=r.text("label"),
                category=category,
                definition=r.text("definition"),
                examples=r.texts("examples"),
                aliases=_aliases(r),
            )
        )
    return categories, _catalog("partnership_model", "partnerships", models)


@cache
def _catalysts() -> Catalog[CatalystActivity]:
    _, root = _read("catalysts")
    entries = [
        CatalystActivity(r.text("code"), r.text("label"), r.texts("activities"), _aliases(r))
        for r in root.records("activities")
    ]
    return _catalog("catalyst_activity", "catalysts", entries)


@cache
def _impacts() -> Catalog[Impact]:
    _, root = _read("impacts")
    entries = [
        Impact(r.text("code"), r.text("label"), r.text("name"), r.text("description"), _aliases(r))
        for r in root.records("impacts")
    ]
    return Catalog("impact", entries, lambda i: (i.name, *i.aliases), source="impacts.toml")


@cache
def _levers() -> Catalog[Lever]:
    _, root = _read("levers")
    entries = [
        Lever(r.text("code"), r.text("label"), r.texts("questions"), _aliases(r))
        for r in root.records("levers")
    ]
    return _catalog("lever", "levers", entries)


@cache
def _association_levers() -> Catalog[AssociationLever]:
    _, root = _read("association_model")
    entries = [
        AssociationLever(
            r.text("code"), r.text("label"), r.text("question"), r.texts("components"), _aliases(r)
        )
        for r in root.records("levers")
    ]
    return _catalog("association_lever", "association_model", entries)


@cache
def _programmes() -> tuple[Catalog[Programme], Catalog[Study]]:
    _, root = _read("programmes")
    populations_ = _populations()
    entries = []
    for r in root.records("programmes"):
        code = r.text("code")
        studies_ = []
        for s in r.records("studies", required=False):
            found = populations_.find(s.text("population"))
            if found is None:
                raise s.fail("population", populations_.unknown_message(s.text("population")))
            studies_.append(Study(s.text("code"), code, found, s.texts("fieldwork")))
        entries.append(
            Programme(
                code=code,
                label=r.text("label"),
                start_year=r.integer("start_year"),
                end_year=r.integer("end_year"),
                objective=r.text("objective"),
                studies=tuple(studies_),
                aliases=_aliases(r),
            )
        )
    programmes_ = _catalog("programme", "programmes", entries)
    every_study = [s for p in entries for s in p.studies]
    return programmes_, Catalog("study", every_study, lambda s: (), source="programmes.toml")
