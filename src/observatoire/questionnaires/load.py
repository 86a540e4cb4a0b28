"""Reading and checking the questionnaire files of ``observatoire/reference/data/questionnaires``.

A file is TOML (like the vocabulary): a header (``code``, ``version``, ``title``...), ``[[scales]]`` of
answers, ``[[levels]]`` (4 maturity levels), ``[[sections]]`` with their ``[[sections.items]]``, and
``[[rules]]`` mapping weak sections to recommendations. Everything is checked at load: a wrong type, an
unknown scale, section, lever, model or catalyst activity is refused with an
:class:`~observatoire.errors.InputError` naming the file and the line of the entry, so a broken definition
never reaches a respondent.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from observatoire.errors import InputError, Location, NotFoundError, toml_position
from observatoire.messages import t
from observatoire.numbers import significant
from observatoire.questionnaires.model import (
    ITEM_KINDS,
    MULTIPLE,
    Choice,
    Figure,
    Instrument,
    Item,
    Level,
    Option,
    Rule,
    Scale,
    Section,
)
from observatoire.reference import vocabulary
from observatoire.reference.datafiles import Record

_PACKAGE = "observatoire.reference"
_FOLDER = ("data", "questionnaires")
LEVEL_COUNT = 4
_CODE = re.compile(r"^[a-z0-9_]+$")
#: Option lists a scale may take from the vocabulary instead of writing them out.
VOCABULARY_LISTS: dict[str, Callable[[], tuple[Any, ...]]] = {
    "domains": vocabulary.domains,
    "partnership_categories": vocabulary.partnership_categories,
    "partnership_models": vocabulary.partnership_models,
    "catalyst_activities": vocabulary.catalyst_activities,
    "impacts": vocabulary.impacts,
    "levers": vocabulary.levers,
}


class _Entry(Record):
    """A vocabulary-file record that knows the line it starts on, plus the getters questionnaires need."""

    def __init__(self, table: Mapping[str, Any], file: str, line: int | None, where: str) -> None:
        super().__init__(table, file, where, line)
        self.table = table
        self.file = file
        self.line = line
        self.where = where

    def problem(self, message: str) -> InputError:
        """An error about this entry, naming its file and line."""
        return self._fail("", message)

    def code(self, key: str = "code") -> str:
        value = self.text(key).strip()
        if not _CODE.match(value):
            raise self.problem(t("questionnaires.load.code", field=key, value=value))
        return value

    def number(self, key: str, default: float | None = None, low: float = 0.0, high: float = 1e9) -> float:
        if key not in self.table and default is not None:
            return default
        value = self.table.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
            raise self.problem(t("questionnaires.load.number", field=key, low=_n(low), high=_n(high)))
        return float(value)

    def flag_or(self, key: str, default: bool) -> bool:
        return self.flag(key) if key in self.table else default


def _n(value: float) -> str:
    return significant(value)


class _Lines:
    """Where each ``[[name]]`` table starts in the file, in order (tomllib keeps no positions)."""

    def __init__(self, text: str) -> None:
        self._starts: dict[str, list[int]] = {}
        header = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_.]+)\s*\]\]")
        for number, line in enumerate(text.splitlines(), start=1):
            found = header.match(line)
            if found:
                self._starts.setdefault(found.group(1), []).append(number)
        self._taken: dict[str, int] = {}

    def next(self, name: str) -> int | None:
        """The line of the next ``[[name]]`` table (tables are read in file order)."""
        index = self._taken.get(name, 0)
        self._taken[name] = index + 1
        starts = self._starts.get(name, [])
        return starts[index] if index < len(starts) else None


def _entries(
    parent: _Entry, key: str, lines: _Lines, table_name: str, *, required: bool = True
) -> list[_Entry]:
    if key not in parent.table and not required:
        return []
    value = parent.table.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
        raise parent.problem(t("reference.data.type", field=key, expected=t("reference.data.entries")))
    entries = []
    for number, table in enumerate(value, start=1):
        code = table.get("code")
        name = f"{key} n° {number}" + (f" ({code})" if isinstance(code, str) else "")
        line = lines.next(table_name) or parent.line
        entries.append(_Entry(table, parent.file, line, name))
    return entries


def _unique(entries: list[_Entry], codes: list[str], kind: str) -> None:
    seen: set[str] = set()
    for entry, code in zip(entries, codes, strict=True):
        if code in seen:
            raise entry.problem(t("questionnaires.load.duplicate", kind=kind, code=code))
        seen.add(code)


def _options_from_vocabulary(entry: _Entry) -> tuple[Option, ...]:
    name = entry.text("from")
    if name not in VOCABULARY_LISTS:
        raise entry.problem(
            t("questionnaires.load.unknown_list", name=name, names=", ".join(VOCABULARY_LISTS))
        )
    return tuple(Option(value.code, value.label) for value in VOCABULARY_LISTS[name]())


def _scale(entry: _Entry, lines: _Lines) -> Scale:
    code = entry.code()
    if "from" in entry.table:
        return Scale(code, entry.text("label"), _options_from_vocabulary(entry))
    options_entries = _entries(entry, "options", lines, "scales.options")
    options = []
    for option in options_entries:
        not_applicable = option.flag_or("not_applicable", False)
        score = None if not_applicable else option.number("score")
        options.append(Option(option.code(), option.text("label"), score))
    _unique(options_entries, [o.code for o in options], "réponse")
    if sum(1 for o in options if o.score is not None) < 2:
        raise entry.problem(t("questionnaires.load.scale_too_short"))
    return Scale(code, entry.text("label"), tuple(options))


def _figure(entry: _Entry) -> Figure | None:
    value = entry.table.get("figure")
    if value is None:
        return None
    if not isinstance(value, dict):
        raise entry.problem(t("reference.data.type", field="figure", expected=t("reference.data.entries")))
    figure = _Entry(value, entry.file, entry.line, f"{entry.where}, figure")
    population = figure.text("population")
    try:
        vocabulary.population(population)
    except NotFoundError as error:
        raise figure.problem(str(error)) from error
    return Figure(
        population=population,
        question=figure.text("question"),
        statistic=figure.text("statistic"),
        sentence=figure.text("sentence"),
        item=figure.optional_text("item"),
        objective=figure.flag_or("objective", False),
    )


def _item(entry: _Entry, scales: dict[str, Scale]) -> Item:
    kind = entry.table.get("kind", "single")
    if kind not in ITEM_KINDS:
        raise entry.problem(t("questionnaires.load.kind", kind=kind, kinds=", ".join(ITEM_KINDS)))
    scale_code = entry.text("scale")
    if scale_code not in scales:
        raise entry.problem(
            t("questionnaires.load.unknown", kind="échelle", code=scale_code, known=", ".join(scales))
        )
    scale = scales[scale_code]
    if kind != MULTIPLE and scale.options and all(o.score is None for o in scale.options):
        raise entry.problem(t("questionnaires.load.scale_too_short"))
    return Item(
        code=entry.code(),
        text=entry.text("text"),
        kind=kind,
        scale=scale,
        required=entry.flag_or("required", kind != MULTIPLE),
        weight=entry.number("weight", 1.0, low=0.01, high=100),
        help=entry.optional_text("help"),
        figure=_figure(entry),
        comment=entry.flag_or("comment", False),
    )


def _check_codes(entry: _Entry, key: str, known: Callable[[str], object], kind: str) -> tuple[str, ...]:
    codes = entry.texts(key, required=False)
    for code in codes:
        try:
            known(code)
        except NotFoundError as error:
            raise entry.problem(
                t("questionnaires.load.unknown_code", kind=kind, code=code, error=error)
            ) from error
    return codes


def _vocabulary_code(finder: Callable[[str], Any]) -> Callable[[str], None]:
    """A check that ``code`` is a vocabulary code itself (not merely a label or an alias of one)."""

    def check(code: str) -> None:
        found = finder(code)
        if found.code != code:
            raise NotFoundError(t("questionnaires.load.not_a_code", code=code, right=found.code))

    return check


def _section(entry: _Entry, lines: _Lines, scales: dict[str, Scale]) -> Section:
    items = [_item(item, scales) for item in _entries(entry, "items", lines, "sections.items")]
    return Section(
        code=entry.code(),
        label=entry.text("label"),
        description=entry.text("description"),
        items=tuple(items),
        weight=entry.number("weight", 1.0, low=0.01, high=100),
        levers=_check_codes(entry, "levers", _vocabulary_code(vocabulary.lever), "levier"),
    )


def _levels(root: _Entry, lines: _Lines) -> tuple[Level, ...]:
    """The maturity levels: exactly four, or none for an instrument that is not scored into levels (a
    local consultation, whose answers are estimated rather than scored)."""
    entries = _entries(root, "levels", lines, "levels", required=False)
    if not entries:
        return ()
    if len(entries) != LEVEL_COUNT:
        raise root.problem(t("questionnaires.load.level_count", count=LEVEL_COUNT, found=len(entries)))
    levels: list[Level] = []
    for rank, entry in enumerate(entries, start=1):
        if entry.integer("rank") != rank:
            raise entry.problem(t("questionnaires.load.level_rank", rank=rank))
        minimum = entry.number("minimum", low=0, high=100)
        if (rank == 1 and minimum != 0) or (levels and minimum <= levels[-1].minimum):
            raise entry.problem(t("questionnaires.load.level_minimum"))
        levels.append(Level(rank, entry.text("name"), entry.text("description"), minimum))
    return tuple(levels)


def _rule(entry: _Entry, sections: dict[str, Section]) -> Rule:
    section = entry.code("section")
    if section not in sections:
        raise entry.problem(
            t("questionnaires.load.unknown", kind="section", code=section, known=", ".join(sections))
        )
    return Rule(
        section=section,
        below=entry.number("below", low=0.01, high=100),
        text=entry.text("text"),
        levers=_check_codes(entry, "levers", _vocabulary_code(vocabulary.lever), "levier"),
        models=_check_codes(
            entry, "models", _vocabulary_code(vocabulary.partnership_model), "modèle de partenariat"
        ),
        catalysts=_check_codes(
            entry, "catalysts", _vocabulary_code(vocabulary.catalyst_activity), "métier de catalyse"
        ),
    )


def _choices(root: _Entry, key: str, lines: _Lines, *, required: bool = True) -> tuple[Choice, ...]:
    """The respondent's profile values; a grid with no population asks no profile."""
    entries = _entries(root, key, lines, key, required=required)
    choices = [Choice(entry.code(), entry.text("label")) for entry in entries]
    _unique(entries, [c.code for c in choices], key)
    return tuple(choices)


