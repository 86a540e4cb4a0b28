"""Monte Carlo rank intervals and Sobol' sensitivity shares."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.stats import rankdata

from observatoire.indices import IndexConfig, compute_indices
from observatoire.indices.aggregate import descending_ranks
from observatoire.indices.metadata import Indicator, IndicatorMetadata

TERRITORIES = [f"R{i:02d}" for i in range(13)]
LEVELS = {**dict.fromkeys(TERRITORIES, "region"), "FR": "nation"}


def _metadata() -> IndicatorMetadata:
    return IndicatorMetadata(
        [
            Indicator("chomage", "emploi", "Chômage", "INSEE", "2019", "%", 1),
            Indicator("emploi_jeunes", "emploi", "Emploi des jeunes", "INSEE", "2019", "%", -1),
            Indicator("precarite", "emploi", "Précarité", "INSEE", "2019", "%", 1),
            Indicator("pauvrete", "pauvrete", "Pauvreté", "INSEE", "2019", "%", 1),
            Indicator("rsa", "pauvrete", "RSA", "CNAF", "2019", "%", 1),
        ]
    )


def _values(seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for territory in [*TERRITORIES, "FR"]:
        for year in (2015, 2019):
            for indicator in _metadata():
                rows.append((territory, indicator, year, float(rng.lognormal(2, 0.4))))
    return pd.DataFrame(rows, columns=["territory", "indicator", "year", "value"])


@pytest.fixture(scope="module")
def result():
    return compute_indices(_values(), _metadata(), IndexConfig(n_draws=300, seed=11), LEVELS)


def test_rank_intervals_contain_the_point_rank(result):
    peers = result.indices[result.indices["territory_level"] == "region"]
    assert len(peers) == 2 * 13 * 2
    assert (peers["rank_low"] <= peers["rank"]).all()
    assert (peers["rank"] <= peers["rank_high"]).all()
    assert peers["rank_low"].between(1, 13).all()
    assert peers["rank_high"].between(1, 13).all()
    # the assumptions do move ranks on this data: some intervals are wide
    assert (peers["rank_high"] - peers["rank_low"]).max() >= 2


def test_one_normalisation_one_aggregation_equal_weights_give_zero_width():
    config = IndexConfig(
        n_draws=200, mc_normalisations=("minmax",), mc_aggregations=("arithmetic",), weight_noise=0.0
    )
    indices = compute_indices(_values(), _metadata(), config, LEVELS).indices
    peers = indices[indices["territory_level"] == "region"]
    assert (peers["rank_low"] == peers["rank"]).all()
    assert (peers["rank_high"] == peers["rank"]).all()


def test_same_seed_same_result_other_seed_other_draws():
    first = compute_indices(_values(), _metadata(), IndexConfig(n_draws=100, seed=3), LEVELS)
    again = compute_indices(_values(), _metadata(), IndexConfig(n_draws=100, seed=3), LEVELS)
    other = compute_indices(_values(), _metadata(), IndexConfig(n_draws=100, seed=4), LEVELS)
    pd.testing.assert_frame_equal(first.indices, again.indices)
    pd.testing.assert_frame_equal(first.sensitivity, again.sensitivity)
    assert not first.sensitivity["first_order"].equals(other.sensitivity["first_order"])
    # the nominal index does not depend on the seed
    pd.testing.assert_series_equal(first.indices["index"], other.indices["index"])


def test_sensitivity_names_the_only_varying_assumption():
    # Only the normalisation varies: it explains all the rank variance, weights and aggregation none.
    config = IndexConfig(n_draws=400, mc_aggregations=("arithmetic",), weight_noise=0.0)
    sensitivity = compute_indices(_values(), _metadata(), config, LEVELS).sensitivity
    by_assumption = sensitivity[sensitivity["domain"] == "emploi"].set_index("assumption")
    assert by_assumption.loc["normalisation", "total_order"] == pytest.approx(1.0, abs=0.15)
    assert by_assumption.loc["normalisation", "first_order"] == pytest.approx(1.0, abs=0.15)
    assert by_assumption.loc["weights", "total_order"] == 0.0
    assert by_assumption.loc["aggregation", "total_order"] == 0.0


def test_dirichlet_weights_also_give_intervals_containing_the_rank():
    config = IndexConfig(n_draws=200, weight_scheme="dirichlet")
    peers = compute_indices(_values(), _metadata(), config, LEVELS).indices.dropna(subset=["rank"])
    assert ((peers["rank_low"] <= peers["rank"]) & (peers["rank"] <= peers["rank_high"])).all()


def test_descending_ranks_share_ties():
    values = np.array([[3.0, 1.0], [5.0, 1.0], [3.0, 2.0], [1.0, 0.5]])
    assert descending_ranks(values).tolist() == [[2, 2], [1, 2], [2, 1], [4, 4]]


def test_audit_lists_rank_moves_largest_first(result):
    moves = result.audit.rank_moves
    assert moves["width"].is_monotonic_decreasing
    assert (moves["width"] == moves["rank_high"] - moves["rank_low"]).all()


@given(
    arrays(
        np.float64,
        st.tuples(st.integers(1, 12), st.integers(1, 4)),
        elements=st.sampled_from([0.0, 1.5, 2, 7]),
    )
)
def test_descending_ranks_match_scipy_min_ranks(values):
    expected = np.column_stack([rankdata(-column, method="min") for column in values.T])
    assert descending_ranks(values).tolist() == expected.astype(int).tolist()


def test_an_indicator_missing_for_a_whole_year_is_skipped_that_year():
    values = _values()
    # "precarite" has no value at all in 2015: no earlier year, no peer mean -> aggregated without it.
    values = values[~((values["indicator"] == "precarite") & (values["year"] == 2015))]
    config = IndexConfig(n_draws=50, min_indicator_coverage=0.5)
    indices = compute_indices(values, _metadata(), config, LEVELS).indices
    emploi = indices[(indices["domain"] == "emploi") & (indices["territory_level"] == "region")]
    assert emploi.loc[emploi["year"] == 2015, "n_indicators"].eq(2).all()
    assert emploi.loc[emploi["year"] == 2019, "n_indicators"].eq(3).all()
    assert emploi["index"].notna().all()
    assert ((emploi["rank_low"] <= emploi["rank"]) & (emploi["rank"] <= emploi["rank_high"])).all()
