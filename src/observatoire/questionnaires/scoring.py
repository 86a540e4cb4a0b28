"""Scoring answers against an instrument: per section 0-100, overall, and the maturity level.

Honest scoring:
- « non applicable » removes the item from both what was earned and what was achievable (it lowers the
  potential instead of counting zero), and the share of such answers is reported;
- a section score is ``100 × Σ weight·score / Σ weight·maximum`` over its applicable items; the overall
  score is the mean of the applicable sections' scores weighted by their ``weight``;
- a level is the highest whose ``minimum`` the score reaches, and the overall level never exceeds the
  weakest section's level by more than one (a strong section must not hide a weak one).
Answers are validated first: a missing required answer, an unknown item or answer is an
:class:`~observatoire.errors.InputError` naming it, so nothing is scored (or saved) half-way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from observatoire.errors import InputError
from observatoire.messages import t
from observatoire.questionnaires.model import MULTIPLE, Instrument, Item, Level, Section

Answer = str | list[str] | tuple[str, ...]


@dataclass(frozen=True)
class SectionScore:
    """One section's result; ``score`` and ``level`` are ``None`` when every item was « non applicable ».
    Scores are kept unrounded (levels are read from them); round them where they are shown."""

    section: Section
    score: float | None
    level: Level | None
    answered: int
    not_applicable: int


@dataclass(frozen=True)
class Result:
    """A scored questionnaire: ``sections`` in the instrument's order."""

    instrument: Instrument
    sections: tuple[SectionScore, ...]
    score: float
    level: Level
    not_applicable_share: float

    def section(self, code: str) -> SectionScore:
        return next(s for s in self.sections if s.section.code == code)


def level_for(instrument: Instrument, score: float) -> Level:
    """The highest level whose minimum ``score`` reaches."""
    reached = [level for level in instrument.levels if score >= level.minimum]
    return reached[-1]


def _check_one(item: Item, answer: object) -> None:
    codes = answer if item.kind == MULTIPLE and isinstance(answer, list | tuple) else [answer]
    if item.kind != MULTIPLE and not isinstance(answer, str):
        raise InputError(t("questionnaires.score.one_answer", item=item.code))
    for code in codes:
        if not isinstance(code, str) or item.scale.option(code) is None:
            known = ", ".join(o.code for o in item.scale.options)
            raise InputError(
                t("questionnaires.score.unknown_answer", item=item.code, answer=code, known=known)
            )


def check_answers(instrument: Instrument, answers: Mapping[str, object], *, complete: bool = True) -> None:
    """Refuse unknown items, unknown answers and (when ``complete``) missing required answers."""
    for code, answer in answers.items():
        item = instrument.item(code)
        if item is None:
            raise InputError(t("questionnaires.score.unknown_item", item=code, instrument=instrument.code))
        _check_one(item, answer)
    if complete:
        missing = [i.code for i in instrument.items if i.required and i.code not in answers]
        if missing:
            raise InputError(t("questionnaires.score.missing", items=", ".join(missing)))


def _section_score(instrument: Instrument, section: Section, answers: Mapping[str, object]) -> SectionScore:
    earned = possible = 0.0
    answered = not_applicable = 0
    for item in section.scored_items:
        code = answers.get(item.code)
        if not isinstance(code, str):
            continue
        option = item.scale.option(code)
        if option is None:
            continue
        answered += 1
        if option.score is None:
            not_applicable += 1
            continue
        earned += item.weight * (option.score - item.scale.minimum)
        possible += item.weight * (item.scale.maximum - item.scale.minimum)
    if possible == 0:
        return SectionScore(section, None, None, answered, not_applicable)
    score = 100 * earned / possible
    return SectionScore(section, score, level_for(instrument, score), answered, not_applicable)


def score(instrument: Instrument, answers: Mapping[str, object]) -> Result:
    """The result of complete ``answers`` (item code → answer code, or a list for a ``multiple`` item)."""
    check_answers(instrument, answers)
    sections = tuple(_section_score(instrument, section, answers) for section in instrument.sections)
    applicable = [s for s in sections if s.score is not None]
    if not applicable:
        raise InputError(t("questionnaires.score.nothing_applicable"))
    total_weight = sum(s.section.weight for s in applicable)
    overall = sum(s.section.weight * (s.score or 0.0) for s in applicable) / total_weight
    weakest = min(s.level.rank for s in applicable if s.level is not None)
    rank = min(level_for(instrument, overall).rank, weakest + 1)
    answered = sum(s.answered for s in sections)
    share = 100 * sum(s.not_applicable for s in sections) / answered if answered else 0.0
    return Result(instrument, sections, overall, instrument.level(rank), share)
