"""Calibration properties: equivalences R documents, margins met, invariance to row order."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from observatoire.stats.calibration import post_stratify, rake
from observatoire.stats.design import Design
from observatoire.stats.greg import calibrate


def _sample(seed: int, n: int = 300):
    rng = np.random.default_rng(seed)
    data = pd.DataFrame(
        {
            "strate": rng.integers(0, 3, n),
            "psu": rng.integers(0, 30, n),
            "w": rng.uniform(1, 4, n),
            "zone": rng.choice(["nord", "sud", "est", "ouest"], n, p=[0.4, 0.3, 0.2, 0.1]),
            "sexe": rng.choice(["F", "H"], n),
            "y": rng.normal(10, 3, n),
        }
    )
    data["y"] += (data["zone"] == "nord") * 2.0
    zones = pd.Series({"est": 2000.0, "nord": 3000.0, "ouest": 1500.0, "sud": 3500.0})
    sexes = pd.Series({"F": 5200.0, "H": 4800.0})
    design = Design.from_frame(data, weights="w", strata="strate", psu="psu")
    return design, data, zones, sexes


def _total_se(design: Design, y: np.ndarray) -> float:
    return float(np.sqrt(design.variance(y * design.weights)[0, 0]))


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_post_stratification_equals_linear_calibration_on_one_factor(seed):
    # ?calibrate: "For a single factor variable this is equivalent to postStratify"
    design, data, zones, _ = _sample(seed)
    ps = post_stratify(design, data, "zone", zones)
    greg = calibrate(design, data, {"zone": zones})
    np.testing.assert_allclose(ps.weights, greg.weights, rtol=1e-12)
    y = data["y"].to_numpy()
    np.testing.assert_allclose(_total_se(ps, y), _total_se(greg, y), rtol=1e-9)
    assert _total_se(ps, y) != _total_se(design, y)


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_raking_meets_every_margin_and_matches_calibration_with_the_raking_distance(seed):
    design, data, zones, sexes = _sample(seed)
    raked = rake(design, data, {"zone": zones, "sexe": sexes}, epsilon=1e-10, maxit=200)
    by_zone = pd.Series(raked.weights).groupby(data["zone"]).sum()
    np.testing.assert_allclose(by_zone[zones.index], zones, rtol=1e-9)
    by_sex = pd.Series(raked.weights).groupby(data["sexe"]).sum()
    np.testing.assert_allclose(by_sex[sexes.index], sexes, rtol=1e-9)
    # the raking ratio and generalised raking (exponential distance) reach the same weights
    greg = calibrate(design, data, {"zone": zones, "sexe": sexes}, calfun="raking", epsilon=1e-12, maxit=100)
    np.testing.assert_allclose(raked.weights, greg.weights, rtol=1e-7)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_calibration_is_invariant_to_row_order(seed):
    design, data, zones, sexes = _sample(seed)
    order = np.random.default_rng(seed).permutation(len(data))
    shuffled = data.iloc[order].reset_index(drop=True)
    other = Design.from_frame(shuffled, weights="w", strata="strate", psu="psu")
    y, ys = (frame["y"].gt(11).to_numpy(dtype=float) for frame in (data, shuffled))  # calibrated on neither
    for method in (
        lambda d, f: rake(d, f, {"zone": zones, "sexe": sexes}),
        lambda d, f: calibrate(d, f, {"zone": zones}, {"y": 105_000.0}),
    ):
        a, b = method(design, data), method(other, shuffled)
        np.testing.assert_allclose(a.weights[order], b.weights, rtol=1e-12)
        np.testing.assert_allclose(_total_se(a, y), _total_se(b, ys), rtol=1e-9)


def test_rake_on_one_margin_is_post_stratification():
    design, data, zones, _ = _sample(7)
    raked = rake(design, data, {"zone": zones})
    np.testing.assert_allclose(raked.weights, post_stratify(design, data, "zone", zones).weights, rtol=1e-12)
    assert raked.calibrations[-1].iterations == 2  # R: a second pass sees no change


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), columns=st.integers(1, 4))
def test_raking_residuals_equal_r_literal_sweeps(seed, columns):
    design, data, zones, sexes = _sample(seed)
    raked = rake(design, data, {"zone": zones, "sexe": sexes}, epsilon=1e-3)
    step = raked.calibrations[-1]
    x = np.random.default_rng(seed).normal(size=(len(data), columns)) * raked.weights[:, None]
    expected = x.copy()
    for _ in range(10):  # svyrecvar: for (margin in psvar) x <- x - psw * apply(x/psw, 2, ave, margin)
        for codes, _size, psw in step.margins:
            ratio = pd.DataFrame(expected / psw[:, None])
            expected = expected - psw[:, None] * ratio.groupby(codes).transform("mean").to_numpy()
    np.testing.assert_allclose(step.residualize(x), expected, rtol=1e-9, atol=1e-12 * np.abs(x).max())