def _header(root: _Entry, file: str) -> tuple[str, int, str | None]:
    """Code, version and population of the file (none for a grid any partner answers), checked."""
    version = root.integer("version")
    if version < 1:
        raise root.problem(t("reference.data.version"))
    code = root.code()
    if file.endswith(".toml") and Path(file).stem.split(".v")[0] != code:
        raise root.problem(t("questionnaires.load.file_code", code=code))
    population = root.optional_text("population")
    if population is None:
        return code, version, None
    try:
        vocabulary.population(population)
    except NotFoundError as error:
        raise root.problem(str(error)) from error
    return code, version, population


def _scales(root: _Entry, lines: _Lines) -> dict[str, Scale]:
    scales: dict[str, Scale] = {}
    for entry in _entries(root, "scales", lines, "scales"):
        scale = _scale(entry, lines)
        if scale.code in scales:
            raise entry.problem(t("questionnaires.load.duplicate", kind="échelle", code=scale.code))
        scales[scale.code] = scale
    return scales


def _sections(root: _Entry, lines: _Lines, scales: dict[str, Scale]) -> list[Section]:
    """The sections, each code unique across sections and items, each with a scored item."""
    entries = _entries(root, "sections", lines, "sections")
    sections = [_section(entry, lines, scales) for entry in entries]
    _unique(entries, [s.code for s in sections], "section")
    seen: set[str] = {s.code for s in sections}
    for entry, section in zip(entries, sections, strict=True):
        for item in section.items:
            if item.code in seen:
                raise entry.problem(t("questionnaires.load.duplicate", kind="question", code=item.code))
            seen.add(item.code)
        if not section.scored_items:
            raise entry.problem(t("questionnaires.load.no_scored_item"))
    return sections


