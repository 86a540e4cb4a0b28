"""Significance tests: properties (fast path = general path, invariances), waves, French errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from observatoire.errors import DesignError, InputError
from observatoire.stats.chisq import rao_scott_chisq
from observatoire.stats.design import Design
from observatoire.stats.significance import compare_to_rest, compare_waves, flags
from observatoire.stats.tests import compare_to_rest as short_name

COLUMNS = ["diff", "se", "t", "df", "p_value"]


def _survey(seed: int, n: int = 400, strata: int = 3, groups: int = 4, missing: float = 0.1):
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "strate": rng.integers(0, strata, n),
            "psu": rng.integers(0, 40, n),
            "w": rng.uniform(1, 5, n),
            "region": rng.choice([f"R{g}" for g in range(groups)], n),
            "note": rng.integers(1, 11, n).astype(float),
        }
    )
    frame.loc[rng.random(n) < missing, "note"] = np.nan
    return frame


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), strata=st.integers(1, 4), groups=st.integers(2, 5))
@pytest.mark.parametrize("continuous", [False, True])
def test_cell_fast_path_equals_general_path(seed, strata, groups, continuous):
    frame = _survey(seed, strata=strata, groups=groups)
    if continuous:  # not a small-integer item: the stratum × domain moments path
        frame["note"] = frame["note"] * 1000.37 + 5e4
    design = Design.from_frame(frame, weights="w", strata="strate")
    fast = compare_to_rest(design, frame["note"], frame["region"])
    slow = compare_to_rest(design, frame["note"], frame["region"], fast_path=False)
    np.testing.assert_allclose(fast[COLUMNS].to_numpy(), slow[COLUMNS].to_numpy(), rtol=1e-10)
    assert fast["flag"].tolist() == slow["flag"].tolist()
    assert fast["n"].tolist() == slow["n"].tolist()


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), shift=st.floats(-1e3, 1e3), scale=st.floats(0.01, 100))
def test_invariant_to_row_order_shift_and_weight_scale(seed, shift, scale):
    frame = _survey(seed)
    design = Design.from_frame(frame, weights="w", strata="strate", psu="psu")
    base = compare_to_rest(design, frame["note"], frame["region"])
    order = np.random.default_rng(seed).permutation(len(frame))
    shuffled = frame.iloc[order].reset_index(drop=True)
    moved = shuffled.assign(note=shuffled["note"] + shift, w=shuffled["w"] * scale)
    other = compare_to_rest(
        Design.from_frame(moved, weights="w", strata="strate", psu="psu"), moved["note"], moved["region"]
    )
    np.testing.assert_allclose(other[COLUMNS].to_numpy(), base[COLUMNS].to_numpy(), rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(other["estimate"], base["estimate"] + shift, rtol=1e-9)


def test_several_variables_and_the_short_module_name():
    frame = _survey(3).assign(top=lambda f: np.where(f["note"].isna(), np.nan, f["note"] >= 8))
    design = Design.from_frame(frame, weights="w", strata="strate")
    result = short_name(design, frame[["note", "top"]], frame["region"], level=0.5)
    assert result["variable"].tolist() == ["note"] * 4 + ["top"] * 4
    assert result["group"].tolist() == ["R0", "R1", "R2", "R3"] * 2
    assert set(result["flag"]) <= {"+", "-", ""}
    assert (result["df"] == result["n"].groupby(result["variable"]).transform("sum") - 3 - 1).all()


def test_flags_follow_level_and_sign():
    assert flags([1.0, -1.0, 1.0, 2.0], [0.01, 0.01, 0.2, np.nan], 0.05).tolist() == ["+", "-", "", ""]
    assert flags([1.0], [0.2], 0.25).tolist() == ["+"]


def test_wave_difference_of_independent_samples():
    result = compare_waves([0.5, 0.5], [0.03, 0.03], [0.6, 0.45], [0.04, 0.04])
    np.testing.assert_allclose(result["diff"], [0.1, -0.05])
    np.testing.assert_allclose(result["se"], [0.05, 0.05])
    np.testing.assert_allclose(result["z"], [2.0, -1.0])
    np.testing.assert_allclose(result["p_value"], [0.04550026389635839, 0.31731050786291415], rtol=1e-12)
    assert result["flag"].tolist() == ["+", ""]
    with pytest.raises(InputError, match="vague 2"):
        compare_waves(0.5, 0.03, 0.6, -0.04)


def test_rao_scott_is_symmetric_in_rows_and_columns():
    frame = _survey(5)
    frame["note_class"] = pd.cut(frame["note"], [0, 4, 7, 10])
    design = Design.from_frame(frame, weights="w", strata="strate", psu="psu")
    a = rao_scott_chisq(design, frame["region"], frame["note_class"])
    b = rao_scott_chisq(design, frame["note_class"], frame["region"])
    np.testing.assert_allclose([a.statistic, a.ndf, a.ddf, a.p_value], [b.statistic, b.ndf, b.ddf, b.p_value])
    c = rao_scott_chisq(design, frame["region"], frame["note_class"], statistic="Chisq")
    assert c.statistic == pytest.approx(a.pearson)
    assert c.ndf == 6


def test_domain_errors_are_french():
    frame = _survey(1)
    design = Design.from_frame(frame, weights="w", strata="strate")
    with pytest.raises(DesignError, match="groupe est vide aux observations 3"):
        compare_to_rest(design, frame["note"], frame["region"].where(frame.index != 2))
    only_r0 = frame["note"].where(frame["region"] == "R0")
    with pytest.raises(DesignError, match="aucune réponse à « note » dans le groupe « R1 »"):
        compare_to_rest(design, only_r0.rename("note"), frame["region"])
    with pytest.raises(DesignError, match="tous les répondants"):
        compare_to_rest(design, frame["note"], np.full(len(frame), "R0"))
    with pytest.raises(DesignError, match="400 valeurs"):
        compare_to_rest(design, frame["note"], frame["region"][:10])


@pytest.mark.parametrize("fast_path", [True, False])
def test_text_in_a_numeric_variable(fast_path):
    frame = _survey(1).astype({"note": object})
    frame.loc[7, "note"] = "dix"
    design = Design.from_frame(frame, weights="w", strata="strate")
    with pytest.raises(InputError, match=r"« note » doit être numérique.*observations 8"):
        compare_to_rest(design, frame["note"], frame["region"], fast_path=fast_path)


@pytest.mark.parametrize("level", [0, 1, 1.5, np.nan])
def test_bad_level(level):
    frame = _survey(1)
    design = Design.from_frame(frame, weights="w")
    with pytest.raises(InputError, match="seuil de significativité invalide"):
        compare_to_rest(design, frame["note"], frame["region"], level=level)


def test_chisq_errors():
    frame = _survey(1)
    design = Design.from_frame(frame, weights="w")
    with pytest.raises(InputError, match="« b » n’a qu’une modalité"):
        rao_scott_chisq(design, frame["region"], np.ones(len(frame)))
    with pytest.raises(DesignError, match="« strate » doit avoir 400 valeurs"):
        rao_scott_chisq(design, frame["region"], frame["strate"][:10])
    with pytest.raises(DesignError, match="« note » doit avoir 400 valeurs"):
        compare_to_rest(design, frame["note"][:10], frame["region"])
    with pytest.raises(InputError, match="statistique « Wald »"):
        rao_scott_chisq(design, frame["region"], frame["strate"], statistic="Wald")


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000), clustered=st.booleans(), strata=st.integers(1, 4))
def test_rao_scott_moment_and_psu_paths_equal_the_general_path(seed, clustered, strata):
    frame = _survey(seed, strata=strata)
    frame["note_class"] = pd.cut(frame["note"], [0, 3, 6, 8, 10])
    design = Design.from_frame(frame, weights="w", strata="strate", psu="psu" if clustered else None)
    for statistic in ("F", "Chisq"):
        fast = rao_scott_chisq(design, frame["region"], frame["note_class"], statistic=statistic)
        slow = rao_scott_chisq(
            design, frame["region"], frame["note_class"], statistic=statistic, fast_path=False
        )
        got = [fast.statistic, fast.ndf, fast.p_value, fast.deff]
        np.testing.assert_allclose(got, [slow.statistic, slow.ndf, slow.p_value, slow.deff], rtol=1e-9)


@pytest.mark.parametrize("policy", ["adjust", "average", "certainty", "remove"])
def test_lonely_psu_policies_psu_path_equals_score_path(policy):
    from observatoire.stats.calibration import Trimming

    frame = _survey(11, n=300)
    frame.loc[frame["strate"] == 2, "psu"] = 99  # stratum 2 has a single PSU
    design = Design.from_frame(frame, weights="w", strata="strate", psu="psu", lonely_psu=policy)
    # an identity step sends the test through design.variance on n × domains scores
    scored = design.with_weights(design.weights, Trimming(lower=0.0, upper=np.inf, trimmed=0))
    by_psu = compare_to_rest(design, frame["note"], frame["region"])
    by_scores = compare_to_rest(scored, frame["note"], frame["region"])
    np.testing.assert_allclose(by_psu[COLUMNS].to_numpy(), by_scores[COLUMNS].to_numpy(), rtol=1e-10)
    with pytest.raises(DesignError, match="une seule unité primaire"):
        compare_to_rest(design.with_lonely_psu("fail"), frame["note"], frame["region"])
