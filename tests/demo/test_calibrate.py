"""Adjusting synthetic answers onto targets: means, distributions, the rest of a population."""

from __future__ import annotations

import numpy as np
import pytest

from observatoire.demo import calibrate as cal
from observatoire.demo import sampling as s


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(7)


def test_hit_mean_moves_ratings_by_one_within_the_cell(rng: np.random.Generator) -> None:
    n = 3000
    weights = rng.uniform(0.5, 3.0, n)
    values = s.ratings(rng, 6.2, np.zeros(n, dtype=np.float32))
    values[::50] = np.nan
    before = values.copy()
    cell = np.arange(n) < 2000
    cal.hit_mean(values, weights, cell, 6.4, rng)
    answered = cell & ~np.isnan(values)
    assert np.average(values[answered], weights=weights[answered]) == pytest.approx(6.4, abs=0.002)
    moved = ~((values == before) | (np.isnan(values) & np.isnan(before)))
    assert not moved[~cell].any()  # outside the cell nothing changes
    assert np.isnan(values[::50]).all()  # « ne sait pas » stays
    assert set(np.unique(values[answered] - before[answered])) <= {-1, 0, 1}
    assert values[answered].min() >= 1
    assert values[answered].max() <= 10


def test_hit_shares_reaches_each_code(rng: np.random.Generator) -> None:
    n = 2000
    weights = rng.uniform(0.5, 3.0, n)
    values = s.choose(rng, n, {1: 0.5, 2: 0.3, 3: 0.2})
    target = {1: 0.24, 2: 0.57, 3: 0.19}
    cal.hit_shares(values, weights, np.ones(n, dtype=bool), target, rng)
    for code, share in target.items():
        assert weights[values == code].sum() / weights.sum() == pytest.approx(share, abs=0.001)


def test_rest_of_a_population() -> None:
    assert cal.rest_mean(6.4, 6.6, 1.0, 10.0) == pytest.approx((64 - 6.6) / 9)
    rest = cal.rest_shares({1: 0.81, 2: 0.19}, {1: 0.84, 2: 0.16}, 1.0, 10.0)
    assert sum(rest.values()) == pytest.approx(1.0)
    assert 0.1 * 0.84 + 0.9 * rest[1] == pytest.approx(0.81)


def test_allocate_sums_and_is_proportional() -> None:
    counts = s.allocate(2400, [6.3, 4.4, 4.3])
    assert counts.sum() == 2400
    assert list(counts) == [1008, 704, 688]


def test_pick_comes_close_to_the_amount(rng: np.random.Generator) -> None:
    weights = rng.uniform(1.0, 10.0, 500)
    order = rng.permutation(500)
    chosen = cal._pick(order, weights, 1234.5)
    assert len(set(chosen.tolist())) == len(chosen)
    assert abs(weights[chosen].sum() - 1234.5) < weights.min()