def _root(text: str, file: str) -> tuple[_Entry, _Lines]:
    """The top entry of a TOML definition (``file`` is named in errors) and its lines, for every loader."""
    try:
        content = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:  # its reason is English: keep its line and column only
        line, column = toml_position(error)
        raise InputError(t("questionnaires.load.bad_toml", column=column), Location(file, line)) from error
    return _Entry(content, file, None, ""), _Lines(text)


def parse_instrument(text: str, file: str) -> Instrument:
    """The instrument written in ``text`` (the content of ``file``, named in errors), checked."""
    root, lines = _root(text, file)
    code, version, population = _header(root, file)
    scales = _scales(root, lines)
    levels = _levels(root, lines)
    sections = _sections(root, lines, scales)
    by_code = {s.code: s for s in sections}
    rules = tuple(_rule(entry, by_code) for entry in _entries(root, "rules", lines, "rules", required=False))
    return Instrument(
        code=code,
        version=version,
        title=root.text("title"),
        audience=root.text("audience"),
        description=root.text("description"),
        population=population,
        minutes=root.integer("minutes"),
        sources=root.texts("source", required=False),
        sections=tuple(sections),
        levels=levels,
        rules=rules,
        # a self-assessment (population and levels) asks a profile; a grid or a consultation does not
        actors=_choices(root, "actors", lines, required=population is not None and bool(levels)),
        sizes=_choices(root, "sizes", lines, required=population is not None and bool(levels)),
    )


