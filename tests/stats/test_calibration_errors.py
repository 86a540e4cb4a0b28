"""Calibration refuses bad margins and bad controls with a French message naming what to fix."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from observatoire.errors import ConvergenceError, DesignError, InputError
from observatoire.stats.calibration import post_stratify, rake, trim_weights
from observatoire.stats.design import Design
from observatoire.stats.greg import calibrate

from ._api_golden import POP_SCHWIDE, POP_TYPES, dclus1


@pytest.fixture
def api():
    return dclus1()


def test_sample_category_absent_from_margin(api):
    design, data = api
    with pytest.raises(InputError, match=r"« M ».*absente\(s\) de la marge") as info:
        post_stratify(design, data, "stype", {"E": 4421, "H": 755})
    assert "stype" in str(info.value)
    assert "(" in str(info.value)  # the number of respondents concerned


def test_margin_category_without_respondents(api):
    design, data = api
    with pytest.raises(InputError, match=r"« X ».*sans aucun répondant"):
        rake(design, data, {"stype": {"E": 4000, "H": 755, "M": 1018, "X": 421}, "sch_wide": POP_SCHWIDE})


@pytest.mark.parametrize("count", [0, -3, np.nan, "beaucoup"])
def test_non_positive_or_missing_population_count(api, count):
    design, data = api
    with pytest.raises(InputError, match=r"« H ».*strictement positif"):
        post_stratify(design, data, "stype", {"E": 4421, "H": count, "M": 1018})


def test_duplicated_category_in_margin(api):
    design, data = api
    table = pd.DataFrame({"stype": ["E", "H", "M", "H"], "Freq": [4421, 700, 1018, 55]})
    with pytest.raises(InputError, match="plusieurs fois"):
        post_stratify(design, data, "stype", table)


def test_margins_with_different_totals_fail(api):
    design, data = api
    with pytest.raises(InputError, match="même population") as info:
        rake(design, data, {"stype": POP_TYPES, "sch_wide": {"No": 1072, "Yes": 6000}})
    assert "6\u202f194" in str(info.value)  # the French thousands separator (observatoire.numbers)
    assert "7\u202f072" in str(info.value)


def test_margin_table_with_wrong_columns(api):
    design, data = api
    with pytest.raises(InputError, match="une seule colonne"):
        post_stratify(design, data, "stype", pd.DataFrame({"type": ["E"], "n": [1], "m": [2]}))


def test_missing_values_in_a_margin_variable(api):
    design, data = api
    data = data.assign(stype=data["stype"].where(data.index != 4))
    with pytest.raises(InputError, match="vide aux observations 5"):
        post_stratify(design, data, "stype", POP_TYPES)


def test_unknown_margin_column(api):
    design, data = api
    with pytest.raises(InputError, match="« stipe » n’existe pas"):
        post_stratify(design, data, "stipe", POP_TYPES)


def test_labels_match_as_text():
    data = pd.DataFrame({"zone": [1.0, 2.0, 2.0, 3.0, 3.0, 3.0], "w": [1.0] * 6})
    design = Design.from_frame(data, weights="w")
    margin = pd.DataFrame({"zone": ["1", "2", "3"], "n": [10, 20, 30]})
    result = post_stratify(design, data, "zone", margin)
    np.testing.assert_allclose(result.weights, [10, 10, 10, 10, 10, 10])
    text_codes = data.assign(zone=["01", "02", "02", "03", "03", "03"])
    with pytest.raises(InputError, match="« 01 »"):  # codes written with a leading zero stay codes
        post_stratify(design, text_codes, "zone", margin)


def test_values_with_one_text_are_one_category():
    data = pd.DataFrame({"zone": pd.Series([1, 1.0, "2", 2], dtype=object), "w": [1.0, 1.0, 1.0, 1.0]})
    design = Design.from_frame(data, weights="w")
    result = post_stratify(design, data, "zone", {"1": 10, "2": 20})
    np.testing.assert_allclose(result.weights, [5, 5, 10, 10])


def test_rake_non_convergence_names_the_margin(api):
    design, data = api
    with pytest.raises(ConvergenceError, match=r"n’a pas convergé en 1 itérations.*« stype »"):
        rake(design, data, {"stype": POP_TYPES, "sch_wide": POP_SCHWIDE}, epsilon=1e-12, maxit=1)


@pytest.mark.parametrize(("epsilon", "maxit"), [(0, 10), (-1, 10), (np.nan, 10), (1, 0), (1, 2.5)])
def test_bad_raking_controls(api, epsilon, maxit):
    design, data = api
    with pytest.raises(InputError, match="invalide"):
        rake(design, data, {"stype": POP_TYPES}, epsilon=epsilon, maxit=maxit)


def test_no_margin(api):
    design, data = api
    with pytest.raises(InputError, match="aucune marge"):
        rake(design, data, {})
    with pytest.raises(InputError, match="aucune marge"):
        calibrate(design, data)


def test_infeasible_bounds_raise_convergence_error(api):
    design, data = api
    with pytest.raises(ConvergenceError, match="« stype=H »"):
        calibrate(design, data, {"stype": POP_TYPES}, bounds=(0.9, 1.1))


@pytest.mark.parametrize("bounds", [(1.2, 2.0), (0.5, 0.9), (2.0, 0.5)])
def test_bounds_must_contain_one(api, bounds):
    design, data = api
    with pytest.raises(InputError, match="bornes invalides"):
        calibrate(design, data, {"stype": POP_TYPES}, bounds=bounds)


def test_logit_needs_finite_bounds(api):
    design, data = api
    with pytest.raises(InputError, match="logit"):
        calibrate(design, data, {"stype": POP_TYPES}, calfun="logit")
    with pytest.raises(InputError, match="encadrant strictement 1"):
        calibrate(design, data, {"stype": POP_TYPES}, calfun="logit", bounds=(1, 2))


def test_collinear_calibration_variables(api):
    design, data = api
    data = data.assign(api99_bis=data["api99"] * 2.0)
    with pytest.raises(DesignError, match="redondantes"):
        calibrate(design, data, {"stype": POP_TYPES}, {"api99": 3914069, "api99_bis": 2 * 3914069})


def test_trim_weights_keeps_the_total_and_respects_bounds_when_strict(api):
    design, data = api
    calibrated = calibrate(design, data, {"stype": POP_TYPES}, {"api99": 3914069})
    trimmed = trim_weights(calibrated, lower=25, upper=45, strict=True)
    assert trimmed.weights.min() >= 25
    assert trimmed.weights.max() <= 45 + 1e-9
    np.testing.assert_allclose(trimmed.weights.sum(), calibrated.weights.sum(), rtol=1e-12)
    assert trim_weights(calibrated, lower=0, upper=1e6) is calibrated
    with pytest.raises(InputError, match="bornes invalides"):
        trim_weights(calibrated, lower=5, upper=1)


def test_steps_are_recorded_in_order(api):
    design, data = api
    once = post_stratify(design, data, "stype", POP_TYPES)
    twice = rake(once, data, {"sch_wide": POP_SCHWIDE})
    assert [type(s).__name__ for s in twice.calibrations] == ["PostStratification", "Raking"]
    assert design.calibrations == ()
