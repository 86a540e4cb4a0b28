"""Population margins for calibration: matching the sample's categories to a population table.

A margin is one column (or several, for a joint table such as région × sexe) of the data and the population
count of each of its categories. Labels are matched on their text so that a margin read from a CSV file
("1", "2") fits a numeric column (1, 2). Every mismatch is a French error naming the margin and the
categories: a category of the sample absent from the margin, a category of the margin without respondents,
a count that is not a positive number. Margins whose population totals differ (relative gap above
:data:`TOTALS_TOLERANCE`) fail rather than warn: see :func:`check_totals`.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from observatoire.errors import InputError
from observatoire.messages import t
from observatoire.numbers import number
from observatoire.stats._validate import require_columns, rows_text

#: One population table: a Series (index = categories, a MultiIndex for a joint margin), a mapping
#: category → count, or a DataFrame with the margin's columns and one count column.
Population = pd.Series | pd.DataFrame | Mapping[Hashable, float]

#: Relative gap tolerated between the population totals of two margins (they describe one population).
TOTALS_TOLERANCE = 1e-6

_SHOWN = 8


@dataclass(frozen=True, eq=False)
class Margin:
    """A margin matched to the sample: row codes into ``labels`` and the population count of each label."""

    name: str
    columns: tuple[str, ...]
    codes: np.ndarray
    labels: tuple[Hashable, ...]
    population: np.ndarray

    @property
    def size(self) -> int:
        return len(self.labels)

    def totals(self, weights: np.ndarray) -> np.ndarray:
        """Weighted count of each category (R's ``svytable`` on this margin)."""
        return np.bincount(self.codes, weights=weights, minlength=self.size)


def _key(value: object) -> str:
    """The text a label is matched on: 1, 1.0 and "1" are the same category."""
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    if isinstance(value, np.integer | np.bool_):
        return str(value.item())
    return str(value).strip()


def _label_key(label: object) -> str:
    """The key of a category label (a tuple for a joint margin)."""
    return "\x1f".join(_key(v) for v in label) if isinstance(label, tuple) else _key(label)


def _listing(values: Sequence[object]) -> str:
    shown = ", ".join(f"« {v} »" for v in values[:_SHOWN])
    return shown + (f" et {len(values) - _SHOWN} autres" if len(values) > _SHOWN else "")


def _columns_of(key: str | Sequence[str]) -> tuple[str, ...]:
    return (key,) if isinstance(key, str) else tuple(key)


def _population_series(name: str, columns: tuple[str, ...], population: Population) -> pd.Series:
    """The population as a Series indexed by category (tuples for a joint margin)."""
    if isinstance(population, pd.DataFrame):
        missing = [c for c in columns if c not in population.columns]
        counts = [c for c in population.columns if c not in columns]
        if missing or len(counts) != 1:
            raise InputError(
                t(
                    "stats.calib.margin_table",
                    margin=name,
                    columns=", ".join(columns),
                    found=", ".join(map(str, population.columns)),
                )
            )
        index = (
            pd.Index(population[columns[0]])
            if len(columns) == 1
            else pd.MultiIndex.from_frame(population[list(columns)])
        )
        return pd.Series(population[counts[0]].to_numpy(), index=index)
    if isinstance(population, pd.Series):
        return population
    return pd.Series(dict(population))


def _population_counts(name: str, series: pd.Series) -> tuple[list[str], np.ndarray, list[Hashable]]:
    """Matching keys, counts and display labels; non-positive, missing or duplicated entries are errors."""
    labels = list(series.index)
    keys = [_label_key(label) for label in labels]
    counts = pd.to_numeric(pd.Series(series.to_numpy()), errors="coerce").to_numpy(dtype=np.float64)
    bad = [labels[i] for i in np.flatnonzero(~np.isfinite(counts) | (counts <= 0))]
    if bad:
        raise InputError(t("stats.calib.bad_count", margin=name, categories=_listing(bad)))
    duplicated = [labels[i] for i in np.flatnonzero(pd.Series(keys).duplicated().to_numpy())]
    if duplicated:
        raise InputError(t("stats.calib.duplicate_category", margin=name, categories=_listing(duplicated)))
    return keys, counts, labels


def _sample_codes(
    data: pd.DataFrame, name: str, columns: tuple[str, ...]
) -> tuple[np.ndarray, list[str], list]:
    """Codes of each row into the sample's categories, the categories' keys and display labels."""
    require_columns(data, columns)
    frame = data[list(columns)]
    missing = frame.isna().any(axis=1).to_numpy()
    if missing.any():
        raise InputError(
            t("stats.calib.missing_values", margin=name, rows=rows_text(np.flatnonzero(missing)))
        )
    parts = [pd.factorize(frame[c], sort=False) for c in columns]
    combined = np.zeros(len(frame), dtype=np.int64)
    for part_codes, part_uniques in parts:
        combined = combined * len(part_uniques) + part_codes
    codes, combos = pd.factorize(combined, sort=False)
    shown: list = []
    for combo in combos:
        label = []
        for _, part_uniques in reversed(parts):
            combo, position = divmod(int(combo), len(part_uniques))
            label.append(part_uniques[position])
        shown.append(label[0] if len(columns) == 1 else tuple(reversed(label)))
    # several raw values may share one key (1 and 1.0): merge them, shown as the first one met
    key_codes, key_index = pd.factorize(pd.Series([_label_key(label) for label in shown]), sort=False)
    first = np.unique(key_codes, return_index=True)[1]
    merged_labels = [shown[int(i)] for i in first]
    return key_codes[np.asarray(codes, dtype=np.int64)], list(key_index), merged_labels


def make_margin(data: pd.DataFrame, key: str | Sequence[str], population: Population) -> Margin:
    """Match the column(s) ``key`` of ``data`` to ``population``; French errors on any mismatch.

    R: the ``merge`` of sample and population tables in ``postStratify`` (which stops on the same cases).
    """
    columns = _columns_of(key)
    require_columns(data, columns)
    name = " × ".join(columns)
    pop_keys, pop_counts, pop_labels = _population_counts(name, _population_series(name, columns, population))
    codes, sample_keys, sample_labels = _sample_codes(data, name, columns)
    position = {k: i for i, k in enumerate(pop_keys)}
    unmatched = [j for j, k in enumerate(sample_keys) if k not in position]
    if unmatched:
        counts = np.bincount(codes, minlength=len(sample_keys))
        raise InputError(
            t(
                "stats.calib.absent_from_margin",
                margin=name,
                categories=_listing([sample_labels[j] for j in unmatched]),
                count=int(counts[unmatched].sum()),
            )
        )
    present = set(sample_keys)
    empty = [pop_labels[i] for i, k in enumerate(pop_keys) if k not in present]
    if empty:
        raise InputError(t("stats.calib.absent_from_sample", margin=name, categories=_listing(empty)))
    to_pop = np.array([position[k] for k in sample_keys], dtype=np.int64)
    return Margin(
        name=name,
        columns=columns,
        codes=to_pop[codes],
        labels=tuple(pop_labels),
        population=pop_counts,
    )


def make_margins(data: pd.DataFrame, margins: Mapping[str | tuple[str, ...], Population]) -> list[Margin]:
    """Every margin matched to ``data``; their population totals must agree (one population).

    R: ``rake(design, list(~a, ~b), list(pop.a, pop.b))`` takes the same list of margins (unchecked).
    """
    if not margins:
        raise InputError(t("stats.calib.no_margin"))
    out = [make_margin(data, key, population) for key, population in margins.items()]
    check_totals(out)
    return out


def check_totals(margins: Sequence[Margin]) -> None:
    """Fail when two margins describe populations of different sizes.

    Raking to such margins cannot converge (each pass undoes the previous one) and a linear calibration
    would silently hit one total and miss the other, so the choice here is to fail, naming the totals.
    """
    totals = [float(m.population.sum()) for m in margins]
    if len(totals) > 1 and (max(totals) - min(totals)) > TOTALS_TOLERANCE * max(totals):
        listing = ", ".join(
            f"« {m.name} » : {number(tot, 0)}" for m, tot in zip(margins, totals, strict=True)
        )
        raise InputError(t("stats.calib.totals_disagree", totals=listing))
