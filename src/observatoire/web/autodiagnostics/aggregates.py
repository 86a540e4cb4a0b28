"""Keeping the peer histograms in step with completed assessments, and reading the peers of one result.

A completed assessment adds one to the bin of each of its scores (each section and the overall) in each
of its places (région, macro-région, France); re-completing or deleting it takes its old scores out
first. Everything happens in the transaction that saves or deletes the assessment, so the aggregates
never count an assessment that is not stored. :func:`rebuild` recomputes them all (after a bulk load or
a purge). Every row touched says when it ``changed``: :func:`peers_stamp` says when the peers of a result
last moved (asked of the database at most once a second per process, as the published build is), so its
remembered page is rendered again only then.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from dataclasses import dataclass

from django.core.cache import caches
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from observatoire.diagnosis import codes
from observatoire.errors import NotFoundError
from observatoire.questionnaires import peers
from observatoire.reference import territories
from observatoire.web.autodiagnostics.models import Assessment, PeerHistogram
from observatoire.web.results import BUILD_SECONDS, LOCAL_CACHE

Key = tuple[str, int, str, str, str, str, str]


def places_of(region: str) -> list[tuple[str, str]]:
    """(scope, code) of an assessment's région, macro-région and France, nearest first."""
    found: list[tuple[str, str]] = []
    if region:
        found.append((peers.REGION, region))
        with contextlib.suppress(NotFoundError):  # overseas régions have no macro-région
            found.append((peers.MACRO_REGION, territories.macro_region_of(region).code))
    found.append((peers.NATION, codes.NATION_CODE))
    return found


def _measures(assessment: Assessment) -> dict[str, float]:
    measures = {code: value for code, value in assessment.section_scores.items() if value is not None}
    if assessment.score is not None:
        measures[peers.OVERALL] = assessment.score
    return measures


def _keys(assessment: Assessment) -> dict[Key, int]:
    keys = {}
    for scope, place in places_of(assessment.region):
        for measure, value in _measures(assessment).items():
            key = (
                assessment.instrument,
                assessment.version,
                assessment.actor,
                assessment.size,
                scope,
                place,
                measure,
            )
            keys[key] = peers.score_bin(value)
    return keys


_FIELDS = ("instrument", "version", "actor", "size", "scope", "place", "measure")


def _apply(keys: dict[Key, int], step: int) -> None:
    now = timezone.now()
    for key, bin_ in keys.items():
        row, _created = PeerHistogram.objects.select_for_update().get_or_create(
            **dict(zip(_FIELDS, key, strict=True)), defaults={"counts": peers.empty()}
        )
        counts = row.clean_counts()
        counts[bin_] = max(0, counts[bin_] + step)
        row.counts = counts
        row.total = sum(counts)
        row.changed = now
        row.save(update_fields=["counts", "total", "changed"])


def record(assessment: Assessment, previous: Assessment | None = None) -> None:
    """Count ``assessment``'s scores in (call inside the transaction that saves it); ``previous`` is the
    stored version whose scores it replaces, if it was already completed."""
    with transaction.atomic():
        if previous is not None and previous.completed is not None:
            _apply(_keys(previous), -1)
            _drop_stamp(previous)
        if assessment.completed is not None:
            _apply(_keys(assessment), +1)
            _drop_stamp(assessment)


def forget(assessment: Assessment) -> None:
    """Take a completed assessment's scores out (call inside the transaction that deletes it)."""
    if assessment.completed is not None:
        with transaction.atomic():
            _apply(_keys(assessment), -1)
            _drop_stamp(assessment)


def rebuild(batch: int = 5000) -> int:
    """Recompute every histogram from the completed assessments; returns how many were counted."""
    totals: dict[Key, list[int]] = defaultdict(peers.empty)
    counted = 0
    fields = ("instrument", "version", "actor", "size", "region", "score", "section_scores", "completed")
    completed = Assessment.objects.filter(completed__isnull=False).only(*fields).order_by("pk")
    for assessment in completed.iterator(chunk_size=batch):
        counted += 1
        for key, bin_ in _keys(assessment).items():
            totals[key][bin_] += 1
    with transaction.atomic():
        PeerHistogram.objects.all().delete()
        PeerHistogram.objects.bulk_create(
            (
                PeerHistogram(**dict(zip(_FIELDS, key, strict=True)), counts=counts, total=sum(counts))
                for key, counts in totals.items()
            ),
            batch_size=1000,
        )
        caches[LOCAL_CACHE].clear()  # this process asks every peers stamp again
    return counted


@dataclass(frozen=True)
class Peers:
    """The peers a result is compared with: where (scope, place code), and each measure's figures."""

    scope: str
    place: str
    figures: dict[str, peers.PeerFigures]

    @property
    def count(self) -> int:
        overall = self.figures.get(peers.OVERALL)
        return overall.count if overall else 0


def _stamp_key(assessment: Assessment) -> str:
    return f"autodiag.peers.{assessment.instrument}.{assessment.version}.{assessment.actor}.{assessment.size}"


def _drop_stamp(assessment: Assessment) -> None:
    caches[LOCAL_CACHE].delete(_stamp_key(assessment))


def peers_stamp(assessment: Assessment) -> str:
    """When the peers :func:`peers_of` reads for ``assessment`` last changed ("" when it has none).

    That is when its group (instrument version, actor type, size band) last changed anywhere: every
    completed assessment counts in its group's France-wide histograms, which every result of the group
    reads. Asked at most once a second per process; this process's own changes drop it at once (another
    process's show within the second)."""
    local = caches[LOCAL_CACHE]
    key = _stamp_key(assessment)
    known: str | None = local.get(key)
    if known is None:
        last = PeerHistogram.objects.filter(
            instrument=assessment.instrument,
            version=assessment.version,
            actor=assessment.actor,
            size=assessment.size,
        ).aggregate(last=Max("changed"))["last"]
        known = "" if last is None else last.isoformat()
        local.set(key, known, BUILD_SECONDS)
    return known


def peers_of(assessment: Assessment) -> Peers | None:
    """The nearest place with at least 10 other completed assessments of the same instrument version,
    actor type and size band (the assessment itself is left out); ``None`` when none has enough."""
    wanted = places_of(assessment.region)
    rows = PeerHistogram.objects.filter(
        instrument=assessment.instrument,
        version=assessment.version,
        actor=assessment.actor,
        size=assessment.size,
        scope__in=[scope for scope, _ in wanted],
        place__in=[place for _, place in wanted],
    )
    mine = _keys(assessment) if assessment.completed is not None else {}
    by_scope: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for row in rows:
        if (row.scope, row.place) not in wanted:
            continue
        counts = row.clean_counts()
        key = (row.instrument, row.version, row.actor, row.size, row.scope, row.place, row.measure)
        if key in mine:
            counts[mine[key]] = max(0, counts[mine[key]] - 1)
        by_scope[row.scope][row.measure] = counts
    totals = {scope: sum(measures.get(peers.OVERALL, [])) for scope, measures in by_scope.items()}
    chosen = peers.choose_scope(totals)
    if chosen is None:
        return None
    place = next(code for scope, code in wanted if scope == chosen)
    return Peers(chosen, place, {m: peers.figures(c) for m, c in by_scope[chosen].items()})


def public_rows(minimum: int = peers.MIN_PEERS) -> QuerySet[PeerHistogram]:
    """The aggregates curators and open data may see: only those of at least ``minimum`` respondents."""
    found: QuerySet[PeerHistogram] = PeerHistogram.objects.filter(total__gte=minimum)
    return found
