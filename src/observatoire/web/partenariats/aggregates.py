"""Open aggregates of closed evaluations: per partnership model, the mean score (0-4) of each of the 3
impacts and of each of the 3 objects — published only for a model with at least :data:`THRESHOLD` closed
evaluations (DESIGN.md's privacy threshold); synthetic demo evaluations are never counted.

An evaluation counts once, by its last closed round with submitted grids: its score on a line is the mean
of its partners' scores (an object's score, the mean over its 7 approaches). :func:`rebuild` computes every
model's lines (one query) into :class:`~observatoire.web.partenariats.models.OpenAggregate` whenever the
closed evaluations change (a round closed, an evaluation deleted, the retention purge); the API
(``GET /api/partenariats/agregats``), the methodology page and the curators' admin read the rows of at
least 10 evaluations.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from observatoire.numbers import number
from observatoire.questionnaires import instrument
from observatoire.questionnaires.model import Instrument
from observatoire.reference import vocabulary
from observatoire.web.partenariats.models import GRID, OpenAggregate, Response

THRESHOLD = 10
#: The grid's section whose items are the impacts, one line each; every other section is one object.
IMPACTS = "impacts"


@dataclass(frozen=True)
class Line:
    """One line of the grid as the aggregates show it (an impact, or an object over its approaches)."""

    code: str
    label: str
    items: tuple[str, ...]


def lines(grid: Instrument) -> tuple[Line, ...]:
    """The 3 impacts first, then the 3 objects."""
    impacts = [
        Line(item.code, item.text.split(" — ")[0], (item.code,))
        for section in grid.sections
        if section.code == IMPACTS
        for item in section.scored_items
    ]
    objects = [
        Line(section.code, section.label, tuple(item.code for item in section.scored_items))
        for section in grid.sections
        if section.code != IMPACTS
    ]
    return (*impacts, *objects)


@functools.cache
def _scoring(code: str, version: int) -> tuple[tuple[str, tuple[tuple[str, dict[str, float]], ...]], ...]:
    """Each line's items with their answer codes' scores (« je ne sais pas » has none): once a grid."""
    grid = instrument(code, version)
    items = {item.code: item for item in grid.items}
    return tuple(
        (
            line.code,
            tuple(
                (code, {o.code: o.score for o in items[code].scale.options if o.score is not None})
                for code in line.items
            ),
        )
        for line in lines(grid)
    )


def _scores(grid: Instrument, answers: Iterable[dict[str, str]]) -> dict[str, float]:
    """One evaluation's score per line: the mean of every known score its partners gave the line's items."""
    known: dict[str, list[float]] = defaultdict(list)
    scoring = _scoring(grid.code, grid.version)
    for given in answers:
        for line, items in scoring:
            for code, scores in items:
                score = scores.get(given.get(code, ""))
                if score is not None:
                    known[line].append(score)
    return {code: sum(values) / len(values) for code, values in known.items()}


def _closed_evaluations() -> list[tuple[str, Instrument, list[dict[str, str]]]]:
    """(model, grid, submitted answers) of each real evaluation's last closed round with answers."""
    rows = (
        Response.objects.filter(
            submitted__isnull=False, round__closed__isnull=False, round__evaluation__synthetic=False
        )
        .order_by("round__evaluation_id", "-round__number")
        .values_list(
            "round__evaluation_id",
            "round__number",
            "round__evaluation__model",
            "round__evaluation__instrument",
            "round__evaluation__version",
            "answers",
        )
    )
    found: dict[int, tuple[int, str, tuple[str, int], list[dict[str, str]]]] = {}
    for evaluation, round_number, model, code, version, answers in rows:
        kept = found.setdefault(evaluation, (round_number, model, (code, version), []))
        if kept[0] == round_number:  # the last closed round only (ordered by round, highest first)
            kept[3].append(answers if isinstance(answers, dict) else {})
    grids: dict[tuple[str, int], Instrument] = {}
    return [
        (model, grids.setdefault(key, instrument(*key)), answers) for _, model, key, answers in found.values()
    ]


def rebuild() -> int:
    """Recomputes every model's lines from the closed evaluations (all of them: the threshold applies on
    reading); returns how many rows are kept."""
    by_model: dict[str, list[tuple[Instrument, dict[str, float]]]] = defaultdict(list)
    for code, grid, answers in _closed_evaluations():
        by_model[code].append((grid, _scores(grid, answers)))
    rows = []
    for code, evaluations in by_model.items():
        for line in lines(evaluations[-1][0]):
            values = [scores[line.code] for _, scores in evaluations if line.code in scores]
            if values:
                rows.append(
                    OpenAggregate(
                        model=code, line=line.code, evaluations=len(values), mean=sum(values) / len(values)
                    )
                )
    kept = {(row.model, row.line) for row in rows}
    with transaction.atomic():  # an upsert: two rounds closed at once cannot collide on the key
        OpenAggregate.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["model", "line"],
            update_fields=["evaluations", "mean"],
        )
        gone = [
            pk
            for pk, *key in OpenAggregate.objects.values_list("pk", "model", "line")
            if tuple(key) not in kept
        ]
        OpenAggregate.objects.filter(pk__in=gone).delete()
    return len(rows)


def published() -> list[OpenAggregate]:
    """The rows of at least :data:`THRESHOLD` evaluations, by model (the typology's order) then line (the
    impacts, then the objects)."""
    models = [m.code for m in vocabulary.partnership_models()]
    order = [line.code for line in lines(instrument(GRID))]
    found = list(OpenAggregate.objects.filter(evaluations__gte=THRESHOLD))
    return sorted(found, key=lambda r: (_rank(models, r.model), _rank(order, r.line), r.line))


def _rank(known: list[str], code: str) -> int:
    return known.index(code) if code in known else len(known)


def public_rows() -> list[dict[str, Any]]:
    """The published rows as the API gives them, with their French labels."""
    models = {m.code: m.label for m in vocabulary.partnership_models()}
    labels = {line.code: line.label for line in lines(instrument(GRID))}
    return [
        {
            "model": row.model,
            "model_label": models.get(row.model, row.model),
            "line": row.line,
            "line_label": labels.get(row.line, row.line),
            "evaluations": row.evaluations,
            "mean": round(row.mean, 2),
        }
        for row in published()
    ]


@dataclass(frozen=True)
class Table:
    """The published rows pivoted for a page: one row per model, one column per line of the grid."""

    columns: tuple[Line, ...]
    rows: tuple[tuple[str, int, tuple[str, ...]], ...]  # (model, evaluations, mean per column « 2,4 »)


def public_table() -> Table:
    columns = lines(instrument(GRID))
    found: dict[str, tuple[str, int, dict[str, float]]] = {}
    for row in public_rows():
        label, count, means = found.setdefault(row["model"], (row["model_label"], 0, {}))
        means[row["line"]] = row["mean"]
        found[row["model"]] = (label, max(count, row["evaluations"]), means)
    return Table(
        columns,
        tuple(
            (
                label,
                count,
                tuple(number(means.get(c.code), missing="–") for c in columns),
            )
            for label, count, means in found.values()
        ),
    )
