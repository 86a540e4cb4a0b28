"""Live comparison with R's survey on freshly generated designs (skipped without Rscript + survey).

A stratified two-stage design with FPC, ~8% missing answers and three domains: means, totals, deff, domain
means (svyby), top-box shares, category proportions, ratio and median, to 1e-9 relative.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import numpy as np
import pandas as pd
import pytest

from observatoire.stats import estimators as est
from observatoire.stats.design import Design
from observatoire.stats.table import Statistic, estimate


def _r_with_survey() -> bool:
    if shutil.which("Rscript") is None:
        return False
    return (
        subprocess.run(
            ["Rscript", "-e", "library(survey); library(jsonlite)"], capture_output=True, check=False
        ).returncode
        == 0
    )


pytestmark = [
    pytest.mark.r,
    pytest.mark.skipif(
        not _r_with_survey(), reason="Rscript with the survey and jsonlite packages is not installed"
    ),
]

SCRIPT = r"""
suppressMessages(library(survey)); library(jsonlite)
df <- read.csv(commandArgs(trailingOnly = TRUE)[1], stringsAsFactors = FALSE)
d <- if (df$stages[1] == 2) {
  svydesign(id = ~psu + ssu, strata = ~st, fpc = ~N1 + N2, weights = ~w, data = df, nest = TRUE)
} else svydesign(id = ~psu, strata = ~st, weights = ~w, data = df, nest = TRUE)
m <- svymean(~y, d, na.rm = TRUE, deff = TRUE)
tt <- svytotal(~y, d, na.rm = TRUE, deff = TRUE)
b <- svyby(~y, ~g, d, svymean, na.rm = TRUE, deff = TRUE)
tb <- svyby(~I(as.numeric(y >= 4)), ~g, subset(d, !is.na(y)), svymean, deff = TRUE)
p <- svymean(~factor(y), d, na.rm = TRUE)
r <- svyratio(~y, ~x, d, na.rm = TRUE)
q <- svyquantile(~x, d, 0.5)
cat(toJSON(list(mean = c(coef(m), SE(m), deff(m)), total = c(coef(tt), SE(tt), deff(tt)),
                by = c(coef(b), SE(b), deff(b)), topbox = c(coef(tb), SE(tb)),
                prop = c(coef(p), SE(p)), ratio = c(coef(r), SE(r)), median = unname(q$x[1, ])),
           digits = NA))
"""


def generate(seed: int, stages: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for stratum in range(4):
        n_psu = int(rng.integers(2, 6))
        for p in range(n_psu):
            for s in range(int(rng.integers(2, 4))):
                for _ in range(int(rng.integers(2, 6))):
                    rows.append((stratum, p, s, n_psu + int(rng.integers(0, 8)), 3 + int(rng.integers(0, 5))))
    df = pd.DataFrame(rows, columns=["st", "psu", "ssu", "N1", "N2"])
    df["N1"] = df.groupby("st")["N1"].transform("first")
    df["N2"] = df.groupby(["st", "psu"])["N2"].transform("first")
    n = len(df)
    df["w"] = rng.uniform(1.0, 20.0, n)
    df["y"] = rng.integers(1, 6, n).astype(float)
    df["x"] = rng.gamma(3.0, 2.0, n)
    df["g"] = rng.choice(["a", "b", "c"], n)
    df.loc[rng.random(n) < 0.08, "y"] = np.nan
    df["stages"] = stages
    return df


@pytest.mark.parametrize(("seed", "stages"), [(11, 1), (12, 2), (13, 2)])
def test_against_live_r(tmp_path, seed, stages):
    df = generate(seed, stages)
    path = tmp_path / "data.csv"
    df.to_csv(path, index=False)
    script = tmp_path / "check.R"
    script.write_text(SCRIPT)
    done = subprocess.run(["Rscript", str(script), str(path)], capture_output=True, text=True, check=True)
    r = {k: np.array(v, dtype=float) for k, v in json.loads(done.stdout).items()}

    spec = {"weights": "w", "strata": "st", "psu": "psu"}
    if stages == 2:
        spec |= {"psu2": "ssu", "fpc": "N1", "fpc2": "N2"}
    design = Design.from_frame(df, **spec)
    y = df["y"].to_numpy()

    def close(actual, expected):
        np.testing.assert_allclose(np.asarray(actual, dtype=float), expected, rtol=1e-9, atol=1e-13)

    m = est.mean(design, y)
    close([m.estimate, m.se, m.deff], r["mean"])
    t = est.total(design, y)
    close([t.estimate, t.se, t.deff], r["total"])
    by = estimate(df, design, [Statistic.mean("y")], by="g", overall=False)
    close(np.concatenate([by["estimate"], by["se"], by["deff"]]), r["by"])
    top = estimate(df, design, [Statistic.top_box("y", 4, 5)], by="g", overall=False)
    close(np.concatenate([top["estimate"], top["se"]]), r["topbox"])
    dist = estimate(df, design, [Statistic.distribution("y")])
    close(np.concatenate([dist["estimate"], dist["se"]]), r["prop"])
    ratio = est.ratio(design, y, df["x"].to_numpy())
    close([ratio.estimate, ratio.se], r["ratio"])
    q = est.quantile(design, df["x"].to_numpy(), 0.5)
    close([q.estimate, q.ci_low, q.ci_high, q.se], r["median"])
