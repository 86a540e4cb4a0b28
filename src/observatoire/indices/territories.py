"""Which territories exist, and at which level each one is compared (régions, départements, nation).

Indices compare a territory with its peers: régions with régions, départements with départements; the
nation is scored on each peer scale as a reference and never ranked. A territory is a ``(level, code)``
pair, as in :mod:`observatoire.reference.territories` and the results store: a bare INSEE code is not
unique ("93" is Provence-Alpes-Côte d'Azur and Seine-Saint-Denis).
"""

from __future__ import annotations

from collections.abc import Collection

REGION = "region"
DEPARTEMENT = "departement"
NATION = "nation"
PEER_LEVELS = (REGION, DEPARTEMENT)
LEVELS = (*PEER_LEVELS, NATION)

TerritoryKey = tuple[str, str]  # (level, code)


def reference_territories() -> set[TerritoryKey]:
    """The nation, all régions and all départements (overseas included) of the reference territories."""
    from observatoire.reference import territories

    found = {(NATION, territories.nation().code)}
    found |= {(REGION, region.code) for region in territories.regions(metropolitan_only=False)}
    found |= {(DEPARTEMENT, dep.code) for dep in territories.departements(metropolitan_only=False)}
    return found


def resolve(code: str, level: str | None, valid: Collection[TerritoryKey]) -> list[TerritoryKey]:
    """The valid territories ``code`` can mean: with ``level`` (or a ``level:code`` key) at most one; a bare
    code may fit several levels, and the caller must then ask for the level rather than guess."""
    if level is None and ":" in code:
        level, code = code.split(":", 1)
    levels = (level,) if level else LEVELS
    return [(candidate, code) for candidate in levels if (candidate, code) in valid]
