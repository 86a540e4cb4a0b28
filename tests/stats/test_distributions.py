"""The normal and Student tails against R's ``pt``, ``pnorm`` and ``qnorm`` (golden values written by
``tests/stats/golden_distributions/distributions.R``, R version in ``versions.txt``), and against
scipy.special, which the estimates no longer import."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import special

from observatoire.stats.distributions import normal_quantile, normal_sf, t_quantile, t_two_sided

GOLDEN = Path(__file__).parent / "golden_distributions"


def _relative(ours: np.ndarray, reference: np.ndarray) -> np.ndarray:
    return np.abs(ours - reference) / np.maximum(np.abs(reference), 1e-300)


def test_student_tail_equals_r():
    golden = pd.read_csv(GOLDEN / "t_tail.csv")
    ours = t_two_sided(golden["t"].to_numpy(), golden["df"].to_numpy())
    reference = golden["p"].to_numpy()
    tolerance = np.where(golden["df"] <= 1e6, 1e-12, 1e-10)  # extended precision, see the module
    tolerance = np.where(reference < 1e-250, 1e-7, tolerance)  # where doubles run out of exponent
    bad = _relative(ours, reference) > tolerance
    assert not bad.any(), golden[bad].assign(ours=ours[bad])


def test_normal_tail_and_quantile_equal_r():
    golden = pd.read_csv(GOLDEN / "normal.csv")
    tails = golden[golden["kind"] == "sf"]
    assert _relative(normal_sf(tails["x"].to_numpy()), tails["value"].to_numpy()).max() < 1e-13
    for _, row in golden[golden["kind"] == "quantile"].iterrows():
        assert normal_quantile(row["x"]) == pytest.approx(row["value"], rel=1e-15)


@settings(max_examples=300, deadline=None)
@given(
    st.floats(0.5, 5e5),
    st.floats(-60, 60, allow_nan=False),
)
def test_student_tail_equals_scipy(df, t_stat):
    reference = 2 * special.stdtr(df, -abs(t_stat))
    assert t_two_sided(t_stat, df) == pytest.approx(reference, rel=1e-11, abs=1e-300)


def test_shapes_missing_values_and_limits():
    t_stat = np.array([[np.nan, 0.0], [np.inf, 2.0]])
    found = t_two_sided(t_stat, np.array([5.0, 0.0]))
    assert found.shape == (2, 2)
    assert np.isnan(found[0, 0])
    assert np.isnan(found[0, 1])  # no degrees of freedom: NaN, as R's pt
    assert found[1, 0] == 0.0
    assert t_two_sided(0.0, 10.0) == 1.0
    assert t_two_sided(1.96, 1e12) == pytest.approx(2 * special.ndtr(-1.96), rel=1e-11)
    assert np.isnan(normal_sf(np.array([np.nan]))[0])


def test_t_quantile_is_scipys():
    assert t_quantile(0.975, 12.0) == pytest.approx(special.stdtrit(12.0, 0.975), rel=1e-15)
