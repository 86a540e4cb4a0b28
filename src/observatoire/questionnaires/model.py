"""The questionnaire model: an instrument is sections of items answered on scales, with weights, maturity
levels and rules. It is general on purpose: self-assessments, partnership evaluation grids and local
consultations all read the same model from versioned data files (``reference/data/questionnaires``).

Values are immutable; an instrument is identified by ``code`` and ``version`` (a changed definition is a
new version, and a result keeps the version it was made with).
"""

from __future__ import annotations

from dataclasses import dataclass, field

SINGLE = "single"  # one option of a scale, scored
MULTIPLE = "multiple"  # several options of a list, not scored (priorities, partner types...)
ITEM_KINDS = (SINGLE, MULTIPLE)


@dataclass(frozen=True)
class Option:
    """One possible answer: ``score`` is ``None`` for « non applicable » (it lowers the potential)."""

    code: str
    label: str
    score: float | None = None

    @property
    def not_applicable(self) -> bool:
        return self.score is None


@dataclass(frozen=True)
class Scale:
    """A list of answers shared by several items; ``maximum`` is the best score it offers."""

    code: str
    label: str
    options: tuple[Option, ...]

    @property
    def maximum(self) -> float:
        return max(o.score for o in self.options if o.score is not None)

    @property
    def minimum(self) -> float:
        return min(o.score for o in self.options if o.score is not None)

    def option(self, code: str) -> Option | None:
        return next((o for o in self.options if o.code == code), None)


@dataclass(frozen=True)
class Figure:
    """A published survey figure an item matches (read through ``observatoire.diagnosis``): which
    population, question, item and statistic, and the French sentence that presents it."""

    population: str
    question: str
    statistic: str
    sentence: str
    item: str | None = None  # None: the figure of each answer the respondent chose (a ``multiple`` item)
    objective: bool = False  # also show the objective fragility index of each chosen domain


@dataclass(frozen=True)
class Item:
    """A question. ``scale`` gives the answers of a ``single`` item; a ``multiple`` item offers
    ``choices`` (e.g. the 16 domains) and is not scored."""

    code: str
    text: str
    kind: str
    scale: Scale
    required: bool = True
    weight: float = 1.0
    help: str | None = None
    figure: Figure | None = None
    comment: bool = False  # the respondent may add a free comment to its answer (evaluation grids)

    @property
    def scored(self) -> bool:
        return self.kind == SINGLE


@dataclass(frozen=True)
class Section:
    """A group of items shown on one page; for a self-assessment, an axis with its ``weight`` in the
    overall score and the ``levers`` (vocabulary codes) it works on."""

    code: str
    label: str
    description: str
    items: tuple[Item, ...]
    weight: float = 1.0
    levers: tuple[str, ...] = ()

    @property
    def scored_items(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.scored)


@dataclass(frozen=True)
class Level:
    """A maturity level (rank 1-4): reached from ``minimum`` (0-100) on."""

    rank: int
    name: str
    description: str
    minimum: float


@dataclass(frozen=True)
class Rule:
    """When a section's score is below ``below``, recommend this: a sentence, and the levers, partnership
    models and catalyst activities (vocabulary codes) to work with."""

    section: str
    below: float
    text: str
    levers: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    catalysts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Choice:
    """One value of a respondent's profile (actor type, size band)."""

    code: str
    label: str


@dataclass(frozen=True)
class Instrument:
    """A versioned questionnaire read from ``<code>.toml``."""

    code: str
    version: int
    title: str
    audience: str
    description: str
    population: str | None  # None: any respondent (an evaluation grid answered by every partner)
    minutes: int
    sources: tuple[str, ...]
    sections: tuple[Section, ...]
    levels: tuple[Level, ...]
    rules: tuple[Rule, ...] = ()
    actors: tuple[Choice, ...] = ()
    sizes: tuple[Choice, ...] = ()
    _items: dict[str, Item] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._items.update({item.code: item for section in self.sections for item in section.items})

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(self._items.values())

    def item(self, code: str) -> Item | None:
        return self._items.get(code)

    def section(self, code: str) -> Section | None:
        return next((s for s in self.sections if s.code == code), None)

    def level(self, rank: int) -> Level:
        return self.levels[rank - 1]

    def actor(self, code: str) -> Choice | None:
        return next((c for c in self.actors if c.code == code), None)

    def size(self, code: str) -> Choice | None:
        return next((c for c in self.sizes if c.code == code), None)
