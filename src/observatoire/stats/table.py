"""The tidy estimation table: many statistics, overall and by domains, with SE, CI, n, weighted n, deff.

:func:`estimate` is what the CLI and the results build call. It equals, row by row, R's
``svyby(~y, ~g, design, svymean, na.rm=TRUE, deff=TRUE)`` (and ``svytotal``, ``svyratio``,
``svyquantile``) with ``confint(..., df=Inf)`` by default or ``df=degf(design)`` for ``ci="t"``.
Small-integer items on an unclustered design take the cell fast path (:mod:`observatoire.stats.cells`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

import numpy as np
import pandas as pd

from observatoire.errors import DesignError, InputError
from observatoire.messages import t
from observatoire.stats import cells as fast
from observatoire.stats import estimators as est
from observatoire.stats._validate import Table, column_series, numeric_column, require_columns, row_count
from observatoire.stats.design import Design, encode
from observatoire.stats.distributions import normal_quantile, t_quantile, t_two_sided

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
    raw: np.ndarray  # per row, 0..G-1; any other value (−1 or G) = in no group (missing by value)
    labels: list[str]
    keys: list[tuple]

    @cached_property
    def codes(self) -> np.ndarray:
        """Per row 0..G-1, G for rows in no group (int64, for the general path)."""
        size = len(self.labels)
        return np.where((self.raw < 0) | (self.raw >= size), size, self.raw).astype(np.int64)


def _groups(data: Table, by: Sequence[str]) -> _Groups:
    if not by:
        return _Groups(np.zeros(row_count(data), dtype=np.int64), [], [])
    if len(by) == 1:
        column = column_series(data, by[0])
        if isinstance(column.dtype, pd.CategoricalDtype):
            # the categorical's own small codes, not copied, when every category is used
            raw = column.cat.codes.to_numpy()
            categories = column.cat.categories
            if np.all(fast.code_counts(raw, len(categories)) > 0):
                labels = np.asarray(categories, dtype=object)
                return _Groups(raw, [_fmt(v) for v in labels], [(v,) for v in labels])
        codes, labels = encode(column)
        return _Groups(codes, [_fmt(v) for v in labels], [(v,) for v in labels])
    if not isinstance(data, pd.DataFrame):  # the grouping columns only
        data = pd.DataFrame({c: column_series(data, c) for c in by})
    # pandas numbers the rows missing a by value NaN (a float column), older versions −1
    numbered = data.groupby(list(by), sort=True, dropna=True, observed=True).ngroup()
    codes = numbered.fillna(-1).to_numpy(dtype=np.int64)
    n_groups = int(codes.max()) + 1 if (codes >= 0).any() else 0
    codes = np.where(codes < 0, n_groups, codes)
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
        return normal_quantile(1 - (1 - level) / 2)
    if ci == "t":
        df = design.degf()
        if df <= 0:
            raise DesignError(t("stats.no_degrees_of_freedom"))
        return t_quantile(1 - (1 - level) / 2, df)
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


def _text_indicator(data: Table, stat: Statistic) -> np.ndarray:
    """1/0 for answers equal (as text) to the value of a proportion, NaN for no answer."""
    column = column_series(data, stat.variable)
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
    data: Table,
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
    if row_count(data) != design.n:
        raise DesignError(t("stats.weights_length", n=design.n, got=row_count(data)))
    table = _Table(
        data,
        design,
        by_cols,
        _groups(data, by_cols),
        _critical(level, ci, design),
        level,
        overall,
        compare_to_rest and bool(by_cols),
        flag_level,
    )
    if fast_path and fast.fast_path_applies(design):
        table.prepare_cells(statistics)
    for i, stat in enumerate(statistics):
        if stat.kind == "distribution":
            table.distribution(stat)
        elif not table.from_cells(i, stat):
            table.general(stat)
    return table.frame(COLUMNS + (COMPARE_COLUMNS if compare_to_rest else []))


_BLANK: dict[str, Any] = {"diff": np.nan, "t": np.nan, "p_value": np.nan, "flag": ""}
_TEXT = {"group", "variable", "statistic", "category", "flag"}
_CELL_KINDS = ("mean", "proportion", "top_box")


@dataclass(frozen=True)
class _CellBatch:
    """Every mean, proportion and top-box share that has cells, estimated at once (arrays K × groups+1,
    the whole sample last; comparisons K × domains)."""

    index: dict[int, int]  # position in the requested statistics -> k
    res: fast.CellEstimates
    se: np.ndarray
    compare: dict[str, np.ndarray] | None


@dataclass
class _CellRows:
    """Consecutive output blocks of batched statistics (rows: statistic, then group)."""

    stats: list[Statistic] = field(default_factory=list)
    ks: list[int] = field(default_factory=list)


class _Table:
    """Rows of :func:`estimate` under construction: the cell fast path or the general path per statistic."""

    def __init__(self, data, design, by_cols, groups, crit, level, overall, compare, flag_level) -> None:
        self.data, self.design, self.by_cols, self.groups = data, design, by_cols, groups
        self.crit, self.level, self.compare, self.flag_level = crit, level, compare, flag_level
        self.n_real = len(groups.labels)
        self.targets: list[int | None] = [*range(self.n_real)] + ([None] if overall else [])
        self.parts: list[list[dict[str, Any]] | _CellRows] = []
        self.cells: dict[str, fast.Cells | None] = {}
        self.batch: _CellBatch | None = None
        self._numeric: dict[str, np.ndarray] = {}

    # --- inputs ---------------------------------------------------------------------------------------

    def numeric(self, column: str) -> np.ndarray:
        if column not in self._numeric:
            self._numeric[column] = numeric_column(self.data[column], column)
        return self._numeric[column]

    def label(self, g: int | None) -> str:
        return OVERALL if g is None else f"« {self.groups.labels[g]} »"

    def domain(self, g: int | None) -> np.ndarray | None:
        return None if g is None else self.groups.codes == g

    def prepare_cells(self, statistics: Sequence[Statistic]) -> None:
        """Cells of every numeric item in one threaded pass (None for items that are not small integers),
        then every mean, proportion and top-box share of those items in one vectorised batch."""
        n_cells = self.n_real + 1
        base = fast.cell_base(self.design.strata, self.groups.raw, self.n_real)
        kinds = (*_CELL_KINDS, "distribution")
        wanted = dict.fromkeys(s.variable for s in statistics if s.kind in kinds)
        columns = {v: self.data[v] for v in wanted}  # each column looked up once (pandas indexing is slow)
        numeric = {v: c for v, c in columns.items() if pd.api.types.is_numeric_dtype(c.dtype)}
        computed = fast.items_cells(self.design, base, n_cells, list(numeric.values()))
        self.cells.update(zip(numeric, computed, strict=True))
        chosen: list[tuple[int, Statistic, fast.Cells]] = []
        for i, s in enumerate(statistics):
            cells = self.cells.get(s.variable)
            if s.kind in _CELL_KINDS and cells is not None:
                chosen.append((i, s, cells))
        if not chosen:
            return
        stack = fast.CellStack.of([c for *_, c in chosen], [_phi(s, c.values) for _, s, c in chosen])
        res = fast.batch_estimates(self.design, stack, self.n_real)
        index = {i: k for k, (i, *_) in enumerate(chosen)}
        self.batch = _CellBatch(index, res, np.sqrt(res.variance), self.compared_batch(stack))

    def compared_batch(self, stack: fast.CellStack) -> dict[str, np.ndarray] | None:
        """Domain-vs-rest columns of every batched statistic (K × domains)."""
        if not self.compare:
            return None
        # not stats.tests, whose chisq module imports scipy.stats (slow to load)
        from observatoire.stats.significance import compare_batch, flags

        parts = compare_batch(self.design, stack, self.n_real)
        se = np.sqrt(np.maximum(parts["variance"], 0.0))
        with np.errstate(invalid="ignore", divide="ignore"):
            t_stat = parts["diff"] / se
        df = parts["df"][:, :1] if self.n_real else np.zeros((len(se), 1))
        p = t_two_sided(t_stat, df)  # NaN where there are no degrees of freedom
        return {
            "diff": parts["diff"],
            "t": t_stat,
            "p_value": p,
            "flag": flags(parts["diff"], p, self.flag_level),
        }

    # --- output rows ----------------------------------------------------------------------------------

    def emit(
        self, stat: Statistic, g: int | None, values: dict[str, Any], category: str | None = None
    ) -> None:
        row = {
            "group": OVERALL if g is None else self.groups.labels[g],
            "variable": stat.variable,
            "statistic": "proportion" if stat.kind == "distribution" else stat.kind,
            "category": stat.category if category is None else category,
            "_g": g,
            **values,
        }
        if not self.parts or not isinstance(self.parts[-1], list):
            self.parts.append([])
        self.parts[-1].append(row)  # type: ignore[union-attr]

    def frame(self, names: list[str]) -> pd.DataFrame:
        """The table, built once column by column (text as lists, numbers as arrays)."""
        columns: dict[str, list[Any]] = {c: [] for c in names}
        groups: list[int | None] = []
        for part in self.parts:
            if isinstance(part, _CellRows):
                for c, chunk in self._cell_columns(part, names).items():
                    columns[c].append(chunk)
                groups.extend(self.targets * len(part.ks))
                continue
            for c in names:
                chunk = [r.get(c, _BLANK.get(c)) for r in part]
                columns[c].append(chunk if c in _TEXT else np.asarray(chunk, dtype=np.float64))
            groups.extend(r["_g"] for r in part)
        data: dict[str, Any] = {
            c: [x for chunk in chunks for x in chunk]
            if c in _TEXT
            else (np.concatenate(chunks) if chunks else np.zeros(0))
            for c, chunks in columns.items()
        }
        for j, c in enumerate(self.by_cols):
            data[c] = [None if g is None else self.groups.keys[g][j] for g in groups]
        frame = pd.DataFrame(data, columns=names + self.by_cols)
        frame["n"] = frame["n"].astype(np.int64)
        return frame

    def _cell_columns(self, part: _CellRows, names: list[str]) -> dict[str, Any]:
        """The columns of a block of batched statistics."""
        assert self.batch is not None
        ks = np.asarray(part.ks)
        idx = np.asarray([self.n_real if g is None else g for g in self.targets], dtype=np.int64)
        res = self.batch.res
        e, se = res.estimate[ks][:, idx], self.batch.se[ks][:, idx]
        size = len(idx)
        out: dict[str, Any] = {
            "group": [OVERALL if g is None else self.groups.labels[g] for g in self.targets] * len(ks),
            "variable": [v for s in part.stats for v in [s.variable] * size],
            "statistic": [v for s in part.stats for v in [s.kind] * size],
            "category": [v for s in part.stats for v in [s.category] * size],
            "estimate": e.ravel(),
            "se": se.ravel(),
            "ci_low": (e - self.crit * se).ravel(),
            "ci_high": (e + self.crit * se).ravel(),
            "n": res.n[ks][:, idx].ravel().astype(np.float64),
            "weighted_n": res.weighted_n[ks][:, idx].ravel(),
            "deff": res.deff[ks][:, idx].ravel(),
            "effective_n": res.effective_n[ks][:, idx].ravel(),
        }
        compare = self.batch.compare
        for c in COMPARE_COLUMNS:
            if c not in names:
                continue
            blank = np.full((len(ks), size), _BLANK[c], dtype=object if c == "flag" else np.float64)
            real = idx < self.n_real
            if compare is not None:
                blank[:, real] = compare[c][ks][:, idx[real]]
            out[c] = blank.ravel().tolist() if c == "flag" else blank.ravel()
        return out

    def _values(self, e: float, se: float, n: int, wn: float, deff: float, eff: float) -> dict[str, Any]:
        return {
            "estimate": e,
            "se": se,
            "ci_low": e - self.crit * se,
            "ci_high": e + self.crit * se,
            "n": n,
            "weighted_n": wn,
            "deff": deff,
            "effective_n": eff,
        }

    def _cell_values(self, stat: Statistic, res: fast.CellEstimates, g: int | None) -> dict[str, Any]:
        i = self.n_real if g is None else g
        if res.n[i] == 0:
            raise est.empty_error(stat.variable, None if g is None else self.label(g))
        return self._values(
            float(res.estimate[i]),
            float(np.sqrt(res.variance[i])),
            int(res.n[i]),
            float(res.weighted_n[i]),
            float(res.deff[i]),
            float(res.effective_n[i]),
        )

    def _estimate_values(self, r: est.Estimate) -> dict[str, Any]:
        return self._values(r.estimate, r.se, r.n, r.weighted_n, r.deff, r.effective_n)

    # --- statistics -----------------------------------------------------------------------------------

    def from_cells(self, position: int, stat: Statistic) -> bool:
        """Rows of a mean, proportion or top-box share from the batch; False when it is not in it."""
        if self.batch is None or position not in self.batch.index:
            return False
        k = self.batch.index[position]
        for g in self.targets:  # the first empty group, in output order, is the error
            if self.batch.res.n[k, self.n_real if g is None else g] == 0:
                raise est.empty_error(stat.variable, None if g is None else self.label(g))
        if not self.parts or not isinstance(self.parts[-1], _CellRows):
            self.parts.append(_CellRows())
        block = self.parts[-1]
        assert isinstance(block, _CellRows)
        block.stats.append(stat)
        block.ks.append(k)
        return True

    def general(self, stat: Statistic) -> None:
        """Rows from :mod:`observatoire.stats.estimators` (any design, any numeric variable)."""
        indicator = None
        if stat.kind == "proportion" and not pd.api.types.is_numeric_dtype(self.data[stat.variable].dtype):
            indicator = _text_indicator(self.data, stat)
        y = indicator if indicator is not None else self.numeric(stat.variable)
        comparisons = self.compared(stat, indicator)
        for g in self.targets:
            domain, label = self.domain(g), self.label(g)
            if stat.kind == "quantile":
                q = est.quantile(self.design, y, stat.p, domain, self.level, None, stat.variable, label)
                values = self._values(q.estimate, q.se, q.n, q.weighted_n, float("nan"), q.effective_n)
                self.emit(stat, g, values | {"ci_low": q.ci_low, "ci_high": q.ci_high})
                continue
            if stat.kind == "ratio":
                assert stat.denominator is not None
                den = self.numeric(stat.denominator)
                r = est.ratio(self.design, y, den, domain, stat.variable, label)
            elif stat.kind == "total":
                r = est.total(self.design, y, domain, stat.variable, label)
            else:
                ind = y if indicator is not None else _indicator(stat, y)
                r = est.mean(self.design, ind, domain, stat.variable, label)
            values = self._estimate_values(r)
            if comparisons is not None and g is not None:
                values |= comparisons[g]
            self.emit(stat, g, values)

    def distribution(self, stat: Statistic) -> None:
        """One proportion row per category, groups then categories (cells when the item has them)."""
        cells = self.cells.get(stat.variable)
        if cells is not None:
            seen = cells.sw.sum(axis=(0, 1)) > 0
            per_value = [
                (
                    v,
                    fast.cell_estimates(
                        self.design, cells, (cells.values == v).astype(np.float64), self.n_real
                    ),
                )
                for v in cells.values[seen]
            ]
            for g in self.targets:
                for v, res in per_value:
                    self.emit(stat, g, self._cell_values(stat, res, g), _fmt(float(v)))
            return
        column = column_series(self.data, stat.variable)
        values = column.to_numpy(dtype=object)
        levels = np.array(sorted(pd.unique(column.dropna())), dtype=object)
        if len(levels) == 0:
            raise DesignError(t("stats.empty_variable", variable=stat.variable))
        for g in self.targets:
            _, _, ests = est.proportions(
                self.design, values, levels, self.domain(g), stat.variable, self.label(g)
            )
            for level_value, r in zip(levels, ests, strict=True):
                self.emit(stat, g, self._estimate_values(r), _fmt(level_value))

    def compared(self, stat: Statistic, indicator: np.ndarray | None = None) -> list[dict[str, Any]] | None:
        """Domain-vs-rest columns per group from the general test (the batch has its own)."""
        if not self.compare or stat.kind not in _CELL_KINDS:
            return None
        from observatoire.stats.significance import compare_to_rest as rest_test

        y = indicator if indicator is not None else _indicator(stat, self.numeric(stat.variable))
        in_group = self.groups.codes < self.n_real
        y = np.where(in_group, y, np.nan)  # rows without a domain value are left out, as R's svyttest
        codes = np.minimum(self.groups.codes, max(self.n_real - 1, 0))
        labels = np.asarray(self.groups.labels, dtype=object)[codes]
        result = rest_test(self.design, {stat.variable: y}, labels, level=self.flag_level, fast_path=False)
        by_label = {str(r.group): r for r in result.itertuples()}
        return [
            {
                "diff": by_label[lab].diff,
                "t": by_label[lab].t,
                "p_value": by_label[lab].p_value,
                "flag": by_label[lab].flag,
            }
            for lab in self.groups.labels
        ]
