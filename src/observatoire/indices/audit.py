"""The methodology audit written with each build: what the pipeline did to the data and how far to trust it.

Returned as data (one DataFrame per table, keyed by domain and peer level) so that the build can store it
and the reports can quote it; :meth:`IndexAudit.to_markdown` renders it in French for the methodology annex.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import ClassVar

import numpy as np
import pandas as pd

from observatoire.indices.territories import LEVELS
from observatoire.messages import t
from observatoire.numbers import number

NEGATIVE = "negative"
REDUNDANT = "redundant"
REDUNDANCY_THRESHOLD = 0.9


def correlations(matrix: np.ndarray, codes: list[str]) -> list[tuple[str, str, float]]:
    """Pearson correlation of every pair of indicators (columns of ``matrix``, NaN rows skipped pairwise)."""
    frame = pd.DataFrame(matrix, columns=codes).corr(method="pearson", min_periods=3)
    return [
        (codes[a], codes[b], float(frame.iloc[a, b]))
        for a in range(len(codes))
        for b in range(a + 1, len(codes))
    ]


def cronbach_alpha(matrix: np.ndarray) -> float:
    """Cronbach's alpha of the indicators (columns) over the complete rows; NaN with fewer than 2 indicators.

    Computed on z-scores (direction applied), i.e. the standardised alpha: do the indicators of a domain
    measure one common fragility? The handbook reads alpha >= 0.7 as consistent.
    """
    complete = matrix[~np.isnan(matrix).any(axis=1)]
    k = complete.shape[1]
    if k < 2 or complete.shape[0] < 3:
        return float("nan")
    item_variances = complete.var(axis=0, ddof=1).sum()
    total_variance = complete.sum(axis=1).var(ddof=1)
    if total_variance == 0:
        return float("nan")
    return float(k / (k - 1) * (1 - item_variances / total_variance))


def correlation_flag(r: float) -> str:
    if np.isnan(r):
        return ""
    if r < 0:
        return NEGATIVE
    return REDUNDANT if r > REDUNDANCY_THRESHOLD else ""


_COLUMNS: dict[str, tuple[str, ...]] = {
    "coverage": ("indicator", "coverage", "kept", "reason"),
    "excluded": ("territory", "year", "coverage"),
    "imputed": ("territory", "year", "indicator", "method", "value"),
    "treatment": (
        "indicator",
        "skew_before",
        "kurtosis_before",
        "n_winsorised",
        "skew_after",
        "kurtosis_after",
        "still_outlying",
    ),
    "winsorised": ("territory", "year", "indicator", "original", "treated"),
    "correlations": ("indicator_a", "indicator_b", "r", "flag"),
    "alpha": ("n_indicators", "cronbach_alpha"),
    "rank_moves": ("territory", "year", "rank", "rank_low", "rank_high", "rank_median", "width", "widened"),
    "sensitivity": ("assumption", "first_order", "total_order"),
}
ASSUMPTION_CODES = ("normalisation", "weights", "aggregation")


@dataclass(frozen=True)
class IndexAudit:
    """Audit tables; every one starts with ``domain, territory_level`` (the peer level).

    - ``coverage``: share of (territory, year) cells with a value per indicator, kept or why dropped
      ("coverage" below the threshold, "no_variance");
    - ``excluded``: territory-years left without an index because too few of the domain's indicators exist;
    - ``imputed``: every filled cell, with the method ("previous_year" or "peer_mean") and the value used;
    - ``treatment``: skew and kurtosis per indicator before/after winsorisation, points changed, whether it
      still fails COINr's test; ``winsorised``: every changed point with its original value;
    - ``correlations``: pairs of indicators within a domain, flagged "negative" or "redundant" (r > 0.9);
    - ``alpha``: Cronbach's alpha per domain;
    - ``rank_moves``: nominal rank, Monte Carlo interval and median per territory-year, ``width`` =
      rank_high − rank_low (largest first), ``widened`` when the interval was stretched to hold the rank;
    - ``sensitivity``: per domain and level, the share of the rank variance each assumption explains alone
      (``first_order``) and with its interactions (``total_order``).
    """

    coverage: pd.DataFrame
    excluded: pd.DataFrame
    imputed: pd.DataFrame
    treatment: pd.DataFrame
    winsorised: pd.DataFrame
    correlations: pd.DataFrame
    alpha: pd.DataFrame
    rank_moves: pd.DataFrame
    sensitivity: pd.DataFrame

    TABLES: ClassVar[tuple[str, ...]] = tuple(_COLUMNS)

    @classmethod
    def from_records(cls, records: dict[str, list[dict]]) -> IndexAudit:
        tables = {
            name: pd.DataFrame(records.get(name, []), columns=["domain", "territory_level", *columns])
            for name, columns in _COLUMNS.items()
            if name != "correlations"
        }
        pairs = pd.DataFrame(
            records.get("correlations", []),
            columns=["domain", "territory_level", "indicator_a", "indicator_b", "r"],
        )
        pairs["flag"] = [correlation_flag(r) for r in pairs["r"]]
        tables["correlations"] = pairs
        tables["rank_moves"] = (
            tables["rank_moves"]
            .sort_values(
                ["width", "domain", "territory_level", "territory", "year"],
                ascending=[False, True, True, True, True],
            )
            .reset_index(drop=True)
        )
        return cls(**tables)

    def to_markdown(self, top: int = 5) -> str:
        """The audit in French Markdown: one section per table, the ``top`` largest rank moves per domain."""
        lines = [f"# {t('indices.audit.title')}", ""]
        for table in fields(self):
            frame: pd.DataFrame = getattr(self, table.name)
            if table.name == "rank_moves":
                by_domain = frame.sort_values(
                    ["domain", "territory_level", "width"], ascending=[True, True, False], kind="stable"
                )
                frame = by_domain.groupby(["domain", "territory_level"], sort=False).head(top)
            elif table.name == "correlations":
                frame = frame[frame["flag"] != ""]
            lines += [f"## {t(f'indices.audit.{table.name}')}", ""]
            if frame.empty:
                lines += [t("indices.audit.nothing"), ""]
                continue
            header = [t(f"indices.column.{column}") for column in frame.columns]
            lines.append("| " + " | ".join(header) + " |")
            lines.append("|" + "---|" * len(header))
            for row in frame.itertuples(index=False):
                lines.append("| " + " | ".join(_cell(value) for value in row) + " |")
            lines.append("")
        return "\n".join(lines)


def _cell(value: object) -> str:
    if isinstance(value, bool | np.bool_):
        return t("indices.audit.yes") if value else t("indices.audit.no")
    if isinstance(value, float | np.floating):
        return number(value, 3)
    codes = (NEGATIVE, REDUNDANT, "coverage", "no_variance", "previous_year", "peer_mean", *LEVELS)
    if value in (*codes, *ASSUMPTION_CODES):
        return t(f"indices.code.{value}")
    return str(value)
