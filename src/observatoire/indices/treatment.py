"""Data treatment before normalisation: coverage screening, imputation and winsorisation.

Each step works on one domain at one peer level, on a cube ``values[territory, year, indicator]`` with NaN
where no value was imported, and returns what it changed so that the audit can list every touched point.
Years are pooled: an indicator is screened and treated once over all years, so that a territory's 2015 and
2019 values go through the same treatment and stay comparable.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SKEW_THRESHOLD = 2.0  # COINr's defaults (check_SkewKurt / winsorise)
KURTOSIS_THRESHOLD = 3.5
MAX_WINSORISED = 5


def indicator_coverage(cube: np.ndarray) -> np.ndarray:
    """Share of (territory, year) cells with a value, per indicator."""
    return np.mean(~np.isnan(cube), axis=(0, 1))


def row_coverage(cube: np.ndarray) -> np.ndarray:
    """Share of indicators with a value, per (territory, year)."""
    return np.mean(~np.isnan(cube), axis=2)


@dataclass(frozen=True)
class Imputation:
    """Imputed cells: ``cells[k] = (territory, year, indicator)`` indices, with the method that filled it."""

    cells: np.ndarray  # (k, 3) int
    methods: list[str]  # "previous_year" or "peer_mean"


def impute(
    cube: np.ndarray, included: np.ndarray, previous_year: bool = True
) -> tuple[np.ndarray, Imputation]:
    """Fill missing cells of included (territory, year) rows.

    With ``previous_year``, a territory's missing value takes its own most recent earlier value (the usual
    "last observation carried forward" for slowly moving statistics); otherwise, or when there is none, the
    mean of the peers that have a value that year. Cells of excluded rows stay NaN; a cell with no peer
    value that year stays NaN too (aggregation then skips it and ``n_indicators`` says so).
    """
    filled = cube.copy()
    observed = ~np.isnan(cube) & included[:, :, None]
    peer_sum = np.where(observed, cube, 0.0).sum(axis=0)
    peer_count = observed.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        peer_mean = np.where(peer_count > 0, peer_sum / np.maximum(peer_count, 1), np.nan)
    cells: list[tuple[int, int, int]] = []
    methods: list[str] = []
    missing = np.argwhere(np.isnan(cube) & included[:, :, None])
    for territory, year, indicator in missing:
        value = np.nan
        method = "peer_mean"
        if previous_year:
            earlier = cube[territory, :year, indicator]
            known = np.flatnonzero(~np.isnan(earlier))
            if known.size:
                value, method = earlier[known[-1]], "previous_year"
        if np.isnan(value):
            value = peer_mean[year, indicator]
        if not np.isnan(value):
            filled[territory, year, indicator] = value
            cells.append((int(territory), int(year), int(indicator)))
            methods.append(method)
    return filled, Imputation(np.asarray(cells, dtype=np.int64).reshape(-1, 3), methods)


def skewness(x: np.ndarray) -> float:
    """Adjusted Fisher-Pearson skewness (e1071 type 2, Excel SKEW), the definition COINr uses."""
    n = x.size
    centred = x - x.mean()
    m2 = np.sum(centred**2)
    if n < 3 or m2 == 0:
        return 0.0
    g1 = np.sqrt(n) * np.sum(centred**3) / m2**1.5
    return float(g1 * np.sqrt(n * (n - 1)) / (n - 2))


def kurtosis(x: np.ndarray) -> float:
    """Adjusted excess kurtosis (e1071 type 2, Excel KURT), the definition COINr uses."""
    n = x.size
    centred = x - x.mean()
    m2 = np.sum(centred**2)
    if n < 4 or m2 == 0:
        return 0.0
    r = n * np.sum(centred**4) / m2**2
    return float(((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3)))


def is_outlying(x: np.ndarray, skew_threshold: float, kurtosis_threshold: float) -> bool:
    """COINr's test: an indicator fails only when |skew| AND kurtosis both exceed their thresholds."""
    return abs(skewness(x)) > skew_threshold and kurtosis(x) > kurtosis_threshold


@dataclass(frozen=True)
class Winsorisation:
    """What winsorising one indicator did: positions changed, old values, and the moments before/after."""

    positions: np.ndarray  # indices into the pooled vector
    original: np.ndarray
    skew_before: float
    kurtosis_before: float
    skew_after: float
    kurtosis_after: float
    still_outlying: bool


def winsorise(
    x: np.ndarray,
    skew_threshold: float = SKEW_THRESHOLD,
    kurtosis_threshold: float = KURTOSIS_THRESHOLD,
    max_points: int = MAX_WINSORISED,
) -> tuple[np.ndarray, Winsorisation]:
    """Winsorise ``x`` (no NaN) as COINr does, one extreme at a time, only while it fails the test.

    At each step the most extreme point on the side of the skew (the highest if skew > 0) takes the value
    of the next point on that side; ties at the extreme move together. It stops when the test passes or
    when going on would change more than ``max_points`` distinct points; ``still_outlying`` then tells the
    audit.
    """
    treated = x.astype(np.float64, copy=True)
    skew_before, kurt_before = skewness(treated), kurtosis(treated)
    changed: set[int] = set()
    while len(changed) < max_points and is_outlying(treated, skew_threshold, kurtosis_threshold):
        high = skewness(treated) > 0
        extreme = treated.max() if high else treated.min()
        at_extreme = np.flatnonzero(treated == extreme)
        others = np.delete(treated, at_extreme)
        if others.size == 0 or len(changed | {int(i) for i in at_extreme}) > max_points:
            break
        treated[at_extreme] = others.max() if high else others.min()
        changed.update(int(i) for i in at_extreme)
    positions = np.asarray(sorted(changed), dtype=np.int64)
    return treated, Winsorisation(
        positions=positions,
        original=x[positions],
        skew_before=skew_before,
        kurtosis_before=kurt_before,
        skew_after=skewness(treated),
        kurtosis_after=kurtosis(treated),
        still_outlying=is_outlying(treated, skew_threshold, kurtosis_threshold),
    )
