"""Loading the packaged territory tables into lookup structures, once per process.

The tables under ``data/territories`` are derived by ``scripts/build_territories.py`` (see ``SOURCES.md``
there); the groupings (survey regions, macro-regions, pre-2016 régions) are hand-written tables in the same
folder. Only the standard library reads them, so that a first lookup stays well under a second.
"""

from __future__ import annotations

import csv
import functools
import gzip
import io
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources

from observatoire.reference.text import fold

NATION = "nation"
REGION = "region"
SURVEY_REGION = "survey_region"
MACRO_REGION = "macro_region"
DEPARTEMENT = "departement"
EPCI = "epci"
COMMUNE = "commune"
REGION_2015 = "region_2015"
#: Every territory level, largest first: the order in which a name that several levels share is resolved.
LEVELS = (NATION, REGION, DEPARTEMENT, COMMUNE, SURVEY_REGION, MACRO_REGION, EPCI, REGION_2015)

NATION_CODE = "FR"
NATION_NAME = "France"
#: Vintage of the committed tables: INSEE Code officiel géographique and "populations légales".
COG_YEAR = 2026
POPULATION_YEAR = 2023

_FOLDER = ("data", "territories")


@dataclass(frozen=True, slots=True)
class Territory:
    """One territory at one level; parent codes are INSEE codes (SIREN for an EPCI), ``None`` when none.

    ``members`` lists the régions a grouping (survey region, macro-region, nation) is made of, or the
    départements of a pre-2016 région; ``region`` of a pre-2016 région is the région it belongs to today.
    ``population`` is the "population municipale" of :data:`POPULATION_YEAR`, summed over communes.
    """

    level: str
    code: str
    name: str
    population: int
    region: str | None = None
    departement: str | None = None
    epci: str | None = None
    members: tuple[str, ...] = ()
    postcodes: tuple[str, ...] = ()
    overseas: bool = False

    @property
    def key(self) -> str:
        """``"commune:13055"``: unique across levels, where a bare code is not ("93" is a région and a
        département)."""
        return f"{self.level}:{self.code}"


class Communes(Mapping[str, Territory]):
    """Communes by code, each made a :class:`Territory` on first access: a command touches a handful of
    35,000, and making them all would double the loading time."""

    def __init__(self) -> None:
        self.rows: dict[str, list[str]] = {}
        self._made: dict[str, Territory] = {}

    def __getitem__(self, code: str) -> Territory:
        made = self._made.get(code)
        if made is None:
            _, name, departement, region, epci, population, postcodes = self.rows[code][:7]
            made = self._made[code] = Territory(
                COMMUNE,
                code,
                name,
                int(population),
                region=region,
                departement=departement,
                epci=epci or None,
                postcodes=tuple(postcodes.split()),
                overseas=len(departement) == 3,
            )
        return made

    def __contains__(self, code: object) -> bool:
        return code in self.rows

    def __iter__(self) -> Iterator[str]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


@dataclass
class Index:
    """Every territory by level and code, plus the secondary keys lookups use."""

    by_level: dict[str, Mapping[str, Territory]] = field(default_factory=dict)
    by_postcode: dict[str, tuple[str, ...]] = field(default_factory=dict)
    former_codes: dict[str, str] = field(default_factory=dict)
    aliases: dict[tuple[str, str], str] = field(default_factory=dict)
    children: dict[str, list[Territory]] = field(default_factory=lambda: defaultdict(list))
    #: commune codes of each département and EPCI (by :attr:`Territory.key`), made territories on demand
    commune_codes: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    survey_region_of: dict[str, str] = field(default_factory=dict)
    macro_region_of: dict[str, str] = field(default_factory=dict)
    region_2015_of: dict[str, str] = field(default_factory=dict)
    communes: Communes = field(default_factory=Communes)
    arrondissements: dict[str, str] = field(default_factory=dict)

    def get(self, level: str, code: str) -> Territory | None:
        return self.by_level[level].get(code)

    def by_key(self, key: str) -> Territory:
        """The territory of a :attr:`Territory.key` (``"commune:13055"``)."""
        level, code = key.split(":", 1)
        return self.by_level[level][code]

    def children_of(self, key: str) -> list[Territory]:
        if key in self.commune_codes:
            return [self.communes[code] for code in self.commune_codes[key]]
        return list(self.children.get(key, ()))

    def all(self) -> Iterator[Territory]:
        for level in LEVELS:
            yield from self.by_level[level].values()


def _rows(name: str, positional: bool = False) -> list:
    """The rows of a packaged table: dicts, or lists (header first) when ``positional``."""
    resource = resources.files("observatoire.reference").joinpath(*_FOLDER, name)
    data = resource.read_bytes()
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    text = io.StringIO(data.decode("utf-8"), newline="")
    return list(csv.reader(text)) if positional else list(csv.DictReader(text))


