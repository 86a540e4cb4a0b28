"""Normalisation: bring indicators in different units onto one scale where higher = more fragile.

Every method is *fitted* once on the peers' values of all years pooled, then *applied* to any value (the
peers of each year, the nation as a reference). Pooling is what fixes the goalposts across years: a
territory whose unemployment fell between 2015 and 2019 sees its normalised value fall too, which would not
happen if each year were rescaled on its own.

- ``minmax``: ``100 × (x − low) / (high − low)``, goalposts from the metadata or the pooled min and max,
  clipped to [0, 100];
- ``zscore``: ``(x − mean) / sd`` with the pooled mean and (n − 1) standard deviation;
- ``rank``: the percentile of ``x`` among the pooled peer values, ``100 × (mid-rank − 1) / (n − 1)``.

Direction is applied inside each method (a −1 indicator is mirrored) so that every output grows with
fragility.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

Method = Literal["minmax", "zscore", "rank"]
NORMALISATIONS: tuple[Method, ...] = ("minmax", "zscore", "rank")
BOUNDED = ("minmax", "rank")  # outputs in [0, 100]


@dataclass(frozen=True)
class Normaliser:
    """A normalisation fitted on the peers; :meth:`apply` maps raw values to oriented normalised values."""

    method: Method
    direction: int
    low: float
    high: float
    mean: float
    sd: float
    sorted_peers: np.ndarray  # oriented peer values, sorted (for ``rank``)

    def apply(self, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64)
        if self.method == "minmax":
            scaled = (x - self.low) / (self.high - self.low) * 100.0
            return np.clip(scaled if self.direction > 0 else 100.0 - scaled, 0.0, 100.0)
        if self.method == "zscore":
            return self.direction * (x - self.mean) / self.sd
        oriented = self.direction * x
        n = self.sorted_peers.size
        below = np.searchsorted(self.sorted_peers, oriented, side="left")
        equal = np.searchsorted(self.sorted_peers, oriented, side="right") - below
        percentile = (below + 0.5 * equal - 0.5) / (n - 1) * 100.0
        return np.where(np.isnan(x), np.nan, np.clip(percentile, 0.0, 100.0))

    def geometric_shift(self) -> float:
        """Constant added before a geometric mean so that every input is >= 1 (strictly positive).

        COINr asks for min-max on [1, 100] before ``a_gmean``; we keep one [0, 100] scale and add 1 to the
        bounded methods, and for z-scores add ``1 − min`` so that the lowest peer maps to 1.
        """
        if self.method in BOUNDED:
            return 1.0
        lowest = (self.sorted_peers[0] - self.direction * self.mean) / self.sd  # lowest oriented z
        return 1.0 - float(lowest)


def fit_normaliser(
    peer_values: np.ndarray,
    method: Method,
    direction: int,
    goalposts: tuple[float, float] | None = None,
) -> Normaliser:
    """Fit ``method`` on the pooled peer values (NaN ignored; at least two distinct values needed)."""
    values = np.asarray(peer_values, dtype=np.float64)
    values = values[~np.isnan(values)]
    if np.unique(values).size < 2:
        raise ValueError("normalisation needs at least two distinct peer values")
    low, high = goalposts if goalposts is not None else (float(values.min()), float(values.max()))
    return Normaliser(
        method=method,
        direction=1 if direction > 0 else -1,
        low=low,
        high=high,
        mean=float(values.mean()),
        sd=float(values.std(ddof=1)),
        sorted_peers=np.sort(values * (1 if direction > 0 else -1)),
    )


class IndicatorScales:
    """The normalisers of every indicator of a domain, for each method, fitted once on the peers."""

    def __init__(
        self,
        peer_values: np.ndarray,
        directions: list[int],
        goalposts: list[tuple[float, float] | None],
        methods: tuple[Method, ...],
    ) -> None:
        self.by_method = {
            method: [
                fit_normaliser(
                    peer_values[:, i], method, direction, goalposts[i] if method == "minmax" else None
                )
                for i, direction in enumerate(directions)
            ]
            for method in methods
        }

    def normalise(self, method: Method, matrix: np.ndarray) -> np.ndarray:
        """``matrix`` (rows × indicators, raw units) normalised by ``method``."""
        return np.column_stack([n.apply(matrix[:, i]) for i, n in enumerate(self.by_method[method])])

    def shifts(self, method: Method) -> np.ndarray:
        return np.array([n.geometric_shift() for n in self.by_method[method]])
