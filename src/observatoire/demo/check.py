"""Estimating the published figures from demo microdata, to verify the calibration.

Point estimates only (weighted means, shares, totals: what ``svymean``/``svytotal`` give as estimates);
the build computes the same figures, with their variances, through :mod:`observatoire.stats`.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from observatoire.demo.targets import Target, target_list

COMPARISON_COLUMNS = [
    "study",
    "wave",
    "variable",
    "codes",
    "territory",
    "group",
    "statistic",
    "target",
    "estimate",
    "gap",
    "met",
]
_LEVEL_COLUMN = {"survey_region": "survey_region", "macro_region": "macro_region", "region": "region"}


def _numbers(frame: pd.DataFrame, column: str) -> np.ndarray:
    return pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=np.float64)


def _cell(frame: pd.DataFrame, target: Target) -> np.ndarray:
    mask = np.ones(len(frame), dtype=bool)
    if target.territory_level != "nation":
        mask &= frame[_LEVEL_COLUMN[target.territory_level]].astype(str).to_numpy() == target.territory
    if target.group_variable:
        mask &= frame[target.group_variable].astype(str).to_numpy() == target.group
    return mask


def _share(
    frame: pd.DataFrame, weights: np.ndarray, variable: str, codes: list[float], mask: np.ndarray
) -> float:
    values = _numbers(frame, variable)
    answered = mask & ~np.isnan(values)
    return 100.0 * weights[answered & np.isin(values, codes)].sum() / weights[answered].sum()


def estimate(frame: pd.DataFrame, target: Target, weight: str = "poids") -> float:
    """The demo's estimate of one published figure from a wave's microdata."""
    weights = _numbers(frame, weight)
    mask = _cell(frame, target)
    if target.statistic == "population":
        return float(weights[mask].sum() / 1e6)
    if target.statistic == "mean":
        values = _numbers(frame, target.variable)
        answered = mask & ~np.isnan(values)
        return float(np.dot(weights[answered], values[answered]) / weights[answered].sum())
    if target.statistic == "share":
        codes = [float(c) for c in target.codes.split(";")]
        return float(_share(frame, weights, target.variable, codes, mask))
    if target.statistic == "rank":
        prefix = target.variable[: target.variable.index("_") + 1]  # coop_emploi -> coop_
        items = [c for c in frame.columns if c.startswith(prefix)]
        shares = {c: _share(frame, weights, c, [float(target.codes)], mask) for c in items}
        ordered = sorted(shares, key=lambda c: -shares[c])
        return float(ordered.index(target.variable) + 1)
    raise ValueError(f"unknown statistic {target.statistic!r}")


def compare(frames: Mapping[tuple[str, int], pd.DataFrame]) -> pd.DataFrame:
    """Every survey target with the demo's estimate, the gap and whether it is within tolerance."""
    rows = []
    for target in target_list():
        frame = frames.get((target.study, target.wave))
        if frame is None:
            continue
        value = estimate(frame, target)
        rows.append(
            {
                "study": target.study,
                "wave": target.wave,
                "variable": target.variable,
                "codes": target.codes,
                "territory": target.territory,
                "group": target.group,
                "statistic": target.statistic,
                "target": target.value,
                "estimate": value,
                "gap": value - target.value,
                "met": abs(value - target.value) <= target.tolerance + 1e-9,
            }
        )
    return pd.DataFrame(rows, columns=COMPARISON_COLUMNS)
