"""Importing indicator values: one CSV, validated completely before anything is returned.

Format (UTF-8, ``,`` or ``;`` separated, header on line 1, other columns ignored)::

    territory,indicator,year,value
    93,taux_chomage,2019,8.9

- ``territory``: a territory code (région, département or the nation) among the valid codes;
- ``indicator``: a code declared in the indicator metadata;
- ``year``: an integer (the reference year of the value, not the publication year);
- ``value``: a finite number in the indicator's unit (decimal point or decimal comma). A missing value is
  an absent row, never an empty cell: the pipeline imputes and reports what is missing.

The first problem found raises one :class:`~observatoire.errors.InputError` naming the file, the line
(header = line 1), the column and what was expected; the caller gets nothing, so nothing downstream can
be written from a half-valid file.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from observatoire.errors import InputError, Location
from observatoire.indices.csvfile import read_rows
from observatoire.indices.metadata import Indicator
from observatoire.indices.territories import reference_territory_codes
from observatoire.messages import t

COLUMNS = ("territory", "indicator", "year", "value")


def load_indicator_values(
    path: str | Path,
    metadata: Mapping[str, Indicator],
    valid_territories: Collection[str] | None = None,
) -> pd.DataFrame:
    """The values of ``path`` as a frame ``territory, indicator, year, value`` (str, str, int64, float64).

    ``valid_territories`` defaults to the régions, départements and nation of
    :mod:`observatoire.reference.territories`.
    """
    path = Path(path)
    valid = set(reference_territory_codes() if valid_territories is None else valid_territories)
    territories: list[str] = []
    indicators: list[str] = []
    years: list[int] = []
    values: list[float] = []
    seen: dict[tuple[str, str, int], int] = {}
    for line, row in read_rows(path, COLUMNS):
        territory = row["territory"].strip()
        if territory not in valid:
            raise InputError(
                t("indices.unknown_territory", code=territory, suggestions=_suggest(territory, valid)),
                Location(path.name, line, "territory"),
            )
        indicator = row["indicator"].strip()
        if indicator not in metadata:
            raise InputError(
                t("indices.unknown_indicator", code=indicator, suggestions=_suggest(indicator, metadata)),
                Location(path.name, line, "indicator"),
            )
        year = _year(row["year"], path.name, line)
        value = _value(row["value"], path.name, line)
        key = (territory, indicator, year)
        if key in seen:
            raise InputError(
                t(
                    "indices.duplicate_value",
                    territory=territory,
                    indicator=indicator,
                    year=year,
                    first=seen[key],
                ),
                Location(path.name, line, "territory, indicator, year"),
            )
        seen[key] = line
        territories.append(territory)
        indicators.append(indicator)
        years.append(year)
        values.append(value)
    return pd.DataFrame(
        {
            "territory": pd.Series(territories, dtype=object),
            "indicator": pd.Series(indicators, dtype=object),
            "year": np.asarray(years, dtype=np.int64),
            "value": np.asarray(values, dtype=np.float64),
        }
    )


def _year(raw: str, file: str, line: int) -> int:
    text = raw.strip()
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise InputError(t("indices.bad_year", value=raw), Location(file, line, "year"))
    return int(text)


def _value(raw: str, file: str, line: int) -> float:
    text = raw.strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    if not text:
        raise InputError(t("indices.empty_value"), Location(file, line, "value"))
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise InputError(t("indices.not_a_number", value=raw), Location(file, line, "value"))
    return number


def _suggest(code: str, candidates: Collection[str]) -> str:
    from observatoire.reference.text import closest

    near = closest(code, candidates)
    return " " + t("error.did_you_mean", candidates=", ".join(near)) if near else ""
