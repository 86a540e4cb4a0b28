"""Live comparison with R's survey on a freshly generated design (skipped without Rscript + survey)."""

from __future__ import annotations

import json
import shutil
import subprocess

import numpy as np
import pandas as pd
import pytest

from observatoire.stats.calibration import rake
from observatoire.stats.chisq import rao_scott_chisq
from observatoire.stats.design import Design
from observatoire.stats.significance import compare_to_rest

from ._api_golden import svymean


def _r_with_survey() -> bool:
    if shutil.which("Rscript") is None:
        return False
    done = subprocess.run(
        ["Rscript", "-e", "library(survey); library(jsonlite)"], capture_output=True, check=False
    )
    return done.returncode == 0


pytestmark = [
    pytest.mark.r,
    pytest.mark.slow,
    pytest.mark.skipif(
        not _r_with_survey(), reason="Rscript with the survey and jsonlite packages is not installed"
    ),
]

SCRIPT = r"""
suppressMessages(library(survey)); library(jsonlite)
args <- commandArgs(trailingOnly = TRUE)
df <- read.csv(args[1], stringsAsFactors = FALSE)
pops <- lapply(c("region", "sexe", "age"), function(v) read.csv(file.path(args[2], paste0(v, ".csv")),
                                                           stringsAsFactors = FALSE))
d <- svydesign(id = ~psu, strata = ~strate, weights = ~w, data = df, nest = TRUE)
r <- rake(d, list(~region, ~sexe, ~age), pops, control = list(epsilon = 1e-6, maxit = 100))
m <- svymean(~y, r)
tt <- lapply(sort(unique(df$region)), function(g) {
  s <- svyttest(as.formula(sprintf("y ~ I(region == '%s')", g)), r)
  c(unname(s$estimate), unname(s$statistic), unname(s$parameter), unname(s$p.value))
})
ch <- svychisq(~region + sexe, r)
cat(toJSON(list(weights = unname(weights(r)), mean = unname(coef(m)), se = unname(SE(m)[1]),
                ttest = tt, chisq = c(unname(ch$statistic), unname(ch$parameter), unname(ch$p.value))),
           digits = NA))
"""


def _generate(seed: int) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    rng = np.random.default_rng(seed)
    n_psu, per_psu = 60, 12
    psu = np.repeat(np.arange(n_psu), per_psu)
    strate = psu % 4
    n = len(psu)
    region = rng.choice(["r1", "r2", "r3", "r4", "r5"], size=n, p=[0.3, 0.25, 0.2, 0.15, 0.1])
    sexe = rng.choice(["F", "H"], size=n)
    age = rng.choice(["18-34", "35-64", "65+"], size=n, p=[0.3, 0.45, 0.25])
    w = rng.uniform(50, 150, size=n) * (1 + strate)
    y = rng.normal(5, 2, size=n) + (region == "r1") * 0.8 + (sexe == "F") * 0.5 + rng.normal(0, 1, n_psu)[psu]
    data = pd.DataFrame(
        {"psu": psu, "strate": strate, "w": w, "region": region, "sexe": sexe, "age": age, "y": y}
    )
    total = 1_000_000
    margins = {}
    for column, shares in (
        ("region", [0.28, 0.27, 0.2, 0.15, 0.1]),
        ("sexe", [0.52, 0.48]),
        ("age", [0.3, 0.4, 0.3]),
    ):
        labels = sorted(data[column].unique())
        margins[column] = pd.DataFrame({column: labels, "Freq": np.round(np.array(shares) * total)})
    return data, margins


@pytest.mark.parametrize("seed", [1, 2])
def test_rake_and_tests_equal_live_r(tmp_path, seed):
    data, margins = _generate(seed)
    data.to_csv(tmp_path / "data.csv", index=False)
    for column, table in margins.items():
        table.to_csv(tmp_path / f"{column}.csv", index=False)
    (tmp_path / "run.R").write_text(SCRIPT)
    done = subprocess.run(
        ["Rscript", str(tmp_path / "run.R"), str(tmp_path / "data.csv"), str(tmp_path)],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    expected = json.loads(done.stdout)

    design = Design.from_frame(data, weights="w", strata="strate", psu="psu")
    raked = rake(design, data, margins, epsilon=1e-6, maxit=100)
    np.testing.assert_allclose(raked.weights, expected["weights"], rtol=1e-9)
    mean, se = svymean(raked, data["y"].to_numpy())
    np.testing.assert_allclose([mean, se], [expected["mean"][0], expected["se"][0]], rtol=1e-9)

    result = compare_to_rest(raked, data["y"], data["region"])
    got = result[["diff", "t", "df", "p_value"]].to_numpy()
    np.testing.assert_allclose(got, np.array(expected["ttest"]), rtol=1e-9)

    chisq = rao_scott_chisq(raked, data["region"], data["sexe"])
    np.testing.assert_allclose(
        [chisq.statistic, chisq.ndf, chisq.ddf, chisq.p_value], expected["chisq"], rtol=1e-9
    )
