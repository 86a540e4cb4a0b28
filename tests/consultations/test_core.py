"""Consultation core: thresholds, intervals, screening, weighting, the notable-difference rule."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from observatoire.consultations.compare import compare
from observatoire.consultations.estimates import item_estimates, share_estimate, share_interval
from observatoire.consultations.references import References
from observatoire.consultations.results import ATTENTION_EXPECTED, rating_column, results
from observatoire.consultations.thresholds import Reliability, reliability
from observatoire.consultations.weighting import Margins, weight
from observatoire.errors import InputError
from observatoire.questionnaires.figures import NearestFigure, Place
from observatoire.questionnaires.load import instrument, instruments
from observatoire.reference import vocabulary

AGES = ("a18_24", "a25_34", "a35_49", "a50_64", "a65_plus")
MARGINS = Margins(
    sex={"f": 520.0, "h": 480.0},
    age=dict(zip(AGES, (100.0, 150.0, 250.0, 250.0, 250.0), strict=True)),
    source="INSEE (exemple)",
)


def answers(n: int, seed: int = 1, attention: int = ATTENTION_EXPECTED) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({"sexe": rng.choice(["f", "h"], n), "age": rng.choice(AGES, n)})
    for d, domain in enumerate(vocabulary.domain_codes()):
        frame[rating_column(domain)] = np.clip(np.round(rng.normal(3 + d % 6, 1.5, n)), 1, 10)
    frame["attention"] = attention
    frame["alliance"] = rng.choice(["indispensable", "necessaire", "ni_ni"], n)
    return frame


@pytest.mark.parametrize(
    ("n", "effective", "expected"),
    [
        (29, 29.0, Reliability.HIDDEN),
        (30, 30.0, Reliability.FRAGILE),
        (299, 299.0, Reliability.FRAGILE),
        (300, 300.0, Reliability.SHOWN),
        (1000, 149.9, Reliability.FRAGILE),
        (1000, 150.0, Reliability.SHOWN),
    ],
)
def test_thresholds(n, effective, expected):
    assert reliability(n, effective) is expected


def test_mean_interval_shrinks_with_effective_size():
    values = np.array([[2.0], [4.0], [6.0], [8.0]] * 25)
    equal = item_estimates(values, np.ones(100), ["x"])[0]
    unequal = item_estimates(values, np.r_[np.ones(50), np.full(50, 6.0)], ["x"])[0]
    assert equal.mean == pytest.approx(5.0)
    assert unequal.effective_n < equal.effective_n
    assert (
        unequal.mean_interval.high - unequal.mean_interval.low
        > equal.mean_interval.high - equal.mean_interval.low
    )
    # flat-prior normal model: mean ± 1.96 sd / sqrt(n_eff), sd with n-1
    sd = np.std(values[:, 0], ddof=1)
    assert equal.mean_interval.high == pytest.approx(5.0 + 1.959964 * sd / 10, rel=1e-5)


def test_jeffreys_interval_matches_known_values():
    # Brown, Cai & DasGupta (2001): Jeffreys interval for x = 0, n = 10 is about (0, 0.217)
    found = share_interval(0.0, 10.0)
    assert found.low == pytest.approx(0.0, abs=1e-4)
    assert found.high == pytest.approx(0.2172, abs=2e-3)


def test_items_use_their_own_respondents_and_top_box():
    values = np.array([[8.0, np.nan], [9.0, 2.0], [1.0, 3.0], [2.0, np.nan]])
    found = {e.item: e for e in item_estimates(values, np.ones(4), ["a", "b"])}
    assert found["a"].top_box == pytest.approx(0.5)
    assert found["b"].n == 2
    assert found["b"].mean == pytest.approx(2.5)


def test_share_of_nobody_is_none():
    assert share_estimate("x", np.array([np.nan, np.nan]), np.ones(2)) is None


def test_without_margins_the_sample_stays_unweighted():
    sample = weight(answers(50), None)
    assert not sample.raked
    assert sample.design_effect == pytest.approx(1.0)


def test_raking_hits_both_margins_when_the_cap_does_not_bind():
    frame = answers(400)
    sample = weight(frame, MARGINS)
    by_sex = pd.Series(sample.weights).groupby(frame["sexe"]).sum()
    by_age = pd.Series(sample.weights).groupby(frame["age"]).sum()
    assert by_sex["f"] == pytest.approx(520, rel=1e-6)
    assert by_age["a18_24"] == pytest.approx(100, rel=1e-6)
    assert sample.design_effect > 1


def test_a_category_nobody_answered_is_named_and_left_out():
    frame = answers(200)
    frame = frame[frame["age"] != "a18_24"]
    sample = weight(frame, MARGINS)
    assert sample.unmatched == ("a18_24",)
    assert sample.weights.sum() == pytest.approx(900, rel=1e-6)


def test_margins_whose_totals_disagree_are_refused_in_french():
    bad = Margins(sex={"f": 520.0, "h": 480.0}, age=dict.fromkeys(AGES, 100.0), source="x")
    with pytest.raises(InputError, match="total"):
        weight(answers(100), bad)


def test_an_unknown_category_is_refused():
    frame = answers(100)
    frame.loc[0, "sexe"] = "x"
    with pytest.raises(InputError):
        weight(frame, MARGINS)


def _figure(value: float) -> NearestFigure:
    return NearestFigure(Place("region", "93", "Provence-Alpes-Côte d'Azur"), value, "IMPACT-Citoyens 2019")


def test_a_difference_is_notable_only_outside_the_interval():
    estimate = item_estimates(np.array([[4.0], [6.0]] * 50), np.ones(100), ["emploi"])[0]
    near, far = estimate.mean + 0.05, estimate.mean_interval.high + 0.3
    (row,) = compare([estimate], {"emploi": _figure(near)}, {"emploi": _figure(far)})
    assert not row.region.notable
    assert row.france.notable
    assert row.france.gap == pytest.approx(estimate.mean - far)
    (row,) = compare([estimate], {}, {})
    assert row.region is None
    assert row.france is None


def test_results_screen_careless_answers_and_hide_under_30():
    careless = answers(40, seed=2, attention=7)
    frame = pd.concat([answers(29), careless], ignore_index=True)
    found = results(frame, MARGINS, References())
    assert (found.submitted, found.screened_out, found.valid) == (69, 40, 29)
    assert found.reliability is Reliability.HIDDEN
    assert found.domains == []
    assert found.alliance is None


def test_results_of_a_fragile_consultation():
    found = results(answers(120), MARGINS, References())
    assert found.reliability is Reliability.FRAGILE
    assert [d.domain for d in found.domains] == list(vocabulary.domain_codes())
    assert found.alliance is not None
    assert 0.5 < found.alliance.share < 0.8
    assert found.raked
    assert found.margins_source == "INSEE (exemple)"


def test_the_instrument_is_the_citizens_survey_s_and_not_a_self_assessment():
    consultation = instrument("consultation")
    ratings = [i.code for i in consultation.items if i.code.startswith("q1_")]
    assert ratings == [rating_column(d) for d in vocabulary.domain_codes()]
    labels = {d.code: d.label for d in vocabulary.domains()}
    assert consultation.item("q1_sante").text == f"Fragilité perçue : {labels['sante']}"
    assert [o.code for o in consultation.item("age").scale.options] == list(AGES)
    assert consultation.item("attention") is not None
    assert consultation.levels == ()
    assert "consultation" not in [i.code for i in instruments()]
