"""The ``observatoire estimate`` contract: parse the statistic options, estimate, shape the output table.

The CLI reads the file (``observatoire.surveys.load_table``) and calls :func:`estimate_table`; the output
columns are fixed (:data:`CLI_COLUMNS`, plus :data:`CLI_COMPARE_COLUMNS` with ``--compare-to-rest``)
because analysts script against them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from observatoire.errors import InputError
from observatoire.messages import t
from observatoire.stats._validate import Table
from observatoire.stats.design import Design, LonelyPSU
from observatoire.stats.table import COMPARE_COLUMNS, Statistic, estimate

CLI_COLUMNS = [
    "group",
    "variable",
    "statistic",
    "estimate",
    "se",
    "ci_low",
    "ci_high",
    "n",
    "weighted_n",
    "deff",
]
CLI_COMPARE_COLUMNS = COMPARE_COLUMNS

_RANGE = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*-\s*(-?\d+(?:[.,]\d+)?)\s*$")


def _split(spec: str, example: str) -> tuple[str, str]:
    name, sep, value = spec.partition("=")
    if not sep or not name.strip() or not value.strip():
        raise InputError(t("stats.bad_spec", spec=spec, example=example))
    return name.strip(), value.strip()


def parse_proportion(spec: str) -> Statistic:
    """``"q3=2"`` → the share of answers equal to 2 (numeric when it reads as a number, else text)."""
    name, value = _split(spec, "q3=2")
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        return Statistic.proportion(name, value)
    return Statistic.proportion(name, number)


def parse_top_box(spec: str) -> Statistic:
    """``"q1=8-10"`` → the share of answers from 8 to 10 inclusive."""
    name, value = _split(spec, "q1=8-10")
    match = _RANGE.match(value)
    if not match:
        raise InputError(t("stats.bad_range", spec=value, variable=name))
    low, high = (float(v.replace(",", ".")) for v in match.groups())
    if low > high:
        raise InputError(t("stats.bad_range", spec=value, variable=name))
    return Statistic.top_box(name, low, high)


def needed_columns(options: Mapping[str, Any]) -> list[str]:
    """The columns :func:`estimate_table` reads with these keyword options (so that only they are read)."""
    designs = [options.get(key) for key in ("weight", "strata", "psu", "fpc", "by")]
    specs = [
        spec.partition("=")[0].strip()
        for key in ("proportions", "top_boxes")
        for spec in options.get(key, ())
    ]
    named = [*designs, *options.get("means", ()), *specs]
    return list(dict.fromkeys(name for name in named if name))


def estimate_table(
    data: Table,
    *,
    weight: str,
    strata: str | None = None,
    psu: str | None = None,
    fpc: str | None = None,
    by: str | None = None,
    means: Sequence[str] = (),
    proportions: Sequence[str] = (),
    top_boxes: Sequence[str] = (),
    compare_to_rest: bool = False,
    level: float = 0.95,
    ci: str = "normal",
    lonely_psu: LonelyPSU = "fail",
) -> pd.DataFrame:
    """The CLI table: one row per group × variable × statistic (``variable`` is ``q``, ``q=VALUE`` for a
    proportion, ``q=LOW-HIGH`` for a top-box share). Flags use the level 1 − ``level``."""
    statistics = [Statistic.mean(v) for v in means]
    statistics += [parse_proportion(s) for s in proportions]
    statistics += [parse_top_box(s) for s in top_boxes]
    if not statistics:
        raise InputError(t("stats.no_statistic"))
    if not 0 < level < 1:
        raise InputError(t("stats.bad_level", level=level))
    design = Design.from_frame(data, weights=weight, strata=strata, psu=psu, fpc=fpc, lonely_psu=lonely_psu)
    table = estimate(
        data,
        design,
        statistics,
        by=by,
        level=level,
        ci=ci,  # type: ignore[arg-type]
        compare_to_rest=compare_to_rest and by is not None,
        flag_level=1 - level,
    )
    named = np.where(table["category"] == "", table["variable"], table["variable"] + "=" + table["category"])
    table["variable"] = named
    columns = CLI_COLUMNS + (CLI_COMPARE_COLUMNS if compare_to_rest else [])
    for column in CLI_COMPARE_COLUMNS if compare_to_rest and by is None else []:
        table[column] = "" if column == "flag" else np.nan
    return table[columns].reset_index(drop=True)
