"""What a result says in words and what to do next: strengths, weaknesses and next steps.

:func:`next_steps` is the one place that turns weak sections into recommendations. Until the shared
recommendation engine (``observatoire.recommend``) exists, it answers from the vocabulary alone:
the rule's sentence, the levers' own questions (the kit « Apprendre à faire alliance »), the partnership
models and the catalyst activities the rule names.
"""

from __future__ import annotations

from dataclasses import dataclass

from observatoire.messages import t
from observatoire.numbers import number
from observatoire.questionnaires.scoring import Result, SectionScore
from observatoire.reference import vocabulary
from observatoire.reference.vocabulary import CatalystActivity, Lever, PartnershipModel

STRONG_RANK = 3  # a section at level 3 or 4 is a strength
WEAK_RANK = 2  # at level 1 or 2, a weakness


@dataclass(frozen=True)
class NextStep:
    """A recommendation for one weak section."""

    section: str
    section_label: str
    score: float
    text: str
    levers: tuple[Lever, ...]
    models: tuple[PartnershipModel, ...]
    catalysts: tuple[CatalystActivity, ...]


def _scored(result: Result) -> list[SectionScore]:
    return [s for s in result.sections if s.score is not None and s.level is not None]


def strengths(result: Result) -> list[str]:
    """One sentence per strong section, strongest first."""
    strong = sorted(
        (s for s in _scored(result) if s.level.rank >= STRONG_RANK),  # type: ignore[union-attr]
        key=lambda s: -s.score,  # type: ignore[operator]
    )
    return [
        t("questionnaires.strength", section=s.section.label, score=_n(s.score), level=s.level.name)  # type: ignore[union-attr]
        for s in strong
    ]


def weaknesses(result: Result) -> list[str]:
    """One sentence per weak section, weakest first."""
    weak = sorted(
        (s for s in _scored(result) if s.level.rank <= WEAK_RANK),  # type: ignore[union-attr]
        key=lambda s: s.score,  # type: ignore[arg-type,return-value]
    )
    return [
        t("questionnaires.weakness", section=s.section.label, score=_n(s.score), level=s.level.name)  # type: ignore[union-attr]
        for s in weak
    ]


def _n(value: float | None) -> str:
    return number(value, 0, missing="")


def next_steps(result: Result) -> list[NextStep]:
    """For each section whose score is below one of its rules' thresholds, weakest first, what to do."""
    steps = []
    scored = sorted(_scored(result), key=lambda s: s.score)  # type: ignore[arg-type,return-value]
    for section_score in scored:
        for rule in result.instrument.rules:
            if rule.section != section_score.section.code or section_score.score >= rule.below:  # type: ignore[operator]
                continue
            levers = rule.levers or section_score.section.levers
            steps.append(
                NextStep(
                    section=section_score.section.code,
                    section_label=section_score.section.label,
                    score=section_score.score,  # type: ignore[arg-type]
                    text=rule.text,
                    levers=tuple(vocabulary.lever(code) for code in levers),
                    models=tuple(vocabulary.partnership_model(code) for code in rule.models),
                    catalysts=tuple(vocabulary.catalyst_activity(code) for code in rule.catalysts),
                )
            )
    return steps
