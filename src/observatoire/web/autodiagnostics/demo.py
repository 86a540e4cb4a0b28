"""A labelled synthetic set of completed self-assessments, so the demo shows peer comparisons.

Each synthetic respondent has a latent maturity (Beta-distributed, a little higher for larger
organisations); each answer is drawn around it, with a few « non applicable ». Régions are drawn in
proportion to their population. Assessments are bulk-created, flagged ``synthetic``, then the peer
aggregates are rebuilt once.
"""

from __future__ import annotations

import random
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from observatoire.questionnaires import instruments, score
from observatoire.questionnaires.model import MULTIPLE, Instrument
from observatoire.reference import territories
from observatoire.web import caching
from observatoire.web.autodiagnostics import aggregates
from observatoire.web.autodiagnostics.models import Assessment, result_key

NOT_APPLICABLE_RATE = 0.04


def _answers(chosen: Instrument, maturity: float, rng: random.Random) -> dict[str, object]:
    answers: dict[str, object] = {}
    for item in chosen.items:
        options = item.scale.options
        if item.kind == MULTIPLE:
            answers[item.code] = [o.code for o in rng.sample(options, k=min(3, len(options)))]
            continue
        scored = sorted((o for o in options if o.score is not None), key=lambda o: o.score or 0.0)
        applicable = [o for o in options if o.score is None]
        if applicable and rng.random() < NOT_APPLICABLE_RATE:
            answers[item.code] = applicable[0].code
            continue
        position = min(max(rng.gauss(maturity, 0.22), 0.0), 0.999)
        answers[item.code] = scored[int(position * len(scored))].code
    return answers


def create_demo(count: int = 4000, seed: int = 2026) -> int:
    """Replace the synthetic assessments by ``count`` new ones; returns how many are stored."""
    rng = random.Random(seed)
    regions = territories.regions()
    weights = [region.population for region in regions]
    now = timezone.now()
    choices = instruments()
    batch = []
    for _ in range(count):
        chosen = rng.choice(choices)
        size_rank = rng.randrange(len(chosen.sizes))
        maturity = rng.betavariate(2.2 + 0.4 * size_rank, 3.0)
        answers = _answers(chosen, maturity, rng)
        result = score(chosen, answers)
        region = rng.choices(regions, weights=weights)[0]
        batch.append(
            Assessment(
                instrument=chosen.code,
                version=chosen.version,
                actor=rng.choice(chosen.actors).code,
                size=chosen.sizes[size_rank].code,
                territory=region.key,
                territory_name=region.name,
                region=region.code,
                answers=answers,
                completed=now,
                score=result.score,
                level=result.level.rank,
                section_scores={s.section.code: s.score for s in result.sections},
                synthetic=True,
            )
        )
    with transaction.atomic():
        Assessment.objects.filter(synthetic=True).delete()
        Assessment.objects.bulk_create(batch, batch_size=1000)
    aggregates.rebuild()
    return count


def purge_untouched(before: datetime) -> int:
    """Delete the real assessments untouched since ``before`` (``observatoire purger``, registered in
    :mod:`observatoire.web.retention`) and their remembered result pages; returns how many. The peer
    aggregates follow."""
    expired = Assessment.objects.filter(updated__lt=before, synthetic=False)
    with transaction.atomic():
        digests = list(expired.values_list("token_hash", flat=True))
        deleted: int = expired.delete()[0]
    if deleted:
        aggregates.rebuild()
        caching.forget(*(result_key(token_hash) for token_hash in digests))
    return deleted
