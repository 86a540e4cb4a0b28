"""Open aggregates of closed evaluations: per partnership model, each impact's and each object's mean
score (0-4, the mean of the partners' scores of each evaluation's last closed round) — published only for
a model with at least :data:`THRESHOLD` closed evaluations (DESIGN.md's privacy threshold); synthetic
demo evaluations are never counted."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from observatoire.questionnaires import instrument
from observatoire.web.partenariats.models import Evaluation, Response

THRESHOLD = 10


def _evaluation_lines(evaluation: Evaluation) -> dict[str, float]:
    """The evaluation's mean score per section (objects and impacts) in its last closed round."""
    closed = evaluation.rounds.filter(closed__isnull=False).order_by("-number").first()
    if closed is None:
        return {}
    grid = instrument(evaluation.instrument, evaluation.version)
    scores: dict[str, list[float]] = defaultdict(list)
    for response in Response.objects.filter(round=closed, submitted__isnull=False):
        for section in grid.sections:
            for item in section.scored_items:
                option = item.scale.option(response.answers.get(item.code, ""))
                if option is not None and option.score is not None:
                    scores[section.code].append(option.score)
    return {code: sum(values) / len(values) for code, values in scores.items() if values}


def public_rows() -> list[dict[str, Any]]:
    by_model: dict[str, list[dict[str, float]]] = defaultdict(list)
    closed = Evaluation.objects.filter(synthetic=False, rounds__closed__isnull=False).distinct()
    for evaluation in closed:
        lines = _evaluation_lines(evaluation)
        if lines:
            by_model[evaluation.model].append(lines)
    rows = []
    for model, evaluations in sorted(by_model.items()):
        if len(evaluations) < THRESHOLD:
            continue
        codes = sorted({code for lines in evaluations for code in lines})
        for code in codes:
            values = [lines[code] for lines in evaluations if code in lines]
            if len(values) >= THRESHOLD:
                rows.append(
                    {
                        "model": model,
                        "line": code,
                        "evaluations": len(values),
                        "mean": sum(values) / len(values),
                    }
                )
    return rows
