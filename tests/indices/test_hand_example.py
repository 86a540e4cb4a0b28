"""The pipeline on an example small enough to compute by hand (numbers in the comments).

Three régions A, B, C and the nation FR; two indicators of the domain "emploi" over 2015 and 2019:
x1 (direction +1, higher = more fragile) and x2 (direction -1, higher = less fragile).

            x1 2015  x1 2019  x2 2015  x2 2019
    A         10       12        5        6
    B         20       18        3        2
    C         30       40        4        4
    FR        20       22        4        4     (reference, not a peer)
"""

import math

import pandas as pd
import pytest

from observatoire.indices import IndexConfig, compute_indices
from observatoire.indices.metadata import Indicator, IndicatorMetadata

RAW = {"A": (10, 12, 5, 6), "B": (20, 18, 3, 2), "C": (30, 40, 4, 4), "FR": (20, 22, 4, 4)}
LEVELS = {"A": "region", "B": "region", "C": "region", "FR": "nation"}


def _metadata(**x1_fields) -> IndicatorMetadata:
    return IndicatorMetadata(
        [
            Indicator("x1", "emploi", "Taux x1", "INSEE", "2019", "%", 1, **x1_fields),
            Indicator("x2", "emploi", "Revenu x2", "INSEE", "2019", "k€", -1),
        ]
    )


def _values() -> pd.DataFrame:
    rows = []
    for territory, (x1_15, x1_19, x2_15, x2_19) in RAW.items():
        rows += [
            (territory, "x1", 2015, x1_15),
            (territory, "x1", 2019, x1_19),
            (territory, "x2", 2015, x2_15),
            (territory, "x2", 2019, x2_19),
        ]
    return pd.DataFrame(rows, columns=["territory", "indicator", "year", "value"])


def _run(**config) -> tuple[pd.DataFrame, pd.DataFrame]:
    result = compute_indices(_values(), _metadata(), IndexConfig(n_draws=0, **config), LEVELS)
    return result.indices.set_index(["territory", "year"]), result.normalised.set_index(
        ["territory", "year", "indicator"]
    )


def _normalised(frame: pd.DataFrame, indicator: str) -> list[float]:
    order = [("A", 2015), ("B", 2015), ("C", 2015), ("A", 2019), ("B", 2019), ("C", 2019)]
    return [frame.loc[(t, y, indicator), "normalised"] for t, y in order]


def test_minmax_goalposts_are_pooled_over_years_and_direction_is_flipped():
    _, normalised = _run(normalisation="minmax")
    # x1 goalposts over both years: min 10, max 40 -> 100 (x - 10) / 30
    # A15 0, B15 33.33, C15 66.67, A19 6.67, B19 26.67, C19 100
    assert _normalised(normalised, "x1") == pytest.approx([0, 100 / 3, 200 / 3, 20 / 3, 80 / 3, 100])
    # x2 is -1: min 2, max 6 -> 100 (6 - x) / 4: A15 25, B15 75, C15 50, A19 0, B19 100, C19 50
    assert _normalised(normalised, "x2") == pytest.approx([25, 75, 50, 0, 100, 50])
    # The nation is normalised with the peers' goalposts: x1 2015 = 100 (20 - 10) / 30 = 33.33
    assert normalised.loc[("FR", 2015, "x1"), "normalised"] == pytest.approx(100 / 3)


def test_fixed_goalposts_from_metadata_and_clipping():
    values = _values()
    metadata = _metadata(goalpost_low=0.0, goalpost_high=35.0)
    result = compute_indices(values, metadata, IndexConfig(n_draws=0), LEVELS)
    frame = result.normalised.set_index(["territory", "year", "indicator"])
    # 100 (x - 0) / 35: A15 = 28.57; C19 = 40 is beyond the goalpost -> clipped to 100
    assert frame.loc[("A", 2015, "x1"), "normalised"] == pytest.approx(1000 / 35)
    assert frame.loc[("C", 2019, "x1"), "normalised"] == pytest.approx(100.0)


