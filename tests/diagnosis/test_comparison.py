"""The direct test between two territories is chosen by how their bases relate, and computed as stated."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from observatoire.diagnosis import comparison
from observatoire.diagnosis.basis import Basis


def _basis(level: str, code: str) -> Basis:
    return Basis("citoyens", level, code, code, 100, 2019)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (("region", "93"), ("region", "93"), comparison.SAME),
        (("region", "93"), ("region", "11"), comparison.INDEPENDENT),
        (("survey_region", "PACA"), ("region", "11"), comparison.INDEPENDENT),
        (("survey_region", "PACA"), ("nation", "FR"), comparison.AGAINST_REST),
        (("nation", "FR"), ("region", "53"), comparison.AGAINST_REST),
        (("region", "93"), ("macro_region", "sud_est"), comparison.NESTED),
        (("region", "94"), ("survey_region", "PACA"), comparison.NESTED),
    ],
)
def test_relation_of_two_bases(a, b, expected):
    assert comparison.relation(_basis(*a), _basis(*b)) == expected


def _side(estimate: list[float], se: list[float], flag: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"estimate": estimate, "se": se, "flag": flag}, index=["x", "y"])


def test_independent_samples_sum_the_variances():
    a = _side([6.6, 5.0], [0.1, 0.2], ["", ""])
    b = _side([6.2, 5.1], [0.12, 0.2], ["", ""])
    out = comparison.difference(a, b, comparison.INDEPENDENT)
    se = math.sqrt(0.1**2 + 0.12**2)
    assert out.loc["x", "diff"] == pytest.approx(0.4)
    assert out.loc["x", "se"] == pytest.approx(se)
    assert out.loc["x", "p_value"] == pytest.approx(math.erfc(0.4 / se / math.sqrt(2)))
    assert list(out["flag"]) == ["+", ""]


def test_against_the_nation_the_stored_flag_is_read_and_turned_for_france_first():
    region = _side([6.6, 5.0], [0.1, 0.2], ["+", ""])
    france = _side([6.4, 5.1], [0.05, 0.05], ["", ""])
    assert list(comparison.difference(region, france, comparison.AGAINST_REST)["flag"]) == ["+", ""]
    flipped = comparison.difference(france, region, comparison.AGAINST_REST, a_is_nation=True)
    assert list(flipped["flag"]) == ["-", ""]


def test_nested_samples_are_not_tested():
    a = _side([6.6, 5.0], [0.1, 0.2], ["+", "-"])
    out = comparison.difference(a, _side([6.0, 5.5], [0.1, 0.1], ["", ""]), comparison.NESTED)
    assert list(out["flag"]) == ["", ""]
    assert out["p_value"].isna().all()
