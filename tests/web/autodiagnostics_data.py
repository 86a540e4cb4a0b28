"""Completed self-assessments stored as the questionnaire stores them (scored from their answers), for the
tests of peers and of remembered result pages."""

from __future__ import annotations

from django.utils import timezone

from observatoire.questionnaires import score
from observatoire.questionnaires.model import Instrument
from observatoire.reference import territories
from observatoire.web.autodiagnostics.models import Assessment


def scored(assessment: Assessment, chosen: Instrument, answers: dict[str, object]) -> None:
    """Give ``assessment`` these answers and their scores, completed now (not saved)."""
    result = score(chosen, answers)
    assessment.answers = answers
    assessment.completed = timezone.now()
    assessment.score = result.score
    assessment.level = result.level.rank
    assessment.section_scores = {s.section.code: s.score for s in result.sections}


def stored(chosen: Instrument, actor: str, size: str, region: str, answers: dict[str, object]) -> Assessment:
    """A completed assessment of ``chosen`` in ``region``, saved (not yet counted among the peers)."""
    assessment = Assessment(
        instrument=chosen.code,
        version=chosen.version,
        actor=actor,
        size=size,
        territory=f"region:{region}",
        territory_name=territories.territory(region, territories.REGION).name,
        region=region,
    )
    scored(assessment, chosen, answers)
    assessment.save()
    return assessment
