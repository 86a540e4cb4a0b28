"""Fast path: means, proportions and top-box shares of small-integer items from cell moments.

For a design whose PSUs are the rows (no clusters), without calibration and without a lonely stratum, the
linearised variance of a domain mean only needs, per (stratum, domain, answer value), the count, the sum of
weights and the sum of squared weights. One pass over the rows accumulates these cells for every item
(a numba kernel on two threads over one byte per answer, or ``np.bincount`` per item without numba
or below :data:`NUMBA_MIN_ROWS` rows, :data:`NUMBA_LOAD_ROWS` while the kernels are not loaded);
every national and domain mean, proportion, top-box share, SE and deff of all items then comes from a few
thousand cells in one vectorised batch (:func:`batch_estimates`), exactly centred (no cancellation). The
results equal :mod:`observatoire.stats.estimators` (R's ``svyby(~y, ~g, design, svymean, deff=TRUE)``).
"""

from __future__ import annotations

import importlib.util
import itertools
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from types import ModuleType

import numpy as np
import pandas as pd

from observatoire.stats.design import _CERTAINTY, Design
from observatoire.stats.estimators import srs_variance_factors

#: the widest answer scale handled by the cell path (values lo..lo+MAX_VALUES-1): one byte per answer,
#: slot 0 meaning no answer
MAX_VALUES = 255

#: Whether the numba kernels may be used (the tests switch it off to check the numpy path).
_HAVE_NUMBA = importlib.util.find_spec("numba") is not None
#: Fewer rows than this take the numpy path even when the numba kernels are loaded: the kernels save about
#: 75 ms per million rows of 16 items (numpy ~115 ms, numba ~41 ms), less than their call costs below.
NUMBA_MIN_ROWS = 1_000_000
#: Fewer rows than this take the numpy path while the kernels are not loaded yet: importing numba and
#: loading its compiled kernels costs 0.5-0.8 s in a new process, which the kernels repay from 4 to 5
#: million rows (``observatoire estimate`` on 16 items, best of 5: 4 million rows 1.25-1.47 s with numpy,
#: 1.35-1.79 s with numba; 6 million 1.72 s and 1.56 s; 8 million 2.19-2.32 s and 1.76-1.95 s). A process
#: that has loaded them (a benchmark, a long-lived server) uses them from :data:`NUMBA_MIN_ROWS` on.
NUMBA_LOAD_ROWS = 4_000_000
_KERNELS = "observatoire.stats.kernels"


def _numba(rows: int) -> bool:
    if not _HAVE_NUMBA or rows < NUMBA_MIN_ROWS:
        return False
    return rows >= NUMBA_LOAD_ROWS or _KERNELS in sys.modules


def _kernels() -> ModuleType:
    """:mod:`observatoire.stats.kernels`, imported (with numba) on first use."""
    from observatoire.stats import kernels

    return kernels


def fast_path_applies(design: Design) -> bool:
    """Rows are PSUs, no second stage, no calibration and no stratum with a single (uncertain) PSU."""
    if design.has_clusters or design.calibrations or design.ssu is not None:
        return False
    _, f = design.stratum_scale
    return not bool(np.any((design.n_psu == 1) & (f >= _CERTAINTY)))


def _raw(
    values: pd.Series | np.ndarray | pd.api.extensions.ExtensionArray,
) -> tuple[np.ndarray, np.ndarray | None]:
    """The value buffer and missing mask (None: no missing), without copying when possible."""
    array = values.array if isinstance(values, pd.Series) else values
    if isinstance(array, pd.arrays.IntegerArray | pd.arrays.FloatingArray):
        # the masked array's own buffers (no copy); values under the mask are never read
        return np.asarray(array._data), np.asarray(array._mask)
    if isinstance(values, pd.Series | pd.api.extensions.ExtensionArray):
        values = values.to_numpy()
    values = np.asarray(values)
    if values.dtype.kind not in "iuf":
        raise TypeError("not numeric")
    return values, None


@dataclass(frozen=True)
class Cells:
    """Per (stratum, group, value) count, Σw and Σw² of one item; ``values`` are the answer values."""

    count: np.ndarray
    sw: np.ndarray
    sw2: np.ndarray
    values: np.ndarray


