"""Simplified région and département outlines (GeoJSON, WGS 84) for the maps.

Derived from real commune geometries by ``scripts/build_boundaries.py`` (source and checksums in
``data/territories/SOURCES.md``). Each feature has the properties ``code``, ``name`` and ``level``
(départements also ``region``); codes are those of :mod:`observatoire.reference.territories`.
"""

from __future__ import annotations

import json
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from observatoire.errors import InputError
from observatoire.messages import t

#: Levels that have outlines, and their file.
FILES = {"region": "regions.geojson", "departement": "departements.geojson"}


def boundaries_path(level: str) -> Traversable:
    """The packaged GeoJSON file of ``level`` (``"region"`` or ``"departement"``), to serve as it is."""
    if level not in FILES:
        raise InputError(t("reference.boundaries.unknown_level", level=level, levels=", ".join(FILES)))
    return resources.files("observatoire.reference").joinpath("data", "boundaries", FILES[level])


def boundaries(level: str) -> dict[str, Any]:
    """The outlines of ``level`` as a parsed GeoJSON FeatureCollection, freshly parsed (a few ms): the
    caller may change it."""
    return json.loads(boundaries_path(level).read_text(encoding="utf-8"))
