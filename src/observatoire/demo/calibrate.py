"""Moving a few synthetic answers so that weighted estimates land on published figures.

Weights are fixed first (raked to population margins); the answers are then drawn near the targets and a
handful of them adjusted deterministically: a rating moved by ±1, a categorical answer moved from a
category with too much weight to one with too little. Each adjustment works inside one cell (e.g. PACA, or
the rest of France) whose target is exact, so that every coarser figure (France = PACA + rest) follows.
Selection is greedy on weights in a seeded random order, then a last best-fitting respondent, so the
residual is a fraction of one respondent's weight.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from observatoire.stats.calibration import rake
from observatoire.stats.design import Design


@dataclass(frozen=True)
class Aim:
    """Make ``variable`` hit a weighted mean or a distribution of answer codes among ``mask`` rows.

    ``mean`` is a target mean (ratings); ``shares`` maps codes to proportions (summing to 1). Rows where
    the variable is missing (a question not asked) are outside the cell.
    """

    variable: str
    mask: np.ndarray
    mean: float | None = None
    shares: Mapping[int, float] | None = None


def _candidates(rng: np.random.Generator, rows: np.ndarray, weights: np.ndarray, amount: float) -> np.ndarray:
    """A random order of enough of ``rows`` to gather ``amount`` of weight (all of them when few):
    shuffling millions of rows to move a few hundred would dominate the cost of large waves."""
    if rows.size == 0:
        return rows
    need = int(1.5 * amount / weights[rows[: min(rows.size, 1000)]].mean()) + 200
    if need >= rows.size // 2:
        return rng.permutation(rows)
    return rows[rng.choice(rows.size, size=need, replace=False)]


def _pick(order: np.ndarray, weights: np.ndarray, amount: float) -> np.ndarray:
    """Rows of ``order`` (in that order) whose weights add up as close to ``amount`` as greed allows."""
    if amount <= 0 or order.size == 0:
        return order[:0]
    w = weights[order]
    cumulative = np.cumsum(w)
    k = int(np.searchsorted(cumulative, amount, side="right"))
    head = order[:k]
    chosen: list[int] = []
    remaining = amount - (cumulative[k - 1] if k else 0.0)
    rest = order[k:]
    # Fill the remainder with the single best-fitting respondents (at most a few passes).
    for _ in range(3):
        if rest.size == 0 or remaining <= 0:
            break
        gaps = np.abs(remaining - weights[rest])
        best = int(np.argmin(gaps))
        if gaps[best] >= remaining:
            break
        chosen.append(rest[best])
        remaining -= weights[rest[best]]
        rest = np.delete(rest, best)
    return np.concatenate([head, np.asarray(chosen, dtype=np.int64)])


def hit_mean(
    values: np.ndarray,
    weights: np.ndarray,
    mask: np.ndarray,
    target: float,
    rng: np.random.Generator,
    low: int = 1,
    high: int = 10,
) -> None:
    """Move ratings of ``mask`` rows by ±1 (in place; again if one pass is not enough) until their
    weighted mean is ``target``."""
    for _ in range(20):
        cell = mask & ~np.isnan(values)
        total = weights[cell].sum()
        current = float(np.dot(weights[cell], values[cell])) / total
        deficit = (target - current) * total
        if abs(deficit) < 0.25 * weights[cell].min():
            return
        movable = cell & ((values < high) if deficit > 0 else (values > low))
        order = _candidates(rng, np.flatnonzero(movable), weights, abs(deficit))
        chosen = _pick(order, weights, abs(deficit))
        if chosen.size == 0:
            return
        values[chosen] += 1 if deficit > 0 else -1


def hit_shares(
    values: np.ndarray,
    weights: np.ndarray,
    mask: np.ndarray,
    shares: Mapping[int, float],
    rng: np.random.Generator,
) -> None:
    """Recode answers of ``mask`` rows (in place) so that each code's weighted share is ``shares[code]``."""
    cell = mask & ~np.isnan(values)
    total = weights[cell].sum()
    codes = list(shares)
    for _ in range(4):
        counted = np.bincount(values[cell].astype(np.int64), weights=weights[cell], minlength=max(codes) + 1)
        have = {c: float(counted[c]) for c in codes}
        gap = {c: shares[c] * total - have[c] for c in codes}  # > 0: the code needs more weight
        for needy in sorted(codes, key=lambda c: -gap[c]):
            for donor in sorted(codes, key=lambda c: gap[c]):
                if gap[needy] <= 0 or gap[donor] >= 0:
                    continue
                amount = min(gap[needy], -gap[donor])
                order = _candidates(rng, np.flatnonzero(cell & (values == donor)), weights, amount)
                chosen = _pick(order, weights, amount)
                moved = weights[chosen].sum()
                values[chosen] = needy
                gap[needy] -= moved
                gap[donor] += moved


def apply(frame_values: Mapping[str, np.ndarray], weights: np.ndarray, aims: list[Aim], seed: int) -> None:
    """Apply every aim in order (each with its own seeded stream, so adding one changes no other)."""
    for index, aim in enumerate(aims):
        rng = np.random.default_rng([seed, index])
        values = frame_values[aim.variable]
        if aim.mean is not None:
            hit_mean(values, weights, aim.mask, aim.mean, rng)
        elif aim.shares is not None:
            hit_shares(values, weights, aim.mask, aim.shares, rng)


def rest_mean(total_mean: float, part_mean: float, part_weight: float, total_weight: float) -> float:
    """Mean of the rest of a population when the whole's and one part's means are known."""
    return (total_mean * total_weight - part_mean * part_weight) / (total_weight - part_weight)


def rest_shares(
    total: Mapping[int, float], part: Mapping[int, float], part_weight: float, total_weight: float
) -> dict[int, float]:
    """Distribution of the rest of a population from the whole's and one part's distributions."""
    return {c: rest_mean(total[c], part[c], part_weight, total_weight) for c in total}


def rake_weights(
    data: pd.DataFrame, weights: np.ndarray, margins: Mapping[str, Mapping[str, float]]
) -> np.ndarray:
    """Weights raked to population ``margins`` (``{column: {category: count}}``) by the stats layer."""
    present = {column: set(data[column].unique()) for column in margins}
    total = sum(next(iter(margins.values())).values())
    fitted = {}
    for column, counts in margins.items():
        # A category without respondents (a small région in a small sample) is carried by the others.
        kept = {category: count for category, count in counts.items() if category in present[column]}
        scale = total / sum(kept.values())
        fitted[column] = {category: count * scale for category, count in kept.items()}
    design = Design.from_arrays(weights)
    raked = rake(design, data, fitted, epsilon=1e-9, maxit=200)
    return np.asarray(raked.weights, dtype=np.float64)
