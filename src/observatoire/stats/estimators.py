"""Design-based point estimates with Taylor-linearised variances, one variable and one domain at a time.

Each function mirrors an R ``survey`` call on ``subset(design, domain & !is.na(y))``: the rows outside the
domain or without an answer stay in the design with a zero score (R's domain estimation), so the variance
uses every PSU. This is the general, always-correct path; :mod:`observatoire.stats.cells` is the fast path
for many small-integer items and must give the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from observatoire.errors import DesignError
from observatoire.messages import t
from observatoire.stats.design import Design


@dataclass(frozen=True)
class Estimate:
    """One estimate: value, variance, unweighted respondents, their weight sum, design effect, rows used."""

    estimate: float
    variance: float
    n: int
    weighted_n: float
    deff: float
    present: np.ndarray | None = field(default=None, repr=False)
    effective_n: float = float("nan")  # Kish's (Σw)²/Σw² of the respondents

    @property
    def se(self) -> float:
        return float(np.sqrt(self.variance))


def kish_effective_n(w: np.ndarray) -> float:
    """Kish's effective sample size (Σw)²/Σw²: the SRS size with the precision lost to unequal weights."""
    w2 = float((w * w).sum())
    return float(w.sum()) ** 2 / w2 if w2 > 0 else float("nan")


def _mask(design: Design, y: np.ndarray, domain: np.ndarray | None, variable: str, group: str) -> np.ndarray:
    """Rows that answer ``y`` inside the domain; raises if there are none (an empty domain)."""
    mask = ~np.isnan(y)
    if domain is not None:
        mask &= np.asarray(domain, dtype=bool)
    if not mask.any():
        raise empty_error(variable, None if domain is None else group)
    return mask


def empty_error(variable: str, group: str | None) -> DesignError:
    """The French error for a variable nobody answered (in the group, when given)."""
    if group is None:
        return DesignError(t("stats.empty_variable", variable=variable))
    return DesignError(t("stats.empty_domain", variable=variable, group=group))


def srs_variance_factor(weighted_n: float, n: int) -> float:
    """The SRS-without-replacement factor of R's ``deff=TRUE``: (N̂ − n)/(N̂·n).

    R returns NA when N̂ < n (weights not scaled to the population); we then use R's ``deff="replace"``
    factor 1/n, so that normalised weights (mean 1) still get a design effect.
    """
    if weighted_n > n:
        return (weighted_n - n) / (weighted_n * n)
    return 1.0 / n


def srs_variance_factors(weighted_n: np.ndarray, n: np.ndarray) -> np.ndarray:
    """:func:`srs_variance_factor` elementwise (NaN where n = 0), for many estimates at once."""
    with np.errstate(invalid="ignore", divide="ignore"):
        factor = np.where(weighted_n > n, (weighted_n - n) / (weighted_n * n), 1.0 / n)
    return np.where(n > 0, factor, np.nan)


def _deff(variance: float, w: np.ndarray, resid: np.ndarray, n: int, scale: float) -> float:
    """R's deff: variance over ``svyvar(x) × scale × fpc factor`` (svyvar = n/(n−1) Σw r² / Σw)."""
    if n < 2:
        return float("nan")
    wsum = float(w.sum())
    svyvar = float((w * resid * resid).sum()) / wsum * n / (n - 1)
    vsrs = svyvar * scale * srs_variance_factor(wsum, n)
    return variance / vsrs if vsrs > 0 else float("nan")


def mean(
    design: Design, y: np.ndarray, domain: np.ndarray | None = None, variable: str = "y", group: str = ""
) -> Estimate:
    """Weighted mean of ``y`` (NaN = no answer) in ``domain``.

    R: ``svymean(~y, subset(design, domain & !is.na(y)), deff=TRUE)`` (= ``svyby(~y, ~g, design, svymean,
    na.rm=TRUE, deff=TRUE)`` for each group).
    """
    y = np.asarray(y, dtype=np.float64)
    mask = _mask(design, y, domain, variable, group)
    w = np.where(mask, design.weights, 0.0)
    wsum = float(w.sum())
    yz = np.where(mask, y, 0.0)
    m = float((w * yz).sum() / wsum)
    resid = np.where(mask, yz - m, 0.0)
    var = float(design.variance(w * resid / wsum, present=mask)[0, 0])
    n = int(mask.sum())
    return Estimate(m, var, n, wsum, _deff(var, w, resid, n, 1.0), mask, kish_effective_n(w))


def total(
    design: Design, y: np.ndarray, domain: np.ndarray | None = None, variable: str = "y", group: str = ""
) -> Estimate:
    """Weighted total of ``y`` in ``domain``. R: ``svytotal(~y, subset(design, domain & !is.na(y)),
    deff=TRUE)``."""
    y = np.asarray(y, dtype=np.float64)
    mask = _mask(design, y, domain, variable, group)
    w = np.where(mask, design.weights, 0.0)
    yz = np.where(mask, y, 0.0)
    tot = float((w * yz).sum())
    var = float(design.variance(w * yz, present=mask)[0, 0])
    wsum = float(w.sum())
    m = tot / wsum
    resid = np.where(mask, yz - m, 0.0)
    n = int(mask.sum())
    return Estimate(tot, var, n, wsum, _deff(var, w, resid, n, wsum * wsum), mask, kish_effective_n(w))


