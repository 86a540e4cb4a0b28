"""Post-stratification, raking and weight trimming, as R's ``survey`` package does them.

Each function returns a new :class:`~observatoire.stats.design.Design` whose weights are calibrated and
whose ``calibrations`` end with a step that residualizes linearised scores exactly as R's ``svyrecvar``
does with the design's ``postStrata``: the variance after calibration is R's (and smaller when the
margins explain the variable). Linear calibration (GREG) and bounded raking are in
:mod:`observatoire.stats.greg`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from observatoire.errors import ConvergenceError, InputError
from observatoire.messages import t
from observatoire.numbers import significant
from observatoire.stats.design import Design
from observatoire.stats.margins import Margin, Population, make_margin, make_margins

#: Backfitting sweeps R's ``svyrecvar`` applies to a raked design (a fixed number, not a tolerance).
RAKING_SWEEPS = 10


def _group_sums(codes: np.ndarray, x: np.ndarray, size: int) -> np.ndarray:
    """Per-category sums of each column of ``x`` (size×k)."""
    out = np.empty((size, x.shape[1]))
    for j in range(x.shape[1]):
        out[:, j] = np.bincount(codes, weights=x[:, j], minlength=size)
    return out


def _group_mean(codes: np.ndarray, x: np.ndarray, size: int, weights: np.ndarray | None = None) -> np.ndarray:
    """Per-category (weighted) means of each column of ``x`` (size×k)."""
    if weights is None:
        denominator = np.bincount(codes, minlength=size).astype(np.float64)
    else:
        denominator = np.bincount(codes, weights=weights, minlength=size)
    out = _group_sums(codes, x, size)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator[:, None] > 0, out / denominator[:, None], 0.0)


@dataclass(frozen=True, eq=False)
class PostStratification:
    """One post-stratification: category codes, weights before and after (R's ``postStrata`` index)."""

    codes: np.ndarray
    size: int
    old_weights: np.ndarray
    new_weights: np.ndarray

    def residualize(self, scores: np.ndarray) -> np.ndarray:
        """Scores minus their post-stratum means (R: ``x - psmeans[psvar] * psw`` in ``svyrecvar``)."""
        psw = np.where((self.new_weights == 0) & (self.old_weights == 0), 1.0, self.new_weights)
        with np.errstate(invalid="ignore", divide="ignore"):
            ratio = np.where(psw[:, None] != 0, scores * (self.old_weights / psw)[:, None], 0.0)
        means = _group_mean(self.codes, ratio, self.size, weights=self.old_weights)
        return scores - means[self.codes] * psw[:, None]


@dataclass(frozen=True, eq=False)
class Raking:
    """A raking: each margin's codes and the weights right after its last post-stratification.

    ``iterations`` is the number of raking passes made; ``epsilon``/``maxit`` are the controls used.
    """

    margins: tuple[tuple[np.ndarray, int, np.ndarray], ...]
    iterations: int
    epsilon: float
    maxit: int

    @cached_property
    def _cross(self) -> list[list[np.ndarray]]:
        """For margins m, m': Σ psw_m' / psw_m over the rows of each (category of m, category of m')."""
        out = []
        for codes, size, psw in self.margins:
            row = []
            for other_codes, other_size, other_psw in self.margins:
                key = codes * other_size + other_codes
                cells = np.bincount(key, weights=other_psw / psw, minlength=size * other_size)
                row.append(cells.reshape(size, other_size))
            out.append(row)
        return out

    def residualize(self, scores: np.ndarray) -> np.ndarray:
        """R's fixed 10 backfitting sweeps: ``x <- x - psw * apply(x/psw, 2, ave, margin)`` per margin.

        Every sweep only moves per-category corrections c_m (x ends as x − Σ_m psw_m · c_m[category]), so
        the sweeps run on category × category tables: two passes over the rows instead of 2 × 10 × margins.
        """
        x = np.asarray(scores, dtype=np.float64)
        sums = [_group_sums(codes, x / psw[:, None], size) for codes, size, psw in self.margins]
        counts = [np.bincount(codes, minlength=size).astype(np.float64) for codes, size, _ in self.margins]
        corrections = [np.zeros((size, x.shape[1])) for _, size, _ in self.margins]
        cross = self._cross
        for _ in range(RAKING_SWEEPS):
            for m in range(len(self.margins)):
                moved = sum(cross[m][j] @ corrections[j] for j in range(len(self.margins)))
                with np.errstate(invalid="ignore", divide="ignore"):
                    mean = np.where(counts[m][:, None] > 0, (sums[m] - moved) / counts[m][:, None], 0.0)
                corrections[m] = corrections[m] + mean
        out = x.copy()
        for (codes, _, psw), correction in zip(self.margins, corrections, strict=True):
            out -= psw[:, None] * correction[codes]
        return out


@dataclass(frozen=True, eq=False)
class Trimming:
    """A weight trimming (R's ``trimWeights``): it changes weights, not the variance's residualization."""

    lower: float
    upper: float
    trimmed: int

    def residualize(self, scores: np.ndarray) -> np.ndarray:
        return scores


def _poststratified(weights: np.ndarray, margin: Margin) -> np.ndarray:
    """Weights scaled so that each category sums to its population count."""
    sample = margin.totals(weights)
    return weights * (margin.population / sample)[margin.codes]


def post_stratify(
    design: Design, data: pd.DataFrame, columns: str | tuple[str, ...], population: Population
) -> Design:
    """Post-stratify ``design`` to the population counts of ``columns`` (one column or a joint table).

    R: ``postStratify(design, ~a (+ b), population)``.
    """
    margin = make_margin(data, columns, population)
    new = _poststratified(design.weights, margin)
    step = PostStratification(margin.codes, margin.size, design.weights, new)
    return design.with_weights(new, step)


def _check_controls(epsilon: float, maxit: int) -> None:
    if not (np.isfinite(epsilon) and epsilon > 0):
        raise InputError(t("stats.calib.bad_epsilon", epsilon=epsilon))
    if int(maxit) != maxit or maxit < 1:
        raise InputError(t("stats.calib.bad_maxit", maxit=maxit))


def _joint_cells(margins: list[Margin]) -> np.ndarray:
    """Cell of each row in the cross-classification of every margin (R: ``svytable(~a+b+...)``)."""
    combined = np.zeros(len(margins[0].codes), dtype=np.int64)
    for margin in margins:
        combined = combined * margin.size + margin.codes
    return pd.factorize(combined)[0]


def rake(
    design: Design,
    data: pd.DataFrame,
    margins: Mapping[str | tuple[str, ...], Population],
    *,
    epsilon: float = 1.0,
    maxit: int = 10,
) -> Design:
    """Rake ``design`` to population ``margins`` by iterative post-stratification.

    ``margins`` maps a column (or a tuple of columns, for a joint table) to its population counts. A pass
    post-stratifies to each margin in turn; raking stops when no cell of the joint table of all margin
    variables moves by ``epsilon`` or more during a pass (``epsilon`` < 1 is a fraction of the total
    weight, as R). After ``maxit`` passes without convergence a :class:`ConvergenceError` names the margin
    farthest from its population counts.

    R: ``rake(design, list(~a, ~b), list(pop.a, pop.b), control = list(epsilon = 1, maxit = 10))``.
    """
    _check_controls(epsilon, maxit)
    matched = make_margins(data, margins)
    tolerance = epsilon * float(design.weights.sum()) if epsilon < 1 else float(epsilon)
    weights = design.weights
    cells = _joint_cells(matched)
    old_table = np.bincount(cells, weights=weights)
    passes, converged = 0, False
    last: list[tuple[np.ndarray, int, np.ndarray]] = []
    while passes < maxit:
        last = []
        for margin in matched:
            weights = _poststratified(weights, margin)
            last.append((margin.codes, margin.size, weights))
        new_table = np.bincount(cells, weights=weights)
        passes += 1
        if np.max(np.abs(old_table - new_table)) < tolerance:
            converged = True
            break
        old_table = new_table
    if not converged:
        worst = max(matched, key=lambda m: float(np.max(np.abs(m.totals(weights) - m.population))))
        deviation = float(np.max(np.abs(worst.totals(weights) - worst.population)))
        raise ConvergenceError(
            t(
                "stats.calib.rake_no_convergence",
                maxit=maxit,
                margin=worst.name,
                deviation=significant(deviation),
                epsilon=significant(tolerance),
            )
        )
    step = Raking(margins=tuple(last), iterations=passes, epsilon=epsilon, maxit=maxit)
    return design.with_weights(weights, step)


def margin_deviations(
    design: Design, data: pd.DataFrame, margins: Mapping[str | tuple[str, ...], Population]
) -> pd.DataFrame:
    """Weighted count, population count and gap of every category of every margin (one row each).

    R: ``svytable(~a, design) - pop.a`` for each margin.
    """
    rows = []
    for margin in make_margins(data, margins):
        totals = margin.totals(design.weights)
        for label, total, population in zip(margin.labels, totals, margin.population, strict=True):
            rows.append((margin.name, label, float(total), float(population), float(total - population)))
    return pd.DataFrame(rows, columns=["margin", "category", "weighted", "population", "gap"])


def trim_weights(
    design: Design, *, lower: float = -np.inf, upper: float = np.inf, strict: bool = False
) -> Design:
    """Clip weights into [``lower``, ``upper``] and share what was cut equally among untouched weights.

    The total weight is kept; with ``strict`` the trimming repeats until no weight is outside the bounds
    (the sharing can push weights above ``upper``). R: ``trimWeights(design, upper, lower, strict)``.
    """
    if not lower < upper:
        raise InputError(t("stats.calib.bad_bounds", low=lower, high=upper))
    weights = design.weights
    trimmed = 0
    while True:
        outside = (weights < lower) | (weights > upper)
        if not outside.any():
            break
        if outside.all():
            raise InputError(t("stats.calib.trim_all", low=lower, high=upper))
        clipped = np.clip(weights, lower, upper)
        clipped[~outside] += (weights - clipped).sum() / np.count_nonzero(~outside)
        trimmed += int(outside.sum())
        weights = clipped
        if not strict:
            break
    if trimmed == 0:
        return design
    return design.with_weights(weights, Trimming(lower=lower, upper=upper, trimmed=trimmed))
