"""Loading the packaged territory tables into lookup structures, once per process.

The tables under ``data/territories`` are derived by ``scripts/build_territories.py`` (see ``SOURCES.md``
there); the groupings (survey regions, macro-regions, pre-2016 régions) are hand-written tables in the same
folder. Only the standard library reads them, so that a first lookup stays well under a second.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import gzip
import hashlib
import io
import marshal
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources

from observatoire.reference.text import fold
from observatoire.workspace import atomic_write, user_cache_dir

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
        #: each commune's row, its fields joined by :data:`FIELD_SEPARATOR` (one string a commune: 35,000
        #: strings unmarshal ten times faster than 350,000)
        self.rows: dict[str, str] = {}
        self._made: dict[str, Territory] = {}

    def __getitem__(self, code: str) -> Territory:
        made = self._made.get(code)
        if made is None:
            fields = self.rows[code].split(FIELD_SEPARATOR)
            _, name, departement, region, epci, population, postcodes = fields[:7]
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


def _resource(name: str) -> bytes:
    return resources.files("observatoire.reference").joinpath(*_FOLDER, name).read_bytes()


def _rows(name: str, positional: bool = False, data: bytes | None = None) -> list:
    """The rows of a packaged table: dicts, or lists (header first) when ``positional``."""
    data = _resource(name) if data is None else data
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


#: The communes table's columns, in order.
COMMUNE_COLUMNS = [
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
_COMMUNES = "communes.csv.gz"
FIELD_SEPARATOR = "\x1f"  # ASCII unit separator: in no name
_CACHE_FORMAT = 2  # a change to the cached tables' shape is a new number


def _load_communes(index: Index) -> None:
    """The communes, the bulk of the data: positional rows, kept as rows until asked for (see
    :class:`Communes`), and the lookups by département, EPCI, postcode, former code and arrondissement."""
    rows, commune_codes, postcodes, former_codes, arrondissements = _commune_tables()
    index.communes.rows = rows
    index.commune_codes.update(commune_codes)
    index.by_postcode = postcodes
    index.former_codes = former_codes
    index.arrondissements = arrondissements


_Tables = tuple[
    dict[str, str], dict[str, list[str]], dict[str, tuple[str, ...]], dict[str, str], dict[str, str]
]


def _commune_tables() -> _Tables:
    """The tables :func:`_load_communes` needs, from the user's cache when it holds those of this very
    file (named by its digest): reading 35,000 CSV rows and indexing them takes 0.25 s, unmarshalling
    the result 0.02 s. An unreadable cache is rebuilt; one that cannot be written is done without."""
    data = _resource(_COMMUNES)
    digest = hashlib.sha256(data).hexdigest()[:16]
    cached = user_cache_dir() / f"communes-{digest}-v{_CACHE_FORMAT}-{marshal.version}.marshal"
    with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
        found = marshal.loads(cached.read_bytes())
        if isinstance(found, tuple) and len(found) == 5:
            return found
    tables = _index_communes(_rows(_COMMUNES, positional=True, data=data))
    with contextlib.suppress(OSError), atomic_write(cached) as temporary:
        temporary.write_bytes(marshal.dumps(tables))
    return tables


def _index_communes(rows: list[list[str]]) -> _Tables:
    if rows[0] != COMMUNE_COLUMNS:
        raise ValueError(f"{_COMMUNES}: columns {rows[0]}, expected {COMMUNE_COLUMNS}")
    by_code: dict[str, str] = {}
    commune_codes: dict[str, list[str]] = defaultdict(list)
    postcodes: dict[str, list[str]] = defaultdict(list)
    former_codes: dict[str, str] = {}
    arrondissements: dict[str, str] = {}
    for row in rows[1:]:
        code, departement, epci, codes, former, parts = row[0], row[2], row[4], row[6], row[7], row[8]
        joined = by_code[code] = FIELD_SEPARATOR.join(row)
        if joined.count(FIELD_SEPARATOR) != len(COMMUNE_COLUMNS) - 1:
            raise ValueError(f"{_COMMUNES}: commune {code} has {len(row)} fields or a unit separator")
        commune_codes[f"{DEPARTEMENT}:{departement}"].append(code)
        if epci:
            commune_codes[f"{EPCI}:{epci}"].append(code)
        for postcode in codes.split():
            postcodes[postcode].append(code)
        for old in former.split():
            former_codes[old] = code
        for arrondissement in parts.split():
            arrondissements[arrondissement] = code
    for old in [old for old in former_codes if old in by_code]:
        del former_codes[old]  # a code kept by the commune it merged into
    return (
        by_code,
        dict(commune_codes),
        {postcode: tuple(codes) for postcode, codes in postcodes.items()},
        former_codes,
        arrondissements,
    )


@functools.cache
def names() -> dict[str, tuple[str, ...]]:
    """Territory keys (``"commune:13055"``) by folded name (:func:`~observatoire.reference.text.fold`), in
    :data:`LEVELS` order; communes come with their name already folded by the build."""
    by_name: dict[str, list[str]] = defaultdict(list)
    index = load()
    for level in LEVELS:
        if level == COMMUNE:
            for code, row in index.communes.rows.items():
                by_name[row.rsplit(FIELD_SEPARATOR, 1)[1]].append(f"{COMMUNE}:{code}")  # search_key, last
        else:
            for territory in index.by_level[level].values():
                by_name[fold(territory.name)].append(territory.key)
    return {name: tuple(keys) for name, keys in by_name.items()}
