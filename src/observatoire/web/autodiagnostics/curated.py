"""The curated « Agir » entries (tools, inspiring cases, catalysts) beside each next step, nearest first.

Only published entries; a tool matches the step's levers, a case its partnership models, a catalyst its
catalyst métiers. Nearest first: the respondent's région, then its macro-région, then national entries,
then the rest. The base is small (curated by hand), so it is read whole once per page and filtered here
(JSON containment is not portable across SQLite and PostgreSQL). When the shared recommendation engine
(``observatoire.recommend``, issue #10) lands, it replaces this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from observatoire.errors import NotFoundError
from observatoire.questionnaires.advice import NextStep
from observatoire.reference import territories
from observatoire.web.models import CaseStudy, Catalyst, Curated, Tool

SHOWN = 3


@dataclass
class Entries:
    """What the curated base offers for one next step."""

    tools: list[Curated] = field(default_factory=list)
    cases: list[Curated] = field(default_factory=list)
    catalysts: list[Curated] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.tools or self.cases or self.catalysts)


def _distance(entry: Curated, region: str) -> int:
    """0 in the région, 1 in its macro-région, 2 national, 3 elsewhere or unknown."""
    if entry.territory_level == territories.NATION:
        return 2
    try:
        place = territories.territory(entry.territory_code, entry.territory_level)
    except NotFoundError:
        return 3
    where = place.code if place.level == territories.REGION else (place.region or "")
    if region and where == region:
        return 0
    try:
        if region and where and territories.macro_region_of(where) == territories.macro_region_of(region):
            return 1
    except NotFoundError:
        pass
    return 3


def _nearest(entries: list[Curated], region: str) -> list[Curated]:
    return sorted(entries, key=lambda entry: (_distance(entry, region), entry.title))[:SHOWN]


def for_steps(steps: list[NextStep], region: str) -> list[Entries]:
    """For each step, in order, the matching published tools, cases and catalysts, nearest first."""
    if not steps:
        return []
    tools = list(Tool.objects.filter(published=True))
    cases = list(CaseStudy.objects.filter(published=True))
    catalysts = list(Catalyst.objects.filter(published=True))
    found = []
    for step in steps:
        levers = {lever.code for lever in step.levers}
        models = {model.code for model in step.models}
        activities = {activity.code for activity in step.catalysts}
        found.append(
            Entries(
                tools=_nearest([e for e in tools if levers & set(e.levers or ())], region),
                cases=_nearest([e for e in cases if e.partnership_model in models], region),
                catalysts=_nearest([e for e in catalysts if activities & set(e.activities or ())], region),
            )
        )
    return found
