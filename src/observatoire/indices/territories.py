"""Which territory codes exist and at which level each one is ranked (régions, départements, nation).

Indices compare a territory with its peers: régions with régions, départements with départements; the
nation is scored on each peer scale as a reference and never ranked. The real list comes from
:mod:`observatoire.reference.territories`; callers (and tests) may pass their own mapping instead.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping

REGION = "region"
DEPARTEMENT = "departement"
NATION = "nation"
PEER_LEVELS = (REGION, DEPARTEMENT)
LEVELS = (*PEER_LEVELS, NATION)


def reference_territory_levels() -> dict[str, str]:
    """``{code: level}`` for the nation, the régions and the départements of the reference territories."""
    try:
        module = importlib.import_module("observatoire.reference.territories")
    except ModuleNotFoundError as error:  # reference not built yet: say how to proceed
        raise LookupError(
            "observatoire.reference.territories is not available: pass the territory levels explicitly"
        ) from error
    levels: dict[str, str] = {}
    for territory in module.territories():
        level = _LEVEL_NAMES.get(str(territory.level))
        if level is not None:
            levels[str(territory.code)] = level
    return levels


def reference_territory_codes() -> list[str]:
    return list(reference_territory_levels())


_LEVEL_NAMES: Mapping[str, str] = {
    "nation": NATION,
    "region": REGION,
    "région": REGION,
    "departement": DEPARTEMENT,
    "département": DEPARTEMENT,
}
