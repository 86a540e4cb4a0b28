"""Importing indicator values: one CSV, validated completely before anything is returned.

Format (UTF-8, ``,`` or ``;`` separated, header on line 1, other columns ignored)::

    territory_level,territory,indicator,year,value
    region,93,taux_chomage,2019,8.9
    departement,13,taux_chomage,2019,10.1
    nation,FR,taux_chomage,2019,8.4

- ``territory_level`` (optional): ``region``, ``departement`` or ``nation``. Without it, ``territory`` may be
  a key ``region:93``, or a bare code when that code exists at one level only ("2A", "FR"); a bare code
  that is both a région and a département ("93") is rejected rather than guessed;
- ``territory``: the INSEE code (``FR`` for the nation), among the valid territories;
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
from observatoire.indices.territories import LEVELS, TerritoryKey, reference_territories, resolve
from observatoire.messages import t

COLUMNS = ("territory", "indicator", "year", "value")
OUTPUT_COLUMNS = ("territory_level", "territory", "indicator", "year", "value")


def load_indicator_values(
    path: str | Path,
    metadata: Mapping[str, Indicator],
    valid_territories: Collection[TerritoryKey] | None = None,
) -> pd.DataFrame:
    """The values of ``path`` as a frame ``territory_level, territory, indicator, year, value``.

    ``valid_territories`` holds ``(level, code)`` pairs; default: the nation, régions and départements of
    :mod:`observatoire.reference.territories`.
    """
    path = Path(path)
    valid = set(reference_territories() if valid_territories is None else valid_territories)
    columns: dict[str, list] = {name: [] for name in OUTPUT_COLUMNS}
    seen: dict[tuple[str, str, str, int], int] = {}
    for line, row in read_rows(path, COLUMNS, ("territory_level",)):
        level, territory = _territory(row, valid, path.name, line)
        indicator = row["indicator"].strip()
        if indicator not in metadata:
            raise InputError(
                t("indices.unknown_indicator", code=indicator, suggestions=_suggest(indicator, metadata)),
                Location(path.name, line, "indicator"),
            )
        year = _year(row["year"], path.name, line)
        value = _value(row["value"], path.name, line)
        key = (level, territory, indicator, year)
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
        for name, item in zip(OUTPUT_COLUMNS, (level, territory, indicator, year, value), strict=True):
            columns[name].append(item)
    return pd.DataFrame(
        {
            "territory_level": pd.Series(columns["territory_level"], dtype=object),
            "territory": pd.Series(columns["territory"], dtype=object),
            "indicator": pd.Series(columns["indicator"], dtype=object),
            "year": np.asarray(columns["year"], dtype=np.int64),
            "value": np.asarray(columns["value"], dtype=np.float64),
        }
    )


def _territory(row: Mapping[str, str], valid: set[TerritoryKey], file: str, line: int) -> TerritoryKey:
    code = row["territory"].strip()
    level = (row.get("territory_level") or "").strip() or None
    if level is not None and level not in LEVELS:
        raise InputError(
            t("indices.bad_level", value=level, expected=", ".join(LEVELS)),
            Location(file, line, "territory_level"),
        )
    found = resolve(code, level, valid)
    if len(found) > 1:
        raise InputError(
            t("indices.ambiguous_territory", code=code, levels=", ".join(level for level, _ in found)),
            Location(file, line, "territory"),
        )
    if not found:
        codes = {known for known_level, known in valid if level in (None, known_level)}
        raise InputError(
            t("indices.unknown_territory", code=code, suggestions=_suggest(code.split(":")[-1], codes)),
            Location(file, line, "territory"),
        )
    return found[0]


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
