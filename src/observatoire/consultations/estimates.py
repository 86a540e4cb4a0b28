"""Means, top-box shares and their « intervalle de crédibilité » for a consultation's weighted answers.

An opt-in sample has no margin of error in the survey sense (AAPOR), so none is printed. The interval shown
is model-based and named as such: it treats the answers as ``n_eff`` (Kish) independent draws — a normal
model with a flat prior for a mean, a Beta posterior with Jeffreys' prior for a share — and says how much
the result could move with that many answers, not how far the territory's residents are from it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats as scipy_stats

#: Probability held by the « intervalle de crédibilité ».
LEVEL = 0.95
#: Ratings 1–10: « forte fragilité » is 8 or more (the top box).
TOP_BOX_FROM = 8


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high


@dataclass(frozen=True)
class ItemEstimate:
    """One item: weighted mean and top-box share (0–1), each with its interval, on ``n`` answers."""

    item: str
    n: int
    effective_n: float
    mean: float
    mean_interval: Interval
    top_box: float
    top_box_interval: Interval


def _z() -> float:
    return float(scipy_stats.norm.ppf(0.5 + LEVEL / 2))


def _mean_interval(mean: float, sd: float, effective: float) -> Interval:
    half = _z() * sd / np.sqrt(effective)
    return Interval(mean - half, mean + half)


def share_interval(share: float, effective: float) -> Interval:
    """Jeffreys' interval for a share observed on ``effective`` answers (Beta(x+½, n−x+½) quantiles)."""
    a = share * effective + 0.5
    b = (1 - share) * effective + 0.5
    tail = (1 - LEVEL) / 2
    return Interval(float(scipy_stats.beta.ppf(tail, a, b)), float(scipy_stats.beta.ppf(1 - tail, a, b)))


def item_estimates(values: np.ndarray, weights: np.ndarray, items: list[str]) -> list[ItemEstimate]:
    """Estimates of every column of ``values`` (n × k ratings 1–10, NaN = no answer), vectorised.

    Each item uses its own respondents: weights of non-respondents are zero, and its effective size is
    Kish's over its respondents.
    """
    values = np.asarray(values, dtype=np.float64)
    answered = ~np.isnan(values)
    w = np.where(answered, weights[:, None], 0.0)
    y = np.where(answered, values, 0.0)
    wsum = w.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = (w * y).sum(axis=0) / wsum
        top = (w * (y >= TOP_BOX_FROM)).sum(axis=0) / wsum
        variances = (w * (y - means) ** 2).sum(axis=0) / wsum
        effective = wsum**2 / (w * w).sum(axis=0)
    counts = answered.sum(axis=0)
    found = []
    for j, item in enumerate(items):
        if counts[j] == 0:
            continue
        sd = float(np.sqrt(variances[j] * counts[j] / max(counts[j] - 1, 1)))
        found.append(
            ItemEstimate(
                item=item,
                n=int(counts[j]),
                effective_n=float(effective[j]),
                mean=float(means[j]),
                mean_interval=_mean_interval(float(means[j]), sd, float(effective[j])),
                top_box=float(top[j]),
                top_box_interval=share_interval(float(top[j]), float(effective[j])),
            )
        )
    return found


@dataclass(frozen=True)
class ShareEstimate:
    """A weighted share (0–1) of one answer, with its interval, on ``n`` answers."""

    item: str
    n: int
    effective_n: float
    share: float
    interval: Interval


def share_estimate(item: str, indicator: np.ndarray, weights: np.ndarray) -> ShareEstimate | None:
    """The weighted share of rows where ``indicator`` is 1 (NaN = no answer); ``None`` if nobody answered."""
    indicator = np.asarray(indicator, dtype=np.float64)
    answered = ~np.isnan(indicator)
    if not answered.any():
        return None
    w = weights[answered]
    share = float((w * indicator[answered]).sum() / w.sum())
    effective = float(w.sum() ** 2 / (w * w).sum())
    return ShareEstimate(item, int(answered.sum()), effective, share, share_interval(share, effective))
