"""The api data extract and R's golden values of tests/stats/golden_calibration (no R needed)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from observatoire.stats.design import Design

GOLDEN = Path(__file__).parent / "golden_calibration"
RTOL = 1e-9

POP_TYPES = pd.DataFrame({"stype": ["E", "H", "M"], "Freq": [4421, 755, 1018]})
POP_SCHWIDE = pd.Series({"No": 1072, "Yes": 5122})
POP_IMP = {"No": 1712, "Yes": 4482}
#: as.data.frame(xtabs(~stype + sch.wide, apipop))
POP_TABLE = pd.Series(
    [472, 334, 266, 3949, 421, 752],
    index=pd.MultiIndex.from_tuples(
        [("E", "No"), ("H", "No"), ("M", "No"), ("E", "Yes"), ("H", "Yes"), ("M", "Yes")]
    ),
)


@cache
def golden() -> dict:
    return json.loads((GOLDEN / "golden.json").read_text())


@cache
def api(dataset: str) -> pd.DataFrame:
    frame = pd.read_csv(GOLDEN / "api_extract.csv", keep_default_na=True)
    frame = frame[frame["dataset"] == dataset].reset_index(drop=True)
    return frame.rename(columns={"sch.wide": "sch_wide", "comp.imp": "comp_imp", "avg.ed": "avg_ed"})


def dclus1() -> tuple[Design, pd.DataFrame]:
    data = api("apiclus1")
    return Design.from_frame(data, weights="pw", psu="dnum", fpc="fpc"), data


def dstrat() -> tuple[Design, pd.DataFrame]:
    data = api("apistrat")
    return Design.from_frame(data, weights="pw", strata="stype", fpc="fpc"), data


def dclus2() -> tuple[Design, pd.DataFrame]:
    data = api("apiclus2")
    return Design.from_frame(data, weights="pw", psu="dnum", psu2="snum", fpc="fpc1", fpc2="fpc2"), data


def close(actual, expected, rtol: float = RTOL, atol: float = 0.0) -> None:
    np.testing.assert_allclose(
        np.ravel(actual), np.ravel(np.asarray(expected, dtype=float)), rtol=rtol, atol=atol
    )


def svymean(design: Design, y: np.ndarray) -> tuple[float, float]:
    """Mean and SE with missing values as zero-weight rows (R: ``svymean(~y, design, na.rm = TRUE)``)."""
    y = np.asarray(y, dtype=float)
    present = ~np.isnan(y)
    w = np.where(present, design.weights, 0.0)
    mean = float(np.sum(w[present] * y[present]) / w.sum())
    scores = np.where(present, w * (np.nan_to_num(y) - mean) / w.sum(), 0.0)
    return mean, float(np.sqrt(design.variance(scores, present=present)[0, 0]))


def svytotal(design: Design, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Totals and SEs of the columns of ``y`` (R: ``svytotal``)."""
    x = np.asarray(y, dtype=float).reshape(design.n, -1) * design.weights[:, None]
    return x.sum(axis=0), np.sqrt(np.diag(design.variance(x)))
