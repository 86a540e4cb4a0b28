"""« Pour agir » for a territory: cases answering its priority domains nearest first, the catalysts that
cover it, the tools for the levers those cases use; each with the engine's one-sentence reason."""

from __future__ import annotations

from dataclasses import dataclass

from observatoire.errors import ObservatoireError
from observatoire.recommend import CASE, CATALYST, TOOL, Match, Need, recommend
from observatoire.recommend.priorities import Priorities, priorities
from observatoire.reference import vocabulary
from observatoire.reference.territories import Territory
from observatoire.web.agir.catalog import catalog
from observatoire.web.results import store

CASES_SHOWN = 6
CATALYSTS_SHOWN = 4
TOOLS_SHOWN = 4


@dataclass(frozen=True)
class ForAction:
    territory: Territory
    priorities: Priorities
    cases: list[Match]
    catalysts: list[Match]
    tools: list[Match]

    @property
    def priority_labels(self) -> list[str]:
        return [vocabulary.domain(code).label for code in self.priorities.domains]


def _priorities(found: Territory) -> Priorities:
    try:
        return priorities(store(), found)
    except ObservatoireError:  # nothing published yet: the section still lists what is near
        return Priorities((), (), found)


def for_action(found: Territory) -> ForAction:
    """What the « Pour agir » section of ``found``'s page shows."""
    records = catalog().records
    wanted = _priorities(found)
    need = Need(domains=wanted.domains)
    cases = recommend(records, need, found.key, kinds=(CASE,), limit=CASES_SHOWN)
    catalysts = recommend(records, Need(), found.key, kinds=(CATALYST,), limit=CATALYSTS_SHOWN)
    levers = tuple(dict.fromkeys(lever for match in cases for lever in match.record.levers))
    tools = (
        recommend(records, Need(levers=levers), found.key, kinds=(TOOL,), limit=TOOLS_SHOWN) if levers else []
    )
    return ForAction(found, wanted, cases, catalysts, tools)
