"""Consultation weighting equals R's survey (rake + trimWeights + svymean) on a committed example.

``golden/golden.R`` (R and survey versions in ``golden/versions.txt``) computed ``golden/golden.json``
from ``golden/answers.csv``: 80 opt-in answers with two aged 18-24, so the cap at 5 × the base weight binds.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from observatoire.consultations.estimates import item_estimates
from observatoire.consultations.weighting import CAP_HIGH, Margins, weight
from observatoire.stats.estimators import mean

GOLDEN = Path(__file__).parent / "golden"
ITEMS = ["q1_emploi", "q1_sante", "q1_logement"]
MARGINS = Margins(
    sex={"f": 5200, "h": 4800},
    age={"a18_24": 1500, "a25_34": 1300, "a35_49": 2400, "a50_64": 2300, "a65_plus": 2500},
    source="exemple",
)


@pytest.fixture(scope="module")
def golden() -> dict:
    return json.loads((GOLDEN / "golden.json").read_text())


@pytest.fixture(scope="module")
def answers() -> pd.DataFrame:
    return pd.read_csv(GOLDEN / "answers.csv", dtype={"sexe": str, "age": str})


def test_weights_are_rs_raked_then_capped(golden, answers):
    sample = weight(answers, MARGINS)
    base = 10000 / len(answers)
    assert np.max(golden["raked_weights"]) > CAP_HIGH * base  # the example makes the cap bind
    np.testing.assert_allclose(sample.weights, golden["weights"], rtol=1e-6)
    assert sample.weights.max() <= CAP_HIGH * base * (1 + 1e-9)
    assert sample.effective_n == pytest.approx(golden["effective_n"], rel=1e-6)
    assert sample.design_effect == pytest.approx(len(answers) / golden["effective_n"], rel=1e-6)


def test_means_are_rs_svymean(golden, answers):
    sample = weight(answers, MARGINS)
    found = item_estimates(answers[ITEMS].to_numpy(dtype=float), sample.weights, ITEMS)
    for estimate in found:
        assert estimate.mean == pytest.approx(golden["means"][estimate.item]["estimate"], rel=1e-7)


def test_the_calibrated_design_gives_svymean_s_standard_errors(golden, answers):
    """The raked-then-capped design keeps R's calibration steps: the engine's linearised SE is R's."""
    sample = weight(answers, MARGINS)
    assert sample.design is not None
    for item in ITEMS:
        found = mean(sample.design, answers[item].to_numpy(dtype=float))
        assert found.estimate == pytest.approx(golden["means"][item]["estimate"], rel=1e-7)
        assert found.se == pytest.approx(golden["means"][item]["se"], rel=1e-6)