def code_counts(codes: np.ndarray, size: int) -> np.ndarray:
    """Rows per code 0..size-1 (other codes, e.g. −1 for missing, are not counted), without a copy to
    int64 of small integer codes."""
    if _numba(len(codes)):
        return _kernels().code_counts_kernel(codes, size)
    bits = 8 * codes.dtype.itemsize
    if codes.dtype.kind in "iu" and bits <= 16 and (codes.dtype.kind == "u" or size <= 1 << (bits - 1)):
        # small codes read as unsigned: −1 and every code from ``size`` counted past the end, cut off
        # (a negative code reads as 2**(bits-1) or more, past every code of a signed type)
        unsigned = codes.view(np.uint8 if codes.dtype.itemsize == 1 else np.uint16)
        return np.bincount(unsigned, minlength=size)[:size]
    inside = (codes >= 0) & (codes < size)
    return np.bincount(codes[inside].astype(np.int64), minlength=size)[:size]


def cell_base(strata: np.ndarray, groups: np.ndarray, n_real: int) -> np.ndarray:
    """Per row ``stratum * (n_real + 1) + group`` (int32), rows outside the groups in group ``n_real``."""
    if _numba(len(strata)):
        out = np.empty(len(strata), dtype=np.int32)
        _kernels().cell_base_kernel(strata, groups, n_real, out)
        return out
    out = strata.astype(np.int32)  # int32 throughout: fewer bytes to write than int64, then a cast
    out *= n_real + 1
    group = groups.astype(np.int32)  # room for n_real whatever the codes' own type
    group[(group < 0) | (group >= n_real)] = n_real
    out += group
    return out


def _range(vals: np.ndarray, miss: np.ndarray | None, use_numba: bool) -> tuple[float, float, bool]:
    """Smallest and largest answer, and whether all answers are integers (±inf when none)."""
    if use_numba and vals.dtype.kind in "iu":
        lo, hi = _kernels().int_range_kernel(
            vals, miss if miss is not None else np.zeros(len(vals), dtype=bool)
        )
        return (float(lo), float(hi), True) if lo <= hi else (np.inf, -np.inf, True)
    if use_numba:
        return _kernels().range_kernel(
            vals, miss if miss is not None else np.zeros(0, dtype=bool), miss is not None
        )
    seen = vals[_answered(vals, miss)]
    if len(seen) == 0:
        return np.inf, -np.inf, True
    integral = bool(np.all(seen == np.floor(seen))) if vals.dtype.kind == "f" else True
    return float(seen.min()), float(seen.max()), integral


def _answered(vals: np.ndarray, miss: np.ndarray | None) -> np.ndarray:
    answered = ~np.isnan(vals) if vals.dtype.kind == "f" else np.ones(len(vals), dtype=bool)
    return answered & ~miss if miss is not None else answered


def item_cells(
    design: Design,
    base: np.ndarray,
    n_groups: int,
    values: pd.Series | np.ndarray | pd.api.extensions.ExtensionArray,
    use_numba: bool | None = None,
) -> Cells | None:
    """Cells of one item, or None when it is not a small-integer item (then use the general path).

    ``base`` is ``stratum * n_groups + group`` per row (int32); group ``n_groups - 1`` may hold rows
    outside every domain (they still count in the overall estimate).
    """
    return items_cells(design, base, n_groups, [values], use_numba, threads=1)[0]


