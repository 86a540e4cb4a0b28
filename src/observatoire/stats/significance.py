"""Significance tests: a domain against the rest of the population, two waves, a two-way crosstab.

- :func:`compare_to_rest`: R's ``svyttest(y ~ I(region == r), design)`` for every domain r at once, from
  grouped sums (no regression per domain): the difference of the domain mean and the rest's mean, its
  design-based SE (the slope of the weighted regression on the domain indicator, linearised), t with the
  regression's residual degrees of freedom (PSUs − strata − 1), two-sided p-value and a "+"/"-" flag.
  Proportions and top-box shares are the same test on an indicator variable.
- :func:`compare_waves`: independent samples, difference with variance the sum of both variances.

The Rao-Scott chi-square of a crosstab is in :mod:`observatoire.stats.chisq`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from observatoire.errors import DesignError, InputError
from observatoire.messages import t
from observatoire.stats import cells as fast
from observatoire.stats._validate import numeric_column, rows_text
from observatoire.stats.design import _CERTAINTY, Design, _stage_variance
from observatoire.stats.distributions import normal_sf, t_two_sided

COMPARISON_COLUMNS = [
    "variable",
    "group",
    "n",
    "estimate",
    "rest",
    "diff",
    "se",
    "t",
    "df",
    "p_value",
    "flag",
]

#: Largest score matrix (rows × domains) built at once on the general path.
_CHUNK_CELLS = 1 << 22


def _check_level(level: float) -> None:
    if not (np.isfinite(level) and 0 < level < 1):
        raise InputError(t("stats.test.bad_level", level=level))


def flags(diff: ArrayLike, p_value: ArrayLike, level: float = 0.05) -> np.ndarray:
    """Flag "+" where the difference is significantly positive at ``level``, "-" if negative, "" if not.

    R: ``ifelse(p < level, ifelse(d > 0, "+", "-"), "")``.
    """
    _check_level(level)
    diff = np.asarray(diff, dtype=np.float64)
    p = np.asarray(p_value, dtype=np.float64)
    significant = np.nan_to_num(p, nan=1.0) < level
    return np.where(significant & (diff > 0), "+", np.where(significant & (diff < 0), "-", ""))


@dataclass(frozen=True)
class _Domains:
    codes: np.ndarray
    labels: np.ndarray

    @property
    def size(self) -> int:
        return len(self.labels)


def _domains(design: Design, domains: ArrayLike) -> _Domains:
    series = pd.Series(domains) if not isinstance(domains, pd.Series) else domains
    if len(series) != design.n:
        raise DesignError(t("stats.test.domain_length", n=design.n, got=len(series)))
    missing = series.isna().to_numpy()
    if missing.any():
        raise DesignError(t("stats.test.domain_missing", rows=rows_text(np.flatnonzero(missing))))
    codes, labels = pd.factorize(series, sort=True)
    return _Domains(codes.astype(np.int64), np.asarray(labels))


def _variables(y: ArrayLike | pd.Series | pd.DataFrame | Mapping[str, ArrayLike]) -> dict[str, pd.Series]:
    if isinstance(y, pd.DataFrame):
        return {str(c): y[c].reset_index(drop=True) for c in y.columns}
    if isinstance(y, Mapping):
        return {str(k): pd.Series(v) for k, v in y.items()}
    if isinstance(y, pd.Series):
        return {str(y.name) if y.name is not None else "y": y.reset_index(drop=True)}
    array = np.asarray(y)
    if array.ndim == 2:
        return {f"y{j + 1}": pd.Series(array[:, j]) for j in range(array.shape[1])}
    return {"y": pd.Series(array)}


def _check_groups(name: str, labels: np.ndarray, n: np.ndarray, rest_weight: np.ndarray) -> None:
    empty = np.flatnonzero(n == 0)
    if len(empty):
        raise DesignError(t("stats.empty_domain", variable=name, group=f"« {labels[empty[0]]} »"))
    alone = np.flatnonzero(rest_weight <= 0)
    if len(alone):
        raise DesignError(t("stats.test.no_rest", group=labels[alone[0]], variable=name))


def _psu_covariance(design: Design, totals: np.ndarray, present: np.ndarray) -> np.ndarray:
    """First-stage covariance of PSU totals (R's ``onestage``), with the design's own lonely-PSU rules."""
    strata_present = np.bincount(design.strata[present], minlength=design.n_strata) > 0
    scale, f = design.stratum_scale
    v = _stage_variance(
        totals, design.psu_stratum, design.n_psu, scale, f, strata_present, design.lonely_psu,
        labels=design.strata_labels, stage=1,
    )  # fmt: skip
    return v


def _general(design: Design, values: np.ndarray, dom: _Domains, name: str) -> dict[str, np.ndarray]:
    """Scores of every domain's difference, for any design.

    Without calibration or second stage, only PSU totals matter: they come from grouped sums by PSU and
    by PSU × domain. Otherwise the n × domains scores go through ``design.variance`` (calibration steps).
    """
    present = ~np.isnan(values)
    w = np.where(present, design.weights, 0.0)
    total_w = w.sum()
    centre = float(np.sum(w * np.nan_to_num(values)) / total_w) if total_w > 0 else 0.0
    y = np.where(present, values - centre, 0.0)  # shift-invariant test; centring avoids cancellation
    wy = w * y
    size = dom.size
    w1 = np.bincount(dom.codes, weights=w, minlength=size)
    s1 = np.bincount(dom.codes, weights=wy, minlength=size)
    n = np.bincount(dom.codes[present], minlength=size)
    w0 = total_w - w1
    _check_groups(name, dom.labels, n, w0)
    m1 = s1 / w1
    m0 = (s1.sum() - s1) / w0
    var = np.empty(size)
    by_psu = not design.calibrations and not design.uses_second_stage
    rows = design.n_psu_total if by_psu else design.n
    chunk = max(1, _CHUNK_CELLS // max(rows, 1))
    if by_psu:
        psu_wy = np.bincount(design.psu, weights=wy, minlength=rows)
        psu_w = np.bincount(design.psu, weights=w, minlength=rows)
    for start in range(0, size, chunk):
        js = np.arange(start, min(size, start + chunk))
        if by_psu:
            inside = (dom.codes >= js[0]) & (dom.codes <= js[-1])
            key = design.psu[inside] * len(js) + (dom.codes[inside] - js[0])
            pair_wy = np.bincount(key, weights=wy[inside], minlength=rows * len(js)).reshape(rows, len(js))
            pair_w = np.bincount(key, weights=w[inside], minlength=rows * len(js)).reshape(rows, len(js))
            rest_wy = psu_wy[:, None] - pair_wy
            rest_w = psu_w[:, None] - pair_w
            totals = (pair_wy - m1[js] * pair_w) / w1[js] - (rest_wy - m0[js] * rest_w) / w0[js]
            var[js] = np.diag(_psu_covariance(design, totals, present))
        else:
            inside = dom.codes[:, None] == js[None, :]
            z = w[:, None] * np.where(inside, (y[:, None] - m1[js]) / w1[js], -(y[:, None] - m0[js]) / w0[js])
            var[js] = np.diag(design.variance(z, present=present))
    return {
        "n": n,
        "estimate": m1 + centre,
        "rest": m0 + centre,
        "diff": m1 - m0,
        "variance": var,
        "df": np.full(size, design.degf(present) - 1, dtype=np.float64),
    }


def compare_cells(
    design: Design, cells: fast.Cells, phi: np.ndarray, real_groups: int
) -> dict[str, np.ndarray]:
    """Domain-vs-rest differences from an item's cells (:mod:`observatoire.stats.cells` fast path).

    Groups ``0..real_groups-1`` are the domains; a further group (rows without a domain) is left out of
    both sides, as R drops rows whose domain is missing.
    """
    parts = compare_batch(design, fast.CellStack.of([cells], [phi]), real_groups)
    return {key: value[0] for key, value in parts.items()}


def compare_batch(design: Design, stack: fast.CellStack, real_groups: int) -> dict[str, np.ndarray]:
    """:func:`compare_cells` of every statistic of ``stack`` at once (arrays K × domains).

    The variance is R's ``onestage`` on rows, exactly centred: Σ_h scale_h (Σ z² − (Σ z)²/n_h), z the
    scores of the regression slope.
    """
    sw = stack.sw[:, :, :real_groups, :]  # K × strata × domains × values
    sw2 = stack.sw2[:, :, :real_groups, :]
    count = stack.count[:, :, :real_groups]  # K × strata × domains
    all_sw = sw.sum(axis=2)  # K × strata × values
    all_sw2 = sw2.sum(axis=2)
    w1 = sw.sum(axis=(1, 3))  # K × domains
    w0 = all_sw.sum(axis=(1, 2))[:, None] - w1
    with np.errstate(invalid="ignore", divide="ignore"):
        in_domain = np.einsum("khgv,kv->kg", sw, stack.phi)
        m1 = in_domain / w1
        m0 = (np.einsum("khv,kv->k", all_sw, stack.phi)[:, None] - in_domain) / w0
        d1 = stack.phi[:, None, :] - m1[:, :, None]  # K × domains × values
        d0 = stack.phi[:, None, :] - m0[:, :, None]
        rest_sw = all_sw[:, :, None, :] - sw  # K × strata × domains × values
        rest_sw2 = all_sw2[:, :, None, :] - sw2
        w1_, w0_ = w1[:, None, :], w0[:, None, :]
        sz = np.einsum("khgv,kgv->khg", sw, d1) / w1_ - np.einsum("khgv,kgv->khg", rest_sw, d0) / w0_
        sz2 = (
            np.einsum("khgv,kgv->khg", sw2, d1 * d1) / w1_**2
            + np.einsum("khgv,kgv->khg", rest_sw2, d0 * d0) / w0_**2
        )
    scale, f = design.stratum_scale
    weight = np.where(f < _CERTAINTY, 0.0, scale)[None, :, None]
    var = (weight * (sz2 - sz**2 / design.n_psu[None, :, None])).sum(axis=1)
    per_stratum = count.sum(axis=2)  # K × strata
    df = per_stratum.sum(axis=1) - np.count_nonzero(per_stratum, axis=1) - 1
    return {
        "n": count.sum(axis=1).astype(np.int64),
        "estimate": m1,
        "rest": m0,
        "diff": m1 - m0,
        "variance": var,
        "df": np.repeat(df.astype(np.float64)[:, None], real_groups, axis=1),
        "rest_weight": w0,
    }


def _compare_moments(design: Design, values: np.ndarray, dom: _Domains, name: str) -> dict[str, np.ndarray]:
    """Domain-vs-rest for any numeric item when rows are PSUs (no clusters, calibration, lonely stratum):
    per stratum × domain sums of w, wy, w², w²y, w²y² (y centred on its overall mean) are enough."""
    present = ~np.isnan(values)
    w = np.where(present, design.weights, 0.0)
    total_w = w.sum()
    centre = float(np.sum(w * np.nan_to_num(values)) / total_w) if total_w > 0 else 0.0
    y = np.where(present, values - centre, 0.0)
    size, strata = dom.size, design.n_strata
    key = design.strata * size + dom.codes

    def sums(x: np.ndarray) -> np.ndarray:
        return np.bincount(key, weights=x, minlength=strata * size).reshape(strata, size)

    w2 = w * w
    a0, a1, b0, b1, b2 = sums(w), sums(w * y), sums(w2), sums(w2 * y), sums(w2 * y * y)
    n = np.bincount(dom.codes[present], minlength=size)
    w1 = a0.sum(axis=0)
    w0 = total_w - w1
    _check_groups(name, dom.labels, n, w0)
    m1 = a1.sum(axis=0) / w1
    m0 = (a1.sum() - a1.sum(axis=0)) / w0

    def rest(x: np.ndarray) -> np.ndarray:
        return x.sum(axis=1, keepdims=True) - x

    sz = (a1 - m1 * a0) / w1 - (rest(a1) - m0 * rest(a0)) / w0
    sz2 = (b2 - 2 * m1 * b1 + m1**2 * b0) / w1**2 + (rest(b2) - 2 * m0 * rest(b1) + m0**2 * rest(b0)) / w0**2
    scale, f = design.stratum_scale
    weight = np.where(f < _CERTAINTY, 0.0, scale)
    var = (weight[:, None] * (sz2 - sz**2 / design.n_psu[:, None])).sum(axis=0)
    return {
        "n": n,
        "estimate": m1 + centre,
        "rest": m0 + centre,
        "diff": m1 - m0,
        "variance": var,
        "df": np.full(size, design.degf(present) - 1, dtype=np.float64),
    }


def _finish(name: str, labels: np.ndarray, parts: dict[str, np.ndarray], level: float) -> pd.DataFrame:
    se = np.sqrt(np.maximum(parts["variance"], 0.0))
    with np.errstate(invalid="ignore", divide="ignore"):
        t_stat = parts["diff"] / se
    df = float(parts["df"][0]) if len(parts["df"]) else 0.0
    p = t_two_sided(t_stat, df)  # NaN without degrees of freedom, as R's ``pt`` with df = 0
    return pd.DataFrame(
        {
            "variable": name,
            "group": labels,
            "n": parts["n"].astype(np.int64),
            "estimate": parts["estimate"],
            "rest": parts["rest"],
            "diff": parts["diff"],
            "se": se,
            "t": t_stat,
            "df": parts["df"],
            "p_value": p,
            "flag": flags(parts["diff"], p, level),
        },
        columns=COMPARISON_COLUMNS,
    )


def compare_to_rest(
    design: Design,
    y: ArrayLike | pd.Series | pd.DataFrame | Mapping[str, ArrayLike],
    domains: ArrayLike,
    *,
    level: float = 0.05,
    fast_path: bool = True,
) -> pd.DataFrame:
    """Each domain against the rest of the population, for each variable of ``y`` (NaN: no answer).

    One row per variable × domain: ``n`` (respondents in the domain), ``estimate`` (domain mean),
    ``rest`` (mean of everyone else), ``diff``, ``se``, ``t``, ``df``, ``p_value`` (two-sided) and
    ``flag`` ("+"/"-" when p < ``level``). For a proportion or a top-box share pass the 0/1 indicator.
    R: ``svyttest(y ~ I(domain == d), design)`` (its estimate is ``diff``).
    """
    _check_level(level)
    dom = _domains(design, domains)
    use_cells = fast_path and fast.fast_path_applies(design)
    base = (design.strata * (dom.size + 1) + dom.codes).astype(np.int32) if use_cells else None
    frames = []
    for name, series in _variables(y).items():
        if len(series) != design.n:
            raise DesignError(t("stats.test.variable_length", variable=name, n=design.n, got=len(series)))
        values = numeric_column(series, name)
        cells = fast.item_cells(design, base, dom.size + 1, values) if base is not None else None
        if cells is not None:
            parts = compare_cells(design, cells, cells.values, dom.size)
            _check_groups(name, dom.labels, parts["n"], parts["rest_weight"])
        elif base is not None:
            parts = _compare_moments(design, values, dom, name)
        else:
            parts = _general(design, values, dom, name)
        frames.append(_finish(name, dom.labels, parts, level))
    return pd.concat(frames, ignore_index=True)


def compare_waves(
    estimate1: ArrayLike,
    se1: ArrayLike,
    estimate2: ArrayLike,
    se2: ArrayLike,
    *,
    level: float = 0.05,
) -> pd.DataFrame:
    """Change from wave 1 to wave 2 of independent samples: ``diff`` = e2 − e1, ``se`` = √(se1² + se2²),
    normal ``z`` test, two-sided ``p_value`` and ``flag`` (one row per element of the inputs).

    R: ``d <- coef(m2) - coef(m1); se <- sqrt(SE(m1)^2 + SE(m2)^2); 2 * pnorm(-abs(d / se))``.
    """
    _check_level(level)
    e1, e2 = np.atleast_1d(np.asarray(estimate1, float)), np.atleast_1d(np.asarray(estimate2, float))
    s1, s2 = np.atleast_1d(np.asarray(se1, float)), np.atleast_1d(np.asarray(se2, float))
    for wave, se in ((1, s1), (2, s2)):
        bad = ~np.isfinite(se) | (se < 0)
        if bad.any():
            raise InputError(t("stats.test.bad_se", wave=wave, se=se[bad][0]))
    diff = e2 - e1
    se = np.sqrt(s1**2 + s2**2)
    with np.errstate(invalid="ignore", divide="ignore"):
        z = diff / se
    p = 2 * normal_sf(np.abs(z))
    return pd.DataFrame({"diff": diff, "se": se, "z": z, "p_value": p, "flag": flags(diff, p, level)})
