"""A complex survey design and the Taylor-linearised variance of estimated totals.

Follows R's ``survey`` package (``svydesign`` + ``svyrecvar``/``multistage``/``onestage``/``onestrat``,
survey 4.1) so that every variance equals R's to rounding: strata, first-stage clusters (PSU), an optional
second stage (SSU) used only when a finite population correction is given (as R does), FPC given as
population counts or sampling fractions, and R's ``options(survey.lonely.psu=...)`` policies.

PSUs are nested in strata (as ``svydesign(nest=TRUE)``). Rows are never dropped: a domain or a missing answer
is a row whose score is zero, which is exactly R's domain estimation (``subset`` keeps the design's PSU
counts). The optional ``present`` mask of :meth:`Design.variance` reproduces which strata R still sees after
``subset()`` (it matters for the "fail" and "average" lonely-PSU policies only).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Literal, Protocol, runtime_checkable

import numpy as np
import pandas as pd

from observatoire.errors import DesignError
from observatoire.messages import t
from observatoire.stats._validate import Table, column_series, numeric_column, require_columns, rows_text

LonelyPSU = Literal["fail", "adjust", "average", "certainty", "remove"]
LONELY_PSU_POLICIES: tuple[str, ...] = ("fail", "adjust", "average", "certainty", "remove")

#: R's threshold under which a stratum is taken as self-representing (all PSUs sampled).
_CERTAINTY = 1e-7


@runtime_checkable
class CalibrationStep(Protocol):
    """One calibration (post-stratification, raking, GREG) as it acts on the variance.

    ``residualize`` receives weighted linearised scores (n×k, R's ``x/prob``) and returns the residuals
    whose multistage variance is the variance after calibration (as ``svyrecvar``'s ``postStrata``).
    """

    def residualize(self, scores: np.ndarray) -> np.ndarray: ...


def encode(values: np.ndarray | pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes 0..K-1 (−1 for missing) and the labels: a categorical's own codes and observed
    categories, otherwise sorted labels (as R's ``factor``)."""
    categorical = _categorical(values)
    if categorical is not None:
        codes = categorical.codes.astype(np.int64)
        size = len(categorical.categories)
        # no −1 (missing) in the usual case: counted without a masked copy of the codes
        present = codes if codes.min(initial=0) >= 0 else codes[codes >= 0]
        used = np.bincount(present, minlength=size) > 0
        if used.all():  # the usual case: the categorical's codes as they are
            return codes, np.asarray(categorical.categories, dtype=object)
        remap = np.full(len(used) + 1, -1, dtype=np.int64)  # last slot: code −1 (missing)
        remap[np.flatnonzero(used)] = np.arange(int(used.sum()))
        return remap[codes], np.asarray(categorical.categories[used], dtype=object)
    series = values if isinstance(values, pd.Series) else pd.Series(values, copy=False)
    codes, labels = pd.factorize(series, sort=True)
    return codes.astype(np.int64), np.asarray(labels)


def _categorical(values: np.ndarray | pd.Series) -> pd.Categorical | None:
    """The categorical behind ``values``, if any, not copied (a Series built around a categorical is)."""
    if isinstance(values, pd.Categorical):
        return values
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.CategoricalDtype):
        return values.array  # type: ignore[return-value]
    return None


def _codes(values: np.ndarray | pd.Series) -> tuple[np.ndarray, np.ndarray]:
    codes, labels = encode(values)
    return codes, labels


def _nested_codes(outer: np.ndarray, inner: np.ndarray | pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Codes of ``inner`` nested in ``outer`` (same inner label in two outer units = two units)."""
    inner_codes, inner_labels = encode(inner)
    keys = outer.astype(np.int64) * max(len(inner_labels), 1) + inner_codes
    _, codes = np.unique(keys, return_inverse=True)
    codes = codes.astype(np.int64).reshape(-1)
    first = np.zeros(codes.max() + 1 if len(codes) else 0, dtype=np.int64)
    first[codes] = outer
    return codes, first


def _stage_popsize(
    fpc: np.ndarray | None,
    unit: np.ndarray,
    n_units: np.ndarray,
    sampled: np.ndarray,
    column: str,
    unit_word: str,
    labels: np.ndarray,
) -> np.ndarray | None:
    """Population size per unit (stratum or PSU) from an FPC column, as R's ``as.fpc``.

    Values all <= 1 are sampling fractions (popsize = sampled / fraction), otherwise population counts;
    the value must be constant within the unit.
    """
    if fpc is None:
        return None
    bad = ~np.isfinite(fpc) | (fpc <= 0)
    if bad.any():
        raise DesignError(t("stats.fpc_invalid", column=column, rows=rows_text(np.flatnonzero(bad))))
    lo = np.full(n_units, np.inf)
    hi = np.full(n_units, -np.inf)
    np.minimum.at(lo, unit, fpc)
    np.maximum.at(hi, unit, fpc)
    varying = np.flatnonzero(lo != hi)
    if len(varying):
        label = labels[varying[0]] if labels is not None else varying[0]
        raise DesignError(t("stats.fpc_not_constant", column=column, unit=unit_word, label=label))
    pop = sampled / lo if np.all(fpc <= 1) else lo
    small = np.flatnonzero(pop < sampled - 1e-9)
    if len(small):
        i = small[0]
        label = labels[i] if labels is not None else i
        raise DesignError(
            t(
                "stats.fpc_too_small",
                column=column,
                unit=unit_word,
                label=label,
                pop=pop[i],
                sample=sampled[i],
            )
        )
    return pop


def _scale(n_units: np.ndarray, popsize: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """R's ``onestrat`` scale factor per unit: f·n/(n−1) (f alone when n = 1), and f itself."""
    f = np.ones(len(n_units)) if popsize is None else np.where(np.isinf(popsize), 1.0, 1 - n_units / popsize)
    safe = np.maximum(n_units - 1, 1)
    return np.where(n_units > 1, f * n_units / safe, f), f


@dataclass(frozen=True, eq=False)
class Design:
    """A stratified multistage design (R's ``svydesign``) over ``n`` rows.

    Build it with :meth:`from_frame` or :meth:`from_arrays`. Codes are 0-based integers: ``strata`` in
    ``0..H-1``, ``psu`` in ``0..P-1`` (unique across strata), ``ssu`` in ``0..S-1`` (unique across PSUs)
    or ``None``. ``popsize``/``popsize2`` are population counts of PSUs per stratum and of SSUs per PSU
    (``None``: no finite population correction at that stage).
    """

    weights: np.ndarray
    strata: np.ndarray
    psu_codes: np.ndarray | None = None  # None: each row is its own PSU (see :attr:`psu`)
    ssu: np.ndarray | None = None
    popsize: np.ndarray | None = None
    popsize2: np.ndarray | None = None
    lonely_psu: LonelyPSU = "fail"
    strata_labels: np.ndarray | None = None
    calibrations: tuple[CalibrationStep, ...] = ()
    has_strata: bool = False
    has_clusters: bool = False
    names: dict[str, str | None] = field(default_factory=dict)

    # --- constructors ----------------------------------------------------------------------------------

    @classmethod
    def from_frame(
        cls,
        df: Table,
        weights: str = "w",
        strata: str | None = None,
        psu: str | None = None,
        psu2: str | None = None,
        fpc: str | None = None,
        fpc2: str | None = None,
        lonely_psu: LonelyPSU = "fail",
    ) -> Design:
        """The design of ``df`` from its column names (``svydesign(ids=~psu+psu2, strata=, fpc=~fpc+fpc2,
        weights=, nest=TRUE)``)."""
        columns = [c for c in (weights, strata, psu, psu2, fpc, fpc2) if c is not None]
        require_columns(df, columns)
        return cls.from_arrays(
            numeric_column(df[weights], weights),
            strata=None if strata is None else column_series(df, strata),
            psu=None if psu is None else column_series(df, psu),
            psu2=None if psu2 is None else column_series(df, psu2),
            fpc=None if fpc is None else numeric_column(df[fpc], fpc),
            fpc2=None if fpc2 is None else numeric_column(df[fpc2], fpc2),
            lonely_psu=lonely_psu,
            names={"weights": weights, "strata": strata, "psu": psu, "psu2": psu2, "fpc": fpc, "fpc2": fpc2},
        )

    @classmethod
    def from_arrays(
        cls,
        weights: Sequence[float] | np.ndarray,
        strata: Sequence | np.ndarray | pd.Series | None = None,
        psu: Sequence | np.ndarray | pd.Series | None = None,
        psu2: Sequence | np.ndarray | pd.Series | None = None,
        fpc: Sequence[float] | np.ndarray | None = None,
        fpc2: Sequence[float] | np.ndarray | None = None,
        lonely_psu: LonelyPSU = "fail",
        names: dict[str, str | None] | None = None,
    ) -> Design:
        """The design from arrays (labels of any type for strata and clusters; ``names`` only serve the
        error messages)."""
        names = {
            "weights": "poids",
            "strata": "strates",
            "psu": "psu",
            "psu2": "psu2",
            "fpc": "fpc",
            "fpc2": "fpc2",
            **(names or {}),
        }
        if lonely_psu not in LONELY_PSU_POLICIES:
            raise DesignError(
                t("stats.lonely_policy", policy=lonely_psu, choices=", ".join(LONELY_PSU_POLICIES))
            )
        w = np.asarray(weights, dtype=np.float64)
        n = len(w)
        if n == 0:
            raise DesignError(t("stats.weights_empty"))
        # one comparison in the usual case (NaN is not > 0); the rows are found only to be named
        if not (np.all(w > 0) and np.isfinite(w.max())):
            bad = ~np.isfinite(w) | (w <= 0)
            kinds = sorted({"manquantes" if np.isnan(v) else "nulles ou négatives" for v in w[bad]})
            raise DesignError(
                t(
                    "stats.weights_invalid",
                    column=names["weights"],
                    problem=" et ".join(kinds),
                    rows=rows_text(np.flatnonzero(bad)),
                )
            )
        for role, values in (("strata", strata), ("psu", psu), ("psu2", psu2)):
            if values is not None:
                missing = np.asarray(pd.isna(values))  # pd.isna: no Series (a copy) around an array
                if len(missing) != n:
                    raise DesignError(t("stats.weights_length", n=n, got=len(missing)))
                if missing.any():
                    raise DesignError(
                        t(
                            "stats.design_missing",
                            column=names[role],
                            role=role,
                            rows=rows_text(np.flatnonzero(missing)),
                        )
                    )
        if strata is None:
            strata_codes, strata_labels = np.zeros(n, dtype=np.int64), np.array([1])
        else:
            strata_codes, strata_labels = _codes(strata)
        if psu is None:
            psu_codes, psu_stratum = None, strata_codes
        else:
            psu_codes, psu_stratum = _nested_codes(strata_codes, psu)
        n_strata = len(strata_labels)
        n_psu = np.bincount(psu_stratum, minlength=n_strata).astype(np.float64)
        f1 = None if fpc is None else np.asarray(fpc, dtype=np.float64)
        popsize = _stage_popsize(f1, strata_codes, n_strata, n_psu, names["fpc"], "strate", strata_labels)
        ssu_codes = popsize2 = None
        if psu2 is not None:
            if fpc is not None and fpc2 is None:  # R's svydesign refuses it too (as.fpc)
                raise DesignError(t("stats.fpc2_missing", fpc=names["fpc"], psu2=names["psu2"]))
            units = np.arange(n, dtype=np.int64) if psu_codes is None else psu_codes
            ssu_codes, ssu_psu = _nested_codes(units, psu2)
            n_ssu = np.bincount(ssu_psu, minlength=len(psu_stratum)).astype(np.float64)
            f2 = None if fpc2 is None else np.asarray(fpc2, dtype=np.float64)
            popsize2 = _stage_popsize(
                f2, units, len(psu_stratum), n_ssu, names["fpc2"], "unité primaire", None
            )
        return cls(
            weights=w,
            strata=strata_codes,
            psu_codes=psu_codes,
            ssu=ssu_codes,
            popsize=popsize,
            popsize2=popsize2,
            lonely_psu=lonely_psu,
            strata_labels=strata_labels,
            has_strata=strata is not None,
            has_clusters=psu is not None,
            names=names,
        )

    # --- derived structure (computed once) -----------------------------------------------------------

    @property
    def n(self) -> int:
        return len(self.weights)

    @cached_property
    def psu(self) -> np.ndarray:
        """The PSU code of each row, ``0..P-1``. Rows are their own PSUs in a design without clusters,
        whose codes are made on first use only: the cell path never reads them, and they are eight bytes
        a row."""
        return np.arange(self.n, dtype=np.int64) if self.psu_codes is None else self.psu_codes

    @cached_property
    def psu_stratum(self) -> np.ndarray:
        """The stratum code of each PSU."""
        if not self.has_clusters:  # each row is its own PSU, numbered in row order
            return self.strata
        out = np.zeros(self.n_psu_total, dtype=np.int64)
        out[self.psu] = self.strata
        return out

    @cached_property
    def n_psu_total(self) -> int:
        return int(self.psu.max()) + 1

    @cached_property
    def n_strata(self) -> int:
        return len(self.strata_labels) if self.strata_labels is not None else int(self.strata.max()) + 1

    @cached_property
    def n_psu(self) -> np.ndarray:
        """Sampled PSUs per stratum (of the whole design, as R's ``fpc$sampsize``)."""
        return np.bincount(self.psu_stratum, minlength=self.n_strata).astype(np.float64)

    @cached_property
    def stratum_scale(self) -> tuple[np.ndarray, np.ndarray]:
        """(scale, f) per stratum, R's ``onestrat`` factors."""
        return _scale(self.n_psu, self.popsize)

    @cached_property
    def ssu_psu(self) -> np.ndarray | None:
        if self.ssu is None:
            return None
        out = np.zeros(int(self.ssu.max()) + 1, dtype=np.int64)
        out[self.ssu] = self.psu
        return out

    @cached_property
    def n_ssu(self) -> np.ndarray | None:
        if self.ssu_psu is None:
            return None
        return np.bincount(self.ssu_psu, minlength=self.n_psu_total).astype(np.float64)

    @property
    def uses_second_stage(self) -> bool:
        """R computes a second-stage term only with an FPC and a second cluster level."""
        return self.ssu is not None and self.popsize is not None

    @cached_property
    def is_one_stage_srs_rows(self) -> bool:
        """Each row is its own PSU (no clusters): the fast cell-moment path applies."""
        return not self.has_clusters

    # --- derived designs -----------------------------------------------------------------------------

    def with_weights(self, new_weights: np.ndarray, step: CalibrationStep) -> Design:
        """A copy with calibrated weights and ``step`` appended to the calibrations (variance residualizes
        through every step, in order)."""
        w = np.asarray(new_weights, dtype=np.float64)
        if w.shape != self.weights.shape:
            raise DesignError(t("stats.weights_length", n=self.n, got=len(w)))
        return replace(self, weights=w, calibrations=(*self.calibrations, step))

    def with_lonely_psu(self, policy: LonelyPSU) -> Design:
        """A copy with another lonely-PSU policy."""
        if policy not in LONELY_PSU_POLICIES:
            raise DesignError(t("stats.lonely_policy", policy=policy, choices=", ".join(LONELY_PSU_POLICIES)))
        return replace(self, lonely_psu=policy)

    # --- degrees of freedom --------------------------------------------------------------------------

    def degf(self, present: np.ndarray | None = None) -> int:
        """Design degrees of freedom, R's ``degf``: PSUs minus strata among rows with a non-zero weight
        (``present`` restricts to a subset, as ``degf(subset(design, ...))``)."""
        if present is None:
            return self.n_psu_total - self.n_strata
        # counting (bincount) rather than sorting (np.unique): linear in the rows
        psus = np.bincount(self.psu[present], minlength=self.n_psu_total) > 0
        strata = np.bincount(self.psu_stratum[psus], minlength=self.n_strata) > 0
        return int(np.count_nonzero(psus) - np.count_nonzero(strata))

    # --- variance ------------------------------------------------------------------------------------

    def variance(self, scores: np.ndarray, present: np.ndarray | None = None) -> np.ndarray:
        """k×k covariance of the estimated totals of the columns of ``scores`` (R's ``svyrecvar``).

        ``scores`` are weighted linearised values (n×k or n), R's ``x/prob``. Each calibration step
        residualizes them in order, then the stratified multistage variance applies. ``present`` (boolean
        n) marks the rows of R's subset: strata with no such row are ignored, as after R's ``subset()``.
        """
        x = np.asarray(scores, dtype=np.float64)
        if x.ndim == 1:
            x = x[:, None]
        if x.shape[0] != self.n:
            raise DesignError(t("stats.scores_shape", n=self.n, got=x.shape[0]))
        for step in self.calibrations:
            x = np.asarray(step.residualize(x), dtype=np.float64)
            if x.ndim == 1:
                x = x[:, None]
        # R keeps every row of a calibrated design in a subset (zero weight), so every stratum stays.
        if present is not None and self.calibrations:
            present = None
        totals = _group_sums(self.psu, x, self.n_psu_total)
        strata_present = self._present(self.strata, self.n_strata, present)
        scale, f = self.stratum_scale
        v = _stage_variance(
            totals,
            self.psu_stratum,
            self.n_psu,
            scale,
            f,
            strata_present,
            self.lonely_psu,
            labels=self.strata_labels,
            stage=1,
        )
        if self.uses_second_stage:
            v = v + self._second_stage(x, present)
        return v

    def _present(self, codes: np.ndarray, size: int, present: np.ndarray | None) -> np.ndarray:
        if present is None:
            return np.ones(size, dtype=bool)
        return np.bincount(codes[np.asarray(present, dtype=bool)], minlength=size) > 0

    def _second_stage(self, x: np.ndarray, present: np.ndarray | None) -> np.ndarray:
        """Σ over PSUs of (n_h/N_h) × the within-PSU variance of SSU totals (R's ``multistage`` recursion)."""
        assert self.ssu is not None
        assert self.ssu_psu is not None
        assert self.n_ssu is not None
        totals = _group_sums(self.ssu, x, len(self.ssu_psu))
        psu_present = self._present(self.psu, self.n_psu_total, present)
        n_ssu = self.n_ssu
        scale2, f2 = _scale(n_ssu, self.popsize2)
        assert self.popsize is not None
        frac1 = np.where(np.isinf(self.popsize), 0.0, self.n_psu / self.popsize)[self.psu_stratum]
        # each PSU is a one-stratum design at stage 2; its variance is weighted by the stage-1 fraction
        return _stage_variance(
            totals,
            self.ssu_psu,
            n_ssu,
            scale2 * frac1,
            f2,
            psu_present,
            self.lonely_psu,
            labels=None,
            stage=2,
            per_unit_average=True,
        )


def _group_sums(codes: np.ndarray, x: np.ndarray, size: int) -> np.ndarray:
    """Column sums of ``x`` by integer ``codes`` (R's ``rowsum``)."""
    out = np.empty((size, x.shape[1]))
    for j in range(x.shape[1]):
        out[:, j] = np.bincount(codes, weights=x[:, j], minlength=size)
    return out


def _stage_variance(
    totals: np.ndarray,
    unit_group: np.ndarray,
    n_units: np.ndarray,
    scale: np.ndarray,
    f: np.ndarray,
    present: np.ndarray,
    policy: str,
    labels: np.ndarray | None,
    stage: int,
    per_unit_average: bool = False,
) -> np.ndarray:
    """Σ over groups (strata) of scale × crossprod(unit totals centred on the group mean), R's ``onestage``.

    ``totals`` are unit (PSU or SSU) totals, ``unit_group`` the group of each unit, ``n_units`` the
    number of units per group in the whole design (absent units count as zero totals, as R pads them).
    """
    k = totals.shape[1]
    groups = len(n_units)
    sums = _group_sums(unit_group, totals, groups)
    means = sums / np.maximum(n_units, 1)[:, None]
    certain = f < _CERTAINTY
    lonely = (n_units == 1) & ~certain & present
    if lonely.any() and policy == "fail":
        g = int(np.flatnonzero(lonely)[0])
        label = labels[g] if labels is not None else g + 1
        raise DesignError(t("stats.lonely_psu", stratum=label, stage=stage))
    centre = means.copy()
    if policy == "adjust":
        centre[lonely] = 0.0  # R 4.1: a lonely PSU deviates from zero (scores are already centred)
    weight = np.where(certain | ~present, 0.0, scale)
    if policy == "average":
        weight = np.where(lonely, 0.0, weight)
    dev = totals - centre[unit_group]
    wdev = dev * weight[unit_group][:, None]
    v = wdev.T @ dev
    if policy == "average" and lonely.any():
        if per_unit_average:
            raise DesignError(t("stats.lonely_all_average"))
        n_present = int(present.sum())
        n_ok = n_present - int(lonely.sum())
        if n_ok == 0:
            raise DesignError(t("stats.lonely_all_average"))
        v = v * n_present / n_ok
    return v.reshape(k, k)
