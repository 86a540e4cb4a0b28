"""Uncertainty and sensitivity of ranks to the modeller's choices, by Monte Carlo (OECD/JRC handbook, ch. 7).

Three assumptions are drawn independently at each draw: the normalisation method (uniform among the
allowed ones), the aggregation (uniform among the allowed ones) and the weights (each nominal weight times
a uniform factor in ``[1 − noise, 1 + noise]``, or a Dirichlet around the nominal shares). For every draw
the domain score of every territory and year is recomputed and ranked among the peers of that year.

- Rank interval: the 5 % and 95 % quantiles of a territory's ranks over the ``n`` draws of sample A.
- Sensitivity: Sobol' indices of each assumption on the rank, with Saltelli's design (samples A, B and, per
  assumption, A with that assumption taken from B: ``n × (2 + 3)`` evaluations); first order with
  Saltelli (2010), total order with Jansen (1999). Territory-level indices are noisy with few territories,
  so the summary pools them: Σ over territories of the partial variances ÷ Σ of the rank variances, i.e.
  the share of all rank movement in the domain that each assumption explains.

Everything is matrix algebra over draws: one matrix product per (normalisation, aggregation) pair and one
sort per year; no Python loop over draws.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from observatoire.indices.aggregate import descending_ranks, weighted_means

WeightScheme = Literal["uniform", "dirichlet"]
ASSUMPTIONS = ("normalisation", "weights", "aggregation")


@dataclass(frozen=True)
class Draws:
    """One sample of assumptions: indices into the method lists, and a weight vector per draw."""

    normalisation: np.ndarray  # (n,) int
    aggregation: np.ndarray  # (n,) int
    weights: np.ndarray  # (n, indicators)

    def with_assumption_from(self, other: Draws, assumption: str) -> Draws:
        return Draws(
            normalisation=other.normalisation if assumption == "normalisation" else self.normalisation,
            aggregation=other.aggregation if assumption == "aggregation" else self.aggregation,
            weights=other.weights if assumption == "weights" else self.weights,
        )


def draw(
    rng: np.random.Generator,
    n: int,
    nominal_weights: np.ndarray,
    n_normalisations: int,
    n_aggregations: int,
    noise: float,
    scheme: WeightScheme,
    concentration: float,
) -> Draws:
    shares = nominal_weights / nominal_weights.sum()
    if scheme == "dirichlet" and noise > 0 and shares.size > 1:
        weights = rng.dirichlet(concentration * shares * shares.size, size=n)
    else:
        weights = shares * rng.uniform(1.0 - noise, 1.0 + noise, size=(n, shares.size))
    return Draws(
        normalisation=rng.integers(0, n_normalisations, size=n),
        aggregation=rng.integers(0, n_aggregations, size=n),
        weights=weights,
    )


def ranks_under(
    inputs: Mapping[tuple[int, int], np.ndarray], draws: Draws, year_rows: Sequence[np.ndarray]
) -> np.ndarray:
    """Ranks (rows × draws) of every peer row among the peers of its year, for each draw's assumptions.

    ``inputs[(normalisation, aggregation)]`` is the rows × indicators matrix averaged under that pair.
    """
    n_rows = next(iter(inputs.values())).shape[0]
    averaged = np.empty((n_rows, draws.weights.shape[0]))
    for (normalisation, aggregation), matrix in inputs.items():
        columns = np.flatnonzero((draws.normalisation == normalisation) & (draws.aggregation == aggregation))
        if columns.size:
            averaged[:, columns] = weighted_means(matrix, draws.weights[columns])[0]
    ranks = np.empty(averaged.shape, dtype=np.float64)
    for rows in year_rows:
        ranks[rows] = descending_ranks(averaged[rows])
    return ranks


@dataclass(frozen=True)
class MonteCarloResult:
    """Per peer row: rank quantiles over sample A; per assumption: pooled first/total-order shares."""

    rank_low: np.ndarray
    rank_high: np.ndarray
    rank_median: np.ndarray
    rank_variance: np.ndarray
    first_order: dict[str, float]
    total_order: dict[str, float]


def monte_carlo(
    inputs: Mapping[tuple[int, int], np.ndarray],
    year_rows: Sequence[np.ndarray],
    nominal_weights: np.ndarray,
    n_normalisations: int,
    n_aggregations: int,
    rng: np.random.Generator,
    n_draws: int = 1000,
    noise: float = 0.25,
    scheme: WeightScheme = "uniform",
    concentration: float = 20.0,
    interval: tuple[float, float] = (0.05, 0.95),
    sensitivity: bool = True,
) -> MonteCarloResult:
    def sample() -> Draws:
        return draw(
            rng, n_draws, nominal_weights, n_normalisations, n_aggregations, noise, scheme, concentration
        )

    a = sample()
    ranks_a = ranks_under(inputs, a, year_rows)
    low, median, high = np.quantile(ranks_a, [interval[0], 0.5, interval[1]], axis=1, method="inverted_cdf")
    first: dict[str, float] = {}
    total: dict[str, float] = {}
    variance = ranks_a.var(axis=1)
    if sensitivity:
        b = sample()
        ranks_b = ranks_under(inputs, b, year_rows)
        both = np.concatenate([ranks_a, ranks_b], axis=1)
        variance = both.var(axis=1)
        pooled = variance.sum()
        centre = both.mean(axis=1, keepdims=True)  # centring cuts the estimator's noise: ranks are far from 0
        for assumption in ASSUMPTIONS:
            ranks_ab = ranks_under(inputs, a.with_assumption_from(b, assumption), year_rows)
            first_part = np.mean((ranks_b - centre) * (ranks_ab - ranks_a), axis=1).sum()
            total_part = 0.5 * np.mean((ranks_a - ranks_ab) ** 2, axis=1).sum()
            first[assumption] = float(first_part / pooled) if pooled > 0 else 0.0
            total[assumption] = float(total_part / pooled) if pooled > 0 else 0.0
    return MonteCarloResult(
        rank_low=low,
        rank_high=high,
        rank_median=median,
        rank_variance=variance,
        first_order=first,
        total_order=total,
    )
