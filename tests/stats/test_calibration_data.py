"""The committed api extract equals the data shipped with R's survey package (when it is installed)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ._api_golden import GOLDEN

API_RDA = Path("/usr/lib/R/site-library/survey/data/api.rda")
COLUMNS = [
    "dnum",
    "snum",
    "stype",
    "pw",
    "api00",
    "api99",
    "enroll",
    "sch.wide",
    "comp.imp",
    "avg.ed",
    "awards",
]


@pytest.mark.skipif(not API_RDA.exists(), reason="R's survey package (api.rda) is not installed")
@pytest.mark.parametrize(
    ("dataset", "fpc"), [("apiclus1", ["fpc"]), ("apistrat", ["fpc"]), ("apiclus2", ["fpc1", "fpc2"])]
)
def test_extract_equals_r_data(dataset, fpc):
    rdata = pytest.importorskip("rdata")
    original = rdata.read_rda(API_RDA)[dataset]
    extract = pd.read_csv(GOLDEN / "api_extract.csv")
    extract = extract[extract["dataset"] == dataset].reset_index(drop=True)
    assert len(extract) == len(original)
    for column in COLUMNS + fpc:
        ours, theirs = extract[column], original[column]
        if isinstance(theirs.dtype, pd.CategoricalDtype) or pd.api.types.is_string_dtype(theirs.dtype):
            assert ours.astype(str).tolist() == theirs.astype(str).tolist(), column
        else:
            np.testing.assert_array_equal(
                ours.to_numpy(float), theirs.to_numpy(float, na_value=np.nan), column
            )
