"""Peer figures from histograms equal the quantiles of the scores themselves (R's ``quantile(type = 1)``)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from observatoire.questionnaires import peers


@given(st.lists(st.integers(min_value=0, max_value=100), min_size=1, max_size=300))
def test_histogram_quantiles_equal_the_scores_quantiles(scores: list[int]) -> None:
    counts = peers.empty()
    for value in scores:
        counts[peers.score_bin(value)] += 1
    for share in (0.25, 0.5, 0.75):
        assert peers.quantile(counts, share) == np.quantile(scores, share, method="inverted_cdf")


def test_thresholds() -> None:
    counts = peers.empty()
    counts[50] = 29
    assert peers.figures(counts).q1 is None  # quartiles from 30 peers only
    counts[60] = 1
    assert peers.figures(counts).q1 == 50
    assert peers.choose_scope({"region": 9, "macro_region": 10, "nation": 500}) == "macro_region"
    assert peers.choose_scope({"region": 12}) == "region"
    assert peers.choose_scope({"region": 3, "macro_region": 4, "nation": 9}) is None


@pytest.mark.parametrize(("score", "expected"), [(0, 0), (49.49, 49), (49.5, 50), (100, 100), (100.4, 100)])
def test_score_bins(score: float, expected: int) -> None:
    assert peers.score_bin(score) == expected
