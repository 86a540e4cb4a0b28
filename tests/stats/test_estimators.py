"""Single estimators: hand-checkable cases, R's quantile-rule details, and French errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from observatoire.errors import DesignError, InputError
from observatoire.stats import estimators as est
from observatoire.stats.design import Design
from observatoire.stats.table import Statistic, estimate


def srs(n: int = 5, weight: float = 1.0) -> Design:
    return Design.from_arrays(np.full(n, weight))


def test_equal_weight_mean_is_the_textbook_srs_mean():
    y = np.array([2.0, 4.0, 4.0, 5.0, 10.0])
    m = est.mean(srs(), y)
    assert m.estimate == pytest.approx(5.0)
    assert m.se == pytest.approx(np.sqrt(y.var(ddof=1) / 5), rel=1e-12)  # with replacement: no FPC
    assert m.n == 5
    assert m.weighted_n == 5.0


def test_missing_answers_leave_the_row_in_the_design():
    y = np.array([2.0, np.nan, 4.0, 6.0])
    m = est.mean(srs(4), y)
    assert (m.estimate, m.n) == (4.0, 3)
    # the non-respondent is a PSU with a zero score: 4/3 × Σ z², z = (y − 4)/3 (not 3/2 × ... of a subset)
    assert m.se == pytest.approx(np.sqrt(4 / 3 * ((2 - 4) ** 2 + 0 + (6 - 4) ** 2) / 9), rel=1e-12)
    # R 4.2 / survey 4.1.1: svymean(~y, svydesign(id=~1, weights=~w, data=...), na.rm=TRUE)
    assert m.se == pytest.approx(1.08866210790363, rel=1e-12)


@pytest.mark.parametrize(
    ("x", "w", "p", "r_value"),
    [
        ([1.0, 2.0, 3.0], [10.0, 1.0, 1.0], 0.5, 2.0),  # R 4.1.1: survey:::qrule_math(...) gives 2
        ([1.0, 2.0, 3.0], [1.0, 1.0, 1.0], 0.1, 2.0),  # idem: no cumulative weight ≤ p·Σw
        ([3.0, 1.0, 2.0, 4.0], [1.0, 1.0, 1.0, 1.0], 0.5, 2.0),  # exactly half: the lower value
        ([3.0, 1.0, 2.0, 4.0], [1.0, 1.0, 1.0, 1.0], 0.75, 3.0),
    ],
)
def test_quantile_rule_is_r_qrule_math(x, w, p, r_value):
    assert est._qrule_math(np.array(x), np.array(w), p) == r_value


def test_quantile_rejects_p_outside_0_1():
    with pytest.raises(DesignError, match="strictement entre 0 et 1"):
        est.quantile(srs(), np.arange(5.0), 1.5)


def test_ratio_with_a_zero_denominator_total_is_an_error():
    with pytest.raises(DesignError, match="dénominateur « y/x » a un total nul"):
        est.ratio(srs(3), np.ones(3), np.zeros(3))


def test_nobody_answered():
    with pytest.raises(DesignError, match="aucune réponse à « q1 » : estimation impossible"):
        est.mean(srs(3), np.full(3, np.nan), variable="q1")


def test_distribution_of_text_answers_sums_to_one_with_a_singular_covariance():
    y = np.array(["oui", "non", "oui", None, "nsp", "oui"], dtype=object)
    props, cov, ests = est.proportions(srs(6), y, np.array(["non", "nsp", "oui"], dtype=object))
    np.testing.assert_allclose(props, [0.2, 0.2, 0.6])
    assert props.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(cov.sum(axis=1), 0.0, atol=1e-15)  # Σ proportions is constant
    assert all(e.n == 5 for e in ests)


def test_table_rejects_unknown_variables_and_text_in_numeric_statistics():
    df = pd.DataFrame({"w": [1.0, 1.0, 2.0], "q": ["1", "x", "3"]})
    design = Design.from_frame(df, weights="w")
    with pytest.raises(InputError, match="« absente » n’existe pas"):
        estimate(df, design, [Statistic.mean("absente")])
    with pytest.raises(InputError, match="texte aux observations 2 "):
        estimate(df, design, [Statistic.mean("q")])
    with pytest.raises(InputError, match="type d’intervalle « exact » inconnu"):
        estimate(df.assign(q=[1, 2, 3]), design, [Statistic.mean("q")], ci="exact")  # type: ignore[arg-type]


def test_deff_with_weights_not_scaled_to_a_population_uses_the_with_replacement_reference():
    y = np.array([1.0, 2.0, 3.0, 4.0, 8.0])
    m = est.mean(srs(5, weight=1.0), y)  # Σw = n: R's deff=TRUE would give NA
    assert m.deff == pytest.approx(1.0, rel=1e-12)  # an SRS has deff 1 against deff="replace"
    big = est.mean(srs(5, weight=100.0), y)
    assert big.deff == pytest.approx(1 / (1 - 5 / 500), rel=1e-12)  # R: SRS vs SRSWOR of N̂ = 500


def test_kish_effective_base_counts_respondents_only():
    design = Design.from_arrays([1.0, 1.0, 2.0, 4.0])
    m = est.mean(design, np.array([1.0, np.nan, 2.0, 3.0]))
    assert m.effective_n == pytest.approx((1 + 2 + 4) ** 2 / (1 + 4 + 16))
    assert est.kish_effective_n(np.full(7, 3.0)) == pytest.approx(7.0)
