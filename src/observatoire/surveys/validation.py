"""Checking a survey table against its codebook, and giving back clean, typed microdata.

Every problem is collected (up to :data:`MAX_PROBLEMS`), not just the first, so that an analyst fixes a
file in one pass; one :class:`ValidationError` is raised whose message is the first problem and the count
of the others, and whose ``problems`` list has them all. Checks work on whole columns (or on a column's
distinct values), so that validating millions of rows stays quick.

Missing-answer codes (e.g. 99 "ne sait pas") become NaN: the respondent keeps their row, the answer is
missing, as design-based estimation wants it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

import numpy as np
import pandas as pd

from observatoire.errors import InputError, Location
from observatoire.messages import t
from observatoire.numbers import significant
from observatoire.reference.text import closest
from observatoire.surveys import references
from observatoire.surveys.codebook import (
    Codebook,
    Kind,
    Variable,
    normalize_code,
    normalize_territory_code,
)

MAX_PROBLEMS = 1000

#: A weight more than this many times the median weight is refused, unless the import is told to accept it
#: (``--accept-extreme-weights``, recorded in the wave's metadata and the build's parameters): one such
#: respondent outweighs fifty typical ones, which trimmed calibrations never produce; a typing or unit
#: mistake (1e300, a population total instead of a weight) does, and it would turn the national figures
#: into one respondent's answers.
MAX_WEIGHT_RATIO = 50.0

TerritoryLookup = Callable[[str], Collection[str] | None]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the file: where (file, row as the user sees it, column) and what, in French."""

    location: Location
    message: str

    def __str__(self) -> str:
        where = self.location.describe()
        return f"{where} : {self.message}" if where else self.message