def _codes(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _add(index: Index, territory: Territory, parent: Territory | None = None) -> Territory:
    index.by_level[territory.level][territory.code] = territory  # type: ignore[index]
    if parent is not None:
        index.children[parent.key].append(territory)
    return territory


@functools.cache
def load() -> Index:
    """The packaged territories, read once (about 0.2 s for 35,000 communes)."""
    index = Index(by_level={level: {} for level in LEVELS})
    index.by_level[COMMUNE] = index.communes
    regions = {row["code"]: row for row in _rows("regions.csv")}
    region_population = {code: int(row["population"]) for code, row in regions.items()}
    nation = _add(
        index,
        Territory(NATION, NATION_CODE, NATION_NAME, sum(region_population.values()), members=tuple(regions)),
    )
    for code, row in regions.items():
        _add(
            index,
            Territory(REGION, code, row["name"], int(row["population"]), overseas=row["zone"] != "metro"),
            nation,
        )

    for level, name, mapping in (
        (SURVEY_REGION, "survey_regions.csv", index.survey_region_of),
        (MACRO_REGION, "macro_regions.csv", index.macro_region_of),
    ):
        for row in _rows(name):
            members = _codes(row["regions"])
            grouping = _add(
                index,
                Territory(
                    level,
                    row["code"],
                    row["name"],
                    sum(region_population[m] for m in members),
                    members=members,
                ),
            )
            for member in members:
                mapping[member] = grouping.code
                index.children[grouping.key].append(index.by_level[REGION][member])
            index.aliases[(level, grouping.code.upper())] = grouping.code  # lookups upper-case codes
            for alias in _codes(row.get("aliases") or ""):
                index.aliases[(level, alias.upper())] = grouping.code

    for row in _rows("departements.csv"):
        _add(
            index,
            Territory(
                DEPARTEMENT,
                row["code"],
                row["name"],
                int(row["population"]),
                region=row["region"],
                overseas=len(row["code"]) == 3,
            ),
            index.by_level[REGION][row["region"]],
        )
    departement_population = {code: t.population for code, t in index.by_level[DEPARTEMENT].items()}
    for row in _rows("regions_2015.csv"):
        members = _codes(row["departements"])
        old = _add(
            index,
            Territory(
                REGION_2015,
                row["code"],
                row["name"],
                sum(departement_population[m] for m in members),
                region=row["region"],
                members=members,
                overseas=row["code"] < "10",
            ),
        )
        for member in members:
            index.region_2015_of[member] = old.code
            index.children[old.key].append(index.by_level[DEPARTEMENT][member])

    for row in _rows("epci.csv"):
        _add(
            index,
            Territory(
                EPCI,
                row["siren"],
                row["name"],
                int(row["population"]),
                region=row["region"],
                departement=row["departement"],
                overseas=len(row["departement"]) == 3,
            ),
        )
    _load_communes(index)
    return index


def _load_communes(index: Index) -> None:
    """The communes, the bulk of the data: positional rows, kept as rows until asked for (see
    :class:`Communes`)."""
    postcodes: dict[str, list[str]] = defaultdict(list)
    rows = _rows("communes.csv.gz", positional=True)
    expected = [
        "code",
        "name",
        "departement",
        "region",
        "epci",
        "population",
        "postcodes",
        "former_codes",
        "arrondissements",
        "search_key",
    ]
    if rows[0] != expected:
        raise ValueError(f"communes.csv.gz: columns {rows[0]}, expected {expected}")
    by_code = index.communes.rows
    for row in rows[1:]:
        code, departement, epci, codes, former, arrondissements = (
            row[0],
            row[2],
            row[4],
            row[6],
            row[7],
            row[8],
        )
        by_code[code] = row
        index.commune_codes[f"{DEPARTEMENT}:{departement}"].append(code)
        if epci:
            index.commune_codes[f"{EPCI}:{epci}"].append(code)
        if codes:
            for postcode in codes.split():
                postcodes[postcode].append(code)
        if former:
            for old in former.split():
                index.former_codes[old] = code
        if arrondissements:
            for arrondissement in arrondissements.split():
                index.arrondissements[arrondissement] = code
    index.by_postcode = {postcode: tuple(codes) for postcode, codes in postcodes.items()}
    for old in list(index.former_codes):
        if old in by_code:  # a code kept by the commune it merged into
            del index.former_codes[old]


@functools.cache
def names() -> dict[str, tuple[str, ...]]:
    """Territory keys (``"commune:13055"``) by folded name (:func:`~observatoire.reference.text.fold`), in
    :data:`LEVELS` order; communes come with their name already folded by the build."""
    by_name: dict[str, list[str]] = defaultdict(list)
    index = load()
    for level in LEVELS:
        if level == COMMUNE:
            for code, row in index.communes.rows.items():
                by_name[row[9]].append(f"{COMMUNE}:{code}")
        else:
            for territory in index.by_level[level].values():
                by_name[fold(territory.name)].append(territory.key)
    return {name: tuple(keys) for name, keys in by_name.items()}
