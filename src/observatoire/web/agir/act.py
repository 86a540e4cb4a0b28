"""« Pour agir » of a territory page: the engine's answer for the published case base."""

from __future__ import annotations

from observatoire.errors import ObservatoireError
from observatoire.recommend.action import ForAction
from observatoire.recommend.action import for_action as answer
from observatoire.recommend.priorities import Priorities, priorities
from observatoire.reference.territories import Territory
from observatoire.web.agir.catalog import catalog
from observatoire.web.results import store


def _priorities(found: Territory) -> Priorities:
    try:
        return priorities(store(), found)
    except ObservatoireError:  # nothing published yet: the section still lists what is near
        return Priorities((), (), found)


def for_action(found: Territory) -> ForAction:
    """What the « Pour agir » section of ``found``'s page shows."""
    return answer(catalog().records, found, _priorities(found))


def for_domains(found: Territory, domains: tuple[str, ...]) -> ForAction:
    """« Pour agir » for priority domains read elsewhere: a local consultation's residents' own."""
    return answer(catalog().records, found, Priorities(domains, (), found))