class ValidationError(InputError):
    """A survey file does not match its codebook; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem], total: int) -> None:
        first = problems[0]
        message = first.message
        if total > 1:
            message += " " + t("surveys.validation.more_problems", count=total - 1)
        super().__init__(message, first.location)
        self.problems = problems
        self.total = total


class _Collector:
    def __init__(self, file: str | None, first_row: int, index: pd.Index) -> None:
        self.file = file
        self.first_row = first_row
        self.index = index
        self.problems: list[Problem] = []
        self.total = 0

    def add(self, column: str | None, message: str, row: int | None = None) -> None:
        self.total += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(Location(self.file, row, column), message))

    def add_rows(self, column: str, mask: np.ndarray, message: Callable[[int], str]) -> None:
        """One problem per flagged row; ``message(position)`` words it (only for the rows kept)."""
        positions = np.flatnonzero(mask)
        room = max(0, MAX_PROBLEMS - len(self.problems))
        for position in positions[:room]:
            location = Location(self.file, self.row(int(position)), column)
            self.problems.append(Problem(location, message(int(position))))
        self.total += len(positions)

    def row(self, position: int) -> int:
        return self.first_row + int(self.index[position])


def validate_table(
    table: pd.DataFrame,
    codebook: Codebook,
    *,
    file: str | None = None,
    territories: TerritoryLookup | None = None,
    max_weight_ratio: float | None = MAX_WEIGHT_RATIO,
) -> pd.DataFrame:
    """Check ``table`` against ``codebook`` and return its declared columns, cleaned and typed.

    Numeric kinds come back as float64 with missing codes as NaN; territory codes as text; other codes
    normalised (whole numbers as numbers). Columns the codebook does not declare are left out. ``file``
    names the file in messages (``table.attrs["source"]`` by default); rows are numbered as the user sees
    them (``attrs["first_row"]`` + index label). ``territories(level)`` gives the valid codes of a level
    (the reference territories by default); when it returns ``None``, the codes are not checked.
    A weight over ``max_weight_ratio`` times the median weight is a problem (``None``: accepted).
    """
    file = file or table.attrs.get("source")
    index = table.index if pd.api.types.is_integer_dtype(table.index) else pd.RangeIndex(len(table))
    problems = _Collector(file, int(table.attrs.get("first_row", 1)), index)
    lookup = territories or references.territory_codes
    if len(table) == 0:
        problems.add(None, t("surveys.validation.no_rows"))
    cleaned: dict[str, pd.Series] = {}
    for variable in codebook:
        if variable.name not in table.columns:
            hint = closest(variable.name, [str(c) for c in table.columns])
            suffix = " " + t("error.did_you_mean", candidates=", ".join(hint)) if hint else ""
            problems.add(variable.name, t("surveys.validation.missing_column") + suffix)
            continue
        cleaned[variable.name] = _clean(table[variable.name], variable, problems, lookup, max_weight_ratio)
    if problems.total:
        order = {name: position for position, name in enumerate(codebook.names)}
        found = sorted(
            problems.problems, key=lambda p: (p.location.row or 0, order.get(p.location.column, -1))
        )
        raise ValidationError(found, problems.total)
    return pd.DataFrame(cleaned, index=pd.RangeIndex(len(table)))


def _display(value: object) -> str:
    """A value as the user wrote it (text) or as a French number (``2,5``)."""
    if isinstance(value, str):
        return value.strip()
    code = normalize_code(value)
    if isinstance(code, float):
        return significant(code)
    return str(value).strip() if code is None else str(code)


def _to_numbers(series: pd.Series, variable: Variable, problems: _Collector) -> tuple[np.ndarray, np.ndarray]:
    """Float values with missing codes as NaN, and the mask of cells holding text (already reported)."""
    text_missing = {str(code) for code, _ in variable.missing_codes if isinstance(code, str)}
    numeric_missing = [float(code) for code, _ in variable.missing_codes if not isinstance(code, str)]
    if pd.api.types.is_bool_dtype(series) or not pd.api.types.is_numeric_dtype(series):
        raw = series.astype("string").str.strip()
        raw = raw.mask(raw.eq("") | raw.isin(text_missing))
        numbers = pd.to_numeric(raw.str.replace(",", ".", regex=False), errors="coerce")
        bad = (raw.notna() & numbers.isna()).to_numpy(dtype=bool)
        # "inf", "nan" typed in a cell are text, not numbers
        values = numbers.to_numpy(dtype="float64", na_value=np.nan)
        bad = bad | (~np.isfinite(values) & ~np.isnan(values))
        if bad.any():
            shown = raw.to_numpy(dtype=object)
            problems.add_rows(
                variable.name, bad, lambda i: t("surveys.validation.not_a_number", value=shown[i])
            )
        values = np.where(bad, np.nan, values)
    else:
        values = series.to_numpy(dtype="float64", na_value=np.nan)
        bad = np.zeros(len(values), dtype=bool)
    if numeric_missing:
        values = np.where(np.isin(values, numeric_missing), np.nan, values)
    return values, bad


def _codes(series: pd.Series, variable: Variable) -> pd.Series:
    """Typed codes with missing codes as missing: Int64 or float64 when every code is a number, else text.

    Territory codes are always text. Columns with few distinct values (the usual case) are normalised once
    per distinct value; identifiers and design columns, which may have one value per row, are vectorised.
    """
    as_text = variable.kind == Kind.REGION
    numeric_missing = [float(code) for code, _ in variable.missing_codes if not isinstance(code, str)]
    if not as_text and _is_number_dtype(series):
        values = series.to_numpy(dtype="float64", na_value=np.nan)
        return _as_numbers(np.where(np.isin(values, numeric_missing), np.nan, values))
    if not as_text and variable.kind in (Kind.ID, Kind.STRATA, Kind.PSU):
        text_missing = [str(code) for code, _ in variable.missing_codes]
        text = series.astype("string").str.strip().reset_index(drop=True)
        text = text.mask(text.eq("") | text.isin(text_missing))
        numbers = pd.to_numeric(text, errors="coerce")
        if text.notna().sum() == numbers.notna().sum():
            values = numbers.to_numpy(dtype="float64", na_value=np.nan)
            return _as_numbers(np.where(np.isin(values, numeric_missing), np.nan, values))
        return text
    normalize = normalize_territory_code if as_text else normalize_code
    positions, uniques = pd.factorize(series, use_na_sentinel=True)
    missing = {code for code, _ in variable.missing_codes}
    mapped = [normalize(value) for value in uniques]
    mapped = [None if code in missing else code for code in mapped]
    kinds = {type(code) for code in mapped if code is not None}
    if not as_text and kinds <= {int, float}:
        lookup = np.array([np.nan if code is None else float(code) for code in mapped] + [np.nan])
        return _as_numbers(lookup[positions])
    lookup = np.array([None if code is None else str(code) for code in mapped] + [None], dtype=object)
    return pd.Series(lookup[positions], dtype="string")


def _is_number_dtype(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def _as_numbers(values: np.ndarray) -> pd.Series:
    """Int64 when every present value is a whole number (codes, identifiers), float64 otherwise."""
    present = values[~np.isnan(values)]
    whole = (
        np.isfinite(present).all()
        and (np.abs(present) < 2**53).all()
        and (np.floor(present) == present).all()
    )
    return pd.Series(values).astype("Int64") if whole else pd.Series(values)


def _clean(
    series: pd.Series,
    variable: Variable,
    problems: _Collector,
    territories: TerritoryLookup,
    max_weight_ratio: float | None,
) -> pd.Series:
    kind = variable.kind
    name = variable.name
    if variable.is_numeric or (kind in (Kind.CATEGORICAL, Kind.GROUP) and _numeric_codes(variable)):
        values, text = _to_numbers(series, variable, problems)
        if kind in (Kind.CATEGORICAL, Kind.GROUP):
            _check_allowed(values, variable, problems)
        elif kind == Kind.RATING:
            _check_rating(values, variable, problems)
        elif kind == Kind.NUMERIC:
            _check_bounds(values, variable, problems)
        else:  # WEIGHT, FPC: required, finite and strictly positive
            _check_positive(values, text, variable, problems, max_weight_ratio)
        return pd.Series(values, name=name)
    if kind == Kind.TEXT:
        return pd.Series(series.to_numpy(dtype=object), name=name).astype("string")
    codes = _codes(series, variable)
    is_missing = codes.isna().to_numpy()
    if kind in (Kind.ID, Kind.STRATA, Kind.PSU):
        problems.add_rows(name, is_missing, lambda _: t("surveys.validation.required", kind=kind.value))
    if kind == Kind.ID:
        _check_unique(codes, problems, name)
    if kind == Kind.REGION:
        _check_territories(codes, variable, problems, territories)
    if kind in (Kind.CATEGORICAL, Kind.GROUP):
        _check_allowed_codes(codes, variable, problems)
    return codes.rename(name)


def _check_positive(
    values: np.ndarray,
    text: np.ndarray,
    variable: Variable,
    problems: _Collector,
    max_weight_ratio: float | None,
) -> None:
    """A weight or FPC: present, finite, strictly positive; a weight also within the ratio to the median."""
    name = variable.name
    weight = variable.kind == Kind.WEIGHT
    key = "surveys.validation.bad_weight" if weight else "surveys.validation.bad_fpc"
    missing = "surveys.validation.bad_weight_missing" if weight else "surveys.validation.bad_fpc_missing"
    absent = np.isnan(values) & ~text
    problems.add_rows(name, absent, lambda _: t(missing))
    bad = ~np.isnan(values) & (~(values > 0) | ~np.isfinite(values))
    problems.add_rows(name, bad, lambda i: t(key, value=_display(values[i])))
    if variable.kind == Kind.WEIGHT and max_weight_ratio is not None:
        _check_extreme_weights(values, max_weight_ratio, problems, name)


def weight_ratios(values: np.ndarray) -> np.ndarray:
    """Each weight divided by the median of the valid (finite, positive) weights; NaN for invalid ones."""
    weights = np.asarray(values, dtype="float64")
    valid = np.isfinite(weights) & (weights > 0)
    if not valid.any():
        return np.full(len(weights), np.nan)
    return np.where(valid, weights / np.median(weights[valid]), np.nan)


def _check_extreme_weights(values: np.ndarray, limit: float, problems: _Collector, name: str) -> None:
    ratios = weight_ratios(values)
    extreme = np.nan_to_num(ratios, nan=0.0) > limit
    problems.add_rows(
        name,
        extreme,
        lambda i: t(
            "surveys.validation.extreme_weight",
            value=_short(values[i]),
            ratio=_short(ratios[i]),
            limit=_short(limit),
        ),
    )


def _short(value: float) -> str:
    """A number in French, at most 4 significant digits (1e300 is not written out)."""
    return significant(value, 4)


def _numeric_codes(variable: Variable) -> bool:
    return bool(variable.value_labels) and all(not isinstance(code, str) for code, _ in variable.value_labels)


def _check_allowed(values: np.ndarray, variable: Variable, problems: _Collector) -> None:
    allowed = np.array(sorted(float(code) for code, _ in variable.value_labels))
    bad = ~np.isnan(values) & ~np.isin(values, allowed)
    expected = _expected_labels(variable)
    problems.add_rows(
        variable.name,
        bad,
        lambda i: t("surveys.validation.not_in_labels", value=_display(values[i]), expected=expected),
    )


def _check_allowed_codes(codes: pd.Series, variable: Variable, problems: _Collector) -> None:
    allowed = variable.allowed_codes()
    if allowed is None:
        return
    text = codes.astype("string")  # codes may be numbers or text: compare their written form
    bad = (text.notna() & ~text.isin([str(code) for code in allowed])).to_numpy(dtype=bool)
    expected = _expected_labels(variable)
    shown = text.to_numpy()
    problems.add_rows(
        variable.name,
        bad,
        lambda i: t("surveys.validation.not_in_labels", value=_display(shown[i]), expected=expected),
    )


def _expected_labels(variable: Variable, limit: int = 12) -> str:
    shown = [
        f"{_display(code)} = {label}" if label else _display(code) for code, label in variable.value_labels
    ]
    return ", ".join(shown[:limit]) + (", …" if len(shown) > limit else "")


def _check_rating(values: np.ndarray, variable: Variable, problems: _Collector) -> None:
    low = -np.inf if variable.minimum is None else variable.minimum  # a Variable checks ratings have both
    high = np.inf if variable.maximum is None else variable.maximum
    present = ~np.isnan(values)
    bad = present & ((values < low) | (values > high) | (np.floor(values) != values))
    missing = ", ".join(_display(code) for code, _ in variable.missing_codes)
    problems.add_rows(
        variable.name,
        bad,
        lambda i: t(
            "surveys.validation.out_of_scale",
            value=_display(values[i]),
            low=_display(low),
            high=_display(high),
            missing=t("surveys.validation.missing_codes", codes=missing) if missing else "",
        ),
    )


def _check_bounds(values: np.ndarray, variable: Variable, problems: _Collector) -> None:
    low = -np.inf if variable.minimum is None else variable.minimum
    high = np.inf if variable.maximum is None else variable.maximum
    if variable.minimum is None and variable.maximum is None:
        return
    bad = ~np.isnan(values) & ((values < low) | (values > high))
    problems.add_rows(
        variable.name,
        bad,
        lambda i: t(
            "surveys.validation.out_of_bounds",
            value=_display(values[i]),
            low=_display(low),
            high=_display(high),
        ),
    )


def _check_unique(codes: pd.Series, problems: _Collector, name: str) -> None:
    labels, _ = pd.factorize(codes, use_na_sentinel=True)
    duplicated = pd.Series(labels).duplicated(keep="first").to_numpy() & (labels >= 0)
    if not duplicated.any():
        return
    # factorize numbers values in order of first appearance: the k-th first appearance is label k
    first_appearance = np.flatnonzero(~pd.Series(labels).duplicated(keep="first").to_numpy() & (labels >= 0))
    shown = codes.to_numpy()
    problems.add_rows(
        name,
        duplicated,
        lambda i: t(
            "surveys.validation.duplicate_id",
            value=_display(shown[i]),
            first=problems.row(int(first_appearance[labels[i]])),
        ),
    )


def _check_territories(
    codes: pd.Series, variable: Variable, problems: _Collector, territories: TerritoryLookup
) -> None:
    level = variable.level or "region"
    known = territories(level)
    if known is None:
        # a level the reference does not know (a study's own grouping): its value labels are the list
        known = frozenset(code for code, _ in variable.value_labels) or None
    if known is None:
        return
    known_text = {str(code) for code in known}
    bad = codes.notna().to_numpy() & ~codes.isin(list(known_text)).to_numpy()
    shown = codes.to_numpy()
    if territories is references.territory_codes:  # the reference also knows names: say which code was meant

        def message(i: int) -> str:
            return references.unknown_territory_message(str(shown[i]), level, frozenset(known_text))
    else:

        def message(i: int) -> str:
            hint = references.unknown_code_hint(str(shown[i]), known_text)
            return t("surveys.validation.unknown_territory", value=shown[i], level=level) + hint

    problems.add_rows(variable.name, bad, message)
