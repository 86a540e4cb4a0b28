"""The numba kernels of the cell path (:mod:`observatoire.stats.cells`), in a module of their own.

Importing numba and loading these compiled kernels from its on-disk cache takes about half a second, more
than the whole estimation of a small survey: :mod:`observatoire.stats.cells` imports this module only when
a table is large enough to gain from it, so that ``observatoire estimate`` on a small file starts fast.
"""

from __future__ import annotations

from typing import Any

import numba
import numpy as np
from numpy.typing import NDArray


@numba.njit(cache=True, nogil=True)
def range_kernel(
    vals: NDArray[Any], miss: NDArray[Any], has_miss: bool
) -> tuple[float, float, bool]:  # pragma: no cover - compiled
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


@numba.njit(cache=True, nogil=True)
def int_range_kernel(
    vals: NDArray[Any], miss: NDArray[Any]
) -> tuple[np.int64, np.int64]:  # pragma: no cover - compiled
    # integers under a mask: branch-free min/max (vectorisable)
    lo = np.int64(1) << 62
    hi = -lo
    for i in range(vals.shape[0]):
        v = np.int64(vals[i])
        m = miss[i]
        lo = lo if m else min(lo, v)
        hi = hi if m else max(hi, v)
    return lo, hi


@numba.njit(cache=True, nogil=True)
def int_direct_kernel(
    vals: NDArray[Any], miss: NDArray[Any], lo0: int, hi0: int, out: NDArray[Any]
) -> tuple[int, int]:  # pragma: no cover - compiled
    # one branch-free (vectorised) pass for the usual 0..253 scales: slot = value + 1 as a byte,
    # 0 = no answer (``miss`` as bytes), and the range of the answers (lo0/hi0: the dtype's max/min)
    lo = lo0
    hi = hi0
    for i in range(vals.shape[0]):
        v = vals[i]
        m = miss[i]
        lo = min(lo, lo0 if m else v)
        hi = max(hi, hi0 if m else v)
        out[i] = np.uint8(v + 1) & (np.uint8(m) - np.uint8(1))
    return lo, hi


@numba.njit(cache=True, nogil=True)
def int_encode_kernel(
    vals: NDArray[Any], miss: NDArray[Any], lo: int, out: NDArray[Any]
) -> None:  # pragma: no cover - compiled
    for i in range(vals.shape[0]):
        out[i] = 0 if miss[i] else np.uint8(np.int64(vals[i]) - lo + 1)


@numba.njit(cache=True, nogil=True)
def encode_kernel(
    vals: NDArray[Any], miss: NDArray[Any], has_miss: bool, lo: float, out: NDArray[Any]
) -> None:  # pragma: no cover - compiled
    # code = value − lo + 1, 0 for no answer
    ilo = np.int64(lo)
    for i in range(vals.shape[0]):
        v = vals[i]
        if (has_miss and miss[i]) or v != v:
            out[i] = 0
        else:
            out[i] = np.int64(v) - ilo + 1


@numba.njit(cache=True, nogil=True, inline="always")
def _add(acc: NDArray[Any], c: int, s: int, wi: float, w2: float) -> None:  # pragma: no cover - compiled
    acc[c, s, 0] += 1.0
    acc[c, s, 1] += wi
    acc[c, s, 2] += w2


@numba.njit(cache=True, nogil=True)
def fused_kernel(
    base: NDArray[Any],
    codes: NDArray[Any],
    w: NDArray[Any],
    start: int,
    stop: int,
    n_cells: int,
    n_slots: int,
) -> NDArray[Any]:  # pragma: no cover - compiled
    # blocks of rows stay in L1 while every item is accumulated; slot 0 of a cell = no answer.
    # Four items share each read of the row's cell and weight (the pass is bound by loads and
    # stores, which a second thread on this machine does not add: 16 items × 1M rows 33 -> 26 ms).
    k = codes.shape[0]
    out = np.zeros((k, n_cells, n_slots, 3))
    block = 2048
    for b0 in range(start, stop, block):
        b1 = min(stop, b0 + block)
        j = 0
        while j + 4 <= k:
            a0, a1, a2, a3 = out[j], out[j + 1], out[j + 2], out[j + 3]
            r0, r1, r2, r3 = codes[j], codes[j + 1], codes[j + 2], codes[j + 3]
            for i in range(b0, b1):
                c = base[i]
                wi = w[i]
                w2 = wi * wi
                _add(a0, c, r0[i], wi, w2)
                _add(a1, c, r1[i], wi, w2)
                _add(a2, c, r2[i], wi, w2)
                _add(a3, c, r3[i], wi, w2)
            j += 4
        while j < k:
            acc, row = out[j], codes[j]
            for i in range(b0, b1):
                wi = w[i]
                _add(acc, base[i], row[i], wi, wi * wi)
            j += 1
    return out


@numba.njit(cache=True, nogil=True)
def code_counts_kernel(codes: NDArray[Any], size: int) -> NDArray[Any]:  # pragma: no cover - compiled
    out = np.zeros(size + 1, dtype=np.int64)  # last: codes outside 0..size-1
    for i in range(codes.shape[0]):
        c = codes[i]
        out[c if 0 <= c < size else size] += 1
    return out[:size]


@numba.njit(cache=True, nogil=True)
def cell_base_kernel(
    strata: NDArray[Any], groups: NDArray[Any], n_real: int, out: NDArray[Any]
) -> None:  # pragma: no cover - compiled
    # branch-free (vectorised): rows outside 0..n_real-1 go to the extra group n_real
    width = n_real + 1
    for i in range(strata.shape[0]):
        g = np.int64(groups[i])
        out[i] = np.int32(strata[i] * width + (g if 0 <= g < n_real else n_real))
