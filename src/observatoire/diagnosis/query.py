"""Turning read-API filters into one SQL statement, and its rows into a typed DataFrame.

Every read of the web goes through here, so a filter is one ``WHERE`` on an indexed column and the
build is the current one by a sub-select: one round trip per request.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import ColumnElement, Select, and_, select

from observatoire.diagnosis.schema import KEY_COLUMNS, READ_COLUMNS, current_build, results
from observatoire.errors import InputError
from observatoire.messages import t

FILTER_COLUMNS: tuple[str, ...] = KEY_COLUMNS  # a figure is asked for by what identifies it
DISTINCT_COLUMNS: tuple[str, ...] = (*FILTER_COLUMNS, "flag", "source", "suppressed")

# Types of the frames the read API returns, the same on every database (and for an empty answer).
DTYPES: dict[str, str] = {
    "wave": "int64",
    "estimate": "float64",
    "se": "float64",
    "ci_low": "float64",
    "ci_high": "float64",
    "n": "Int64",
    "weighted_n": "float64",
    "suppressed": "bool",
}


def _values(column: str, value: Any) -> list[Any]:
    values = list(value) if isinstance(value, list | tuple | set | frozenset) else [value]
    if column != "wave":
        return values
    try:
        return [int(v) for v in values]
    except (TypeError, ValueError):
        raise InputError(t("store.query.bad_wave", value=value)) from None


def build_condition(build_id: int | None) -> ColumnElement[bool]:
    """The rows of ``build_id``, or of the published build (sub-select) when ``None``."""
    if build_id is not None:
        return results.c.build_id == build_id
    current = select(current_build.c.build_id).where(current_build.c.singleton == 1).scalar_subquery()
    return results.c.build_id == current


def where(filters: Mapping[str, Any], build_id: int | None) -> ColumnElement[bool]:
    """``WHERE`` for ``filters`` (a value or a collection of values each; ``None`` means any)."""
    conditions = [build_condition(build_id)]
    for column, value in filters.items():
        if column not in FILTER_COLUMNS:
            raise InputError(t("store.query.unknown_filter", name=column, names=", ".join(FILTER_COLUMNS)))
        if value is None:
            continue
        values = _values(column, value)
        target = results.c[column]
        conditions.append(target == values[0] if len(values) == 1 else target.in_(values))
    return and_(*conditions)


def rows_statement(
    condition: ColumnElement[bool],
    limit: int | None,
    offset: int | None,
    *,
    sort: bool = False,
    columns: Sequence[str] = READ_COLUMNS,
) -> Select:
    """The figures matching ``condition`` in their build order, a page of them if asked.

    ``sort`` orders by an expression (``seq + 0``) that no index provides, which steers the planner to the
    index of the filters and a sort of the rows found instead of a scan of the whole build in key order.
    """
    for name, value in (("limit", limit), ("offset", offset)):
        if value is not None and (not isinstance(value, int) or value < 0):
            raise InputError(t("store.query.bad_page", name=name, value=value))
    statement = select(*(results.c[name] for name in columns)).where(condition)
    statement = statement.order_by(results.c.seq + 0 if sort else results.c.seq)
    if limit is not None:
        statement = statement.limit(limit)
    if offset:
        statement = statement.offset(offset)
    return statement


def to_frame(rows: Sequence[Sequence[Any]], names: Sequence[str] = READ_COLUMNS) -> pd.DataFrame:
    """Rows of ``names`` as a DataFrame with :data:`DTYPES`; text and ``extra`` stay objects.

    Built column by column into numpy arrays: four times faster than letting pandas infer each column,
    which is most of the time of a web read.
    """
    count = len(rows)
    columns = zip(*rows, strict=True) if rows else [()] * len(names)
    data: dict[str, Any] = {}
    for name, values in zip(names, columns, strict=True):
        kind = DTYPES.get(name)
        if kind == "float64":
            data[name] = np.fromiter((np.nan if v is None else v for v in values), "float64", count)
        elif kind == "Int64":
            data[name] = pd.array(list(values), dtype="Int64")
        elif kind is not None:
            data[name] = np.fromiter(values, kind, count)
        else:
            data[name] = np.fromiter(values, object, count)
    return pd.DataFrame(data, columns=list(names))


def row_dicts(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows as dicts of plain Python values, as ``frame.to_dict("records")`` gives them, three times
    faster (one conversion a column rather than a lookup a column and row): pages read their few figures
    this way."""
    columns = list(frame.columns)
    values = zip(*(frame[column].tolist() for column in columns), strict=True)
    return [dict(zip(columns, row, strict=True)) for row in values]
