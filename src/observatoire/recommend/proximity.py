"""How near a record is to a place: the ring it falls in, from the same commune or EPCI to all of France.

A territory is reduced to the codes of the units that contain it (EPCI, département, région,
macro-region); two territories share a ring when they share that unit. A record placed at the nation acts
everywhere: it is in the France ring, as is one in a région of another macro-region.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from enum import IntEnum

from observatoire.errors import NotFoundError
from observatoire.reference import territories
from observatoire.reference.territories import (
    COMMUNE,
    DEPARTEMENT,
    EPCI,
    MACRO_REGION,
    NATION,
    REGION,
    Territory,
)


class Ring(IntEnum):
    """Nearest first; the value orders matches."""

    LOCAL = 0
    DEPARTEMENT = 1
    REGION = 2
    MACRO_REGION = 3
    FRANCE = 4


@dataclass(frozen=True, slots=True)
class Footprint:
    """The containing units of one territory (``None`` when it has none at that level or is larger)."""

    key: str
    name: str
    commune: str | None
    epci: str | None
    departement: str | None
    region: str | None
    macro_region: str | None
    within: frozenset[str]

    def unit(self, ring: Ring) -> str | None:
        if ring is Ring.LOCAL:
            return self.epci or self.commune
        if ring is Ring.DEPARTEMENT:
            return self.departement
        if ring is Ring.REGION:
            return self.region
        if ring is Ring.MACRO_REGION:
            return self.macro_region
        return None


@functools.lru_cache(maxsize=65536)
def footprint(key: str) -> Footprint:
    """The footprint of a :attr:`Territory.key`; raises :class:`NotFoundError` for an unknown one."""
    level, _, code = key.partition(":")
    place = territories.territory(code, level)
    chain = territories.parents(place)
    by_level = {t.level: t.code for t in (place, *chain)}
    region = by_level.get(REGION)
    if place.level in (territories.SURVEY_REGION, MACRO_REGION) and place.members:
        region = place.members[0] if len(place.members) == 1 else None
    return Footprint(
        key=place.key,
        name=place.name,
        commune=by_level.get(COMMUNE),
        epci=by_level.get(EPCI),
        departement=by_level.get(DEPARTEMENT),
        region=region,
        macro_region=by_level.get(MACRO_REGION),
        within=frozenset(t.key for t in (place, *chain)),
    )


def ring_between(place: Footprint, other: Footprint) -> Ring:
    """The nearest ring two territories share (``FRANCE`` when only the country)."""
    if other.key.startswith(NATION + ":") or place.key.startswith(NATION + ":"):
        return Ring.FRANCE
    for ring in (Ring.LOCAL, Ring.DEPARTEMENT, Ring.REGION, Ring.MACRO_REGION):
        unit = place.unit(ring)
        if unit is not None and unit == other.unit(ring):
            return ring
    return Ring.FRANCE


def ring_of(place: Footprint, keys: tuple[str, ...]) -> tuple[Ring, Footprint | None]:
    """The nearest of a record's territories to ``place``, and which one (``None``: not placed)."""
    best: tuple[Ring, Footprint | None] = (Ring.FRANCE, None)
    for key in keys:
        try:
            other = footprint(key)
        except NotFoundError:
            continue
        ring = ring_between(place, other)
        if best[1] is None or ring < best[0]:
            best = (ring, other)
    return best


def covers(place: Footprint, keys: tuple[str, ...]) -> str | None:
    """The smallest of ``keys`` that is the place or contains it (a catalyst covering a commune's
    département), ``None`` when none does."""
    inside = [key for key in keys if key in place.within]
    return min(inside, key=precision) if inside else None


#: Territory levels from the most precise: among equals, a record about a commune before one about a région.
_PRECISION = (COMMUNE, EPCI, DEPARTEMENT, REGION, territories.SURVEY_REGION, MACRO_REGION, NATION)


def precision(key: str) -> int:
    """0 for a commune up to 6 for the nation (7 for another level)."""
    level = key.partition(":")[0]
    return _PRECISION.index(level) if level in _PRECISION else len(_PRECISION)


_UNIT_LEVELS = {
    Ring.LOCAL: EPCI,
    Ring.DEPARTEMENT: DEPARTEMENT,
    Ring.REGION: REGION,
    Ring.MACRO_REGION: MACRO_REGION,
}


def unit_name(place: Footprint, ring: Ring) -> str:
    """The name of the unit ``place`` shares at ``ring`` (its EPCI, département...), for sentences."""
    code = place.unit(ring)
    if code is None or ring is Ring.FRANCE:
        return territories.nation().name
    level = COMMUNE if ring is Ring.LOCAL and place.epci is None else _UNIT_LEVELS[ring]
    return territories.territory(code, level).name


def place_of(territory: Territory) -> Footprint:
    """The footprint of a territory object (pages hold those)."""
    return footprint(territory.key)


__all__ = [
    "Footprint",
    "Ring",
    "covers",
    "footprint",
    "place_of",
    "precision",
    "ring_between",
    "ring_of",
    "unit_name",
]