def ratio(
    design: Design,
    numerator: np.ndarray,
    denominator: np.ndarray,
    domain: np.ndarray | None = None,
    variable: str = "y/x",
    group: str = "",
) -> Estimate:
    """Ratio of weighted totals Σwy/Σwx over rows answering both, in ``domain``.

    R: ``svyratio(~y, ~x, subset(design, domain & !is.na(y) & !is.na(x)), deff=TRUE)``.
    """
    y = np.asarray(numerator, dtype=np.float64)
    x = np.asarray(denominator, dtype=np.float64)
    both = np.where(np.isnan(x), np.nan, y)
    mask = _mask(design, both, domain, variable, group)
    w = np.where(mask, design.weights, 0.0)
    yz, xz = np.where(mask, y, 0.0), np.where(mask, x, 0.0)
    xt = float((w * xz).sum())
    if xt == 0:
        raise DesignError(
            t("stats.zero_denominator", variable=variable, group=f" ({group})" if group else "")
        )
    r = float((w * yz).sum()) / xt
    lin = (yz - r * xz) / xt
    var = float(design.variance(w * lin, present=mask)[0, 0])
    wsum = float(w.sum())
    n = int(mask.sum())
    resid = np.where(mask, lin - float((w * lin).sum()) / wsum, 0.0)
    return Estimate(r, var, n, wsum, _deff(var, w, resid, n, wsum * wsum), mask, kish_effective_n(w))


def proportions(
    design: Design,
    y: np.ndarray,
    levels: np.ndarray,
    domain: np.ndarray | None = None,
    variable: str = "y",
    group: str = "",
) -> tuple[np.ndarray, np.ndarray, list[Estimate]]:
    """The distribution of a categorical ``y`` over ``levels`` (NaN/None = no answer): one proportion per
    level and their covariance matrix. R: ``svymean(~factor(y), subset(design, domain & !is.na(y)),
    deff=TRUE)``."""
    y = np.asarray(y, dtype=object)
    answered = ~pd_isna(y)
    mask = _mask(design, np.where(answered, 0.0, np.nan), domain, variable, group)
    w = np.where(mask, design.weights, 0.0)
    wsum = float(w.sum())
    seen = y[mask]
    ind = np.zeros((len(y), len(levels)))
    for j, level in enumerate(levels):
        ind[mask, j] = np.asarray(seen == level, dtype=bool)
    props = (w @ ind) / wsum
    resid = np.where(mask[:, None], ind - props, 0.0)
    cov = design.variance(w[:, None] * resid / wsum, present=mask)
    n = int(mask.sum())
    estimates = [
        Estimate(
            float(props[j]),
            float(cov[j, j]),
            n,
            wsum,
            _deff(cov[j, j], w, resid[:, j], n, 1.0),
            mask,
            kish_effective_n(w),
        )
        for j in range(len(levels))
    ]
    return props, cov, estimates


def pd_isna(values: np.ndarray) -> np.ndarray:
    """Missing (None, NaN, pandas NA) as a boolean array."""
    import pandas as pd

    return np.asarray(pd.isna(values), dtype=bool)


def _qrule_math(x: np.ndarray, w: np.ndarray, p: float) -> float:
    """R ``survey:::qrule_math``: the smallest x whose weighted CDF reaches p (R's ``qs`` quirks kept)."""
    keep = w != 0
    x, w = x[keep], w[keep]
    order = np.argsort(x, kind="stable")
    xs = x[order]
    # R's cumsum and sum accumulate in long double: ties at exactly p (equal weights) then agree with R
    cumw_ld = np.cumsum(w[order].astype(np.longdouble))
    cumw = cumw_ld.astype(np.float64)
    total_w = float(cumw_ld[-1])
    below = np.flatnonzero(cumw <= p * total_w)
    pos = int(below[-1]) if len(below) else 0
    nxt = pos if pos == len(xs) - 1 else pos + 1
    wlow = p - cumw[pos] / total_w
    return float(xs[pos] if wlow == 0 else xs[nxt])


@dataclass(frozen=True)
class QuantileEstimate:
    """A quantile with its Woodruff interval (R's ``svyquantile`` default) and the implied SE."""

    estimate: float
    ci_low: float
    ci_high: float
    se: float
    n: int
    weighted_n: float
    df: float
    effective_n: float = float("nan")


def quantile(
    design: Design,
    y: np.ndarray,
    p: float = 0.5,
    domain: np.ndarray | None = None,
    level: float = 0.95,
    df: float | None = None,
    variable: str = "y",
    group: str = "",
) -> QuantileEstimate:
    """Weighted quantile with a Woodruff confidence interval.

    R (survey 4.1 defaults): ``svyquantile(~y, subset(design, domain & !is.na(y)), p, qrule="math",
    interval.type="mean", ci=TRUE)``: the CI of the mean of I(y <= q̂) with t on ``degf`` of that subset
    (``df=Inf`` for normal), mapped back through the quantile rule; SE = CI width / (2 t).
    """
    from scipy import stats as sps

    if not 0 < p < 1:
        raise DesignError(t("stats.bad_quantile", p=p))
    y = np.asarray(y, dtype=np.float64)
    mask = _mask(design, y, domain, variable, group)
    if df is None:
        df = float(design.degf(mask))
    xs, ws = y[mask], design.weights[mask]
    q = _qrule_math(xs, ws, p)
    below = mean(design, np.where(mask, (y <= q).astype(np.float64), np.nan), None, variable, group)
    crit = sps.norm.ppf(1 - (1 - level) / 2) if np.isinf(df) else sps.t.ppf(1 - (1 - level) / 2, df)
    lo_p, hi_p = below.estimate - crit * below.se, below.estimate + crit * below.se
    lo = float("nan") if lo_p < 0 else _qrule_math(xs, ws, lo_p)
    hi = float("nan") if hi_p > 1 else _qrule_math(xs, ws, hi_p)
    return QuantileEstimate(
        q, lo, hi, (hi - lo) / (2 * crit), int(mask.sum()), float(ws.sum()), df, kish_effective_n(ws)
    )
