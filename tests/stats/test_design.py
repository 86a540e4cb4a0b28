"""Design construction, validation (French errors naming columns and rows) and the variance contract."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from observatoire.errors import DesignError, InputError
from observatoire.stats.design import CalibrationStep, Design


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "w": [1.0, 2.0, 1.5, 3.0, 2.5, 1.0],
            "st": ["a", "a", "a", "b", "b", "b"],
            "psu": [1, 1, 2, 3, 4, 4],
            "y": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
        }
    )


@pytest.mark.parametrize(
    ("weights", "expected"),
    [
        ([1.0, np.nan, 1.0], "manquantes aux observations 2 "),
        ([1.0, 0.0, -2.0], "nulles ou négatives aux observations 2, 3 "),
    ],
)
def test_bad_weights_name_the_column_and_rows(weights, expected):
    df = pd.DataFrame({"poids_final": weights})
    with pytest.raises(DesignError, match="poids_final") as error:
        Design.from_frame(df, weights="poids_final")
    assert expected in str(error.value)


def test_text_in_weights_names_the_rows():
    df = pd.DataFrame({"w": ["1", "deux", "3"]})
    with pytest.raises(InputError, match=r"« w ».*texte aux observations 2 "):
        Design.from_frame(df, weights="w")


def test_missing_design_column_is_named_with_candidates():
    with pytest.raises(InputError, match="« strate » n’existe pas"):
        Design.from_frame(frame(), weights="w", strata="strate")


def test_missing_stratum_value_names_rows():
    df = frame()
    df.loc[4, "st"] = None
    with pytest.raises(DesignError, match=r"« st ».*observations 5 "):
        Design.from_frame(df, weights="w", strata="st")


def test_fpc_must_be_constant_in_a_stratum_and_not_below_the_sample():
    df = frame()
    df["fpc"] = [10, 10, 11, 20, 20, 20]
    with pytest.raises(DesignError, match="constante"):
        Design.from_frame(df, weights="w", strata="st", psu="psu", fpc="fpc")
    df["fpc"] = [0.5, 0.5, 0.5, 0.25, 0.25, 0.25]  # all ≤ 1: sampling fractions, as R's as.fpc
    design = Design.from_frame(df, weights="w", strata="st", psu="psu", fpc="fpc")
    assert design.popsize is not None
    assert design.popsize.tolist() == [4.0, 8.0]
    df["fpc"] = [1.5, 1.5, 1.5, 20, 20, 20]  # a population of 1.5 PSUs for 2 sampled
    with pytest.raises(DesignError, match="moins d’unités"):
        Design.from_frame(df, weights="w", strata="st", psu="psu", fpc="fpc")


def test_unknown_lonely_policy():
    with pytest.raises(DesignError, match="règle « drop » inconnue"):
        Design.from_frame(frame(), weights="w", lonely_psu="drop")  # type: ignore[arg-type]


def test_psus_are_nested_in_strata_and_counted_per_stratum():
    df = frame()
    df["psu"] = [1, 1, 2, 1, 2, 2]  # the same labels reused in stratum b
    design = Design.from_frame(df, weights="w", strata="st", psu="psu")
    assert design.n_psu.tolist() == [2.0, 2.0]
    assert design.degf() == 2


def test_variance_of_a_stratified_total_by_hand():
    df = frame()
    design = Design.from_frame(df, weights="w", strata="st", psu="psu")
    x = (df["w"] * df["y"]).to_numpy()
    # PSU totals: a: 1+4=5, 4.5 ; b: 12, 12.5+6=18.5 ; var = Σ_h n/(n−1) Σ (t − t̄)²
    expected = 2 * ((5 - 4.75) ** 2 + (4.5 - 4.75) ** 2) + 2 * ((12 - 15.25) ** 2 + (18.5 - 15.25) ** 2)
    assert design.variance(x)[0, 0] == pytest.approx(expected, rel=1e-14)


def test_scores_must_have_one_row_per_observation():
    design = Design.from_frame(frame(), weights="w")
    with pytest.raises(DesignError, match="6 lignes"):
        design.variance(np.ones(5))


class _ProjectOut:
    """A toy calibration step: the residual of each score column on an auxiliary (as GREG does)."""

    def __init__(self, aux: np.ndarray) -> None:
        self.aux = aux
        self.calls = 0

    def residualize(self, scores: np.ndarray) -> np.ndarray:
        self.calls += 1
        beta = self.aux @ scores / (self.aux @ self.aux)
        return scores - np.outer(self.aux, beta)


def test_with_weights_appends_the_step_and_variance_residualizes_through_it():
    design = Design.from_frame(frame(), weights="w")
    aux = frame()["y"].to_numpy()
    step = _ProjectOut(aux)
    assert isinstance(step, CalibrationStep)
    calibrated = design.with_weights(design.weights * 2, step)
    assert calibrated.calibrations == (step,)
    assert design.calibrations == ()
    np.testing.assert_array_equal(calibrated.weights, design.weights * 2)
    scores = 3 * aux
    assert design.variance(scores)[0, 0] > 1
    assert calibrated.variance(scores)[0, 0] == pytest.approx(0.0, abs=1e-20)
    assert step.calls == 1
    with pytest.raises(DesignError):
        design.with_weights(np.ones(3), step)


def test_lonely_stratum_absent_from_a_subset_does_not_fail_as_in_r():
    df = frame()
    df["st2"] = ["a", "a", "a", "a", "a", "z"]  # stratum z has one PSU
    design = Design.from_frame(df, weights="w", strata="st2")
    scores = np.array([1.0, -1.0, 2.0, 0.5, -2.5, 0.0])
    with pytest.raises(DesignError, match="« z » n’a qu’une seule unité primaire"):
        design.variance(scores)
    in_a = (df["st2"] == "a").to_numpy()
    assert design.variance(scores, present=in_a)[0, 0] > 0
    assert design.with_lonely_psu("certainty").variance(scores)[0, 0] == pytest.approx(
        design.variance(scores, present=in_a)[0, 0]
    )


def test_k_columns_give_a_symmetric_covariance():
    df = frame()
    design = Design.from_frame(df, weights="w", strata="st", psu="psu")
    x = np.column_stack([df["y"], df["y"] ** 2, np.ones(6)]) * df["w"].to_numpy()[:, None]
    v = design.variance(x)
    assert v.shape == (3, 3)
    np.testing.assert_allclose(v, v.T)
    assert np.all(np.linalg.eigvalsh(v) > -1e-9)


def test_second_stage_lonely_ssu_and_fpc_rules():
    df = pd.DataFrame(
        {
            "w": [2.0, 2.0, 3.0, 3.0, 1.0, 1.0],
            "psu": [1, 1, 1, 2, 3, 3],
            "ssu": [1, 2, 3, 1, 1, 2],  # PSU 2 has a single sampled SSU
            "N1": [10] * 6,
            "N2": [5, 5, 5, 4, 6, 6],
        }
    )
    x = np.array([1.0, 3.0, 2.0, 5.0, 4.0, 0.0])
    with pytest.raises(DesignError, match="degré 2"):
        Design.from_frame(df, weights="w", psu="psu", psu2="ssu", fpc="N1", fpc2="N2").variance(x)
    certain = df.assign(N2=[5, 5, 5, 1, 6, 6])  # the PSU's only SSU is all of it: no stage-2 variance
    assert Design.from_frame(certain, weights="w", psu="psu", psu2="ssu", fpc="N1", fpc2="N2").variance(x) > 0
    with pytest.raises(DesignError, match="fpc2"):
        Design.from_frame(df, weights="w", psu="psu", psu2="ssu", fpc="N1")
