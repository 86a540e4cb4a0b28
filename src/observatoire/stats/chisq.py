"""Rao-Scott corrected chi-square test of a two-way crosstab, as R's ``svychisq(~a + b, design)``.

Pearson's X² of the weighted table (scaled to the sample size) divided by the mean generalized design
effect, with the F approximation (default: first-order correction, F(d0, d0 × design df)) or the χ² one.
The covariance of the cell shares comes from stratum × cell moments when rows are PSUs, PSU × cell totals
without calibration, or the design's full linearisation otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy import stats as sps

from observatoire.errors import DesignError, InputError
from observatoire.messages import t
from observatoire.stats import cells as fast
from observatoire.stats.design import _CERTAINTY, Design
from observatoire.stats.significance import _psu_covariance


@dataclass(frozen=True)
class RaoScottTest:
    """Result of :func:`rao_scott_chisq`, with R's meaning of each field.

    ``statistic``: F = X²/tr(Δ) for "F", Pearson's X² itself for "Chisq" (as R prints it); ``ndf``/``ddf``:
    the F degrees of freedom (d0 and d0 × design df) or, for "Chisq", (r−1)(c−1) and None; ``pearson``:
    X² of the weighted table scaled to the sample size; ``deff``: mean generalized design effect tr(Δ)/df.
    """

    method: Literal["F", "Chisq"]
    statistic: float
    ndf: float
    ddf: float | None
    p_value: float
    pearson: float
    deff: float


def _codes_of(values: ArrayLike, name: str) -> tuple[np.ndarray, int]:
    series = pd.Series(values) if not isinstance(values, pd.Series) else values
    codes, labels = pd.factorize(series, sort=True)
    if len(labels) < 2:
        raise InputError(t("stats.test.too_few_categories", variable=name))
    return codes.astype(np.int64), len(labels)


def _cell_share_covariance(
    design: Design, cell: np.ndarray, w: np.ndarray, share: np.ndarray, present: np.ndarray, fast_path: bool
) -> np.ndarray:
    """Covariance of the estimated cell shares (R's ``svymean(mm, design)``), without n × cells scores
    when the design allows: per stratum × cell moments (rows are PSUs), or PSU × cell totals."""
    k = len(share)
    total_w = w.sum()
    if fast_path and fast.fast_path_applies(design):
        key = design.strata * k + cell
        s1 = np.bincount(key, weights=w, minlength=design.n_strata * k).reshape(design.n_strata, k)
        s2 = np.bincount(key, weights=w * w, minlength=design.n_strata * k).reshape(design.n_strata, k)
        scale, f = design.stratum_scale
        weight = np.where(f < _CERTAINTY, 0.0, scale)
        v = np.zeros((k, k))
        for h in np.flatnonzero(weight * s1.sum(axis=1) > 0):
            a, total2 = s2[h], s2[h].sum()
            second = np.diag(a) - np.outer(a, share) - np.outer(share, a) + total2 * np.outer(share, share)
            first = s1[h] - s1[h].sum() * share
            v += weight[h] * (second - np.outer(first, first) / design.n_psu[h])
        return v / total_w**2
    if fast_path and not design.calibrations and not design.uses_second_stage:
        rows = design.n_psu_total
        by_cell = np.bincount(design.psu * k + cell, weights=w, minlength=rows * k).reshape(rows, k)
        psu_w = np.bincount(design.psu, weights=w, minlength=rows)
        totals = (by_cell - np.outer(psu_w, share)) / total_w
        return _psu_covariance(design, totals, present)
    scores = np.zeros((design.n, k))
    scores[np.arange(design.n), cell] = 1.0
    scores = (scores - share) * (w / total_w)[:, None]
    return design.variance(scores, present=present)


def rao_scott_chisq(
    design: Design,
    rows: ArrayLike,
    cols: ArrayLike,
    *,
    statistic: Literal["F", "Chisq"] = "F",
    names: tuple[str, str] | None = None,
    fast_path: bool = True,
) -> RaoScottTest:
    """Test of independence of two categorical variables, corrected for the design (Rao-Scott).

    Rows missing either variable are left out (they still count in R's table total N). ``names`` (default:
    the Series' names) only serve the error messages. R:
    ``svychisq(~a + b, design, statistic = "F")`` (or ``"Chisq"``).
    """
    if statistic not in ("F", "Chisq"):
        raise InputError(t("stats.test.bad_statistic", statistic=statistic))
    row_name, col_name = names or (
        str(getattr(rows, "name", None) or "a"),
        str(getattr(cols, "name", None) or "b"),
    )
    for values, name in ((rows, row_name), (cols, col_name)):
        if len(values) != design.n:
            raise DesignError(t("stats.test.variable_length", variable=name, n=design.n, got=len(values)))
    a, nr = _codes_of(rows, row_name)
    b, nc = _codes_of(cols, col_name)
    present = (a >= 0) & (b >= 0)
    n_total = design.n
    cell = np.where(present, a + nr * b, 0)  # row index fastest, as R's interaction()
    w = np.where(present, design.weights, 0.0)
    k = nr * nc
    table = np.bincount(cell, weights=w, minlength=k)
    mean = table / w.sum()
    v = _cell_share_covariance(design, cell, w, mean, present, fast_path)
    # Pearson's X² on the weighted table rescaled to N rows (R: svytable(..., Ntotal = N))
    observed = (table * n_total / table.sum()).reshape(nc, nr).T
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0)) / n_total
    with np.errstate(invalid="ignore", divide="ignore"):
        pearson = float(np.sum((observed - expected) ** 2 / expected))
    # contrasts of the interaction, orthogonal to the main effects (R's Cmat; any basis gives the same Δ)
    r_idx, c_idx = np.arange(k) % nr, np.arange(k) // nr
    main = np.column_stack(
        [np.ones(k), *(r_idx == i for i in range(1, nr)), *(c_idx == j for j in range(1, nc))]
    )
    inter = np.column_stack([(r_idx == i) & (c_idx == j) for j in range(1, nc) for i in range(1, nr)]).astype(
        float
    )
    coef, *_ = np.linalg.lstsq(main.astype(float), inter, rcond=None)
    cmat = inter - main.astype(float) @ coef
    inv_mean = np.where(mean == 0, 0.0, 1 / np.where(mean == 0, 1.0, mean))
    denom = cmat.T @ (inv_mean[:, None] / n_total * cmat)
    numer = cmat.T @ (inv_mean[:, None] * v * inv_mean[None, :]) @ cmat
    delta = np.linalg.solve(denom, numer)
    trace = float(np.trace(delta))
    d0 = trace**2 / float(np.trace(delta @ delta))
    df = cmat.shape[1]
    if statistic == "F":
        nu = design.degf()
        f_stat = pearson / trace
        return RaoScottTest(
            "F", f_stat, d0, d0 * nu, float(sps.f.sf(f_stat, d0, d0 * nu)), pearson, trace / df
        )
    p = float(sps.chi2.sf(pearson / float(np.mean(np.diag(delta))), df))
    return RaoScottTest("Chisq", pearson, float(df), None, p, pearson, trace / df)
