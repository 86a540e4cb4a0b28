"""Domain-vs-rest t-tests and Rao-Scott chi-square equal R's svyttest and svychisq (survey 4.1.1)."""

from __future__ import annotations

import numpy as np
import pytest

from observatoire.stats.calibration import rake
from observatoire.stats.chisq import rao_scott_chisq
from observatoire.stats.greg import calibrate
from observatoire.stats.significance import compare_to_rest

from ._api_golden import GOLDEN, POP_SCHWIDE, POP_TYPES, close, dclus1, dclus2, dstrat, golden

API99_TOTAL = 3914069


def _designs():
    design, data = dclus1()
    return {
        "dstrat": dstrat(),
        "dclus1": (design, data),
        "dclus2": dclus2(),
        "dclus1g3": (calibrate(design, data, {"stype": POP_TYPES}, {"api99": API99_TOTAL}), data),
        "dclus1r": (rake(design, data, {"stype": POP_TYPES, "sch_wide": POP_SCHWIDE}), data),
    }


TTESTS = {
    "dstrat_api00": ("dstrat", lambda d: d["api00"]),
    "dclus1_api00": ("dclus1", lambda d: d["api00"]),
    "dclus1_avg_ed_missing": ("dclus1", lambda d: d["avg_ed"]),
    "dclus1_topbox_api00_700": ("dclus1", lambda d: (d["api00"] >= 700).astype(float)),
    "dclus2_api00": ("dclus2", lambda d: d["api00"]),
    "dclus1g3_api00": ("dclus1g3", lambda d: d["api00"]),
    "dclus1r_api00": ("dclus1r", lambda d: d["api00"]),
    "dclus1g3_avg_ed_missing": ("dclus1g3", lambda d: d["avg_ed"]),
    "dclus1r_avg_ed_missing": ("dclus1r", lambda d: d["avg_ed"]),
}


@pytest.mark.parametrize("fast_path", [True, False])
@pytest.mark.parametrize("name", sorted(TTESTS))
def test_compare_to_rest_equals_svyttest(name, fast_path):
    design, data = _designs()[TTESTS[name][0]]
    y = TTESTS[name][1](data)
    result = compare_to_rest(design, y, data["stype"], fast_path=fast_path).set_index("group")
    for group in ("E", "H", "M"):
        expected = golden()["ttest"][name][group]
        row = result.loc[group]
        close(row["diff"], expected["estimate"])
        close(row["se"], expected["se"])
        close(row["t"], expected["t"])
        assert row["df"] == expected["df"]
        close(row["p_value"], expected["p_value"])
        close(row["estimate"] - row["rest"], expected["estimate"])
        assert row["flag"] == (
            "" if expected["p_value"] >= 0.05 else "+" if expected["estimate"] > 0 else "-"
        )


CHISQ = {
    "dclus1_schwide_stype": ("dclus1", "sch_wide", "stype"),
    "dstrat_schwide_stype": ("dstrat", "sch_wide", "stype"),
    "dclus1_stype_hi_ed_missing": ("dclus1", "stype", "hi_ed"),
    "dclus1g3_stype_compimp": ("dclus1g3", "stype", "comp_imp"),
    "dclus2_stype_awards": ("dclus2", "stype", "awards"),
}


@pytest.mark.parametrize("statistic", ["F", "Chisq"])
@pytest.mark.parametrize("name", sorted(CHISQ))
def test_rao_scott_equals_svychisq(name, statistic):
    key, a, b = CHISQ[name]
    design, data = _designs()[key]
    data = data.assign(hi_ed=np.where(data["avg_ed"].isna(), np.nan, data["avg_ed"] > 3))
    result = rao_scott_chisq(design, data[a], data[b], statistic=statistic)
    expected = golden()["chisq"][name][statistic]
    close(result.statistic, expected["statistic"])
    close(result.p_value, expected["p_value"])
    if statistic == "F":
        close(result.ndf, expected["ndf"])
        close(result.ddf, expected["ddf"])
    else:
        assert result.ndf == expected["df"]
        assert result.ddf is None


def test_golden_values_record_the_r_versions():
    versions = (GOLDEN / "versions.txt").read_text().splitlines()
    assert versions == [golden()["R"], f"survey {golden()['survey']}"]
