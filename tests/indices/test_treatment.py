"""Coverage screening, imputation and winsorisation (COINr's rules), alone and inside the pipeline."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from observatoire.indices import IndexConfig, compute_indices
from observatoire.indices.metadata import Indicator, IndicatorMetadata
from observatoire.indices.treatment import impute, is_outlying, kurtosis, skewness, winsorise

# COINr's own example: 1..10 plus two outliers.
OUTLYING = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100], dtype=float)


def test_moments_are_the_adjusted_ones_coinr_uses():
    # e1071 type 2 = scipy's bias-corrected estimators
    assert skewness(OUTLYING) == pytest.approx(stats.skew(OUTLYING, bias=False))
    assert kurtosis(OUTLYING) == pytest.approx(stats.kurtosis(OUTLYING, bias=False))
    assert (skewness(OUTLYING), kurtosis(OUTLYING)) == pytest.approx((3.0632, 9.7414), abs=1e-4)


def test_winsorisation_triggers_beyond_both_thresholds_and_stops_when_it_passes():
    treated, report = winsorise(OUTLYING)
    # 100 takes the next highest value, 30; then skew 1.71 < 2: the test passes, stop.
    assert treated.tolist() == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 30]
    assert report.positions.tolist() == [11]
    assert report.original.tolist() == [100.0]
    assert not report.still_outlying
    assert report.skew_after == pytest.approx(1.712, abs=1e-3)


def test_no_winsorisation_when_only_kurtosis_exceeds():
    symmetric = np.array([-100.0, *[0.0] * 10, 100.0])  # skew 0, kurtosis 5.5
    assert kurtosis(symmetric) > 3.5
    assert skewness(symmetric) == 0
    treated, report = winsorise(symmetric)
    assert report.positions.size == 0
    assert np.array_equal(treated, symmetric)


def test_no_winsorisation_when_only_skew_exceeds():
    skewed = np.array([0.2, 0.5, 0.1, 0.1, 0.0, 0.0, 24.4, 45.0, 0.0])  # skew 2.04, kurtosis 3.47
    assert skewness(skewed) > 2
    assert kurtosis(skewed) < 3.5
    assert not is_outlying(skewed, 2.0, 3.5)
    treated, report = winsorise(skewed)
    assert report.positions.size == 0
    assert np.array_equal(treated, skewed)


def test_winsorisation_stops_at_the_maximum_number_of_points():
    many = np.array([*[0.0] * 30, 100, 200, 400, 800, 1600, 3200, 6400, 12800])
    treated, report = winsorise(many, max_points=3)
    assert report.positions.size == 3
    assert report.still_outlying
    assert treated.max() == 1600  # 12800, 6400, 3200 each took the next value down in turn
    assert np.sort(report.original).tolist() == [3200, 6400, 12800]


def test_imputation_previous_year_then_peer_mean():
    # cube[territory, year, indicator], one indicator, 3 territories, 2 years
    cube = np.array([[[10.0], [np.nan]], [[np.nan], [20.0]], [[30.0], [40.0]]])
    included = np.ones((3, 2), dtype=bool)
    filled, imputation = impute(cube, included)
    assert filled[0, 1, 0] == 10.0  # territory 0, 2nd year: its own previous value
    assert filled[1, 0, 0] == 20.0  # territory 1, 1st year: no earlier value -> mean of peers (10 + 30) / 2
    assert imputation.methods == ["previous_year", "peer_mean"]  # cells in (territory, year) order
    only_peers, _ = impute(cube, included, previous_year=False)
    assert only_peers[0, 1, 0] == 30.0  # mean of 20 and 40


def _metadata(n: int) -> IndicatorMetadata:
    return IndicatorMetadata(
        [Indicator(f"x{i}", "sante", f"X{i}", "DREES", "2019", "u", 1) for i in range(n)]
    )


def _frame(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["territory", "indicator", "year", "value"])


def test_pipeline_screens_coverage_and_reports_it():
    territories = [f"R{i}" for i in range(6)]
    rows = [(t, "x0", 2019, float(i)) for i, t in enumerate(territories)]
    rows += [(t, "x1", 2019, float(i * i)) for i, t in enumerate(territories[:5])]  # 5/6 covered
    rows += [(t, "x2", 2019, float(i)) for i, t in enumerate(territories[:2])]  # 2/6: dropped
    levels = dict.fromkeys(territories, "region")
    result = compute_indices(_frame(rows), _metadata(3), IndexConfig(n_draws=0), levels)
    coverage = result.audit.coverage.set_index("indicator")
    assert coverage.loc["x2", "kept"] == False  # noqa: E712 (numpy bool)
    assert coverage.loc["x2", "reason"] == "coverage"
    assert coverage.loc["x1", "coverage"] == pytest.approx(5 / 6)
    # R5 lacks x1: imputed by the peers' mean (0 + 1 + 4 + 9 + 16) / 5 = 6
    imputed = result.audit.imputed
    assert imputed[["territory", "indicator", "method"]].values.tolist() == [["R5", "x1", "peer_mean"]]
    assert imputed["value"].iloc[0] == pytest.approx(6.0)
    assert set(result.normalised["indicator"]) == {"x0", "x1"}
    assert result.indices["n_indicators"].eq(2).all()


def test_pipeline_excludes_territory_years_with_too_few_indicators():
    territories = [f"R{i}" for i in range(4)]
    rows = [(t, f"x{k}", 2019, float(i + k)) for i, t in enumerate(territories) for k in range(3)]
    rows = [row for row in rows if not (row[0] == "R3" and row[1] != "x0")]  # R3 has 1 of 3
    rows = [row for row in rows if row[0] != "R0" or row[1] != "x0"]  # R0 misses one
    levels = dict.fromkeys(territories, "region")
    result = compute_indices(_frame(rows), _metadata(3), IndexConfig(n_draws=0), levels)
    assert sorted(result.indices["territory"]) == ["R0", "R1", "R2"]
    excluded = result.audit.excluded
    assert excluded[["territory", "year"]].values.tolist() == [["R3", 2019]]
    assert excluded["coverage"].iloc[0] == pytest.approx(1 / 3)


def test_pipeline_winsorises_pooled_years_and_flags_points():
    values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100]
    territories = [f"R{i}" for i in range(6)]
    rows = [(territories[i % 6], "x0", 2015 + 4 * (i // 6), float(v)) for i, v in enumerate(values)]
    rows += [(territories[i % 6], "x1", 2015 + 4 * (i // 6), float(i % 5)) for i in range(12)]
    levels = dict.fromkeys(territories, "region")
    result = compute_indices(_frame(rows), _metadata(2), IndexConfig(n_draws=0), levels)
    points = result.audit.winsorised
    assert points[["territory", "year", "indicator", "original", "treated"]].values.tolist() == [
        ["R5", 2019, "x0", 100.0, 30.0]
    ]
    flagged = result.normalised[result.normalised["winsorised"]]
    assert flagged[["territory", "year", "indicator"]].values.tolist() == [["R5", 2019, "x0"]]
    # With the treatment off, the 100 stays and sets the max-goalpost.
    untreated = compute_indices(_frame(rows), _metadata(2), IndexConfig(n_draws=0, winsorise=False), levels)
    assert not untreated.normalised["winsorised"].any()
    assert untreated.audit.winsorised.empty


def test_constant_indicator_is_dropped_not_divided_by_zero():
    territories = [f"R{i}" for i in range(5)]
    rows = [(t, "x0", 2019, float(i)) for i, t in enumerate(territories)]
    rows += [(t, "x1", 2019, 7.0) for t in territories]
    levels = dict.fromkeys(territories, "region")
    result = compute_indices(_frame(rows), _metadata(2), IndexConfig(n_draws=20), levels)
    coverage = result.audit.coverage.set_index("indicator")
    assert coverage.loc["x1", "reason"] == "no_variance"
    assert result.indices["n_indicators"].eq(1).all()
    assert np.isfinite(result.indices["index"]).all()


def test_config_is_checked():
    with pytest.raises(ValueError, match="normalisation"):
        IndexConfig(normalisation="log")
    with pytest.raises(ValueError, match="weight_noise"):
        IndexConfig(weight_noise=1.5)
    with pytest.raises(ValueError, match="absent from the metadata"):
        compute_indices(_frame([("R0", "x0", 2019, 1.0)]), _metadata(1), IndexConfig(weights={"zz": 2.0}), {})
