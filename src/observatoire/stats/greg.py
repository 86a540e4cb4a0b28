"""Calibration to totals (GREG), with bounds and trimming, as R's ``survey::calibrate``.

The calibration variables are an intercept plus indicators of categorical margins (one category of each
margin is implied by the intercept) and numeric columns with known population totals. The "linear"
distance without bounds is the closed-form GREG (R's ``regcalibrate``); bounds, or the "raking" and
"logit" distances, use R's Newton iteration ``grake``. In every case the variance step is R's
``greg_calibration``: scores are residualized on the calibration variables (weighted least squares).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
import scipy.linalg

from observatoire.errors import ConvergenceError, DesignError, InputError
from observatoire.messages import t
from observatoire.numbers import number, significant
from observatoire.stats._validate import numeric_column, require_columns, rows_text
from observatoire.stats.design import Design
from observatoire.stats.margins import Population, make_margins

CalFun = Literal["linear", "raking", "logit"]

#: R's ``grake`` rescales the weights first when every population/sample ratio exceeds this.
_RESCALE_THRESHOLD = 20.0
#: R's tolerance for ``MASS::ginv`` in ``grake``.
_GINV_TOL = 256 * np.finfo(np.float64).eps
#: R's default tolerance of ``qr`` (rank of the calibration variables).
_QR_TOL = 1e-7


@dataclass(frozen=True, eq=False)
class LinearCalibration:
    """A GREG step: an orthonormal basis of the weighted calibration variables and the calibrated
    half-weights (R's ``greg_calibration`` with ``qr`` and ``w``)."""

    basis: np.ndarray
    w: np.ndarray
    g: np.ndarray
    iterations: int
    calfun: str

    def residualize(self, scores: np.ndarray) -> np.ndarray:
        """R: ``qr.resid(qr, x / w) * w``."""
        with np.errstate(invalid="ignore", divide="ignore"):
            y = np.where(self.w[:, None] != 0, scores / self.w[:, None], 0.0)
        y = y - self.basis @ (self.basis.T @ y)
        return y * self.w[:, None]


def _orthonormal_basis(matrix: np.ndarray) -> np.ndarray | None:
    """An orthonormal basis of the columns of ``matrix``, or None when they are collinear.

    CholeskyQR2 on unit-norm columns (two Gram products: fast on millions of rows, orthogonal to rounding
    for any well-conditioned matrix); the rank test uses R's ``qr`` tolerance on the singular values.
    """
    norms = np.sqrt(np.einsum("ij,ij->j", matrix, matrix))
    if np.any(norms == 0):
        return None
    scaled = matrix / norms
    gram = scaled.T @ scaled
    singular = np.sqrt(np.maximum(np.linalg.eigvalsh(gram), 0.0))
    if singular[0] <= _QR_TOL * singular[-1]:
        return None
    q = scaled
    for _ in range(2):
        factor = scipy.linalg.cholesky(q.T @ q, lower=False)
        q = q @ scipy.linalg.solve_triangular(factor, np.eye(len(factor)), lower=False)
    return q


def calibration_matrix(
    data: pd.DataFrame,
    margins: Mapping[str | tuple[str, ...], Population] | None = None,
    totals: Mapping[str, float] | None = None,
    population_size: float | None = None,
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """The n×p calibration variables, their population totals and their names.

    An intercept (total: the population size, from the margins or ``population_size``), the indicators of
    every category but the first of each margin, and each numeric column of ``totals``. R:
    ``model.matrix(~a + b + x)`` with ``c("(Intercept)" = N, aB = ..., x = ...)``.
    """
    margins, totals = dict(margins or {}), dict(totals or {})
    if not margins and not totals:
        raise InputError(t("stats.calib.no_margin"))
    n = len(data)
    columns: list[np.ndarray] = []
    targets: list[float] = []
    names: list[str] = []
    matched = make_margins(data, margins) if margins else []
    size = float(matched[0].population.sum()) if matched else population_size
    if matched and population_size is not None and abs(size - population_size) > 1e-6 * size:
        raise InputError(
            t(
                "stats.calib.totals_disagree",
                totals=f"marges : {number(size, 0)}, population : {number(population_size, 0)}",
            )
        )
    if size is not None:
        columns.append(np.ones(n))
        targets.append(float(size))
        names.append("(Intercept)")
    for margin in matched:
        for j in range(1, margin.size):
            columns.append((margin.codes == j).astype(np.float64))
            targets.append(float(margin.population[j]))
            names.append(f"{margin.name}={margin.labels[j]}")
    require_columns(data, totals)
    for column, total in totals.items():
        values = numeric_column(data[column], column)
        missing = np.isnan(values)
        if missing.any():
            raise InputError(
                t("stats.calib.missing_values", margin=column, rows=rows_text(np.flatnonzero(missing)))
            )
        if not np.isfinite(total):
            raise InputError(t("stats.calib.bad_total", column=column, total=total))
        columns.append(values)
        targets.append(float(total))
        names.append(column)
    return np.column_stack(columns), np.asarray(targets), names


def _distance(calfun: CalFun, lower: float, upper: float) -> tuple[Callable, Callable]:
    """R's ``cal.linear``/``cal.raking``/``cal.logit``: (F − 1, its derivative), bounds included."""
    if calfun == "linear":
        return (
            lambda u: np.minimum(np.maximum(u + 1, lower), upper) - 1,
            lambda u: ((u < upper - 1) & (u > lower - 1)).astype(np.float64),
        )
    if calfun == "raking":
        return (
            lambda u: np.minimum(np.maximum(np.exp(u), lower), upper) - 1,
            # R compares u itself to the bounds minus one here; kept so that the iterations are R's.
            lambda u: np.where((u < upper - 1) & (u > lower - 1), np.exp(u), 0.0),
        )
    if calfun == "logit":
        if not (np.isfinite(lower) and np.isfinite(upper) and lower < 1 < upper):
            raise InputError(t("stats.calib.logit_bounds"))
        a = (upper - lower) / ((upper - 1) * (1 - lower))

        def fm1(u: np.ndarray) -> np.ndarray:
            e = np.exp(a * u)
            return (lower * (upper - 1) + upper * (1 - lower) * e) / (upper - 1 + (1 - lower) * e) - 1

        def df(u: np.ndarray) -> np.ndarray:
            e = np.exp(a * u)
            d = upper - 1 + (1 - lower) * e
            return (
                upper * (1 - lower) * e * a / d
                - (lower * (upper - 1) + upper * (1 - lower) * e) * ((1 - lower) * e * a) / d**2
            )

        return fm1, df
    raise InputError(t("stats.calib.bad_calfun", calfun=calfun))


def _grake(
    mm: np.ndarray,
    ww: np.ndarray,
    population: np.ndarray,
    calfun: CalFun,
    lower: float,
    upper: float,
    epsilon: float,
    maxit: int,
) -> tuple[np.ndarray, int, float | None]:
    """R's ``grake``: Newton steps on the Lagrange multipliers; (g, iterations, misfit if failed)."""
    fm1, df = _distance(calfun, lower, upper)
    sample_total = mm.T @ ww
    eta = np.zeros(mm.shape[1])
    xeta = mm @ eta
    scale = None
    if np.min(population / sample_total) > _RESCALE_THRESHOLD:
        scale = float(np.mean(population / sample_total))
        ww = ww * scale
        sample_total = sample_total * scale
    iteration, failed = 1, None
    while True:
        deriv = df(xeta)
        tmat = (mm * (ww * deriv)[:, None]).T @ mm
        misfit = population - sample_total - mm.T @ (ww * fm1(xeta))
        delta = np.linalg.pinv(tmat, rcond=_GINV_TOL) @ misfit
        eta = eta + delta
        xeta = mm @ eta
        g = 1 + fm1(xeta)
        deriv = df(xeta)
        while iteration < maxit and not (np.all(np.isfinite(g)) and np.all(np.isfinite(deriv))):
            iteration += 1
            delta = delta / 2
            eta = eta - delta
            xeta = mm @ eta
            g = 1 + fm1(xeta)
            deriv = df(xeta)
        misfit = population - sample_total - mm.T @ (ww * fm1(xeta))
        relative = np.abs(misfit) / (1 + np.abs(population))
        if np.all(relative < epsilon):
            break
        iteration += 1
        if iteration > maxit:
            failed = int(np.argmax(relative))
            break
    g = 1 + fm1(xeta)
    if scale is not None:
        g = g * scale
    return g, iteration, failed


def calibrate(
    design: Design,
    data: pd.DataFrame,
    margins: Mapping[str | tuple[str, ...], Population] | None = None,
    totals: Mapping[str, float] | None = None,
    *,
    population_size: float | None = None,
    calfun: CalFun = "linear",
    bounds: tuple[float, float] = (-np.inf, np.inf),
    trim: tuple[float, float] | None = None,
    epsilon: float = 1e-7,
    maxit: int = 50,
) -> Design:
    """Calibrate ``design`` so that weighted totals hit the population's (GREG and its variants).

    ``margins`` gives categorical population counts (as :func:`~observatoire.stats.calibration.rake`),
    ``totals`` numeric population totals of columns. ``bounds`` limits the adjustment ratio g = new/old
    weight; ``trim`` then clips g and spreads the excess over the other weights in proportion to them
    (the margins are then only approximately met). Non-convergence within ``maxit`` Newton steps raises
    :class:`ConvergenceError` naming the constraint farthest from its total (unless ``trim`` is given, as R).
    The linear distance without bounds may give negative weights, as in R: give ``bounds`` to prevent it.
    One deliberate difference: R ignores ``trim`` for the linear distance without bounds; here it applies.

    R: ``calibrate(design, ~a + b + x, c("(Intercept)" = N, ...), calfun = "linear", bounds = c(lo, hi),
    trim = c(tlo, thi), epsilon = 1e-7, maxit = 50)``.
    """
    lower, upper = (float(b) for b in bounds)
    if not (lower <= 1 <= upper and lower < upper):
        raise InputError(t("stats.calib.bad_bounds", low=lower, high=upper))
    if not (np.isfinite(epsilon) and epsilon > 0):
        raise InputError(t("stats.calib.bad_epsilon", epsilon=epsilon))
    if int(maxit) != maxit or maxit < 1:
        raise InputError(t("stats.calib.bad_maxit", maxit=maxit))
    mm, population, names = calibration_matrix(data, margins, totals, population_size)
    ww = design.weights
    whalf = np.sqrt(ww)
    basis = _orthonormal_basis(mm * whalf[:, None])
    if basis is None:
        raise DesignError(t("stats.calib.collinear", names=", ".join(names)))
    if calfun == "linear" and np.isneginf(lower) and np.isposinf(upper):
        sample_total = mm.T @ ww
        tmat = (mm * ww[:, None]).T @ mm
        g = 1 + mm @ np.linalg.solve(tmat, population - sample_total)
        iterations, failed = 1, None
    else:
        g, iterations, failed = _grake(mm, ww, population, calfun, lower, upper, epsilon, maxit)
    if trim is not None:
        low, high = (float(b) for b in trim)
        if not low < high:
            raise InputError(t("stats.calib.bad_bounds", low=low, high=high))
        clipped = np.clip(g, low, high)
        outside = (g < low) | (g > high)
        if outside.any():
            clipped[~outside] += ((g - clipped) * ww).sum() / ww[~outside].sum()
            g, failed = clipped, None
    if failed is not None:
        misfit = (population - mm.T @ (ww * g)) / (1 + np.abs(population))
        raise ConvergenceError(
            t(
                "stats.calib.greg_no_convergence",
                maxit=maxit,
                constraint=names[failed],
                misfit=significant(abs(misfit[failed]), 3),
            )
        )
    step = LinearCalibration(basis=basis, w=g * whalf, g=g, iterations=iterations, calfun=calfun)
    return design.with_weights(ww * g, step)
