"""Input checks shared by the design and the estimators: French errors naming the column and the rows."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeAlias

import numpy as np
import pandas as pd

from observatoire.errors import InputError
from observatoire.messages import t

_SHOWN_ROWS = 5

#: Survey columns by name: a DataFrame, or arrays read straight from a file (numpy arrays, or pandas'
#: masked and categorical arrays, which hold numpy arrays) with no DataFrame built around them.
Table: TypeAlias = pd.DataFrame | Mapping[str, Any]


def column_names(data: Table) -> list[str]:
    return [str(c) for c in data.columns] if isinstance(data, pd.DataFrame) else list(data)


def row_count(data: Table) -> int:
    """The number of rows (a mapping of arrays: the length of its columns, which must all agree)."""
    if isinstance(data, pd.DataFrame):
        return len(data)
    lengths = {len(values) for values in data.values()}
    if len(lengths) > 1:
        raise ValueError(f"columns of different lengths: {sorted(lengths)}")
    return lengths.pop() if lengths else 0


def column_series(data: Table, column: str) -> pd.Series:
    """One column as a Series numbered from 0 (an array is wrapped, not copied)."""
    values = data[column]
    if isinstance(values, pd.Series):
        return values.reset_index(drop=True)
    return pd.Series(values, copy=False)


def rows_text(rows: Iterable[int]) -> str:
    """« 3, 8, 12 et 40 autres (numéro d’observation, à partir de 1) » from 0-based row positions."""
    rows = list(rows)
    shown = ", ".join(str(r + 1) for r in rows[:_SHOWN_ROWS])
    more = f" et {len(rows) - _SHOWN_ROWS} autres" if len(rows) > _SHOWN_ROWS else ""
    return t("stats.rows", rows=shown, more=more)


def require_columns(df: Table, columns: Iterable[str]) -> None:
    """Raise :class:`InputError` naming the first column absent from ``df`` (with close candidates)."""
    names = column_names(df)
    for column in columns:
        if column not in names:
            close = [c for c in names if c.lower().startswith(str(column).lower()[:3])][:5]
            hint = t("error.did_you_mean", candidates=", ".join(close)) if close else ""
            hint = hint or "Colonnes disponibles : " + ", ".join(names[:20])
            raise InputError(
                t("stats.column_missing", column=column, hint=hint),
            )


def numeric_column(
    values: pd.Series | np.ndarray | pd.api.extensions.ExtensionArray, column: str
) -> np.ndarray:
    """A float64 array (NaN for missing), or :class:`InputError` naming the rows holding text.

    A float64 array comes back as it is: a column of weights is millions of rows, and a copy of it is
    new memory a short-lived process pays for page by page. Nothing here writes into it."""
    if isinstance(values, np.ndarray) and values.dtype.kind in "fiu":
        return values.astype(np.float64, copy=False)
    series = pd.Series(values, copy=False)
    if pd.api.types.is_bool_dtype(series.dtype):
        return series.to_numpy(dtype=np.float64)
    if pd.api.types.is_numeric_dtype(series.dtype):
        return series.to_numpy(dtype=np.float64, na_value=np.nan)
    converted = pd.to_numeric(series, errors="coerce")
    text = converted.isna().to_numpy() & ~series.isna().to_numpy()
    if text.any():
        raise InputError(t("stats.not_numeric", column=column, rows=rows_text(np.flatnonzero(text))))
    return converted.to_numpy(dtype=np.float64, na_value=np.nan)