def items_cells(
    design: Design,
    base: np.ndarray,
    n_groups: int,
    columns: Sequence[pd.Series | np.ndarray | pd.api.extensions.ExtensionArray],
    use_numba: bool | None = None,
    threads: int = 2,
) -> list[Cells | None]:
    """:func:`item_cells` for several items in one pass over the rows (split between ``threads``).

    The items are first encoded as one byte per answer (0 = no answer), so the pass reads the weights and
    the cell of each row once for all items.
    """
    use_numba = _numba(design.n) if use_numba is None else (use_numba and _HAVE_NUMBA)
    raws: list[tuple[np.ndarray, np.ndarray | None] | None] = []
    for column in columns:
        try:
            raws.append(_raw(column))
        except TypeError:
            raws.append(None)
    n_cells = design.n_strata * n_groups
    # every row of it is written below (np.empty: no zeroing of reused memory)
    codes = np.empty((len(columns), design.n), dtype=np.uint8) if use_numba else None
    # per item: (lo, number of values, slot of lo) — slot = value − lo + slot of lo, 0 = no answer
    scales: list[tuple[float, int, int] | None] = [None] * len(columns)

    def prepare(j: int) -> None:
        encode(j)
        if codes is not None and scales[j] is None:  # a declined item adds nothing to any cell
            codes[j] = 0

    def encode(j: int) -> None:
        raw = raws[j]
        if raw is None:
            return
        vals, miss = raw
        if codes is not None and vals.dtype.kind in "iu" and vals.dtype != np.uint64:
            miss_bytes = miss.view(np.uint8) if miss is not None else np.zeros(len(vals), dtype=np.uint8)
            limits = np.iinfo(vals.dtype)
            lo, hi = _kernels().int_direct_kernel(
                vals, miss_bytes, vals.dtype.type(limits.max), vals.dtype.type(limits.min), codes[j]
            )
            if lo > hi:  # nobody answered: the general path raises the French error
                return
            if lo >= 0 and hi <= 253:  # the usual rating scale: one pass was enough
                scales[j] = (float(lo), int(hi - lo) + 1, int(lo) + 1)
                return
            lo, hi, integral = float(lo), float(hi), True
        else:
            lo, hi, integral = _range(vals, miss, codes is not None)
        if not (integral and np.isfinite(lo) and hi - lo + 1 <= MAX_VALUES):
            return
        scales[j] = (lo, int(hi - lo) + 1, 1)
        if codes is None:
            return
        if vals.dtype.kind in "iu":
            _kernels().int_encode_kernel(
                vals, miss if miss is not None else np.zeros(len(vals), dtype=bool), int(lo), codes[j]
            )
        else:
            has_miss = miss is not None
            _kernels().encode_kernel(
                vals, miss if has_miss else np.zeros(0, dtype=bool), has_miss, lo, codes[j]
            )

    pool = ThreadPoolExecutor(max_workers=threads) if threads > 1 and len(columns) > 1 else None
    if pool:
        list(pool.map(prepare, range(len(columns))))
    else:
        for j in range(len(columns)):
            prepare(j)
    chosen = [j for j, sc in enumerate(scales) if sc is not None]
    out: list[Cells | None] = [None] * len(columns)
    if not chosen:
        if pool:
            pool.shutdown()
        return out
    n_slots = max(scales[j][1] + scales[j][2] for j in chosen)  # type: ignore[index]
    if codes is not None:
        bounds = np.linspace(0, design.n, max(1, threads) + 1).astype(np.int64)
        parts = [(int(a), int(b)) for a, b in itertools.pairwise(bounds) if b > a]

        def run(part: tuple[int, int]) -> np.ndarray:
            return _kernels().fused_kernel(base, codes, design.weights, part[0], part[1], n_cells, n_slots)

        results = list(pool.map(run, parts)) if pool and len(parts) > 1 else [run(p) for p in parts]
        total = results[0]
        for r in results[1:]:
            total += r
        del codes
    else:
        total = _numpy_cells(design, base, n_cells, n_slots, raws, scales, chosen)
    if pool:
        pool.shutdown()
    shape = (design.n_strata, n_groups)
    for j in chosen:
        lo, n_values, first = scales[j]  # type: ignore[misc]
        cell = total[j, :, first : first + n_values, :]
        out[j] = Cells(
            cell[:, :, 0].reshape(*shape, n_values),
            cell[:, :, 1].reshape(*shape, n_values),
            cell[:, :, 2].reshape(*shape, n_values),
            lo + np.arange(n_values, dtype=np.float64),
        )
    return out


def _numpy_cells(
    design: Design,
    base: np.ndarray,
    n_cells: int,
    n_slots: int,
    raws: Sequence[tuple[np.ndarray, np.ndarray | None] | None],
    scales: Sequence[tuple[float, int, int] | None],
    chosen: Sequence[int],
) -> np.ndarray:
    """The cells of :func:`items_cells` without numba: three ``bincount`` of every row per item.

    A row without an answer falls in slot 0 of its cell, which no estimate reads, rather than being left
    out: selecting the answered rows (the codes, the weights, their squares) cost more than the counts.
    """
    total = np.zeros((len(raws), n_cells, n_slots, 3))
    flat = n_cells * n_slots
    cell = base.astype(np.intp) * n_slots
    w, w2 = design.weights, design.weights * design.weights
    for j in chosen:
        vals, miss = raws[j]  # type: ignore[misc]
        lo = scales[j][0]  # type: ignore[index]
        unanswered = ~_answered(vals, miss)
        if vals.dtype.kind == "f":  # NaN has no integer slot: a value that is one, before the cast
            vals = np.where(unanswered, lo, vals)
        code = vals.astype(np.intp)
        code += 1 - int(lo)
        code[unanswered] = 0
        code += cell
        total[j, :, :, 0] = np.bincount(code, minlength=flat).reshape(n_cells, n_slots)
        total[j, :, :, 1] = np.bincount(code, weights=w, minlength=flat).reshape(n_cells, n_slots)
        total[j, :, :, 2] = np.bincount(code, weights=w2, minlength=flat).reshape(n_cells, n_slots)
    return total


