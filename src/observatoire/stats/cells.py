"""Fast path: means, proportions and top-box shares of small-integer items from cell moments.

For a design whose PSUs are the rows (no clusters), without calibration and without a lonely stratum, the
linearised variance of a domain mean only needs, per (stratum, domain, answer value), the count, the sum of
weights and the sum of squared weights. One pass over the rows per item accumulates these cells (a numba
kernel on two threads, or ``np.bincount`` without numba); every national and domain mean, proportion,
top-box share, SE and deff then comes from a few hundred cells, exactly centred (no cancellation). The
results equal :mod:`observatoire.stats.estimators` (R's ``svyby(~y, ~g, design, svymean, deff=TRUE)``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from observatoire.stats.design import _CERTAINTY, Design
from observatoire.stats.estimators import srs_variance_factor

#: the widest answer scale handled by the cell path (values lo..lo+MAX_VALUES-1)
MAX_VALUES = 256

try:  # pragma: no cover - exercised through both paths in the tests
    import numba

    _HAVE_NUMBA = True
except ImportError:  # pragma: no cover
    _HAVE_NUMBA = False


def fast_path_applies(design: Design) -> bool:
    """Rows are PSUs, no second stage, no calibration and no stratum with a single (uncertain) PSU."""
    if design.has_clusters or design.calibrations or design.ssu is not None:
        return False
    _, f = design.stratum_scale
    return not bool(np.any((design.n_psu == 1) & (f >= _CERTAINTY)))


def _raw(values: pd.Series | np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """The value buffer and missing mask (None: no missing), without copying when possible."""
    if isinstance(values, pd.Series):
        array = values.array
        if isinstance(array, pd.arrays.IntegerArray | pd.arrays.FloatingArray):
            mask = np.asarray(array.isna())
            return np.asarray(array.to_numpy(dtype=array.dtype.numpy_dtype, na_value=0)), mask
        values = values.to_numpy()
    values = np.asarray(values)
    if values.dtype.kind not in "iuf":
        raise TypeError("not numeric")
    return values, None


if _HAVE_NUMBA:

    @numba.njit(cache=True, nogil=True)
    def _range_kernel(vals, miss, has_miss):  # pragma: no cover - compiled
        lo = np.inf
        hi = -np.inf
        integral = True
        for i in range(vals.shape[0]):
            if has_miss and miss[i]:
                continue
            v = vals[i]
            if v != v:  # NaN
                continue
            fv = float(v)
            if fv < lo:
                lo = fv
            if fv > hi:
                hi = fv
            if fv != np.floor(fv):
                integral = False
        return lo, hi, integral

    @numba.njit(parallel=True, cache=True, nogil=True)
    def _cells_kernel(base, vals, miss, has_miss, w, lo, n_values, n_cells, n_chunks):  # pragma: no cover
        out = np.zeros((n_chunks, n_cells * n_values, 3))
        n = vals.shape[0]
        step = (n + n_chunks - 1) // n_chunks
        for c in numba.prange(n_chunks):
            acc = out[c]
            stop = min(n, (c + 1) * step)
            for i in range(c * step, stop):
                if has_miss and miss[i]:
                    continue
                v = vals[i]
                if v != v:
                    continue
                k = base[i] * n_values + int(v - lo)
                wi = w[i]
                acc[k, 0] += 1.0
                acc[k, 1] += wi
                acc[k, 2] += wi * wi
        total = out[0].copy()
        for c in range(1, n_chunks):
            total += out[c]
        return total


@dataclass(frozen=True)
class Cells:
    """Per (stratum, group, value) count, Σw and Σw² of one item; ``values`` are the answer values."""

    count: np.ndarray
    sw: np.ndarray
    sw2: np.ndarray
    values: np.ndarray


def item_cells(
    design: Design,
    base: np.ndarray,
    n_groups: int,
    values: pd.Series | np.ndarray,
    use_numba: bool | None = None,
) -> Cells | None:
    """Cells of one item, or None when it is not a small-integer item (then use the general path).

    ``base`` is ``stratum * n_groups + group`` per row (int32); group ``n_groups - 1`` may hold rows
    outside every domain (they still count in the overall estimate).
    """
    try:
        vals, miss = _raw(values)
    except TypeError:
        return None
    use_numba = _HAVE_NUMBA if use_numba is None else (use_numba and _HAVE_NUMBA)
    has_miss = miss is not None
    miss_arr = miss if has_miss else np.zeros(0, dtype=bool)
    if use_numba:
        lo, hi, integral = _range_kernel(vals, miss_arr, has_miss)
    else:
        answered = ~np.isnan(vals) if vals.dtype.kind == "f" else np.ones(len(vals), dtype=bool)
        if has_miss:
            answered &= ~miss
        seen = vals[answered]
        if len(seen) == 0:
            lo, hi, integral = np.inf, -np.inf, True
        else:
            lo, hi = float(seen.min()), float(seen.max())
            integral = bool(np.all(seen == np.floor(seen))) if vals.dtype.kind == "f" else True
    if not integral:
        return None
    if not np.isfinite(lo):  # nobody answered: the general path raises the French error
        return None
    n_values = int(hi - lo) + 1
    if n_values > MAX_VALUES:
        return None
    n_cells = design.n_strata * n_groups
    if use_numba:
        flat = _cells_kernel(base, vals, miss_arr, has_miss, design.weights, lo, n_values, n_cells, 2)
    else:
        keep = answered
        code = base[keep].astype(np.int64) * n_values + (vals[keep] - lo).astype(np.int64)
        size = n_cells * n_values
        w = design.weights[keep]
        flat = np.stack(
            [
                np.bincount(code, minlength=size).astype(np.float64),
                np.bincount(code, weights=w, minlength=size),
                np.bincount(code, weights=w * w, minlength=size),
            ],
            axis=1,
        )
    shape = (design.n_strata, n_groups, n_values)
    return Cells(
        flat[:, 0].reshape(shape),
        flat[:, 1].reshape(shape),
        flat[:, 2].reshape(shape),
        lo + np.arange(n_values, dtype=np.float64),
    )


@dataclass(frozen=True)
class CellEstimates:
    """Estimates for each group (last entry: the whole sample), as arrays."""

    estimate: np.ndarray
    variance: np.ndarray
    n: np.ndarray
    weighted_n: np.ndarray
    deff: np.ndarray


def cell_estimates(design: Design, cells: Cells, phi: np.ndarray, real_groups: int) -> CellEstimates:
    """Mean of φ(value) for the first ``real_groups`` groups and for the whole sample (appended last).

    φ is the value itself for a mean, an indicator for a proportion or a top-box share. The variance is
    R's ``onestage`` on the rows: Σ_h scale_h (Σ z² − (Σ z)²/n_h) with z the domain mean's scores.
    """
    overall = (cells.count.sum(axis=1), cells.sw.sum(axis=1), cells.sw2.sum(axis=1))
    count = np.concatenate([cells.count[:, :real_groups], overall[0][:, None]], axis=1)
    sw = np.concatenate([cells.sw[:, :real_groups], overall[1][:, None]], axis=1)
    sw2 = np.concatenate([cells.sw2[:, :real_groups], overall[2][:, None]], axis=1)
    n = count.sum(axis=(0, 2))
    wsum = sw.sum(axis=(0, 2))
    with np.errstate(invalid="ignore", divide="ignore"):
        m = (sw * phi).sum(axis=(0, 2)) / wsum
        d = phi[None, :] - m[:, None]  # groups × values
        sz = (sw * d[None]).sum(axis=2) / wsum  # strata × groups
        sz2 = (sw2 * d[None] ** 2).sum(axis=2) / wsum**2
        scale, f = design.stratum_scale
        weight = np.where(f < _CERTAINTY, 0.0, scale)
        var = (weight[:, None] * (sz2 - sz**2 / design.n_psu[:, None])).sum(axis=0)
        ss = (sw * d[None] ** 2).sum(axis=(0, 2))
        svyvar = ss / wsum * n / (n - 1)
        factor = np.array(
            [srs_variance_factor(float(a), int(b)) if b > 0 else np.nan for a, b in zip(wsum, n, strict=True)]
        )
        deff = np.where(n > 1, var / (svyvar * factor), np.nan)
    return CellEstimates(m, var, n.astype(np.int64), wsum, deff)
