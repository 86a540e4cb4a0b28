"""Peer statistics kept one assessment at a time equal a direct computation from the stored rows, through
completions, re-completions and deletions; a result is compared with the nearest place holding at least
10 other peers (région, macro-région, France), and with nobody below that."""

from __future__ import annotations

import random
from collections import Counter, defaultdict

import numpy as np
import pytest

from observatoire.diagnosis import codes
from observatoire.questionnaires import instrument, peers
from observatoire.questionnaires.model import MULTIPLE, Instrument
from observatoire.web.autodiagnostics import aggregates
from observatoire.web.autodiagnostics.models import Assessment, PeerHistogram

from .autodiagnostics_data import scored, stored

pytestmark = pytest.mark.django_db

CHOSEN = instrument("association")
ACTORS = ("salarie", "benevole")
SIZES = ("employeuse_1_9", "non_employeuse")
REGIONS = ("53", "28", "11", "93", "04")  # two of one macro-région, Île-de-France, one of the south, overseas


def _answers(chosen: Instrument, rng: random.Random) -> dict[str, object]:
    answers: dict[str, object] = {}
    for item in chosen.items:
        options = [o.code for o in item.scale.options]
        answers[item.code] = [rng.choice(options)] if item.kind == MULTIPLE else rng.choice(options)
    return answers


def _complete(rng: random.Random, actor: str, size: str, region: str) -> Assessment:
    assessment = stored(CHOSEN, actor, size, region, _answers(CHOSEN, rng))
    aggregates.record(assessment)
    return assessment


def _recomplete(assessment: Assessment, rng: random.Random) -> None:
    previous = Assessment.objects.get(pk=assessment.pk)
    scored(assessment, CHOSEN, _answers(CHOSEN, rng))
    assessment.save()
    aggregates.record(assessment, previous)


def _delete(assessment: Assessment) -> None:
    aggregates.forget(assessment)
    assessment.delete()


def _direct() -> dict[tuple[str, ...], Counter[int]]:
    """Histogram key → the count of each rounded score, read from the stored rows themselves."""
    found: dict[tuple[str, ...], Counter[int]] = defaultdict(Counter)
    for completed in Assessment.objects.filter(completed__isnull=False):
        measures = {k: v for k, v in completed.section_scores.items() if v is not None}
        measures[peers.OVERALL] = completed.score
        for scope, place in aggregates.places_of(completed.region):
            for measure, value in measures.items():
                key = (completed.actor, completed.size, scope, place, measure)
                found[key][peers.score_bin(value)] += 1
    return found


def _kept() -> dict[tuple[str, ...], Counter[int]]:
    kept = {}
    for row in PeerHistogram.objects.filter(total__gt=0):
        assert row.total == sum(row.counts)
        key = (row.actor, row.size, row.scope, row.place, row.measure)
        kept[key] = Counter({value: count for value, count in enumerate(row.counts) if count})
    return kept


def _quantiles(scores: list[int]) -> tuple[float, ...]:
    return tuple(float(np.quantile(scores, share, method="inverted_cdf")) for share in (0.25, 0.5, 0.75))


def test_histograms_follow_completions_recompletions_and_deletions() -> None:
    rng = random.Random(11)
    saved = [_complete(rng, rng.choice(ACTORS), rng.choice(SIZES), rng.choice(REGIONS)) for _ in range(160)]
    for assessment in rng.sample(saved, 30):
        _recomplete(assessment, rng)
    for assessment in rng.sample(saved, 40):
        _delete(assessment)
        saved.remove(assessment)
    direct = _direct()
    kept = _kept()
    assert kept == direct
    # Quartiles read from a kept histogram are those of the stored scores.
    for key, counts in direct.items():
        scores = sorted(counts.elements())
        row = PeerHistogram.objects.get(
            instrument=CHOSEN.code,
            version=CHOSEN.version,
            **dict(zip(aggregates._FIELDS[2:], key, strict=True)),
        )
        assert tuple(peers.quantile(row.counts, s) for s in (0.25, 0.5, 0.75)) == _quantiles(scores)
    # A full recount finds the same histograms.
    assert aggregates.rebuild() == len(saved)
    assert _kept() == direct


def test_a_result_is_compared_with_its_peers_without_itself() -> None:
    rng = random.Random(5)
    group = [_complete(rng, "salarie", "employeuse_1_9", rng.choice(REGIONS)) for _ in range(80)]
    for mine in rng.sample(group, 10):
        found = aggregates.peers_of(mine)
        assert found is not None
        others = [
            a
            for a in group
            if a.pk != mine.pk and (found.scope, found.place) in aggregates.places_of(a.region)
        ]
        assert found.count == len(others) >= peers.MIN_PEERS
        overall = found.figures[peers.OVERALL]
        expected = _quantiles([peers.score_bin(a.score) for a in others])
        assert (overall.q1, overall.median, overall.q3) == (
            expected if len(others) >= 30 else (None, expected[1], None)
        )
        section = CHOSEN.sections[0].code
        section_scores = [
            peers.score_bin(a.section_scores[section])
            for a in others
            if a.section_scores[section] is not None
        ]
        assert found.figures[section].median == _quantiles(section_scores)[1]


def _peers_in(rng: random.Random, region: str, count: int) -> None:
    for _ in range(count):
        _complete(rng, "benevole", "non_employeuse", region)


@pytest.mark.parametrize(
    ("in_region", "in_macro_region", "elsewhere", "expected"),
    [
        (10, 0, 0, (peers.REGION, "53")),
        (9, 1, 0, (peers.MACRO_REGION, "nord_ouest")),  # 9 in Bretagne and 1 in Normandie
        (3, 4, 3, (peers.NATION, codes.NATION_CODE)),
        (3, 3, 3, None),  # 9 others in France: no comparison at all
    ],
)
def test_the_nearest_place_with_10_other_peers(in_region, in_macro_region, elsewhere, expected) -> None:
    rng = random.Random(3)
    mine = _complete(rng, "benevole", "non_employeuse", "53")
    _peers_in(rng, "53", in_region)
    _peers_in(rng, "28", in_macro_region)
    _peers_in(rng, "93", elsewhere)
    _complete(rng, "salarie", "non_employeuse", "53")  # another actor type: never a peer
    found = aggregates.peers_of(mine)
    if expected is None:
        assert found is None
        return
    assert found is not None
    assert (found.scope, found.place) == expected
    assert (
        found.count
        == {
            peers.REGION: in_region,
            peers.MACRO_REGION: in_region + in_macro_region,
            peers.NATION: in_region + in_macro_region + elsewhere,
        }[found.scope]
    )


def test_the_peers_stamp_moves_with_each_change_of_the_group() -> None:
    rng = random.Random(8)
    mine = _complete(rng, "salarie", "employeuse_1_9", "53")
    first = aggregates.peers_stamp(mine)
    assert first
    other = _complete(rng, "salarie", "employeuse_1_9", "93")  # elsewhere in France: still a peer
    second = aggregates.peers_stamp(mine)
    assert second != first
    _complete(rng, "benevole", "employeuse_1_9", "53")  # not in the group
    assert aggregates.peers_stamp(mine) == second
    _delete(other)
    assert aggregates.peers_stamp(mine) not in (first, second)
