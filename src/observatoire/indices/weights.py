"""Expert weights from a file: ``indicator,weight`` (CSV), relative within each domain.

Weights are rescaled to sum to 1 within a domain at aggregation, so "2" means "counts twice as much as an
indicator of weight 1 in the same domain". Indicators absent from the file keep their metadata weight (1
by default: equal weights).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path

from observatoire.errors import InputError, Location
from observatoire.indices.csvfile import read_rows
from observatoire.indices.metadata import Indicator
from observatoire.messages import t


def load_weights(path: str | Path, metadata: Mapping[str, Indicator]) -> dict[str, float]:
    """``{indicator: weight}`` from ``path``; every weight must be a finite number > 0."""
    path = Path(path)
    weights: dict[str, float] = {}
    lines: dict[str, int] = {}
    for line, row in read_rows(path, ("indicator", "weight")):
        code = row["indicator"].strip()
        if code not in metadata:
            raise InputError(
                t("indices.unknown_indicator", code=code, suggestions=""),
                Location(path.name, line, "indicator"),
            )
        if code in weights:
            raise InputError(
                t("indices.duplicate_indicator", code=code, first=lines[code]),
                Location(path.name, line, "indicator"),
            )
        raw = row["weight"].strip()
        try:
            weight = float(raw.replace(",", "."))
        except ValueError:
            weight = math.nan
        if not (math.isfinite(weight) and weight > 0):
            raise InputError(t("indices.bad_weight", value=raw), Location(path.name, line, "weight"))
        weights[code] = weight
        lines[code] = line
    return weights
