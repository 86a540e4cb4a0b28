"""Search-as-you-type over territory names, codes and postcodes, for the web's search box.

A name matches when the folded query starts it or starts one of its words ("cote" finds
"Provence-Alpes-Côte d'Azur"); a query with a digit matches codes and postcodes by prefix. Results come
whole names first, then larger levels, then larger populations. A sorted key list answers a prefix with two
binary searches, so a query costs a few milliseconds once the index is built (built on first use).
"""

from __future__ import annotations

import bisect
import functools

from observatoire.reference.territory_index import LEVELS, Territory, load, names
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
def _word_keys() -> tuple[list[str], list[tuple[int, str]]]:
    """Sorted (text, (starts the name?, territory key)): one text per word start of each folded name."""
    entries: list[tuple[str, int, str]] = []
    for name, keys in names().items():
        words = name.split(" ")
        for position in range(len(words)):
            text = " ".join(words[position:])
            entries.extend((text, 0 if position == 0 else 1, key) for key in keys)
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
        rank = (0 if exact else 1, word, _SEARCH_ORDER[territory.level], -territory.population)
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
