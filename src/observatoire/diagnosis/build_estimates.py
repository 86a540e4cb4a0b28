"""Survey figures of one wave as results-store rows, and the changes between consecutive waves.

Every number comes from :mod:`observatoire.stats`: :func:`~observatoire.stats.table.estimate` (its cell
fast path handles many items × domains in one pass per item) with ``compare_to_rest`` for the flags of a
territory or a group against the rest of the population, and
:func:`~observatoire.stats.tests.compare_waves` for wave-to-wave changes. This module only says what to
estimate (:mod:`.build_plan`) and names the rows.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import norm

from observatoire.diagnosis import build_plan as bp
from observatoire.diagnosis.codes import NATION_CODE, OVERALL
from observatoire.stats.design import Design
from observatoire.stats.table import Statistic, estimate
from observatoire.stats.tests import compare_waves
from observatoire.surveys import Codebook, ImportedWave, Kind

#: The design's lonely-PSU policy in a build: a stratum with one respondent must not stop the build.
LONELY_PSU = "adjust"
FLAG_LEVEL = 0.05
_ONE = "__un__"
_WEIGHT = "__poids__"


@dataclass(frozen=True)
class _Slot:
    """Where a tidy estimate row goes: question, item, statistic, scale and answer label."""

    question: str
    item: str | None
    statistic: str
    scale: float
    label: str | None = None


def _statistics(data: pd.DataFrame, measure: bp.Measure) -> list[tuple[Statistic, _Slot]]:
    """The statistics of one measure, each with its slot (a rating's distribution: one per answer)."""
    out: list[tuple[Statistic, _Slot]] = []
    column = data[measure.variable]
    if not column.notna().any():  # nobody answered (e.g. a column of missing codes): no figure
        return out
    numeric = pd.api.types.is_numeric_dtype(column.dtype)
    if measure.kind in (Kind.RATING, Kind.NUMERIC):
        out.append((Statistic.mean(measure.variable), _Slot(measure.question, measure.item, "mean", 1.0)))
    if measure.top_box is not None and numeric:
        low, high = measure.top_box
        label = f"{bp.code_text(low)}-{bp.code_text(high)}"
        slot = _Slot(measure.question, measure.item, "top_box", 100.0, label)
        out.append((Statistic.top_box(measure.variable, low, high), slot))
    labels = dict(measure.labels)
    if measure.kind == Kind.RATING:
        distribution = Statistic.distribution(measure.variable)
        for code in measure.codes:
            label = labels.get(code)
            out.append(
                (distribution, _Slot(measure.question, measure.share_item(code), "share", 100.0, label))
            )
    elif measure.kind == Kind.CATEGORICAL:
        codes = bp.present_codes(column, measure.codes)
        if not numeric:  # text answers: only those given (a share of an absent text code is refused)
            given = {bp.code_text(v) for v in pd.unique(column.dropna())}
            codes = tuple(code for code in codes if bp.code_text(code) in given)
        for code in codes:
            slot = _Slot(measure.question, measure.share_item(code), "share", 100.0, labels.get(code))
            out.append((Statistic.proportion(measure.variable, code), slot))
    return out


def _slot_key(statistic: Statistic, slot: _Slot) -> tuple[str, str, str]:
    """The tidy table's (variable, statistic, category) of a slot (a distribution row's category is the
    answer, the part of the slot's item after ``=``)."""
    if statistic.kind == "distribution":
        return statistic.variable, "proportion", str(slot.item).rsplit("=", 1)[-1]
    return statistic.variable, statistic.kind, statistic.category


def _design(data: pd.DataFrame, plan: bp.WavePlan) -> Design:
    return Design.from_frame(
        data,
        weights=plan.weight or _WEIGHT,
        strata=plan.strata,
        psu=plan.psu,
        fpc=plan.fpc,
        lonely_psu=LONELY_PSU,
    )


@dataclass(frozen=True)
class _Cut:
    """One way of splitting the sample: the nation, a territory column, a group column (national figures
    by subgroup), or a territory column crossed with a segment column (``group`` set, no flag)."""

    level: str
    column: str | None
    group: str | None = None

    @property
    def by(self) -> list[str]:
        return [c for c in dict.fromkeys((self.column, self.group)) if c is not None]

    @property
    def compares(self) -> bool:
        """Flags vs the rest are for one territory or one subgroup, not for the cells of a cross."""
        return len(self.by) == 1


def _cuts(plan: bp.WavePlan) -> list[_Cut]:
    cuts = [_Cut(bp.NATION_LEVEL, None)]
    cuts += [_Cut(column.level, column.column) for column in plan.territories]
    cuts += [_Cut(bp.NATION_LEVEL, name, name) for name in plan.groups]
    declared = {
        c.level: c for c in plan.territories if c.source is None and c.level in bp.DERIVED_FROM_REGION
    }
    coarsest = next((declared[level] for level in bp.COARSEST_FIRST if level in declared), None)
    if coarsest is not None:
        cuts += [_Cut(coarsest.level, coarsest.column, name) for name in plan.segments]
    return cuts


def _domain_codes(data: pd.DataFrame, by: list[str]) -> np.ndarray:
    """0..D-1 per row for its domain of ``by``, -1 when a ``by`` value is missing."""
    codes = data.groupby(by, sort=False, dropna=True, observed=True).ngroup()
    return codes.fillna(-1).to_numpy(dtype=np.int64)


def _empty_domains(data: pd.DataFrame, by: list[str], variables: Sequence[str]) -> list[str]:
    """Variables that some domain of ``by`` never answers (the estimator refuses an empty domain)."""
    codes = _domain_codes(data, by)
    inside = codes >= 0
    size = int(codes.max()) + 1 if inside.any() else 0
    found = []
    for variable in variables:
        counts = np.bincount(codes[inside & data[variable].notna().to_numpy()], minlength=size)
        if (counts == 0).any():
            found.append(variable)
    return found


def _run(data: pd.DataFrame, design: Design, statistics: list[Statistic], cut: _Cut) -> pd.DataFrame:
    if cut.column is None:
        return estimate(data, design, statistics)
    domains = int(_domain_codes(data, cut.by).max(initial=-1)) + 1
    if domains == 0:
        return pd.DataFrame()
    return estimate(
        data,
        design,
        statistics,
        by=cut.by,
        overall=False,
        compare_to_rest=cut.compares and domains > 1,
        flag_level=FLAG_LEVEL,
    )


def _estimate_cut(
    data: pd.DataFrame, design: Design, planned: list[tuple[Statistic, _Slot]], cut: _Cut
) -> pd.DataFrame:
    """Tidy estimates of every planned statistic for one cut; an item no one in some domain answers
    is estimated with that domain left out (those rows would only give empty figures)."""
    statistics = list(dict.fromkeys(statistic for statistic, _ in planned))
    if cut.column is None:
        return _run(data, design, statistics, cut)
    variables = list(dict.fromkeys(s.variable for s in statistics))
    sparse = set(_empty_domains(data, cut.by, variables))
    frames = [_run(data, design, [s for s in statistics if s.variable not in sparse], cut)]
    for variable in sorted(sparse):
        masked = data.assign(**{cut.column: data[cut.column].where(data[variable].notna())})
        frames.append(_run(masked, design, [s for s in statistics if s.variable == variable], cut))
    return pd.concat([f for f in frames if not f.empty], ignore_index=True)


def _finite(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _to_rows(tidy: pd.DataFrame, slots: dict[tuple[str, str, str], _Slot], cut: _Cut) -> pd.DataFrame:
    """Store rows (without study/wave/population/source) from one cut's tidy estimates."""
    if tidy.empty:
        return pd.DataFrame()
    keys = zip(tidy["variable"], tidy["statistic"], tidy["category"].astype(str), strict=True)
    found = [slots[key] for key in keys]
    scale = np.array([slot.scale for slot in found])
    national = cut.column is None or cut.level == bp.NATION_LEVEL
    territory = pd.Series(NATION_CODE, index=tidy.index) if national else tidy[cut.column].map(bp.code_text)
    if cut.group is None:
        group = pd.Series(OVERALL, index=tidy.index)
    else:
        group = cut.group + "=" + tidy[cut.group].map(bp.code_text)
    flags = tidy["flag"] if "flag" in tidy else pd.Series("", index=tidy.index)
    p_values = tidy["p_value"] if "p_value" in tidy else pd.Series(np.nan, index=tidy.index)
    extras = []
    for slot, deff, p_value in zip(found, tidy["deff"], p_values, strict=True):
        extra: dict[str, Any] = {}
        if slot.label is not None:
            extra["label"] = slot.label
        if _finite(deff) is not None:
            extra["deff"] = _finite(deff)
        if _finite(p_value) is not None:
            extra["p_value"] = _finite(p_value)
        extras.append(extra or None)
    return pd.DataFrame(
        {
            "question": [slot.question for slot in found],
            "item": [slot.item for slot in found],
            "territory_level": cut.level,
            "territory": territory.to_numpy(),
            "group": group.to_numpy(),
            "statistic": [slot.statistic for slot in found],
            "estimate": tidy["estimate"].to_numpy() * scale,
            "se": tidy["se"].to_numpy() * scale,
            "ci_low": tidy["ci_low"].to_numpy() * scale,
            "ci_high": tidy["ci_high"].to_numpy() * scale,
            "n": tidy["n"].to_numpy(),
            "weighted_n": tidy["weighted_n"].to_numpy(),
            "flag": [flag if flag in ("+", "-") else None for flag in flags.fillna("")],
            "extra": extras,
        }
    )


def _base_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """``weighted_base`` figures: the base of the constant column gives respondents and weighted total."""
    base = rows[rows["question"] == bp.BASE_QUESTION].copy()
    base["item"] = None
    base["statistic"] = "weighted_base"
    base["estimate"] = base["weighted_n"]
    base[["se", "ci_low", "ci_high"]] = np.nan
    base["flag"] = None
    base["extra"] = None
    return base


def estimate_wave(
    data: pd.DataFrame,
    codebook: Codebook,
    wave: ImportedWave,
    source: str,
    progress: Callable[[int, int], None] | None = None,
) -> pd.DataFrame:
    """Every figure of one wave (see :mod:`.build_plan`) as rows of the results store."""
    plan = bp.plan_wave(codebook, wave.population)
    data = bp.with_derived_territories(data.reset_index(drop=True), plan)
    data = data.assign(**{_ONE: 1.0}, **({} if plan.weight else {_WEIGHT: 1.0}))
    design = _design(data, plan)
    planned = [(Statistic.mean(_ONE), _Slot(bp.BASE_QUESTION, None, "mean", 1.0))]
    for measure in plan.measures:
        planned += _statistics(data, measure)
    slots = {_slot_key(statistic, slot): slot for statistic, slot in planned}
    cuts = _cuts(plan)
    frames = []
    for done, cut in enumerate(cuts, start=1):
        tidy = _estimate_cut(data, design, planned, cut)
        rows = _to_rows(tidy, slots, cut)
        if not rows.empty:
            frames.append(pd.concat([rows[rows["question"] != bp.BASE_QUESTION], _base_rows(rows)]))
        if progress is not None:
            progress(done, len(cuts))
    out = pd.concat(frames, ignore_index=True)
    return out.assign(study=wave.study, wave=wave.wave, population=wave.population, source=source)


def _changing(rows: pd.DataFrame) -> pd.Series:
    """Rows that get a change: comparable statistics, except the shares of a rated item's answers."""
    means = rows[rows["statistic"] == "mean"]
    rated = set(zip(means["question"], means["item"], strict=True))
    shares = rows["statistic"] == "share"
    parent = rows["item"].where(shares, None).map(lambda item: str(item).rsplit("=", 1)[0] if item else None)
    pairs = zip(rows["question"], parent, strict=True)
    answer_of_rated = shares & np.fromiter(((q, p) in rated for q, p in pairs), bool, len(rows))
    return rows["statistic"].isin(bp.COMPARABLE) & ~answer_of_rated


_MATCH = ["population", "question", "item", "territory_level", "territory", "group", "statistic"]


def wave_changes(previous: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """``<statistic>_change`` rows of ``current``'s wave: the change since ``previous`` (same population,
    question, item, territory, group), tested as independent samples; ``n`` is the smaller base, so a
    change is suppressed when either figure is."""
    keep = _changing(current)
    before = previous[_changing(previous)]
    merged = current[keep].merge(before, on=_MATCH, suffixes=("", "_before"))
    merged = merged[merged["estimate"].notna() & merged["estimate_before"].notna()]
    merged = merged[merged["se"].notna() & merged["se_before"].notna()]
    if merged.empty:
        return pd.DataFrame()
    test = compare_waves(
        merged["estimate_before"].to_numpy(),
        merged["se_before"].to_numpy(),
        merged["estimate"].to_numpy(),
        merged["se"].to_numpy(),
        level=FLAG_LEVEL,
    )
    critical = float(norm.ppf(1 - FLAG_LEVEL / 2))  # the interval matches the test
    extras = [
        {
            "from_study": study,
            "from_wave": int(wave),
            "from_estimate": float(before),
            **({"p_value": float(p)} if math.isfinite(p) else {}),
        }
        for study, wave, before, p in zip(
            merged["study_before"],
            merged["wave_before"],
            merged["estimate_before"],
            test["p_value"],
            strict=True,
        )
    ]
    return pd.DataFrame(
        {
            "study": merged["study"].to_numpy(),
            "wave": merged["wave"].to_numpy(),
            **{column: merged[column].to_numpy() for column in _MATCH},
            "estimate": test["diff"].to_numpy(),
            "se": test["se"].to_numpy(),
            "ci_low": (test["diff"] - critical * test["se"]).to_numpy(),
            "ci_high": (test["diff"] + critical * test["se"]).to_numpy(),
            "n": np.minimum(merged["n"].to_numpy(), merged["n_before"].to_numpy()),
            "weighted_n": np.nan,
            "flag": [flag if flag in ("+", "-") else None for flag in test["flag"]],
            "source": merged["source"].to_numpy(),
            "extra": extras,
        }
    ).assign(statistic=lambda frame: frame["statistic"] + "_change")
