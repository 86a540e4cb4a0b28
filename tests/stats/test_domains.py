"""Properties of domain estimation (hypothesis), and the fast cell path against the general path."""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from observatoire.errors import DesignError
from observatoire.stats import cells
from observatoire.stats import estimators as est
from observatoire.stats.design import Design
from observatoire.stats.table import Statistic, estimate

SEEDS = st.integers(0, 2**32 - 1)
STATS = [
    Statistic.mean("y"),
    Statistic.top_box("y", 4, 5),
    Statistic.proportion("y", 1),
    Statistic.distribution("y"),
]


def survey(seed: int, n: int = 60, clusters: bool = False) -> tuple[pd.DataFrame, dict]:
    """A stratified (optionally clustered) sample with 1-5 answers, ~10% missing, 3 domains."""
    rng = np.random.default_rng(seed)
    strata = np.repeat(np.arange(4), n // 4)
    df = pd.DataFrame(
        {
            "st": strata,
            "psu": strata * 10 + rng.integers(0, 3, len(strata)) if clusters else np.arange(len(strata)),
            "w": rng.uniform(0.5, 5.0, len(strata)),
            "y": rng.integers(1, 6, len(strata)).astype(float),
            "g": rng.choice(["nord", "sud", "est"], len(strata)),
        }
    )
    df.loc[rng.random(len(df)) < 0.1, "y"] = np.nan
    # every (stratum) keeps ≥ 2 PSUs and every domain keeps answers
    df.loc[df.index[:3], "g"] = ["nord", "sud", "est"]
    df.loc[df.index[:3], "y"] = [1.0, 4.0, 5.0]
    if clusters:
        df["psu"] = np.where(
            np.arange(len(df)) % (n // 4) < 2, df["st"] * 10 + np.arange(len(df)) % 2, df["psu"]
        )
    spec = {"weights": "w", "strata": "st"} | ({"psu": "psu"} if clusters else {})
    return df, spec


def numbers(table: pd.DataFrame) -> np.ndarray:
    return table[["estimate", "se", "n", "weighted_n", "deff"]].to_numpy(dtype=float)


@settings(max_examples=10, deadline=None)
@given(SEEDS, st.booleans())
def test_row_order_does_not_matter(seed, clusters):
    df, spec = survey(seed, clusters=clusters)
    shuffled = df.sample(frac=1.0, random_state=seed % 1000).reset_index(drop=True)
    a = estimate(df, Design.from_frame(df, **spec), STATS, by="g")
    b = estimate(shuffled, Design.from_frame(shuffled, **spec), STATS, by="g")
    np.testing.assert_allclose(numbers(a), numbers(b), rtol=1e-10, atol=1e-15)


@settings(max_examples=10, deadline=None)
@given(SEEDS, st.floats(0.01, 1000.0))
def test_means_and_their_se_do_not_depend_on_the_weight_scale(seed, factor):
    df, spec = survey(seed, clusters=True)
    scaled = df.assign(w=df["w"] * factor)
    a = estimate(df, Design.from_frame(df, **spec), STATS, by="g")
    b = estimate(scaled, Design.from_frame(scaled, **spec), STATS, by="g")
    np.testing.assert_allclose(a[["estimate", "se"]], b[["estimate", "se"]], rtol=1e-9, atol=1e-15)


def reference_domain_variance(df: pd.DataFrame, in_domain: np.ndarray, psu: str) -> float:
    """Independent one-stage formula: Σ_h n_h/(n_h−1) Σ_i (z_hi − z̄_h)², z the domain mean's scores
    summed by PSU, every PSU of the design counted (zero outside the domain)."""
    ok = in_domain & df["y"].notna().to_numpy()
    w = np.where(ok, df["w"], 0.0)
    y = np.where(ok, df["y"], 0.0)
    m = (w * y).sum() / w.sum()
    z = pd.Series(w * (y - m) / w.sum()).groupby([df["st"], df[psu]]).sum()
    total = 0.0
    for _, totals in z.groupby(level=0):
        k = len(totals)
        total += k / (k - 1) * ((totals - totals.mean()) ** 2).sum()
    return total


@settings(max_examples=10, deadline=None)
@given(SEEDS, st.booleans())
def test_domain_estimate_is_the_subset_estimate_with_the_full_design_variance(seed, clusters):
    df, spec = survey(seed, clusters=clusters)
    design = Design.from_frame(df, **spec)
    table = estimate(df, design, [Statistic.mean("y")], by="g", overall=False).set_index("group")
    for group in ("est", "nord", "sud"):
        inside = (df["g"] == group).to_numpy()
        sub = df[inside & df["y"].notna()]
        point = np.average(sub["y"], weights=sub["w"])
        assert table.loc[group, "estimate"] == pytest.approx(point, rel=1e-12)
        expected = reference_domain_variance(df, inside, spec.get("psu", "psu"))
        assert table.loc[group, "se"] ** 2 == pytest.approx(expected, rel=1e-10)


def test_domain_se_is_not_the_subset_se():
    """A domain that is half of the sample: its SE is not the SE of the subset taken as a design."""
    df = pd.DataFrame(
        {"st": [1] * 6, "w": [1.0] * 6, "y": [1.0, 3.0, 2.0, 9.0, 9.0, 9.0], "g": ["a"] * 3 + ["b"] * 3}
    )
    design = Design.from_frame(df, weights="w", strata="st")
    domain = est.mean(design, df["y"].to_numpy(), (df["g"] == "a").to_numpy())
    sub = df[df["g"] == "a"]
    subset = est.mean(Design.from_frame(sub, weights="w", strata="st"), sub["y"].to_numpy())
    assert domain.estimate == subset.estimate == 2.0
    # R 4.2 / survey 4.1.1: svyby(~y, ~g, svydesign(id=~1, strata=~st, weights=~w, data=df), svymean)
    # gives SE 0.516397779494322 for "a"; svymean on the 3-row subset design gives 0.577350269189626
    assert domain.se == pytest.approx(0.516397779494322, rel=1e-12)
    assert subset.se == pytest.approx(0.577350269189626, rel=1e-12)


@settings(max_examples=15, deadline=None)
@given(SEEDS, st.sampled_from(["numba", "numpy"]), st.booleans())
def test_fast_cell_path_equals_the_general_path(seed, engine, nullable):
    df, spec = survey(seed)
    if nullable:
        df["y"] = df["y"].astype("Int8")
    design = Design.from_frame(df, **spec)
    assert cells.fast_path_applies(design)
    original = cells._HAVE_NUMBA, cells.NUMBA_MIN_ROWS, cells.NUMBA_LOAD_ROWS
    # numba for small data too
    cells._HAVE_NUMBA, cells.NUMBA_MIN_ROWS, cells.NUMBA_LOAD_ROWS = original[0] and engine == "numba", 0, 0
    try:
        fast = estimate(df, design, STATS, by="g", compare_to_rest=True)
    finally:
        cells._HAVE_NUMBA, cells.NUMBA_MIN_ROWS, cells.NUMBA_LOAD_ROWS = original
    general = estimate(df, design, STATS, by="g", compare_to_rest=True, fast_path=False)
    cols = [
        "estimate",
        "se",
        "ci_low",
        "ci_high",
        "n",
        "weighted_n",
        "deff",
        "effective_n",
        "diff",
        "t",
        "p_value",
    ]
    np.testing.assert_allclose(
        fast[cols].to_numpy(float), general[cols].to_numpy(float), rtol=1e-10, atol=1e-14
    )
    assert fast["flag"].tolist() == general["flag"].tolist()
    assert fast["category"].tolist() == general["category"].tolist()


@settings(max_examples=10, deadline=None)
@given(SEEDS)
def test_items_of_different_scales_batched_together_equal_the_general_path(seed):
    """The cell batch pads items of different widths side by side; each must keep its own numbers."""
    df, spec = survey(seed, n=200)
    rng = np.random.default_rng(seed)
    df["wide"] = rng.integers(0, 11, len(df))
    df["two"] = pd.array(rng.integers(3, 5, len(df)), dtype="Int8")
    df.loc[df.index[3:9], "two"] = pd.NA
    df["shifted"] = rng.integers(-2, 3, len(df)).astype(float)
    stats = [
        Statistic.mean("y"),
        Statistic.mean("wide"),
        Statistic.top_box("wide", 8, 10),
        Statistic.distribution("two"),
        Statistic.proportion("two", 4),
        Statistic.quantile("y"),
        Statistic.mean("shifted"),
        Statistic.top_box("shifted", -1, 1),
        Statistic.top_box("y", 4, 5),
    ]
    design = Design.from_frame(df, **spec)
    fast = estimate(df, design, stats, by="g", compare_to_rest=True)
    general = estimate(df, design, stats, by="g", compare_to_rest=True, fast_path=False)
    text = ["group", "variable", "statistic", "category", "flag"]
    assert fast[text].equals(general[text])
    numbers = fast.columns.difference([*text, "g"])
    np.testing.assert_allclose(
        fast[numbers].to_numpy(float), general[numbers].to_numpy(float), rtol=1e-10, atol=1e-14
    )


@pytest.mark.parametrize("fast_path", [True, False])
def test_domains_of_two_columns_with_missing_values_count_in_the_whole_sample_only(fast_path):
    df, spec = survey(17, n=160)
    df["h"] = np.where(np.arange(len(df)) % 2 == 0, "a", "b")
    df.loc[df.index[30:35], "g"] = None
    df.loc[df.index[40:44], "h"] = None
    both = df["g"].notna() & df["h"].notna()
    df["gh"] = np.where(both, df["g"] + " / " + df["h"], None)
    design = Design.from_frame(df, **spec)
    two = estimate(df, design, STATS, by=["g", "h"], compare_to_rest=True, fast_path=fast_path)
    one = estimate(df, design, STATS, by="gh", compare_to_rest=True, fast_path=fast_path)
    columns = [c for c in one.columns if c != "gh"]
    pd.testing.assert_frame_equal(two[columns], one[columns])


@pytest.mark.parametrize("unused", [False, True])
@pytest.mark.parametrize("fast_path", [True, False])
def test_a_categorical_domain_equals_the_same_domain_as_text(unused, fast_path):
    """The categorical's own codes (missing values, and an unused category left out) give the same table."""
    df, spec = survey(13, n=120)
    df.loc[df.index[20:26], "g"] = None
    design = Design.from_frame(df, **spec)
    categories = ["est", "nord", "ouest", "sud"] if unused else ["est", "nord", "sud"]
    as_category = df.assign(g=pd.Categorical(df["g"], categories=categories))
    stats = [*STATS, Statistic.quantile("y")]
    want = estimate(df, design, stats, by="g", compare_to_rest=True, fast_path=fast_path)
    got = estimate(as_category, design, stats, by="g", compare_to_rest=True, fast_path=fast_path)
    pd.testing.assert_frame_equal(got.drop(columns="g"), want.drop(columns="g"))
    assert got["g"].tolist() == want["g"].tolist()


@pytest.mark.parametrize("engine", ["numba", "numpy"])
def test_cell_codes_put_rows_without_a_group_in_the_extra_group(engine, monkeypatch):
    monkeypatch.setattr(cells, "_HAVE_NUMBA", cells._HAVE_NUMBA and engine == "numba")
    monkeypatch.setattr(cells, "NUMBA_MIN_ROWS", 0)
    monkeypatch.setattr(cells, "NUMBA_LOAD_ROWS", 0)
    groups = np.array([-1, 0, 5, 126, 127], dtype=np.int8)  # small codes, more groups than int8 holds
    strata = np.array([0, 1, 2, 0, 1])
    base = cells.cell_base(strata, groups, 200)
    assert base.tolist() == [200, 201, 407, 126, 328]
    assert cells.code_counts(groups, 6).tolist() == [1, 0, 0, 0, 0, 1]
    wide = cells.code_counts(np.array([-1, 0, 127, -128], dtype=np.int8), 200)  # more codes than int8 has
    assert (wide[0], wide[127], wide.sum()) == (1, 1, 2)
    short = cells.code_counts(np.array([-1, 0, 300, 2], dtype=np.int16), 301)
    assert short[[0, 2, 300]].tolist() == [1, 1, 1]


def _design_and_cells(seed: int, n: int) -> tuple[pd.DataFrame, Design, np.ndarray]:
    """A stratified survey, its design and each row's cell (stratum × group of ``g``, 4 per stratum)."""
    df, spec = survey(seed, n=n)
    design = Design.from_frame(df, **spec)
    return df, design, (design.strata * 4 + pd.factorize(df["g"])[0]).astype(np.int32)


@pytest.mark.parametrize("dtype", ["uint8", "int16", "float64"])
def test_the_widest_scales_take_the_right_cells(dtype):
    """Items with 255 and 256 distinct values (one byte per answer on the numba path, 0 = no answer)."""
    df, design, base = _design_and_cells(11, 800)
    rng = np.random.default_rng(11)
    for top in (254, 255):
        y = pd.Series(np.resize(np.arange(top + 1), len(df))[rng.permutation(len(df))].astype(dtype))
        got = cells.item_cells(design, base, 4, y, use_numba=True)
        want = cells.item_cells(design, base, 4, y, use_numba=False)
        if top == 255:  # too wide for a byte: the general path
            assert got is None
            assert want is None
            continue
        assert got is not None
        assert want is not None
        np.testing.assert_array_equal(got.values, want.values)
        np.testing.assert_array_equal(got.count, want.count)
        assert got.count.sum() == len(df)
        np.testing.assert_allclose(got.sw, want.sw, rtol=1e-12)


@pytest.mark.parametrize("kind", ["masked int8", "float with NaN", "negative int16"])
def test_numpy_and_numba_cells_agree_with_missing_answers(kind):
    """The numpy path counts a row without an answer in no cell of its values (slot 0, never read)."""
    df, design, base = _design_and_cells(5, 900)
    rng = np.random.default_rng(5)
    values = rng.integers(-3, 4, len(df))
    missing = rng.random(len(df)) < 0.2
    if kind == "masked int8":
        y = pd.arrays.IntegerArray((values + 3).astype(np.int8), missing)
    elif kind == "float with NaN":
        y = np.where(missing, np.nan, values + 0.0)
    else:
        y = np.where(missing, -3, values).astype(np.int16)
        missing = np.zeros(len(df), dtype=bool)
    got = cells.item_cells(design, base, 4, y, use_numba=True)
    want = cells.item_cells(design, base, 4, y, use_numba=False)
    assert got is not None
    assert want is not None
    np.testing.assert_array_equal(got.values, want.values)
    np.testing.assert_array_equal(got.count, want.count)
    assert want.count.sum() == (~missing).sum()
    np.testing.assert_allclose(want.sw.sum(), design.weights[~missing].sum(), rtol=1e-12)
    np.testing.assert_allclose(got.sw, want.sw, rtol=1e-12)
    np.testing.assert_allclose(got.sw2, want.sw2, rtol=1e-12)


def test_fast_path_declines_what_it_cannot_do():
    df, spec = survey(3, clusters=True)
    assert not cells.fast_path_applies(Design.from_frame(df, **spec))
    df, spec = survey(3)
    design = Design.from_frame(df, **spec)
    base = (design.strata * 4).astype(np.int32)
    assert cells.item_cells(design, base, 4, df["y"] + 0.5) is None  # not integers
    assert cells.item_cells(design, base, 4, df["y"] * 1000) is None  # too wide a scale
    assert cells.item_cells(design, base, 4, df["g"]) is None  # text
    lonely = df.assign(st=np.where(np.arange(len(df)) == 0, 99, df["st"]))
    assert not cells.fast_path_applies(
        Design.from_frame(lonely, weights="w", strata="st", lonely_psu="adjust")
    )


def test_rows_without_a_domain_count_in_the_whole_sample_only():
    df, spec = survey(5)
    df.loc[df.index[10:20], "g"] = None
    design = Design.from_frame(df, **spec)
    for fast_path in (True, False):
        table = estimate(df, design, [Statistic.mean("y")], by="g", fast_path=fast_path).set_index("group")
        assert table.loc["ensemble", "n"] == df["y"].notna().sum()
        assert table.loc[["est", "nord", "sud"], "n"].sum() == df.loc[df["g"].notna(), "y"].notna().sum()


def test_empty_domain_is_a_french_error_naming_variable_and_group():
    df, spec = survey(7)
    df.loc[df["g"] == "sud", "y"] = np.nan
    design = Design.from_frame(df, **spec)
    for fast_path in (True, False):
        with pytest.raises(DesignError, match="aucune réponse à « y » dans le groupe « sud »"):
            estimate(df, design, [Statistic.mean("y")], by="g", fast_path=fast_path)


def test_numba_is_loaded_only_where_it_pays_and_used_once_loaded(monkeypatch):
    if not cells._HAVE_NUMBA:
        pytest.skip("numba is not installed")
    monkeypatch.delitem(sys.modules, cells._KERNELS, raising=False)
    assert not cells._numba(cells.NUMBA_LOAD_ROWS - 1)  # a new process: numpy, loading numba costs more
    assert cells._numba(cells.NUMBA_LOAD_ROWS)
    monkeypatch.setitem(sys.modules, cells._KERNELS, cells._kernels())
    assert cells._numba(cells.NUMBA_MIN_ROWS)  # loaded: numba from a million rows on
    assert not cells._numba(cells.NUMBA_MIN_ROWS - 1)
