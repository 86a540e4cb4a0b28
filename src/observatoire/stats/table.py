"""The tidy estimation table: many statistics, overall and by domains, with SE, CI, n, weighted n, deff.

:func:`estimate` is what the CLI and the results build call. It equals, row by row, R's
``svyby(~y, ~g, design, svymean, na.rm=TRUE, deff=TRUE)`` (and ``svytotal``, ``svyratio``,
``svyquantile``) with ``confint(..., df=Inf)`` by default or ``df=degf(design)`` for ``ci="t"``.
Small-integer items on an unclustered design take the cell fast path (:mod:`observatoire.stats.cells`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import special
from scipy import stats as sps

from observatoire.errors import DesignError, InputError
from observatoire.messages import t
from observatoire.stats import cells as fast
from observatoire.stats import estimators as est
from observatoire.stats._validate import numeric_column, require_columns
from observatoire.stats.design import Design, encode

OVERALL = "ensemble"
COMPARE_COLUMNS = ["diff", "t", "p_value", "flag"]
COLUMNS = [
    "group",
    "variable",
    "statistic",
    "category",
    "estimate",
    "se",
    "ci_low",
    "ci_high",
    "n",
    "weighted_n",
    "deff",
    "effective_n",
]

Kind = Literal["mean", "total", "proportion", "top_box", "ratio", "quantile", "distribution"]


@dataclass(frozen=True)
class Statistic:
    """One requested statistic of one variable; build it with the class methods."""

    kind: Kind
    variable: str
    value: Any = None
    low: float | None = None
    high: float | None = None
    denominator: str | None = None
    p: float = 0.5

    @classmethod
    def mean(cls, variable: str) -> Statistic:
        return cls("mean", variable)

    @classmethod
    def total(cls, variable: str) -> Statistic:
        return cls("total", variable)

    @classmethod
    def proportion(cls, variable: str, value: Any) -> Statistic:
        """Share of answers equal to ``value`` among respondents."""
        return cls("proportion", variable, value=value)

    @classmethod
    def top_box(cls, variable: str, low: float, high: float) -> Statistic:
        """Share of answers in [low, high] among respondents (e.g. 8-10 on a 1-10 scale)."""
        return cls("top_box", variable, low=low, high=high)

    @classmethod
    def ratio(cls, numerator: str, denominator: str) -> Statistic:
        return cls("ratio", numerator, denominator=denominator)

    @classmethod
    def quantile(cls, variable: str, p: float = 0.5) -> Statistic:
        return cls("quantile", variable, p=p)

    @classmethod
    def distribution(cls, variable: str) -> Statistic:
        """One proportion per answer category (R's ``svymean`` of a factor)."""
        return cls("distribution", variable)

    @property
    def category(self) -> str:
        """The tidy ``category`` column: the value, the range, the quantile or the denominator."""
        if self.kind == "proportion":
            return _fmt(self.value)
        if self.kind == "top_box":
            return f"{_fmt(self.low)}-{_fmt(self.high)}"
        if self.kind == "ratio":
            return f"/{self.denominator}"
        if self.kind == "quantile":
            return _fmt(self.p)
        return ""

    @property
    def columns(self) -> list[str]:
        return [self.variable] + ([self.denominator] if self.denominator else [])


def _fmt(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass(frozen=True)
class _Groups:
    codes: np.ndarray  # per row, 0..G-1, G = rows in no group (missing by value)
    labels: list[str]
    keys: list[tuple]


def _groups(data: pd.DataFrame, by: Sequence[str]) -> _Groups:
    if not by:
        return _Groups(np.zeros(len(data), dtype=np.int64), [], [])
    if len(by) == 1:
        codes, labels = encode(data[by[0]].reset_index(drop=True))
        n_groups = len(labels)
        codes = np.where(codes < 0, n_groups, codes)
        return _Groups(codes, [_fmt(v) for v in labels], [(v,) for v in labels])
    codes = data.groupby(list(by), sort=True, dropna=True, observed=True).ngroup().to_numpy()
    n_groups = int(codes.max()) + 1 if (codes >= 0).any() else 0
    codes = np.where(codes < 0, n_groups, codes).astype(np.int64)
    first = pd.Series(np.arange(len(data))).groupby(codes).first()
    keys, labels = [], []
    for g in range(n_groups):
        key = tuple(data[c].iloc[int(first[g])] for c in by)
        keys.append(key)
        labels.append(" / ".join(_fmt(k) for k in key))
    return _Groups(codes, labels, keys)


def _critical(level: float, ci: str, design: Design) -> float:
    if not 0 < level < 1:
        raise InputError(t("stats.bad_level", level=level))
    if ci == "normal":
        return float(sps.norm.ppf(1 - (1 - level) / 2))
    if ci == "t":
        df = design.degf()
        if df <= 0:
            raise DesignError(t("stats.no_degrees_of_freedom"))
        return float(sps.t.ppf(1 - (1 - level) / 2, df))
    raise InputError(t("stats.bad_ci", ci=ci))


def _phi(stat: Statistic, values: np.ndarray) -> np.ndarray:
    """The per-answer-value function whose mean is the statistic."""
    if stat.kind == "mean":
        return values
    if stat.kind == "proportion":
        return (values == float(stat.value)).astype(np.float64)
    assert stat.low is not None
    assert stat.high is not None
    return ((values >= stat.low) & (values <= stat.high)).astype(np.float64)


def _text_indicator(data: pd.DataFrame, stat: Statistic) -> np.ndarray:
    """1/0 for answers equal (as text) to the value of a proportion, NaN for no answer."""
    column = data[stat.variable]
    answered = column.notna().to_numpy()
    text = column.astype(str).str.strip().to_numpy()
    hit = text == str(stat.value).strip()
    if not hit.any():
        seen = sorted(map(str, pd.unique(column.dropna())))[:20]
        raise InputError(
            t(
                "stats.unknown_group",
                value=stat.value,
                column=stat.variable,
                hint="Valeurs : " + ", ".join(seen),
            )
        )
    return np.where(answered, hit.astype(np.float64), np.nan)


def _indicator(stat: Statistic, y: np.ndarray) -> np.ndarray:
    """The variable whose mean is the statistic, NaN kept for non-respondents."""
    if stat.kind == "mean":
        return y
    with np.errstate(invalid="ignore"):
        return np.where(np.isnan(y), np.nan, _phi(stat, y))


def estimate(
    data: pd.DataFrame,
    design: Design,
    statistics: Sequence[Statistic],
    by: str | Sequence[str] | None = None,
    *,
    overall: bool = True,
    level: float = 0.95,
    ci: Literal["normal", "t"] = "normal",
    compare_to_rest: bool = False,
    flag_level: float = 0.05,
    fast_path: bool = True,
) -> pd.DataFrame:
    """Every statistic for the whole sample (group ``ensemble``) and for each domain of ``by``.

    Missing answers (NaN) leave a respondent out of that statistic only; rows missing a ``by`` value
    count in ``ensemble`` only. Returns one row per group × statistic (× category) with the columns of
    :data:`COLUMNS` plus one column per ``by`` variable.

    ``compare_to_rest`` adds :data:`COMPARE_COLUMNS` to the domain rows of means, proportions and top-box
    shares: each domain against the rest of the population (R's ``svyttest(y ~ I(g == d), design)``,
    :func:`observatoire.stats.tests.compare_to_rest`), flagged "+"/"-" when p < ``flag_level``.
    """
    by_cols = [by] if isinstance(by, str) else list(by or [])
    require_columns(data, by_cols + [c for s in statistics for c in s.columns])
    if len(data) != design.n:
        raise DesignError(t("stats.weights_length", n=design.n, got=len(data)))
    crit = _critical(level, ci, design)
    groups = _groups(data, by_cols)
    n_real = len(groups.labels)
    n_cells = n_real + 1
    use_fast = fast_path and fast.fast_path_applies(design)
    base = (design.strata * n_cells + groups.codes).astype(np.int32) if use_fast else None
    targets = [*range(n_real)] + ([None] if overall else [])
    rows: list[dict[str, Any]] = []
    cell_cache: dict[str, fast.Cells | None] = {}
    numeric_cache: dict[str, np.ndarray] = {}

    def numeric(column: str) -> np.ndarray:
        if column not in numeric_cache:
            numeric_cache[column] = numeric_column(data[column], column)
        return numeric_cache[column]

    def emit(
        stat: Statistic,
        g: int | None,
        e: float,
        se: float,
        lo: float,
        hi: float,
        n: int,
        wn: float,
        deff: float,
        category: str | None = None,
        comparison: dict[str, Any] | None = None,
        effective_n: float = float("nan"),
    ) -> None:
        row = {
            "group": OVERALL if g is None else groups.labels[g],
            "variable": stat.variable,
            "statistic": "proportion" if stat.kind == "distribution" else stat.kind,
            "category": stat.category if category is None else category,
            "estimate": e,
            "se": se,
            "ci_low": lo,
            "ci_high": hi,
            "n": n,
            "weighted_n": wn,
            "deff": deff,
            "effective_n": effective_n,
        }
        if compare_to_rest:
            row.update(comparison or {"diff": np.nan, "t": np.nan, "p_value": np.nan, "flag": ""})
        for j, c in enumerate(by_cols):
            row[c] = None if g is None else groups.keys[g][j]
        rows.append(row)

    def compared(
        stat: Statistic, cells: fast.Cells | None, phi: np.ndarray | None, indicator: np.ndarray | None = None
    ) -> list[dict] | None:
        """Domain-vs-rest columns per group (from the cells when available, else the general test)."""
        if not compare_to_rest or not by_cols or stat.kind not in ("mean", "proportion", "top_box"):
            return None
        if cells is not None and phi is not None:
            from observatoire.stats.tests import compare_cells, flags

            parts = compare_cells(design, cells, phi, n_real)
            se = np.sqrt(np.maximum(parts["variance"], 0.0))
            with np.errstate(invalid="ignore", divide="ignore"):
                t_stat = parts["diff"] / se
            df = float(parts["df"][0]) if len(parts["df"]) else 0.0
            p = 2 * special.stdtr(df, -np.abs(t_stat)) if df > 0 else np.full(n_real, np.nan)
            flag = flags(parts["diff"], p, flag_level)
            return [
                {
                    "diff": float(parts["diff"][g]),
                    "t": float(t_stat[g]),
                    "p_value": float(p[g]),
                    "flag": str(flag[g]),
                }
                for g in range(n_real)
            ]
        from observatoire.stats.tests import compare_to_rest as rest_test

        y = indicator if indicator is not None else _indicator(stat, numeric(stat.variable))
        in_group = groups.codes < n_real
        y = np.where(in_group, y, np.nan)  # rows without a domain value are left out, as R's svyttest
        labels = np.asarray(groups.labels, dtype=object)[np.minimum(groups.codes, max(n_real - 1, 0))]
        table = rest_test(design, {stat.variable: y}, labels, level=flag_level, fast_path=False)
        by_label = {str(r.group): r for r in table.itertuples()}
        return [
            {
                "diff": by_label[lab].diff,
                "t": by_label[lab].t,
                "p_value": by_label[lab].p_value,
                "flag": by_label[lab].flag,
            }
            for lab in groups.labels
        ]

    def label(g: int | None) -> str:
        return OVERALL if g is None else f"« {groups.labels[g]} »"

    def domain(g: int | None) -> np.ndarray | None:
        return None if g is None else groups.codes == g

    if use_fast:  # every small-integer item in one threaded pass
        wanted = [
            s.variable for s in statistics if s.kind in ("mean", "proportion", "top_box", "distribution")
        ]
        wanted = [v for v in dict.fromkeys(wanted) if pd.api.types.is_numeric_dtype(data[v].dtype)]
        computed = fast.items_cells(design, base, n_cells, [data[v] for v in wanted])
        cell_cache.update(zip(wanted, computed, strict=True))
    for stat in statistics:
        if stat.kind == "distribution":
            _distribution(
                stat,
                data,
                design,
                groups,
                targets,
                crit,
                emit,
                label,
                domain,
                use_fast,
                base,
                n_cells,
                cell_cache,
            )
            continue
        if use_fast and stat.kind in ("mean", "proportion", "top_box"):
            if stat.variable not in cell_cache:  # None for text: the general path then names the rows
                cell_cache[stat.variable] = fast.item_cells(design, base, n_cells, data[stat.variable])
            cells = cell_cache[stat.variable]
            if cells is not None:
                phi = _phi(stat, cells.values)
                res = fast.cell_estimates(design, cells, phi, n_real)
                comparisons = compared(stat, cells, phi)
                for g in targets:
                    i = n_real if g is None else g
                    if res.n[i] == 0:
                        raise est.empty_error(stat.variable, None if g is None else label(g))
                    se = float(np.sqrt(res.variance[i]))
                    e = float(res.estimate[i])
                    emit(
                        stat,
                        g,
                        e,
                        se,
                        e - crit * se,
                        e + crit * se,
                        int(res.n[i]),
                        float(res.weighted_n[i]),
                        float(res.deff[i]),
                        comparison=None if comparisons is None or g is None else comparisons[g],
                        effective_n=float(res.effective_n[i]),
                    )
                continue
        if stat.kind == "proportion" and not pd.api.types.is_numeric_dtype(data[stat.variable].dtype):
            numeric_cache.setdefault(stat.variable + "\0" + str(stat.value), _text_indicator(data, stat))
            y = numeric_cache[stat.variable + "\0" + str(stat.value)]
            stat_for_mean = Statistic.mean(stat.variable)
        else:
            y = numeric(stat.variable)
            stat_for_mean = stat
        comparisons = compared(stat, None, None, y if stat_for_mean is not stat else None)
        for g in targets:
            if stat.kind == "quantile":
                q = est.quantile(design, y, stat.p, domain(g), level, None, stat.variable, label(g))
                emit(
                    stat,
                    g,
                    q.estimate,
                    q.se,
                    q.ci_low,
                    q.ci_high,
                    q.n,
                    q.weighted_n,
                    float("nan"),
                    effective_n=q.effective_n,
                )
                continue
            if stat.kind == "ratio":
                assert stat.denominator is not None
                r = est.ratio(design, y, numeric(stat.denominator), domain(g), stat.variable, label(g))
            elif stat.kind == "total":
                r = est.total(design, y, domain(g), stat.variable, label(g))
            else:
                r = est.mean(design, _indicator(stat_for_mean, y), domain(g), stat.variable, label(g))
            emit(
                stat,
                g,
                r.estimate,
                r.se,
                r.estimate - crit * r.se,
                r.estimate + crit * r.se,
                r.n,
                r.weighted_n,
                r.deff,
                comparison=None if comparisons is None or g is None else comparisons[g],
                effective_n=r.effective_n,
            )
    extra = COMPARE_COLUMNS if compare_to_rest else []
    names = COLUMNS + extra + by_cols
    frame = pd.DataFrame({c: [r[c] for r in rows] for c in names}, columns=names)
    frame["n"] = frame["n"].astype(np.int64)
    return frame


def _distribution(
    stat, data, design, groups, targets, crit, emit, label, domain, use_fast, base, n_cells, cell_cache
) -> None:
    """One proportion row per category; numeric small-int items use the cells, others the general path."""
    column = data[stat.variable]
    n_real = len(groups.labels)
    if use_fast and pd.api.types.is_numeric_dtype(column.dtype):
        if stat.variable not in cell_cache:
            cell_cache[stat.variable] = fast.item_cells(design, base, n_cells, column)
        cells = cell_cache[stat.variable]
        if cells is not None:
            seen = cells.count.sum(axis=(0, 1)) > 0
            per_value = [
                (v, fast.cell_estimates(design, cells, (cells.values == v).astype(np.float64), n_real))
                for v in cells.values[seen]
            ]
            for g in targets:  # same order as the general path: groups, then categories
                for v, res in per_value:
                    i = n_real if g is None else g
                    if res.n[i] == 0:
                        raise est.empty_error(stat.variable, None if g is None else label(g))
                    se = float(np.sqrt(res.variance[i]))
                    e = float(res.estimate[i])
                    emit(
                        stat,
                        g,
                        e,
                        se,
                        e - crit * se,
                        e + crit * se,
                        int(res.n[i]),
                        float(res.weighted_n[i]),
                        float(res.deff[i]),
                        _fmt(float(v)),
                        effective_n=float(res.effective_n[i]),
                    )
            return
    values = column.to_numpy(dtype=object)
    levels = np.array(sorted(pd.unique(column.dropna())), dtype=object)
    if len(levels) == 0:
        raise DesignError(t("stats.empty_variable", variable=stat.variable))
    for g in targets:
        _, _, ests = est.proportions(design, values, levels, domain(g), stat.variable, label(g))
        for level_value, r in zip(levels, ests, strict=True):
            emit(
                stat,
                g,
                r.estimate,
                r.se,
                r.estimate - crit * r.se,
                r.estimate + crit * r.se,
                r.n,
                r.weighted_n,
                r.deff,
                _fmt(level_value),
                effective_n=r.effective_n,
            )
