"""Re-weighting a survey table to population margins: the library side of ``observatoire rake``.

Without bounds the weights are raked (R's ``rake``: iterative post-stratification). With bounds on the
adjustment ratio g = new weight / initial weight they are calibrated with the raking distance (R's
``calibrate(..., calfun = "raking", bounds = c(lo, hi))``), R's way of raking with bounded weights.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from observatoire.errors import InputError, Location
from observatoire.messages import t
from observatoire.numbers import significant
from observatoire.stats.calibration import margin_deviations, rake
from observatoire.stats.design import Design
from observatoire.stats.greg import calibrate
from observatoire.stats.margins import Population
from observatoire.workspace import atomic_write

#: Defaults of the command (R's ``rake`` stops after 10 passes; real margins often need more).
DEFAULT_MAXIT = 50
RAKE_EPSILON = 1.0
BOUNDED_EPSILON = 1e-7
_COUNT = "_population_count"


@dataclass(frozen=True)
class RakeOutcome:
    """The re-weighted table and what an analyst checks: passes, weight range, gaps to the margins."""

    data: pd.DataFrame
    design: Design
    column: str
    iterations: int
    weight_range: tuple[float, float]
    ratio_range: tuple[float, float]
    deviations: pd.DataFrame

    @property
    def max_deviation(self) -> float:
        return float(self.deviations["gap"].abs().max())


def margin_from_table(columns: Sequence[str], table: pd.DataFrame, file: str | None = None) -> pd.DataFrame:
    """A margin file as a population table: the category column(s), then one population count column.

    Headers may name the data's columns; otherwise the columns are taken by position.
    """
    columns = list(columns)
    if table.shape[1] != len(columns) + 1:
        raise InputError(
            t("stats.calib.margin_table", margin=" × ".join(columns), columns=", ".join(columns),
              found=", ".join(map(str, table.columns))),
            Location(file=file),
        )  # fmt: skip
    if set(columns) <= set(map(str, table.columns)):
        count = next(c for c in table.columns if str(c) not in columns)
        return table[[*columns, count]].rename(columns={count: _COUNT})
    renamed = table.copy()
    renamed.columns = [*columns, _COUNT]
    return renamed


def rake_table(
    data: pd.DataFrame,
    weight: str,
    margins: Mapping[str | tuple[str, ...], Population],
    *,
    epsilon: float | None = None,
    maxit: int = DEFAULT_MAXIT,
    bounds: tuple[float, float] | None = None,
    weight_out: str | None = None,
) -> RakeOutcome:
    """Rake the weights of ``data`` (column ``weight``) to ``margins``; the new weights go to
    ``weight_out`` (default ``<weight>_cal``), the other columns are kept as they are.

    ``epsilon`` defaults to R's: 1 (largest change of a cell between passes) without bounds, 1e-7
    (relative gap to the margins) with bounds. R: ``rake(design, ...)`` or, with bounds,
    ``calibrate(design, list(~a, ~b), list(pop.a, pop.b), calfun = "raking", bounds = c(lo, hi))``.
    """
    design = Design.from_frame(data, weights=weight)
    if bounds is None:
        raked = rake(design, data, margins, epsilon=RAKE_EPSILON if epsilon is None else epsilon, maxit=maxit)
    else:
        raked = calibrate(
            design, data, margins, calfun="raking", bounds=bounds,
            epsilon=BOUNDED_EPSILON if epsilon is None else epsilon, maxit=maxit,
        )  # fmt: skip
    column = weight_out or f"{weight}_cal"
    ratio = raked.weights / design.weights
    step = raked.calibrations[-1]
    return RakeOutcome(
        data=data.assign(**{column: raked.weights}),
        design=raked,
        column=column,
        iterations=int(getattr(step, "iterations", 1)),
        weight_range=(float(raked.weights.min()), float(raked.weights.max())),
        ratio_range=(float(ratio.min()), float(ratio.max())),
        deviations=margin_deviations(raked, data, margins),
    )


def write_parquet_atomically(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write ``frame`` to ``path`` through a temporary file renamed at the end (never a half file)."""
    target = Path(path)
    with atomic_write(target) as temporary:
        frame.to_parquet(temporary, index=False)
    return target


def summary(outcome: RakeOutcome, out: str | Path) -> str:
    """The French one-paragraph summary the command prints."""
    low, high = outcome.weight_range
    glow, ghigh = outcome.ratio_range
    return t(
        "stats.calib.summary",
        iterations=outcome.iterations,
        rows=len(outcome.data),
        column=outcome.column,
        low=significant(low, 4),
        high=significant(high, 4),
        glow=significant(glow, 3),
        ghigh=significant(ghigh, 3),
        deviation=significant(outcome.max_deviation, 3),
        out=out,
    )


def parse_bounds(spec: str | None) -> tuple[float, float] | None:
    """« 0.3,3 » → (0.3, 3.0); None stays None."""
    if spec is None:
        return None
    parts = [p.replace(",", ".") for p in spec.split(";")] if ";" in spec else spec.split(",")
    try:
        low, high = (float(p) for p in parts)
    except ValueError:
        raise InputError(t("stats.calib.bad_bounds_spec", spec=spec)) from None
    if not (np.isfinite(low) and np.isfinite(high)):
        raise InputError(t("stats.calib.bad_bounds_spec", spec=spec))
    return low, high


def parse_margin_spec(spec: str) -> tuple[tuple[str, ...], str]:
    """« region=marges.csv » → (("region",), "marges.csv"); « region+sexe=f.csv » for a joint margin."""
    name, sep, file = spec.partition("=")
    columns = tuple(c.strip() for c in name.split("+"))
    if not sep or not file.strip() or not all(columns):
        raise InputError(t("stats.calib.bad_margin_spec", spec=spec))
    return columns, file.strip()
