"""Golden values from R survey 4.1.1 (tests/stats/golden/golden.R) on the api datasets, to 1e-9 relative.

The api extracts are committed as CSV so these tests never skip; a separate check confirms they equal the
data shipped with R's survey package when it is installed.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from observatoire.errors import DesignError
from observatoire.stats import estimators as est
from observatoire.stats.design import Design
from observatoire.stats.table import Statistic, estimate

GOLDEN = Path(__file__).parent / "golden"
VALUES: dict[str, list[str]] = json.loads((GOLDEN / "golden.json").read_text())
RTOL = 1e-9
STYPES = ["E", "H", "M"]  # R's factor order


def golden(key: str) -> np.ndarray:
    return np.array([float(v) for v in VALUES[key]])


def close(actual, key: str, atol: float = 0.0) -> None:
    """Equal to R to 1e-9 relative (``atol`` only where R's exact zero is our rounding noise)."""
    actual = np.atleast_1d(np.asarray(actual, dtype=float))
    np.testing.assert_allclose(actual, golden(key), rtol=RTOL, atol=atol)


def data(name: str) -> pd.DataFrame:
    return pd.read_csv(GOLDEN / f"{name}.csv")


DESIGNS = {
    "strat": ("apistrat", {"strata": "stype", "fpc": "fpc"}),
    "strat_nofpc": ("apistrat", {"strata": "stype"}),
    "clus1": ("apiclus1", {"psu": "dnum", "fpc": "fpc"}),
    "clus1_nofpc": ("apiclus1", {"psu": "dnum"}),
    "clus2": ("apiclus2", {"psu": "dnum", "psu2": "snum", "fpc": "fpc1", "fpc2": "fpc2"}),
    "clus2_nofpc": ("apiclus2", {"psu": "dnum", "psu2": "snum"}),
    "srs": ("apisrs", {"fpc": "fpc"}),
}


@pytest.fixture(params=sorted(DESIGNS), scope="module")
def case(request):
    name = request.param
    table, spec = DESIGNS[name]
    df = data(table)
    return name, df, Design.from_frame(df, weights="pw", **spec)


@pytest.mark.parametrize("variable", ["api00", "enroll"])
def test_mean_total_and_deff(case, variable):
    name, df, design = case
    y = df[variable].to_numpy(float)
    m = est.mean(design, y)
    close(m.estimate, f"{name}.{variable}.mean")
    close(m.se, f"{name}.{variable}.mean_se")
    close(m.deff, f"{name}.{variable}.mean_deff")
    tot = est.total(design, y)
    close(tot.estimate, f"{name}.{variable}.total")
    close(tot.se, f"{name}.{variable}.total_se")
    close(tot.deff, f"{name}.{variable}.total_deff")


@pytest.mark.parametrize("fast_path", [True, False])
@pytest.mark.parametrize("variable", ["api00", "enroll"])
def test_domain_means_by_stype(case, variable, fast_path):
    name, df, design = case
    table = estimate(df, design, [Statistic.mean(variable)], by="stype", overall=False, fast_path=fast_path)
    assert list(table["group"]) == STYPES
    close(table["estimate"], f"{name}.{variable}.by_stype_mean")
    close(table["se"], f"{name}.{variable}.by_stype_se")
    close(table["deff"], f"{name}.{variable}.by_stype_deff")


def test_ratio(case):
    name, df, design = case
    r = est.ratio(design, df["api00"].to_numpy(float), df["api99"].to_numpy(float))
    close(r.estimate, f"{name}.ratio_api00_api99")
    close(r.se, f"{name}.ratio_api00_api99_se")


def test_category_distribution(case):
    name, df, design = case
    table = estimate(df, design, [Statistic.distribution("stype")])
    assert list(table["category"]) == STYPES
    close(table["estimate"], f"{name}.stype_dist")
    # stype is the stratum of the stratified designs: R's SE and deff are then exactly 0
    close(table["se"], f"{name}.stype_dist_se", atol=1e-15)
    close(table["deff"], f"{name}.stype_dist_deff", atol=1e-15)


def test_top_box_by_domain(case):
    name, df, design = case
    stat = Statistic.top_box("api00", 700, 1000)
    table = estimate(df, design, [stat], by="stype", overall=False)
    close(table["estimate"], f"{name}.topbox700_by_stype")
    close(table["se"], f"{name}.topbox700_by_stype_se")


def test_median_with_woodruff_interval(case):
    name, df, design = case
    q = est.quantile(design, df["api00"].to_numpy(float), 0.5)
    close([q.estimate, q.ci_low, q.ci_high, q.se], f"{name}.median_api00")
    close(design.degf(), f"{name}.degf")


def test_t_interval_uses_design_degrees_of_freedom(case):
    name, df, design = case
    table = estimate(df, design, [Statistic.mean("api00")], level=0.9, ci="t")
    close(table[["ci_low", "ci_high"]].to_numpy()[0], f"{name}.api00_ci90_t")


def lonely_design(case: str, policy: str) -> tuple[pd.DataFrame, Design]:
    if case == "strat":
        df = data("apistrat")
        df["st"] = df["stype"]
        df.loc[0, "st"] = "X"
        return df, Design.from_frame(df, weights="pw", strata="st", lonely_psu=policy)
    df = data("apiclus1")
    df["st"] = np.where(df["dnum"] == df["dnum"].iloc[0], "A", "B")
    return df, Design.from_frame(df, weights="pw", strata="st", psu="dnum", lonely_psu=policy)


@pytest.mark.parametrize("policy", ["fail", "adjust", "average", "certainty", "remove"])
@pytest.mark.parametrize("which", ["strat", "clus"])
def test_lonely_psu_policies(which, policy):
    df, design = lonely_design(which, policy)
    key = f"lonely.{which}.{policy}"
    if VALUES[key] == ["error"]:
        with pytest.raises(DesignError, match="une seule unité primaire"):
            estimate(df, design, [Statistic.mean("api00")])
        return
    whole = estimate(df, design, [Statistic.mean("api00")])
    by = estimate(df, design, [Statistic.mean("api00")], by="stype", overall=False)
    close([whole["estimate"][0], whole["se"][0], *by["se"]], key)


def test_extracts_equal_the_r_package_data():
    rda = Path("/usr/lib/R/site-library/survey/data/api.rda")
    if not rda.exists():
        pytest.skip("R's survey package is not installed")
    rdata = pytest.importorskip("rdata")
    original = rdata.read_rda(str(rda))
    for name in ("apistrat", "apiclus1", "apiclus2", "apisrs"):
        extract = data(name)
        for column in extract.columns:
            theirs = original[name][column]
            if column == "stype":
                assert list(theirs.astype(str)) == list(extract[column])
            else:
                ours = theirs.to_numpy(float, na_value=np.nan)
                np.testing.assert_allclose(ours, extract[column], rtol=1e-14)
