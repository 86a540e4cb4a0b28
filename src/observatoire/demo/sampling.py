"""Vectorised drawing of synthetic respondents: allocations, categorical answers, 1-10 ratings.

Everything works on whole columns with numpy (no Python loop over respondents) so that a wave of ten
million rows costs seconds and a few hundred megabytes: answers are float32 (NaN = not asked).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np


def allocate(n: int, shares: Sequence[float] | np.ndarray) -> np.ndarray:
    """Split ``n`` into integer counts proportional to ``shares`` (largest remainders), summing to ``n``."""
    shares = np.asarray(shares, dtype=np.float64)
    exact = n * shares / shares.sum()
    counts = np.floor(exact).astype(np.int64)
    short = n - int(counts.sum())
    if short:
        counts[np.argsort(-(exact - counts), kind="stable")[:short]] += 1
    return counts


def choose(rng: np.random.Generator, n: int, shares: Mapping[int, float]) -> np.ndarray:
    """``n`` answer codes drawn with probabilities ``shares`` (float32)."""
    codes = np.fromiter(shares.keys(), dtype=np.float32)
    probabilities = np.fromiter(shares.values(), dtype=np.float64)
    cumulative = np.cumsum(probabilities / probabilities.sum())
    return codes[np.minimum(np.searchsorted(cumulative, rng.random(n)), len(codes) - 1)]


def choose_rows(rng: np.random.Generator, probabilities: np.ndarray, codes: Sequence[int]) -> np.ndarray:
    """One code per row, row ``i`` drawn with ``probabilities[i]`` (rows sum to 1)."""
    cumulative = np.cumsum(probabilities, axis=1)
    draw = rng.random((probabilities.shape[0], 1))
    picked = np.minimum((draw > cumulative).sum(axis=1), len(codes) - 1)
    return np.asarray(codes, dtype=np.float32)[picked]


def ratings(
    rng: np.random.Generator, mean: np.ndarray | float, person: np.ndarray, spread: float = 1.9
) -> np.ndarray:
    """Ratings 1-10 around ``mean``: a respondent's general severity ``person`` plus item noise."""
    n = person.shape[0]
    raw = np.asarray(mean, dtype=np.float32) + person + spread * rng.standard_normal(n, dtype=np.float32)
    return np.clip(np.rint(raw), 1, 10).astype(np.float32)


def dont_know(rng: np.random.Generator, values: np.ndarray, rate: float = 0.01) -> None:
    """Blank a small share of answers (« ne sait pas »), in place."""
    values[rng.random(values.shape[0]) < rate] = np.nan


def yes_no(rng: np.random.Generator, n: int, yes: float) -> np.ndarray:
    """Codes 1 (oui) / 2 (non)."""
    return choose(rng, n, {1: yes, 2: 1.0 - yes})
