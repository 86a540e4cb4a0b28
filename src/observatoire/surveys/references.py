"""The reference codes a codebook and a survey file are checked against: domains and territories.

``observatoire.reference`` owns them; it is imported lazily, and when a part of it is not available the
check is skipped (``None``) rather than failing an import for lack of a list.
"""

from __future__ import annotations

import importlib
from collections.abc import Collection, Iterable
from functools import cache
from typing import Any

from observatoire.errors import ObservatoireError
from observatoire.messages import t
from observatoire.reference.text import closest


def _codes(items: Any) -> frozenset[str]:
    if isinstance(items, dict):
        items = items.keys()
    return frozenset(getattr(item, "code", item) for item in items)


def _first_available(module_name: str, names: Iterable[str], *args: Any) -> frozenset[str] | None:
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    for name in names:
        found = getattr(module, name, None)
        if found is None:
            continue
        return _codes(found(*args) if callable(found) else found)
    return None


@cache
def domain_codes() -> frozenset[str] | None:
    """The 16 fragility domain codes of the reference vocabulary, or ``None`` if it is not available."""
    return _first_available("observatoire.reference.vocabulary", ("domain_codes", "domains", "DOMAINS"))


@cache
def territory_codes(level: str) -> frozenset[str] | None:
    """The codes of the territories of one level (``region``, ``survey_region``...), or ``None``."""
    try:
        return _first_available(
            "observatoire.reference.territories", ("territory_codes", "territories"), level
        )
    except Exception:  # an unknown level in the reference: nothing to check against
        return None


def unknown_code_hint(value: str, known: Collection[str]) -> str:
    """« Vouliez-vous dire : … ? » with the closest known codes, or an empty string."""
    candidates = closest(value, known)
    return " " + t("error.did_you_mean", candidates=", ".join(candidates)) if candidates else ""


def unknown_domain_message(value: str, known: Collection[str]) -> str:
    return t("surveys.codebook.unknown_domain", value=value) + unknown_code_hint(value, known)


@cache
def unknown_territory_message(value: str, level: str, known: frozenset[str]) -> str:
    """Why ``value`` is not a territory code of ``level``, with what the user probably meant."""
    try:
        territories = importlib.import_module("observatoire.reference.territories")
        found = territories.territory(value, level)
    except (ImportError, ObservatoireError):  # no reference, not a name of that level, or ambiguous
        found = None
    if found is not None and getattr(found, "code", None) in known:
        return t("surveys.validation.territory_name", value=value, code=found.code)
    message = t("surveys.validation.unknown_territory", value=value, level=level)
    return message + unknown_code_hint(value, known)