def load_file(path: Path) -> Instrument:
    """An instrument from a file on disk (to check a draft before it is packaged)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(
            t("questionnaires.load.unreadable", error=error), Location(file=path.name)
        ) from error
    return parse_instrument(text, path.name)


INSTRUMENT_CODES = ("territoire", "entreprise", "association")
#: Evaluation grids: read by the same machinery, offered by the evaluations (not as self-assessments).
GRID_CODES = ("evaluation_partenariale",)
#: Instruments that are not self-assessments: loaded by code, never offered in the self-assessment list.
OTHER_CODES = ("consultation",)


@cache
def instrument(code: str, version: int | None = None) -> Instrument:
    """The packaged instrument ``code``: its current version (``<code>.toml``), or an earlier ``version``
    kept as ``<code>.v<version>.toml`` when a definition changes, so a stored result is read with the
    definition it was made with. Read and checked once per process."""
    if code not in INSTRUMENT_CODES + GRID_CODES + OTHER_CODES:
        known = ", ".join(INSTRUMENT_CODES + GRID_CODES + OTHER_CODES)
        raise NotFoundError(t("questionnaires.unknown_instrument", code=code, codes=known))
    folder = resources.files(_PACKAGE).joinpath(*_FOLDER)
    current = parse_instrument(folder.joinpath(f"{code}.toml").read_text(encoding="utf-8"), f"{code}.toml")
    if version is None or version == current.version:
        return current
    name = f"{code}.v{version}.toml"
    resource = folder.joinpath(name)
    if not resource.is_file():
        raise NotFoundError(t("questionnaires.unknown_version", code=code, version=version))
    found = parse_instrument(resource.read_text(encoding="utf-8"), name)
    if found.version != version:
        raise InputError(t("questionnaires.load.version_name", version=found.version), Location(file=name))
    return found


def instruments() -> tuple[Instrument, ...]:
    """The self-assessment instruments, in the order they are offered."""
    return tuple(instrument(code) for code in INSTRUMENT_CODES)