def test_arithmetic_mean_of_minmax_on_the_ten_point_scale():
    indices, _ = _run(normalisation="minmax", aggregation="arithmetic")
    # means: A15 (0 + 25)/2 = 12.5, B15 (33.33 + 75)/2 = 54.17, C15 (66.67 + 50)/2 = 58.33,
    #        A19 (6.67 + 0)/2 = 3.33, B19 (26.67 + 100)/2 = 63.33, C19 (100 + 50)/2 = 75
    # 1-10 scale: 1 + 9 × mean / 100
    expected = {
        ("A", 2015): 1 + 9 * 0.125,  # 2.125
        ("B", 2015): 1 + 9 * (325 / 6) / 100,  # 5.875
        ("C", 2015): 1 + 9 * (175 / 3) / 100,  # 6.25
        ("A", 2019): 1 + 9 * (10 / 3) / 100,  # 1.3
        ("B", 2019): 1 + 9 * (190 / 3) / 100,  # 6.7
        ("C", 2019): 1 + 9 * 0.75,  # 7.75
    }
    for key, index in expected.items():
        assert indices.loc[key, "index"] == pytest.approx(index)
    # Ranks among the peers of each year, 1 = most fragile: C, B, A both years
    assert [indices.loc[(t, 2015), "rank"] for t in "ABC"] == [3, 2, 1]
    assert [indices.loc[(t, 2019), "rank"] for t in "ABC"] == [3, 2, 1]
    # The nation in 2015: x1 33.33, x2 (6 - 4)/4 = 50 -> mean 41.67 -> 1 + 9 × 0.4167 = 4.75; never ranked
    nation = indices.loc[("FR", 2015)]
    assert nation["index"] == pytest.approx(4.75)
    assert nation["territory_level"] == "nation"
    assert nation["peer_level"] == "region"
    assert pd.isna(nation["rank"])


def test_geometric_mean_of_minmax_shifted_by_one():
    indices, _ = _run(normalisation="minmax", aggregation="geometric")
    # gmean(x + 1) - 1 (the +1 keeps zeros positive): A15 sqrt(1 × 26) - 1 = 4.0990,
    # B15 sqrt(34.33 × 76) - 1 = 50.0816, C19 sqrt(101 × 51) - 1 = 70.7700
    assert indices.loc[("A", 2015), "index"] == pytest.approx(1 + 9 * (math.sqrt(26) - 1) / 100)
    b15 = math.sqrt((100 / 3 + 1) * 76) - 1
    assert indices.loc[("B", 2015), "index"] == pytest.approx(1 + 9 * b15 / 100)
    assert indices.loc[("C", 2019), "index"] == pytest.approx(1 + 9 * (math.sqrt(101 * 51) - 1) / 100)
    assert (1 + 9 * (math.sqrt(26) - 1) / 100) == pytest.approx(1.368912, abs=1e-6)
    # Less compensatory than the arithmetic mean: A15's 0 on x1 pulls it below (0 + 25)/2 = 12.5
    assert math.sqrt(26) - 1 < 12.5


def test_zscore_with_pooled_mean_and_sd():
    _, normalised = _run(normalisation="zscore")
    # x1 pooled: 10, 20, 30, 12, 18, 40; mean 130/6 = 21.667; squared deviations sum 651.33;
    # sd (n - 1) = sqrt(651.33 / 5)
    mean, sd = 130 / 6, math.sqrt((651 + 1 / 3) / 5)  # sd = 11.4135
    expected = [(x - mean) / sd for x in (10, 20, 30, 12, 18, 40)]
    assert _normalised(normalised, "x1") == pytest.approx(expected)
    assert expected[0] == pytest.approx(-1.02219, abs=1e-5)
    # x2 (-1): 5, 3, 4, 6, 2, 4; mean 4, sd sqrt(10/5) = 1.4142 -> -(x - 4)/1.4142
    expected_x2 = [-(x - 4) / math.sqrt(2) for x in (5, 3, 4, 6, 2, 4)]
    assert _normalised(normalised, "x2") == pytest.approx(expected_x2)


