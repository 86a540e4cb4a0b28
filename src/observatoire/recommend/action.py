"""« Pour agir » for a territory, as territory pages and reports show it: cases answering its priority
domains nearest first, the catalysts covering it (then the nearest), the tools for the levers those cases
use; each with the engine's one-sentence reason."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from observatoire.recommend.engine import Match, recommend
from observatoire.recommend.priorities import Priorities
from observatoire.recommend.records import CASE, CATALYST, TOOL, Need, Record
from observatoire.reference import vocabulary
from observatoire.reference.territories import Territory

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

    @property
    def matches(self) -> list[Match]:
        return [*self.cases, *self.catalysts, *self.tools]


def for_action(records: Sequence[Record], territory: Territory, wanted: Priorities) -> ForAction:
    """What « Pour agir » shows for ``territory`` whose priority domains are ``wanted``."""
    cases = recommend(records, Need(domains=wanted.domains), territory.key, kinds=(CASE,), limit=CASES_SHOWN)
    catalysts = recommend(records, Need(), territory.key, kinds=(CATALYST,), limit=CATALYSTS_SHOWN)
    levers = tuple(dict.fromkeys(lever for match in cases for lever in match.record.levers))
    tools = (
        recommend(records, Need(levers=levers), territory.key, kinds=(TOOL,), limit=TOOLS_SHOWN)
        if levers
        else []
    )
    return ForAction(territory, wanted, cases, catalysts, tools)
