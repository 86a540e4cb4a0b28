"""Validation of result rows and the suppression rule, applied to every row before it is stored.

The suppression rule lives here and nowhere else: a figure whose unweighted base ``n`` is under the
build's ``min_base`` (30 by default) is stored with ``suppressed`` true and no estimate, standard error,
interval, flag or extra values, so that no reader can show it as a number. A row the caller already
marks ``suppressed`` is blanked the same way. ``n`` may be empty only for figures that have no sample
(objective indices, texts): those are never suppressed by the rule.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator

import numpy as np
import pandas as pd

from observatoire.diagnosis.codes import OVERALL
from observatoire.diagnosis.schema import KEY_COLUMNS, READ_COLUMNS, TERRITORY_LEVELS
from observatoire.errors import InputError, Location
from observatoire.messages import t

DEFAULT_MIN_BASE = 30
DEFAULT_GROUP = OVERALL

REQUIRED_COLUMNS = (
    "study", "wave", "population", "question", "territory_level", "territory", "statistic", "n",
)  # fmt: skip
ACCEPTED_COLUMNS = READ_COLUMNS  # a row may carry what the read API returns
_TEXT_REQUIRED = (
    "study", "population", "question", "territory_level", "territory", "group", "statistic", "source",
)  # fmt: skip
_TEXT_OPTIONAL = ("item", "flag")
_FLOATS = ("estimate", "se", "ci_low", "ci_high", "weighted_n")
_BLANKED = ("estimate", "se", "ci_low", "ci_high")


def _fail(key: str, column: str | None = None, position: int | None = None, **values: object) -> InputError:
    row = None if position is None else position + 1
    return InputError(t(key, **values), Location(row=row, column=column))


def _first(mask: pd.Series) -> int:
    return int(np.flatnonzero(mask.to_numpy())[0])


def _text(frame: pd.DataFrame, column: str, required: bool) -> pd.Series:
    values = frame[column]
    missing = values.isna()
    if required and missing.any():
        raise _fail("store.rows.empty", column, _first(missing))
    text = values.astype(object).where(~missing, None)
    if pd.api.types.infer_dtype(text, skipna=True) not in ("string", "empty"):
        text = text.map(lambda value: value if value is None else str(value))
    if required:
        blank = text.str.strip().eq("")
        if blank.any():
            raise _fail("store.rows.empty", column, _first(blank))
    return text


def _numbers(frame: pd.DataFrame, column: str, integer: bool) -> pd.Series:
    try:
        values = pd.to_numeric(frame[column], errors="raise").astype("float64")
    except (TypeError, ValueError):
        bad = pd.to_numeric(frame[column], errors="coerce").isna() & frame[column].notna()
        raise _fail("store.rows.not_number", column, _first(bad)) from None
    infinite = np.isinf(values.to_numpy())
    if infinite.any():
        raise _fail("store.rows.not_finite", column, int(np.flatnonzero(infinite)[0]))
    if integer:
        fractional = values.notna() & (values != values.round())
        negative = values < 0
        if (fractional | negative).any():
            raise _fail("store.rows.not_count", column, _first(fractional | negative))
    return values


def _flags(frame: pd.DataFrame) -> pd.Series:
    if pd.api.types.is_bool_dtype(frame["suppressed"]):
        return frame["suppressed"].astype(bool)
    values = frame["suppressed"].astype(object).where(frame["suppressed"].notna(), False)
    bad = values.map(lambda value: not isinstance(value, bool | np.bool_))
    if bad.any():
        raise _fail("store.rows.not_boolean", "suppressed", _first(bad))
    return values.astype(bool)


def _json(value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if not isinstance(value, dict):
        raise TypeError
    return json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)


def _extra(frame: pd.DataFrame) -> pd.Series:
    values = frame["extra"].astype(object)
    if values.isna().all():
        return pd.Series([None] * len(values), index=frame.index, dtype=object)
    out = []
    for position, value in enumerate(values):
        try:
            out.append(_json(value))
        except (TypeError, ValueError):
            raise _fail("store.rows.bad_extra", "extra", position) from None
    return pd.Series(out, index=frame.index, dtype=object)


def prepare(frame: pd.DataFrame, *, source: str, min_base: int) -> pd.DataFrame:
    """Validated rows with defaults filled in and the suppression rule applied, in ``ACCEPTED_COLUMNS``.

    Raises :class:`InputError` naming the column and the row (1-based position in ``frame``).
    """
    if not isinstance(frame, pd.DataFrame):
        raise InputError(t("store.rows.not_frame", kind=type(frame).__name__))
    unknown = [str(column) for column in frame.columns if column not in ACCEPTED_COLUMNS]
    if unknown:
        raise InputError(t("store.rows.unknown_columns", columns=", ".join(unknown)))
    missing = [column for column in REQUIRED_COLUMNS if column not in frame.columns]
    if missing:
        raise InputError(t("store.rows.missing_columns", columns=", ".join(missing)))
    frame = frame.reset_index(drop=True)
    defaults = {"item": None, "group": DEFAULT_GROUP, "flag": None, "suppressed": False, "source": source}
    defaults.update(dict.fromkeys(_FLOATS, np.nan))
    defaults["extra"] = None
    frame = frame.assign(**{column: value for column, value in defaults.items() if column not in frame})

    out = pd.DataFrame(index=frame.index)
    for column in ACCEPTED_COLUMNS:
        if column in _TEXT_REQUIRED or column in _TEXT_OPTIONAL:
            out[column] = _text(frame, column, required=column in _TEXT_REQUIRED)
        elif column in _FLOATS:
            out[column] = _numbers(frame, column, integer=False)
        elif column in ("wave", "n"):
            out[column] = _numbers(frame, column, integer=True)
        elif column == "suppressed":
            out[column] = _flags(frame)
        else:
            out[column] = _extra(frame)
    if out["wave"].isna().any():
        raise _fail("store.rows.empty", "wave", _first(out["wave"].isna()))
    unknown_level = ~out["territory_level"].isin(TERRITORY_LEVELS)
    if unknown_level.any():
        position = _first(unknown_level)
        raise _fail(
            "store.rows.unknown_level",
            "territory_level",
            position,
            level=out["territory_level"].iloc[position],
            levels=", ".join(TERRITORY_LEVELS),
        )
    duplicated = out.duplicated(list(KEY_COLUMNS))
    if duplicated.any():
        raise _fail("store.rows.duplicate", None, _first(duplicated))

    suppressed = out["suppressed"] | (out["n"] < min_base)
    out["suppressed"] = suppressed
    out.loc[suppressed, list(_BLANKED)] = np.nan
    out.loc[suppressed, ["flag", "extra"]] = None
    return out


def records(prepared: pd.DataFrame, build_id: int, first_seq: int) -> Iterator[tuple]:
    """Plain Python tuples (``None`` for missing) in the order of ``schema.WRITE_COLUMNS``."""
    # text and JSON columns hold str or a missing marker (None or NaN, depending on pandas): send None
    columns = {
        column: pd.Series([v if isinstance(v, str) else None for v in prepared[column]], dtype=object)
        for column in (*_TEXT_REQUIRED, *_TEXT_OPTIONAL, "extra")
    }
    for column in ("wave", "n"):
        values = prepared[column]
        columns[column] = pd.Series(
            [None if math.isnan(value) else int(value) for value in values.to_numpy()], dtype=object
        )
    for column in _FLOATS:
        values = prepared[column].to_numpy()
        columns[column] = pd.Series([None if math.isnan(v) else float(v) for v in values], dtype=object)
    columns["suppressed"] = pd.Series([bool(v) for v in prepared["suppressed"].to_numpy()], dtype=object)
    seqs = range(first_seq, first_seq + len(prepared))
    ordered = [columns[column].tolist() for column in ACCEPTED_COLUMNS]
    for seq, values in zip(seqs, zip(*ordered, strict=True), strict=True):
        yield (build_id, seq, *values)
