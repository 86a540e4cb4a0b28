"""Calibration equals R's survey 4.1 (postStratify, rake, calibrate, trimWeights) on the api data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from observatoire.stats.calibration import post_stratify, rake, trim_weights
from observatoire.stats.greg import calibrate

from ._api_golden import (
    POP_IMP,
    POP_SCHWIDE,
    POP_TABLE,
    POP_TYPES,
    close,
    dclus1,
    dstrat,
    golden,
    svymean,
    svytotal,
)

API99_TOTAL = 3914069


def _check(name: str, design, data: pd.DataFrame) -> None:
    expected = golden()["calibration"][name]
    close(design.weights, expected["weights"])
    mean, se = svymean(design, data["api00"])
    close(mean, expected["mean_api00"]["estimate"])
    close(se, expected["mean_api00"]["se"])
    mean, se = svymean(design, data["avg_ed"])
    close(mean, expected["mean_avg_ed"]["estimate"])
    close(se, expected["mean_avg_ed"]["se"])
    total, se = svytotal(design, data["enroll"])
    close(total, expected["total_enroll"]["estimate"])
    close(se, expected["total_enroll"]["se"])
    indicators = pd.get_dummies(data["stype"]).to_numpy(dtype=float)
    total, se = svytotal(design, indicators)
    close(total, expected["total_stype"]["estimate"])
    # calibrated totals have SE ~1e-12 in R: compare on the scale of the totals
    close(se, expected["total_stype"]["se"], atol=1e-9 * float(np.max(total)))


def test_post_stratify_one_variable():
    design, data = dclus1()
    _check("poststratify_stype", post_stratify(design, data, "stype", POP_TYPES), data)


def test_post_stratify_joint_table():
    design, data = dclus1()
    _check("poststratify_joint", post_stratify(design, data, ("stype", "sch_wide"), POP_TABLE), data)


def test_rake_two_margins():
    design, data = dclus1()
    raked = rake(design, data, {"stype": POP_TYPES, "sch_wide": POP_SCHWIDE})
    _check("rake_stype_schwide", raked, data)


def test_rake_joint_margin_and_a_simple_one():
    design, data = dclus1()
    raked = rake(design, data, {("stype", "sch_wide"): POP_TABLE, "comp_imp": POP_IMP})
    _check("rake_joint_and_imp", raked, data)


def test_rake_tight_convergence_reaches_the_margins():
    design, data = dclus1()
    margins = {"stype": POP_TYPES, "sch_wide": POP_SCHWIDE, "comp_imp": POP_IMP}
    raked = rake(design, data, margins, epsilon=1e-9, maxit=100)
    _check("rake_tight", raked, data)
    assert raked.calibrations[-1].iterations > 2


def test_rake_stratified_design():
    design, data = dstrat()
    _check("rake_dstrat", rake(design, data, {"sch_wide": POP_SCHWIDE, "comp_imp": POP_IMP}), data)


def test_linear_calibration():
    design, data = dclus1()
    _check("linear_stype_api99", calibrate(design, data, {"stype": POP_TYPES}, {"api99": API99_TOTAL}), data)


def test_linear_calibration_with_bounds():
    design, data = dclus1()
    calibrated = calibrate(design, data, {"stype": POP_TYPES}, {"api99": API99_TOTAL}, bounds=(0.6, 1.6))
    _check("linear_bounded", calibrated, data)
    ratio = calibrated.weights / design.weights
    assert ratio.min() >= 0.6 - 1e-12
    assert ratio.max() <= 1.6 + 1e-12


def test_linear_calibration_with_trimming():
    design, data = dclus1()
    calibrated = calibrate(
        design, data, {"stype": POP_TYPES}, {"api99": API99_TOTAL}, bounds=(0.5, 2), trim=(2 / 3, 3 / 2)
    )
    _check("linear_trimmed", calibrated, data)


def test_trim_weights_after_calibration():
    design, data = dclus1()
    calibrated = calibrate(design, data, {"stype": POP_TYPES}, {"api99": API99_TOTAL})
    _check("trim_weights", trim_weights(calibrated, lower=30, upper=36), data)


def test_calibration_on_a_correlated_variable_reduces_the_standard_error():
    design, data = dclus1()
    _, before = svymean(design, data["api00"])
    calibrated = calibrate(design, data, {"stype": POP_TYPES}, {"api99": API99_TOTAL})
    _, after = svymean(calibrated, data["api00"])
    assert after < before / 5  # api00 and api99 are highly correlated: 26.3 -> 3.4 in R


@pytest.mark.parametrize("method", ["post_stratify", "rake"])
def test_calibrated_margins_have_no_sampling_error(method):
    design, data = dclus1()
    indicators = pd.get_dummies(data["stype"]).to_numpy(dtype=float)
    if method == "post_stratify":
        calibrated = post_stratify(design, data, "stype", POP_TYPES)
    else:
        calibrated = rake(
            design, data, {"stype": POP_TYPES, "sch_wide": POP_SCHWIDE}, epsilon=1e-10, maxit=100
        )
    assert svytotal(design, indicators)[1].min() > 100
    close(svytotal(calibrated, indicators)[0], POP_TYPES["Freq"], rtol=1e-8)
    assert svytotal(calibrated, indicators)[1].max() < 1e-3


def test_raking_distance_without_bounds():
    design, data = dclus1()
    calibrated = calibrate(design, data, {"stype": POP_TYPES, "sch_wide": POP_SCHWIDE}, calfun="raking")
    _check("raking_calfun", calibrated, data)


def test_raking_distance_with_bounds():
    design, data = dclus1()
    margins = {"stype": POP_TYPES, "sch_wide": POP_SCHWIDE}
    calibrated = calibrate(design, data, margins, calfun="raking", bounds=(0.7, 1.7))
    _check("raking_calfun_bounded", calibrated, data)
    assert (calibrated.weights / design.weights).max() <= 1.7 + 1e-12


def test_logit_distance_with_bounds():
    design, data = dclus1()
    calibrated = calibrate(
        design, data, {"stype": POP_TYPES}, {"api99": API99_TOTAL}, calfun="logit", bounds=(0.5, 2.5)
    )
    _check("logit_bounded", calibrated, data)