@dataclass(frozen=True)
class CellEstimates:
    """Estimates for each group (last entry: the whole sample), as arrays (a leading axis per statistic
    when they come from :func:`batch_estimates`)."""

    estimate: np.ndarray
    variance: np.ndarray
    n: np.ndarray
    weighted_n: np.ndarray
    deff: np.ndarray
    effective_n: np.ndarray


@dataclass(frozen=True)
class CellStack:
    """The cells of K statistics side by side (K × strata × groups × values), values padded with empty
    cells, and φ per statistic (K × values), so that every statistic is estimated in one numpy pass.
    ``count`` is summed over the values (K × strata × groups): only respondents per cell are needed."""

    count: np.ndarray
    sw: np.ndarray
    sw2: np.ndarray
    phi: np.ndarray

    @classmethod
    def of(cls, cells: Sequence[Cells], phis: Sequence[np.ndarray]) -> CellStack:
        width = max(len(c.values) for c in cells)
        shape = (len(cells), *cells[0].sw.shape[:2], width)
        sw, sw2 = np.zeros(shape), np.zeros(shape)
        count = np.zeros(shape[:3])
        phi = np.zeros((len(cells), width))
        for k, (c, p) in enumerate(zip(cells, phis, strict=True)):
            m = len(c.values)
            count[k] = c.count.sum(axis=2)
            sw[k, :, :, :m] = c.sw
            sw2[k, :, :, :m] = c.sw2
            phi[k, :m] = p
        return cls(count, sw, sw2, phi)


def cell_estimates(design: Design, cells: Cells, phi: np.ndarray, real_groups: int) -> CellEstimates:
    """Mean of φ(value) for the first ``real_groups`` groups and for the whole sample (appended last).

    φ is the value itself for a mean, an indicator for a proportion or a top-box share.
    """
    res = batch_estimates(design, CellStack.of([cells], [phi]), real_groups)
    return CellEstimates(*(getattr(res, f)[0] for f in CellEstimates.__dataclass_fields__))


def batch_estimates(design: Design, stack: CellStack, real_groups: int) -> CellEstimates:
    """:func:`cell_estimates` of every statistic of ``stack`` at once (arrays K × (groups + 1)).

    The variance is R's ``onestage`` on the rows: Σ_h scale_h (Σ z² − (Σ z)²/n_h) with z the domain
    mean's scores, exactly centred from the cells.
    """

    def with_overall(x: np.ndarray) -> np.ndarray:
        return np.concatenate([x[:, :, :real_groups], x.sum(axis=2, keepdims=True)], axis=2)

    count, sw, sw2 = with_overall(stack.count), with_overall(stack.sw), with_overall(stack.sw2)
    n = count.sum(axis=1)  # K × groups
    wsum = sw.sum(axis=(1, 3))
    with np.errstate(invalid="ignore", divide="ignore"):
        m = np.einsum("khgv,kv->kg", sw, stack.phi) / wsum
        d = stack.phi[:, None, :] - m[:, :, None]  # K × groups × values
        d2 = d * d
        sz = np.einsum("khgv,kgv->khg", sw, d) / wsum[:, None, :]  # K × strata × groups
        sz2 = np.einsum("khgv,kgv->khg", sw2, d2) / wsum[:, None, :] ** 2
        scale, f = design.stratum_scale
        weight = np.where(f < _CERTAINTY, 0.0, scale)[None, :, None]
        var = (weight * (sz2 - sz**2 / design.n_psu[None, :, None])).sum(axis=1)
        ss = np.einsum("khgv,kgv->kg", sw, d2)
        svyvar = ss / wsum * n / (n - 1)
        factor = srs_variance_factors(wsum, n)
        deff = np.where(n > 1, var / (svyvar * factor), np.nan)
        effective_n = wsum**2 / sw2.sum(axis=(1, 3))
    return CellEstimates(m, var, n.astype(np.int64), wsum, deff, effective_n)
