"""The curated « Agir » entries (tools, inspiring cases, catalysts) beside each next step, nearest first.

Asked of the shared recommendation engine (:mod:`observatoire.recommend`) over the published
case base: a tool matches the step's levers, a case its partnership models, a catalyst its catalyst
métiers; nearest the respondent's région first (the région, its macro-région, then France).

The engine weighs every published entry (about 20 ms a question over a thousand cases), and a handful of
weak-axis needs and 18 régions make all the questions asked: each answer is remembered in Django's cache
under the published base's version, so a result page asks the engine only for a need never asked since
the base last changed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from observatoire.questionnaires.advice import NextStep
from observatoire.recommend import CASE, CATALYST, TOOL, Match, Need, recommend
from observatoire.web import caching
from observatoire.web.agir import catalog
from observatoire.web.agir.models import CaseStudy, Catalyst, Entry, Tool

SHOWN = 3
TIMEOUT_S = 3600


@dataclass
class Entries:
    """What the curated base offers for one next step."""

    tools: list[Entry] = field(default_factory=list)
    cases: list[Entry] = field(default_factory=list)
    catalysts: list[Entry] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.tools or self.cases or self.catalysts)


def _entries(model: type[Entry], matches: list[Match]) -> list[Entry]:
    """The published entries of ``matches``, in the engine's order."""
    by_slug = {entry.slug: entry for entry in model.public.filter(slug__in=[m.record.key for m in matches])}
    return [by_slug[m.record.key] for m in matches if m.record.key in by_slug]


def _matches(need: Need, kind: str, place: str | None) -> list[Match]:
    if need.is_empty:  # a step that names no lever (model, métier) gets no tool (case, catalyst)
        return []
    return recommend(catalog.catalog().records, need, place, kinds=(kind,), limit=SHOWN)


def _published(model: type[Entry], need: Need, kind: str, place: str | None) -> list[Entry]:
    """The published entries the engine finds for ``need`` near ``place``, remembered per base version."""
    asked = hashlib.sha256(f"{kind}|{place}|{need!r}".encode()).hexdigest()[:32]
    return caching.remembered_value(
        f"autodiag.curated.{catalog.version()}.{asked}",
        lambda: _entries(model, _matches(need, kind, place)),
        TIMEOUT_S,
    )


def for_steps(steps: list[NextStep], region: str) -> list[Entries]:
    """For each step, in order, the matching published tools, cases and catalysts, nearest first."""
    place = f"region:{region}" if region else None
    found = []
    for step in steps:
        levers = tuple(lever.code for lever in step.levers)
        models = tuple(model.code for model in step.models)
        activities = tuple(activity.code for activity in step.catalysts)
        found.append(
            Entries(
                tools=_published(Tool, Need(levers=levers), TOOL, place),
                cases=_published(CaseStudy, Need(models=models), CASE, place),
                catalysts=_published(Catalyst, Need(axes=activities), CATALYST, place),
            )
        )
    return found