def test_zscore_index_uses_the_pooled_range_of_scores():
    indices, _ = _run(normalisation="zscore", aggregation="arithmetic")
    peers = indices[indices["territory_level"] == "region"]["index"]
    # Unbounded z-scores: the lowest peer score over both years maps to 1, the highest to 10
    assert peers.min() == pytest.approx(1.0)
    assert peers.max() == pytest.approx(10.0)
    assert indices.loc[("A", 2019), "index"] == pytest.approx(1.0)  # A19: (-0.8470 + 1.4142)/2 is lowest
    assert indices.loc[("C", 2019), "index"] == pytest.approx(10.0)


def test_geometric_mean_of_zscores_is_shifted_to_a_minimum_of_one():
    indices, _ = _run(normalisation="zscore", aggregation="geometric")
    # Each indicator's z-scores get + (1 - min z) so that the lowest peer is exactly 1.
    # x1: z = (x - 21.667) / 11.4135, min at 10 (-1.0222): shifted = (x - 10) / 11.4135 + 1
    # x2: z = -(x - 4) / 1.4142, min at 6 (-1.4142): shifted = (6 - x) / 1.4142 + 1
    sd1 = math.sqrt((651 + 1 / 3) / 5)
    x1 = {"A15": 10, "B15": 20, "C15": 30, "A19": 12, "B19": 18, "C19": 40}
    x2 = {"A15": 5, "B15": 3, "C15": 4, "A19": 6, "B19": 2, "C19": 4}
    score = {k: math.sqrt(((x1[k] - 10) / sd1 + 1) * ((6 - x2[k]) / math.sqrt(2) + 1)) for k in x1}
    # A15 = sqrt(1 × 1.7071) = 1.3066; A19 = sqrt(1.1752 × 1) = 1.0841 is the lowest, C19 the highest
    assert score["A15"] == pytest.approx(1.30656, abs=1e-5)
    low, high = min(score.values()), max(score.values())
    assert (low, high) == (score["A19"], score["C19"])
    for key, value in score.items():
        territory, year = key[0], 2000 + int(key[1:])
        assert indices.loc[(territory, year), "index"] == pytest.approx(1 + 9 * (value - low) / (high - low))


def test_rank_normalisation_is_the_pooled_percentile():
    _, normalised = _run(normalisation="rank")
    # x1 pooled sorted: 10 12 18 20 30 40 -> percentile 100 (rank - 1) / 5
    # A15 = 10 -> 0, B15 = 20 -> 60, C15 = 30 -> 80, A19 = 12 -> 20, B19 = 18 -> 40, C19 = 40 -> 100
    assert _normalised(normalised, "x1") == pytest.approx([0, 60, 80, 20, 40, 100])
    # x2 (-1), oriented -x: -6 -5 -4 -4 -3 -2; ties share the mid-rank 3.5 -> 100 × 2.5/5 = 50
    # A15 (-5) 20, B15 (-3) 80, C15 (-4) 50, A19 (-6) 0, B19 (-2) 100, C19 (-4) 50
    assert _normalised(normalised, "x2") == pytest.approx([20, 80, 50, 0, 100, 50])


def test_expert_weights_change_the_arithmetic_mean():
    indices, _ = _run(weights={"x1": 3.0, "x2": 1.0})
    # A15: (3 × 0 + 1 × 25) / 4 = 6.25 -> 1 + 9 × 0.0625 = 1.5625
    assert indices.loc[("A", 2015), "index"] == pytest.approx(1.5625)


def test_output_schema():
    result = compute_indices(_values(), _metadata(), IndexConfig(n_draws=50), LEVELS)
    assert list(result.indices.columns) == [
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
    ]
    assert str(result.indices["rank"].dtype) == "Int64"
    assert result.indices["n_indicators"].eq(2).all()
    assert result.indices["index"].between(1, 10).all()
    assert len(result.normalised) == 4 * 2 * 2  # (3 peers + nation) × 2 years × 2 indicators
