"""Search-as-you-type over territory names, codes and postcodes, for the web's search box.

A name matches when the folded query starts it or starts one of its words ("cote" finds
"Provence-Alpes-Côte d'Azur"), and so does a région's usual short name ("PACA", "Région Sud", "AURA",
``data/territories/region_short_names.csv``); a query with a digit matches codes and postcodes by prefix.
Results come: a whole name (or short name) typed exactly first, then names that start with the query before
names with a later word that does (a word typed whole is no exact match: « Provence » gives the région
before Alpes-de-Haute-Provence and Aix-en-Provence), then larger levels, then larger populations.
:func:`describe` says by which identifier a territory was found (« code postal 13001 », « code INSEE
13001 »): both exist and differ. A sorted key list answers a prefix with two binary searches, so a query
costs a few milliseconds once the index is built (built on first use).
"""

from __future__ import annotations

import bisect
import functools

from observatoire.messages import t
from observatoire.reference.territory_index import (
    COMMUNE,
    EPCI,
    LEVELS,
    MACRO_REGION,
    NATION,
    REGION,
    SURVEY_REGION,
    Territory,
    _rows,
    load,
    names,
)
from observatoire.reference.text import fold

#: Order of levels among equally good matches: what a person most likely looks for first.
_SEARCH_ORDER = {
    level: rank
    for rank, level in enumerate(
        ("nation", "region", "departement", "survey_region", "macro_region", "commune", "epci", "region_2015")
    )
}
assert set(_SEARCH_ORDER) == set(LEVELS)
_HIGH = "\U0010ffff"


@functools.cache
def short_names() -> dict[str, tuple[str, ...]]:
    """Région keys by folded short name (« paca » -> ``("region:93",)``)."""
    found: dict[str, list[str]] = {}
    for row in _rows("region_short_names.csv"):
        for name in row["short_names"].split("|"):
            found.setdefault(fold(name), []).append(f"{REGION}:{row['code']}")
    return {name: tuple(keys) for name, keys in found.items()}


@functools.cache
def _word_keys() -> tuple[list[str], list[tuple[int, str]]]:
    """Sorted (text, (starts the name?, territory key)): one text per word start of each folded name, and
    each région short name (as a name start)."""
    entries: list[tuple[str, int, str]] = []
    for name, keys in names().items():
        words = name.split(" ")
        for position in range(len(words)):
            text = " ".join(words[position:])
            entries.extend((text, 0 if position == 0 else 1, key) for key in keys)
    for name, keys in short_names().items():
        entries.extend((name, 0, key) for key in keys)
    entries.sort(key=lambda entry: entry[0])
    return [entry[0] for entry in entries], [(entry[1], entry[2]) for entry in entries]


@functools.cache
def _code_keys() -> tuple[list[str], list[str]]:
    """Sorted commune codes and postcodes, each with its commune's code."""
    index = load()
    entries = [(code, code) for code in index.communes]
    entries.extend((postcode, code) for postcode, codes in index.by_postcode.items() for code in codes)
    entries.sort()
    return [entry[0] for entry in entries], [entry[1] for entry in entries]


def _prefixed(keys: list[str], prefix: str) -> range:
    return range(bisect.bisect_left(keys, prefix), bisect.bisect_right(keys, prefix + _HIGH))


def search(query: str, limit: int = 10) -> list[Territory]:
    """Up to ``limit`` territories whose name, code or postcode starts with ``query``, best first."""
    text = query.strip()
    if not text or limit <= 0:
        return []
    ranked: dict[str, tuple[tuple[int, int, int, int], Territory]] = {}

    def offer(territory: Territory, exact: bool, word: int) -> None:
        whole = exact and word == 0
        rank = (0 if whole else 1, word, _SEARCH_ORDER[territory.level], -territory.population)
        if territory.key not in ranked or rank < ranked[territory.key][0]:
            ranked[territory.key] = (rank, territory)

    if any(character.isdigit() for character in text):
        code = text.upper().replace(" ", "")
        index = load()
        for level in LEVELS:
            found = index.get(level, code)
            if found is not None:
                offer(found, True, 0)
        keys, communes = _code_keys()
        for position in _prefixed(keys, code):
            offer(index.communes[communes[position]], keys[position] == code, 0)
    else:
        folded = fold(text)
        if not folded:
            return []
        keys, entries = _word_keys()
        index = load()
        for position in _prefixed(keys, folded):
            word, key = entries[position]
            offer(index.by_key(key), keys[position] == folded, word)
    return [territory for _, territory in sorted(ranked.values(), key=lambda item: item[0])[:limit]]


def describe(territory: Territory, query: str) -> str:
    """By which identifier ``query`` found ``territory``: « code postal 13001 » for a postcode, « code INSEE
    13001 » (« SIREN » for an EPCI) for a code, the code alone otherwise; never a postcode label on a code."""
    code = query.strip().upper().replace(" ", "")
    key = {
        EPCI: "reference.territory.code_siren",
        SURVEY_REGION: "reference.territory.code_plain",
        MACRO_REGION: "reference.territory.code_plain",
        NATION: "reference.territory.code_plain",
    }.get(territory.level, "reference.territory.code_insee")
    if any(character.isdigit() for character in code) and not territory.code.startswith(code):
        postcodes = [p for p in territory.postcodes if p.startswith(code)]
        if territory.level == COMMUNE and postcodes:
            return t("reference.territory.postcode", code=postcodes[0])
    return t(key, code=territory.code)
