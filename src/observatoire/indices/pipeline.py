"""The index pipeline, per domain and peer level: screen, impute, treat, normalise, weight, aggregate,
rescale to 1-10, rank, and measure how much the ranks depend on the method (see ``docs/indices.md``).

Output schema (:class:`IndexResult`):

``indices`` — one row per domain × territory × year (and the nation once per peer level):
    domain, territory_level ("region" | "departement" | "nation"), peer_level (the level whose goalposts
    and 1-10 scale apply: equal to territory_level except for the nation), territory, year,
    index (float, 1-10, 10 = most fragile), rank (Int64, 1 = most fragile among the peers that year; NA
    for the nation), rank_low / rank_high (Int64, 5 %-95 % Monte Carlo interval, always containing rank),
    n_indicators (int, indicators actually aggregated).
``normalised`` — one row per domain × territory × year × indicator:
    domain, territory_level, peer_level, territory, year, indicator, raw (imported value, NaN if absent),
    treated (after imputation and winsorisation), normalised (nominal method, higher = more fragile),
    imputed (bool), winsorised (bool).
``audit`` — :class:`~observatoire.indices.audit.IndexAudit`; ``sensitivity`` — domain, territory_level,
    assumption, first_order, total_order (shares of the rank variance).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from observatoire.indices.aggregate import (
    AGGREGATIONS,
    Aggregation,
    aggregation_inputs,
    descending_ranks,
    scores,
    to_ten_scale,
    weighted_means,
)
from observatoire.indices.audit import IndexAudit, correlations, cronbach_alpha
from observatoire.indices.metadata import Indicator, IndicatorMetadata
from observatoire.indices.normalise import BOUNDED, NORMALISATIONS, IndicatorScales, Method
from observatoire.indices.territories import LEVELS, NATION, PEER_LEVELS
from observatoire.indices.treatment import (
    KURTOSIS_THRESHOLD,
    MAX_WINSORISED,
    SKEW_THRESHOLD,
    impute,
    indicator_coverage,
    row_coverage,
    winsorise,
)
from observatoire.indices.uncertainty import ASSUMPTIONS, WeightScheme, monte_carlo

INDEX_COLUMNS = (
    "domain",
    "territory_level",
    "peer_level",
    "territory",
    "year",
    "index",
    "rank",
    "rank_low",
    "rank_high",
    "n_indicators",
)
NORMALISED_COLUMNS = (
    "domain",
    "territory_level",
    "peer_level",
    "territory",
    "year",
    "indicator",
    "raw",
    "treated",
    "normalised",
    "imputed",
    "winsorised",
)


@dataclass(frozen=True)
class IndexConfig:
    """Every methodological choice, with the defaults of ``docs/indices.md``.

    ``normalisation``/``aggregation``/``weights`` give the nominal index; the Monte Carlo draws among
    ``mc_normalisations`` × ``mc_aggregations`` and perturbs the weights by ``weight_noise``.
    ``weights`` (indicator → relative weight) overrides the metadata's weights.
    """

    normalisation: Method = "minmax"
    aggregation: Aggregation = "arithmetic"
    weights: Mapping[str, float] | None = None
    min_indicator_coverage: float = 2 / 3
    min_territory_coverage: float = 0.5
    imputation: Literal["previous_year", "peer_mean"] = "previous_year"
    winsorise: bool = True
    skew_threshold: float = SKEW_THRESHOLD
    kurtosis_threshold: float = KURTOSIS_THRESHOLD
    max_winsorised: int = MAX_WINSORISED
    n_draws: int = 1000
    seed: int = 2019
    mc_normalisations: tuple[Method, ...] = NORMALISATIONS
    mc_aggregations: tuple[Aggregation, ...] = AGGREGATIONS
    weight_noise: float = 0.25
    weight_scheme: WeightScheme = "uniform"
    dirichlet_concentration: float = 20.0
    interval: tuple[float, float] = (0.05, 0.95)
    sensitivity: bool = True

    def __post_init__(self) -> None:
        checks = {
            "normalisation": self.normalisation in NORMALISATIONS,
            "aggregation": self.aggregation in AGGREGATIONS,
            "mc_normalisations": bool(self.mc_normalisations)
            and set(self.mc_normalisations) <= set(NORMALISATIONS),
            "mc_aggregations": bool(self.mc_aggregations) and set(self.mc_aggregations) <= set(AGGREGATIONS),
            "min_indicator_coverage": 0 <= self.min_indicator_coverage <= 1,
            "min_territory_coverage": 0 < self.min_territory_coverage <= 1,
            "imputation": self.imputation in ("previous_year", "peer_mean"),
            "max_winsorised": self.max_winsorised >= 0,
            "n_draws": self.n_draws >= 0,
            "weight_noise": 0 <= self.weight_noise < 1,
            "weight_scheme": self.weight_scheme in ("uniform", "dirichlet"),
            "interval": 0 <= self.interval[0] < self.interval[1] <= 1,
            "weights": self.weights is None or all(w > 0 for w in self.weights.values()),
        }
        wrong = [name for name, ok in checks.items() if not ok]
        if wrong:
            raise ValueError(f"invalid IndexConfig field(s): {', '.join(wrong)}")


@dataclass(frozen=True)
class IndexResult:
    indices: pd.DataFrame
    normalised: pd.DataFrame
    audit: IndexAudit
    sensitivity: pd.DataFrame
    config: IndexConfig = field(repr=False)


def compute_indices(
    values: pd.DataFrame,
    metadata: IndicatorMetadata,
    config: IndexConfig | None = None,
    territory_levels: Mapping[str, str] | None = None,
) -> IndexResult:
    """Objective fragility indices for every domain of ``metadata`` at each peer level found in ``values``.

    ``values`` has the columns of :func:`~observatoire.indices.values.load_indicator_values`
    (``territory_level, territory, indicator, year, value``); without ``territory_level``,
    ``territory_levels`` maps each code to "region", "departement" or "nation".
    """
    config = config or IndexConfig()
    unknown_weights = sorted(set(config.weights or {}) - set(metadata))
    if unknown_weights:
        raise ValueError(f"weights for indicators absent from the metadata: {unknown_weights[:5]}")
    frame = _checked(values, metadata, territory_levels)
    collector = _Collector()
    domain_of = {code: indicator.domain for code, indicator in metadata.items()}
    frame["domain"] = frame["indicator"].map(domain_of)
    groups = dict(list(frame.groupby(["territory_level", "domain"], sort=False)))
    empty = frame.iloc[:0]
    for level_index, level in enumerate(PEER_LEVELS):
        for domain_index, domain in enumerate(metadata.domains()):
            peers = groups.get((level, domain), empty)
            if peers.empty:
                continue
            rng = np.random.default_rng([config.seed, level_index, domain_index])
            nation = groups.get((NATION, domain), empty)
            _DomainRun(domain, level, metadata.in_domain(domain), peers, nation, config, rng).run(collector)
    return collector.result(config)


def _checked(
    values: pd.DataFrame, metadata: IndicatorMetadata, levels: Mapping[str, str] | None
) -> pd.DataFrame:
    missing = [column for column in ("territory", "indicator", "year", "value") if column not in values]
    if missing:
        raise ValueError(f"values lack column(s) {missing}")
    unknown_indicators = sorted(set(values["indicator"]) - set(metadata))
    if unknown_indicators:
        raise ValueError(f"indicators absent from the metadata: {unknown_indicators[:5]}")
    frame = pd.DataFrame(
        {
            "territory": values["territory"].to_numpy(dtype=object),
            "indicator": values["indicator"].to_numpy(dtype=object),
            "year": values["year"].to_numpy(dtype=np.int64),
            "value": values["value"].to_numpy(dtype=np.float64),
        }
    )
    if "territory_level" in values:
        frame["territory_level"] = values["territory_level"].to_numpy(dtype=object)
    elif levels is not None:
        frame["territory_level"] = frame["territory"].map(levels)
    else:
        raise ValueError("values need a territory_level column, or pass territory_levels")
    unknown = sorted(frame.loc[~frame["territory_level"].isin(LEVELS), "territory"].unique())
    if unknown:
        raise ValueError(f"territories with no known level: {unknown[:5]}")
    frame = frame[np.isfinite(frame["value"])]
    if frame.duplicated(["territory_level", "territory", "indicator", "year"]).any():
        raise ValueError("duplicate (territory, indicator, year) rows")
    return frame


class _Collector:
    """Accumulates the rows of every output frame across domains and levels."""

    def __init__(self) -> None:
        self.indices: list[dict] = []  # column -> array or scalar (broadcast), one dict per block of rows
        self.normalised: list[dict] = []
        self.audit: dict[str, list[dict]] = {name: [] for name in IndexAudit.TABLES}

    def result(self, config: IndexConfig) -> IndexResult:
        indices = _concat(self.indices, INDEX_COLUMNS)
        for column in ("rank", "rank_low", "rank_high"):
            indices[column] = indices[column].astype("Int64")
        indices["n_indicators"] = indices["n_indicators"].astype(np.int64)
        indices["year"] = indices["year"].astype(np.int64)
        normalised = _concat(self.normalised, NORMALISED_COLUMNS)
        normalised["year"] = normalised["year"].astype(np.int64)
        audit = IndexAudit.from_records(self.audit)
        return IndexResult(indices, normalised, audit, audit.sensitivity, config)


def _concat(parts: list[dict], columns: tuple[str, ...]) -> pd.DataFrame:
    """One frame from blocks of columns (scalars broadcast), built once: cheaper than many small frames."""
    lengths = [
        max(np.size(value) if not np.isscalar(value) else 1 for value in part.values()) for part in parts
    ]
    data = {}
    for column in columns:
        pieces = [
            np.full(n, part[column], dtype=object if isinstance(part[column], str) else None)
            if np.isscalar(part[column]) or part[column] is None
            else np.asarray(part[column])
            for part, n in zip(parts, lengths, strict=True)
        ]
        data[column] = np.concatenate(pieces) if pieces else np.array([], dtype=object)
    return pd.DataFrame(data, columns=list(columns))


class _DomainRun:
    """One domain at one peer level: cubes ``[territory, year, indicator]`` for the peers, ``[year,
    indicator]`` for the nation."""

    def __init__(
        self,
        domain: str,
        level: str,
        indicators: list[Indicator],
        peers: pd.DataFrame,
        nation: pd.DataFrame,
        config: IndexConfig,
        rng: np.random.Generator,
    ) -> None:
        self.domain, self.level, self.config, self.rng = domain, level, config, rng
        self.territories = np.array(sorted(peers["territory"].unique()), dtype=object)
        self.years = np.array(sorted(peers["year"].unique()), dtype=np.int64)
        self.indicators = indicators
        self.cube = _cube(peers, self.territories, self.years, [i.code for i in indicators])
        nation_codes = np.array(sorted(nation["territory"].unique()), dtype=object)
        self.nation_code = nation_codes[0] if nation_codes.size else None
        self.nation = (
            _cube(nation, nation_codes[:1], self.years, [i.code for i in indicators])[0]
            if self.nation_code is not None
            else None
        )

    def _audit_row(self, **fields) -> dict:
        return {"domain": self.domain, "territory_level": self.level, **fields}

    def run(self, out: _Collector) -> None:
        config = self.config
        coverage = indicator_coverage(self.cube)
        reasons = ["coverage" if share < config.min_indicator_coverage else "" for share in coverage]
        covered = [i for i, reason in enumerate(reasons) if not reason]
        rows_coverage = row_coverage(self.cube[:, :, covered]) if covered else np.zeros(self.cube.shape[:2])
        included = rows_coverage >= config.min_territory_coverage
        for i in covered:  # normalisation needs two distinct values among the territories kept
            observed = self.cube[:, :, i][included & ~np.isnan(self.cube[:, :, i])]
            if np.unique(observed).size < 2:
                reasons[i] = "no_variance"
        for indicator, share, reason in zip(self.indicators, coverage, reasons, strict=True):
            out.audit["coverage"].append(
                self._audit_row(
                    indicator=indicator.code, coverage=float(share), kept=not reason, reason=reason
                )
            )
        kept = [i for i, reason in enumerate(reasons) if not reason]
        if not kept:
            return
        for t, y in np.argwhere(~included):  # includes territories with no value at all that year
            out.audit["excluded"].append(
                self._audit_row(
                    territory=self.territories[t],
                    year=int(self.years[y]),
                    coverage=float(rows_coverage[t, y]),
                )
            )
        indicators = [self.indicators[i] for i in kept]
        cube = self.cube[:, :, kept]
        nation = self.nation[:, kept] if self.nation is not None else None
        filled, imputation = impute(cube, included, previous_year=config.imputation == "previous_year")
        imputed = np.zeros(cube.shape, dtype=bool)
        for (t, y, i), method in zip(imputation.cells, imputation.methods, strict=True):
            imputed[t, y, i] = True
            out.audit["imputed"].append(
                self._audit_row(
                    territory=self.territories[t],
                    year=int(self.years[y]),
                    indicator=indicators[i].code,
                    method=method,
                    value=float(filled[t, y, i]),
                )
            )
        nation_imputed = np.zeros(nation.shape, dtype=bool) if nation is not None else None
        if nation is not None:
            nation, nation_imputed = _carry_forward(nation)
        winsorised = self._treat(filled, included, indicators, out)
        self._score(cube, filled, imputed, winsorised, included, nation, nation_imputed, indicators, out)

    def _treat(
        self, filled: np.ndarray, included: np.ndarray, indicators: list[Indicator], out: _Collector
    ) -> np.ndarray:
        """Winsorise each indicator over the pooled peer values; modifies ``filled`` in place."""
        config = self.config
        winsorised = np.zeros(filled.shape, dtype=bool)
        for i, indicator in enumerate(indicators):
            cells = np.argwhere(included & ~np.isnan(filled[:, :, i]))
            pooled = filled[cells[:, 0], cells[:, 1], i]
            if not config.winsorise or pooled.size < 4:
                continue
            treated, report = winsorise(
                pooled, config.skew_threshold, config.kurtosis_threshold, config.max_winsorised
            )
            if np.unique(treated).size < 2:
                continue
            out.audit["treatment"].append(
                self._audit_row(
                    indicator=indicator.code,
                    skew_before=report.skew_before,
                    kurtosis_before=report.kurtosis_before,
                    n_winsorised=int(report.positions.size),
                    skew_after=report.skew_after,
                    kurtosis_after=report.kurtosis_after,
                    still_outlying=report.still_outlying,
                )
            )
            for position, original in zip(report.positions, report.original, strict=True):
                t, y = cells[position]
                filled[t, y, i] = treated[position]
                winsorised[t, y, i] = True
                out.audit["winsorised"].append(
                    self._audit_row(
                        territory=self.territories[t],
                        year=int(self.years[y]),
                        indicator=indicator.code,
                        original=float(original),
                        treated=float(treated[position]),
                    )
                )
        return winsorised

    def _score(
        self,
        raw: np.ndarray,
        filled: np.ndarray,
        imputed: np.ndarray,
        winsorised: np.ndarray,
        included: np.ndarray,
        nation: np.ndarray | None,
        nation_imputed: np.ndarray | None,
        indicators: list[Indicator],
        out: _Collector,
    ) -> None:
        config = self.config
        # Peer rows in (year, territory) order so that each year's peers are one contiguous block.
        year_index, territory_index = np.nonzero(included.T)
        peer_values = filled[territory_index, year_index]  # rows × indicators
        weights = np.array(
            [(config.weights or {}).get(indicator.code, indicator.weight) for indicator in indicators]
        )
        methods = tuple(dict.fromkeys((config.normalisation, *config.mc_normalisations, "zscore")))
        scales = IndicatorScales(
            peer_values,
            [indicator.direction for indicator in indicators],
            [
                None if indicator.goalpost_low is None else (indicator.goalpost_low, indicator.goalpost_high)
                for indicator in indicators
            ],
            methods,
        )
        normalised = {method: scales.normalise(method, peer_values) for method in methods}
        year_rows = [np.flatnonzero(year_index == y) for y in range(self.years.size)]

        # Nominal index.
        nominal, aggregation = config.normalisation, config.aggregation
        bounded = nominal in BOUNDED
        means, n_used = weighted_means(
            aggregation_inputs(normalised[nominal], scales.shifts(nominal), aggregation), weights
        )
        peer_scores = scores(means[:, 0], aggregation, bounded)
        low, high = (
            (0.0, 100.0) if bounded else (float(np.nanmin(peer_scores)), float(np.nanmax(peer_scores)))
        )
        if high <= low:
            high = low + 1.0
        ranks = np.empty(year_index.size, dtype=np.int64)
        for rows in year_rows:
            ranks[rows] = descending_ranks(means[rows, 0])

        rank_low, rank_high = self._uncertainty(
            normalised, scales, weights, year_rows, ranks, territory_index, year_index, out
        )

        # Audit of the indicators' agreement (on z-scores, direction applied).
        codes = [indicator.code for indicator in indicators]
        standardised = normalised["zscore"]
        for a, b, r in correlations(standardised, codes):
            out.audit["correlations"].append(self._audit_row(indicator_a=a, indicator_b=b, r=r))
        out.audit["alpha"].append(
            self._audit_row(n_indicators=len(codes), cronbach_alpha=cronbach_alpha(standardised))
        )

        territories = self.territories[territory_index]
        years = self.years[year_index]
        out.indices.append(
            {
                "domain": self.domain,
                "territory_level": self.level,
                "peer_level": self.level,
                "territory": territories,
                "year": years,
                "index": to_ten_scale(peer_scores, low, high),
                "rank": ranks,
                "rank_low": rank_low,
                "rank_high": rank_high,
                "n_indicators": n_used,
            }
        )
        n_rows, n_indicators = peer_values.shape
        out.normalised.append(
            {
                "domain": self.domain,
                "territory_level": self.level,
                "peer_level": self.level,
                "territory": np.repeat(territories, n_indicators),
                "year": np.repeat(years, n_indicators),
                "indicator": np.tile(codes, n_rows),
                "raw": raw[territory_index, year_index].ravel(),
                "treated": peer_values.ravel(),
                "normalised": normalised[nominal].ravel(),
                "imputed": imputed[territory_index, year_index].ravel(),
                "winsorised": winsorised[territory_index, year_index].ravel(),
            }
        )
        if nation is not None:
            self._score_nation(nation, nation_imputed, indicators, scales, weights, (low, high), out)

    def _uncertainty(
        self,
        normalised: dict[str, np.ndarray],
        scales: IndicatorScales,
        weights: np.ndarray,
        year_rows: list[np.ndarray],
        ranks: np.ndarray,
        territory_index: np.ndarray,
        year_index: np.ndarray,
        out: _Collector,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Monte Carlo rank interval of every peer row (stretched to hold the nominal rank), audited."""
        config = self.config
        if config.n_draws == 0:
            return np.full(ranks.size, np.nan), np.full(ranks.size, np.nan)
        inputs = {
            (m, a): aggregation_inputs(normalised[method], scales.shifts(method), agg)
            for m, method in enumerate(config.mc_normalisations)
            for a, agg in enumerate(config.mc_aggregations)
        }
        mc = monte_carlo(
            inputs,
            year_rows,
            weights,
            len(config.mc_normalisations),
            len(config.mc_aggregations),
            self.rng,
            n_draws=config.n_draws,
            noise=config.weight_noise,
            scheme=config.weight_scheme,
            concentration=config.dirichlet_concentration,
            interval=config.interval,
            sensitivity=config.sensitivity,
        )
        rank_low = np.minimum(mc.rank_low, ranks)
        rank_high = np.maximum(mc.rank_high, ranks)
        for row in range(ranks.size):
            out.audit["rank_moves"].append(
                self._audit_row(
                    territory=self.territories[territory_index[row]],
                    year=int(self.years[year_index[row]]),
                    rank=int(ranks[row]),
                    rank_low=int(rank_low[row]),
                    rank_high=int(rank_high[row]),
                    rank_median=float(mc.rank_median[row]),
                    width=int(rank_high[row] - rank_low[row]),
                    widened=bool(mc.rank_low[row] > ranks[row] or mc.rank_high[row] < ranks[row]),
                )
            )
        for assumption in ASSUMPTIONS if config.sensitivity else ():
            out.audit["sensitivity"].append(
                self._audit_row(
                    assumption=assumption,
                    first_order=mc.first_order[assumption],
                    total_order=mc.total_order[assumption],
                )
            )
        return rank_low, rank_high

    def _score_nation(
        self,
        nation: np.ndarray,
        nation_imputed: np.ndarray,
        indicators: list[Indicator],
        scales: IndicatorScales,
        weights: np.ndarray,
        ten_scale: tuple[float, float],
        out: _Collector,
    ) -> None:
        """The nation on this peer level's scale (same goalposts, shifts and 1-10 mapping), unranked."""
        has_value = ~np.all(np.isnan(nation), axis=1)
        if not has_value.any():
            return
        nominal, aggregation = self.config.normalisation, self.config.aggregation
        nation_normalised = scales.normalise(nominal, nation[has_value])
        means, used = weighted_means(
            aggregation_inputs(nation_normalised, scales.shifts(nominal), aggregation), weights
        )
        years = self.years[has_value]
        out.indices.append(
            {
                "domain": self.domain,
                "territory_level": NATION,
                "peer_level": self.level,
                "territory": self.nation_code,
                "year": years,
                "index": to_ten_scale(scores(means[:, 0], aggregation, nominal in BOUNDED), *ten_scale),
                "rank": np.nan,
                "rank_low": np.nan,
                "rank_high": np.nan,
                "n_indicators": used,
            }
        )
        n_indicators = len(indicators)
        positions = [self.indicators.index(indicator) for indicator in indicators]
        out.normalised.append(
            {
                "domain": self.domain,
                "territory_level": NATION,
                "peer_level": self.level,
                "territory": self.nation_code,
                "year": np.repeat(years, n_indicators),
                "indicator": np.tile([indicator.code for indicator in indicators], years.size),
                "raw": self.nation[:, positions][has_value].ravel(),
                "treated": nation[has_value].ravel(),
                "normalised": nation_normalised.ravel(),
                "imputed": nation_imputed[has_value].ravel(),
                "winsorised": False,
            }
        )


def _cube(rows: pd.DataFrame, territories: np.ndarray, years: np.ndarray, codes: list[str]) -> np.ndarray:
    """``values[territory, year, indicator]`` with NaN where there is no row."""
    cube = np.full((territories.size, years.size, len(codes)), np.nan)
    positions = (
        {key: i for i, key in enumerate(territories)},
        {int(key): i for i, key in enumerate(years)},
        {key: i for i, key in enumerate(codes)},
    )
    columns = (rows["territory"].to_numpy(), rows["year"].to_numpy(), rows["indicator"].to_numpy())
    for territory, year, indicator, value in zip(*columns, rows["value"].to_numpy(), strict=True):
        t = positions[0].get(territory)
        y = positions[1].get(int(year))
        i = positions[2].get(indicator)
        if t is not None and y is not None and i is not None:
            cube[t, y, i] = value
    return cube


def _carry_forward(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Fill each column's gaps with its previous non-missing value (the nation has no peers to average)."""
    filled = pd.DataFrame(matrix).ffill().to_numpy()
    return filled, np.isnan(matrix) & ~np.isnan(filled)
