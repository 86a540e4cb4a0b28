"""The normal and Student distributions the estimates need, without importing scipy.special.

Why not scipy: since scipy 1.17, ``import scipy.special`` loads its array-API layer, which clones numpy's
namespace (importing ``numpy.f2py`` and ``numpy.testing`` on the way): 0.25-0.28 s on this project's
machine, more than all the work of ``observatoire estimate`` on a small survey, for four functions.

- :func:`normal_quantile` is Python's ``statistics.NormalDist.inv_cdf`` (Wichura's AS 241, as R's
  ``qnorm``).
- :func:`normal_sf` is the upper tail from ``math.erfc`` (as R's ``pnorm(z, lower.tail = FALSE)``).
- :func:`t_two_sided` is the two-sided tail of Student's t, ``2 * pt(-|t|, df)``. R computes it as a
  regularized incomplete beta function, ``I_x(df/2, 1/2)`` with ``x = df / (df + t²)``; here that
  function is evaluated by its continued fraction (modified Lentz, as in Numerical Recipes' ``betacf``),
  on the side where it converges, with ``1 - x = t² / (df + t²)`` computed without cancellation and the
  log of the beta function's ratio of gammas by its asymptotic series for large ``df``. Beyond
  :data:`NORMAL_DF`, a corrected normal approximation. The fraction runs in numpy's extended precision
  (80-bit on x86-64 Linux), where its terms near x = 1 would lose log10(df) digits in doubles. Against R's
  ``pt``: within 1e-13 relative up to 10⁶ degrees of freedom, 2e-11 at 10⁹ (``tests/stats/
  test_distributions.py``; R 4.2.2).
- :func:`t_quantile` (``qt``, for ``--ci t`` only) still asks scipy, on first use.
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
from numpy.typing import ArrayLike, NDArray

#: Above this many degrees of freedom the continued fraction would take too long: Abramowitz & Stegun
#: 26.7.8's corrected normal approximation (which old versions of R used from 4e5), exact to 1e-9 there.
NORMAL_DF = 1e10
_EPS = 1e-15
_TINY = 1e-300
_MAX_TERMS = 20_000
_HALF_LOG_PI = 0.5 * math.log(math.pi)


def normal_quantile(p: float) -> float:
    """The standard normal's ``p`` quantile (R's ``qnorm(p)``)."""
    return NormalDist().inv_cdf(p)


def normal_sf(z: ArrayLike) -> NDArray[np.float64]:
    """The standard normal's upper tail ``P(Z > z)`` (R's ``pnorm(z, lower.tail = FALSE)``); NaN stays NaN."""
    values = np.asarray(z, dtype=np.float64)
    flat = [0.5 * math.erfc(v / math.sqrt(2.0)) if v == v else math.nan for v in values.ravel().tolist()]
    return np.asarray(flat, dtype=np.float64).reshape(values.shape)


def t_two_sided(t_stat: ArrayLike, df: ArrayLike) -> NDArray[np.float64]:
    """``P(|T| > |t|)`` for Student's t with ``df`` degrees of freedom (R's ``2 * pt(-abs(t), df)``),
    elementwise; NaN where ``t`` is NaN or ``df`` is not positive."""
    t_values, dfs = np.broadcast_arrays(np.asarray(t_stat, np.float64), np.asarray(df, np.float64))
    shape = t_values.shape
    t_values, dfs = np.abs(t_values).ravel(), dfs.ravel()
    out = np.full(t_values.shape, np.nan)
    valid = ~np.isnan(t_values) & (dfs > 0)
    big = valid & (dfs > NORMAL_DF)
    if big.any():  # pt.c: pnorm(x * (1 - 1/(4n)) / sqrt(1 + x² · 2/(4n)))
        correction = 1.0 / (4.0 * dfs[big])
        z = t_values[big] * (1.0 - correction) / np.sqrt(1.0 + t_values[big] ** 2 * 2.0 * correction)
        out[big] = 2.0 * normal_sf(z)
    small = valid & ~big
    if small.any():
        # in extended precision: the fraction's terms near x = 1 cancel, and lose log10(df) digits in doubles
        n, t2 = dfs[small].astype(np.longdouble), t_values[small].astype(np.longdouble) ** 2
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            x = n / (n + t2)
            y = np.where(np.isinf(t2), 1.0, t2 / (n + t2))
            logs = -np.log1p(t2 / n), -np.log1p(n / t2)  # log x and log(1 - x), without cancellation
        out[small] = _incomplete_beta_half(x, y, logs, n / 2.0)
    return out.reshape(shape)


def t_quantile(p: float, df: float) -> float:
    """Student's ``p`` quantile with ``df`` degrees of freedom (R's ``qt``), from scipy (rarely needed)."""
    from scipy import special

    return float(special.stdtrit(df, p))


def _log_gamma_ratio(a: NDArray[np.float64]) -> NDArray[np.float64]:
    """``lgamma(a + 1/2) - lgamma(a)``: by the asymptotic series from a = 20 (where the difference of two
    lgamma values of 10⁶ would lose nine digits), by ``math.lgamma`` below."""
    a = np.asarray(a, dtype=np.float64)
    out = np.empty_like(a)
    large = a >= 20.0
    if large.any():
        inv = 1.0 / a[large]
        inv2 = inv * inv
        series = inv * (-1 / 8 + inv2 * (1 / 192 + inv2 * (-1 / 640 + inv2 * (17 / 14336))))
        out[large] = 0.5 * np.log(a[large]) + series
    for index in np.flatnonzero(~large):
        out[index] = math.lgamma(a[index] + 0.5) - math.lgamma(a[index])
    return out


def _incomplete_beta_half(
    x: NDArray[np.float64],
    y: NDArray[np.float64],
    logs: tuple[NDArray[np.float64], NDArray[np.float64]],
    a: NDArray[np.float64],
) -> NDArray[np.float64]:
    """``I_x(a, 1/2)`` for ``0 <= x <= 1``, with ``y = 1 - x`` and ``logs = (log x, log y)`` given
    exactly."""
    b = 0.5
    out = np.empty_like(x)
    zero, one = x <= 0.0, y <= 0.0
    out[zero], out[one] = 0.0, 1.0
    inner = ~zero & ~one
    if not inner.any():
        return out
    x, y, a = x[inner], y[inner], a[inner]
    log_x, log_y = logs[0][inner], logs[1][inner]
    # log of x^a · y^b / B(a, b), with log B(a, 1/2) = lgamma(a) + lgamma(1/2) - lgamma(a + 1/2)
    log_front = a * log_x + b * log_y - (_HALF_LOG_PI - _log_gamma_ratio(a))
    direct = x < (a + 1.0) / (a + b + 2.0)  # where the fraction converges quickly; else the symmetry
    value = np.empty_like(x)
    if direct.any():
        fraction = _continued_fraction(a[direct], np.full(direct.sum(), b), x[direct])
        value[direct] = np.exp(log_front[direct]) * fraction / a[direct]
    if (~direct).any():
        fraction = _continued_fraction(np.full((~direct).sum(), b), a[~direct], y[~direct])
        value[~direct] = 1.0 - np.exp(log_front[~direct]) * fraction / b
    out[inner] = value
    return out


def _continued_fraction(
    a: NDArray[np.float64], b: NDArray[np.float64], x: NDArray[np.float64]
) -> NDArray[np.float64]:
    """The continued fraction of ``I_x(a, b)`` (modified Lentz), all elements at once until each has
    converged to double precision."""
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c = np.ones_like(x)
    d = 1.0 - qab * x / qap
    d = 1.0 / np.where(np.abs(d) < _TINY, _TINY, d)
    h = d.copy()
    active = np.ones(x.shape, dtype=bool)
    for m in range(1, _MAX_TERMS + 1):
        if not active.any():
            return h
        i = np.flatnonzero(active)
        m2 = 2 * m
        for coefficient in (
            m * (b[i] - m) * x[i] / ((qam[i] + m2) * (a[i] + m2)),
            -(a[i] + m) * (qab[i] + m) * x[i] / ((a[i] + m2) * (qap[i] + m2)),
        ):
            d_i = 1.0 + coefficient * d[i]
            d_i = 1.0 / np.where(np.abs(d_i) < _TINY, _TINY, d_i)
            c_i = 1.0 + coefficient / c[i]
            c_i = np.where(np.abs(c_i) < _TINY, _TINY, c_i)
            d[i], c[i] = d_i, c_i
            step = d_i * c_i
            h[i] *= step
        active[i] = np.abs(step - 1.0) > _EPS
    raise ArithmeticError("incomplete beta: the continued fraction did not converge")  # pragma: no cover
