"""Aggregation of normalised indicators into a domain score, the 1-10 scale, and ranks among peers.

All functions take many weight vectors at once (one per Monte Carlo draw), so that the nominal index and
the uncertainty analysis share one code path and agree exactly when their assumptions are the same.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

Aggregation = Literal["arithmetic", "geometric"]
AGGREGATIONS: tuple[Aggregation, ...] = ("arithmetic", "geometric")


def aggregation_inputs(normalised: np.ndarray, shifts: np.ndarray, aggregation: Aggregation) -> np.ndarray:
    """What is averaged: the normalised values, or for the geometric mean ``log(value + shift)``.

    The geometric mean needs strictly positive inputs; ``shifts`` (see
    :meth:`~observatoire.indices.normalise.Normaliser.geometric_shift`) make every peer value >= 1, and a
    non-peer value (the nation) below that is clipped to 1.
    """
    if aggregation == "arithmetic":
        return normalised
    return np.log(np.maximum(normalised + shifts, 1.0))


def weighted_means(inputs: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Weighted mean of ``inputs`` (rows × indicators, NaN = missing) for each weight vector (draws ×
    indicators): returns ``(means, n_used)`` of shape rows × draws and rows. Missing indicators are skipped
    and the remaining weights rescaled to sum to 1, as COINr's ``a_amean`` does."""
    present = ~np.isnan(inputs)
    filled = np.where(present, inputs, 0.0)
    weights = np.atleast_2d(weights)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = (filled @ weights.T) / (present.astype(np.float64) @ weights.T)
    return means, present.sum(axis=1)


def scores(means: np.ndarray, aggregation: Aggregation, bounded: bool) -> np.ndarray:
    """Back from the averaged scale to a score: the weighted geometric mean is ``exp(mean log) − 1`` for the
    bounded methods (so that it lies in [0, 100] like the arithmetic mean), ``exp(mean log)`` otherwise."""
    if aggregation == "arithmetic":
        return means
    return np.exp(means) - (1.0 if bounded else 0.0)


def to_ten_scale(score: np.ndarray, low: float, high: float) -> np.ndarray:
    """Linear map of ``[low, high]`` onto ``[1, 10]`` (clipped): 10 = most fragile, as in the surveys."""
    return np.clip(1.0 + 9.0 * (score - low) / (high - low), 1.0, 10.0)


def descending_ranks(values: np.ndarray, decimals: int = 9) -> np.ndarray:
    """Ranks down each column, 1 = highest value (most fragile); ties share the best rank ("min" method).

    Values are rounded to ``decimals`` first so that floating-point noise does not split true ties.
    NaN values are ranked last (callers pass only rows that have a score).
    """
    values = np.asarray(values, dtype=np.float64)
    if values.ndim == 1:
        return descending_ranks(values[:, None], decimals)[:, 0]
    # Work on draws × rows (contiguous rows: sorting along the last axis is several times faster).
    flipped = np.ascontiguousarray(-np.round(values.T, decimals))
    flipped[np.isnan(flipped)] = np.inf
    order = np.argsort(flipped, axis=1)  # ties are resolved below, so the sort need not be stable
    lines = np.arange(flipped.shape[0])[:, None]
    ordered = flipped[lines, order]
    n = flipped.shape[1]
    starts = np.empty(ordered.shape, dtype=bool)
    starts[:, 0] = True
    np.not_equal(ordered[:, 1:], ordered[:, :-1], out=starts[:, 1:])
    first = np.maximum.accumulate(np.where(starts, np.arange(n), 0), axis=1)
    ranks = np.empty(flipped.shape, dtype=np.int64)
    ranks[lines, order] = first + 1
    return ranks.T
