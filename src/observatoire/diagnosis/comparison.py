"""A direct test between two territories' published figures, chosen by how their bases relate.

Two bases (:mod:`observatoire.diagnosis.basis`) are

- **the same place** (a département and its région both read the région's figures): the same figures,
  nothing to test;
- **disjoint** (two régions, a région and another's survey region): separate strata of the surveys, so
  independent samples: difference with variance the sum of both variances, normal test
  (:func:`observatoire.stats.significance.compare_waves`, checked against R);
- **one inside the nation**: the difference with France has the sign and the significance of the
  difference with the rest of France, the design-based t test the build stored (``flag``);
- **one inside the other otherwise** (a région and its macro-region): overlapping samples whose covariance
  is not published; no test is claimed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from observatoire.diagnosis.basis import Basis
from observatoire.reference import territories
from observatoire.stats.significance import compare_waves

SAME = "same"
INDEPENDENT = "independent"
AGAINST_REST = "against_rest"
NESTED = "nested"


def _regions(level: str, code: str) -> frozenset[str]:
    found = territories.territory(code, level)
    if found.members and level != territories.REGION_2015:
        return frozenset(found.members)
    if level == territories.REGION:
        return frozenset({code})
    return frozenset({found.region}) if found.region else frozenset()


def relation(a: Basis, b: Basis) -> str:
    """How two bases relate: :data:`SAME`, :data:`INDEPENDENT`, :data:`AGAINST_REST` or :data:`NESTED`."""
    if a.key == b.key:
        return SAME
    regions_a, regions_b = _regions(a.level, a.code), _regions(b.level, b.code)
    if not regions_a & regions_b:
        return INDEPENDENT
    if territories.NATION in (a.level, b.level):
        return AGAINST_REST
    return NESTED


def difference(
    a: pd.DataFrame, b: pd.DataFrame, how: str, a_is_nation: bool = False, level: float = 0.05
) -> pd.DataFrame:
    """Per row (aligned frames with ``estimate``, ``se`` and the stored ``flag`` vs the rest of France):
    ``diff`` = a − b, its ``se`` and ``p_value`` when the test gives them, and ``flag`` (« + »: a higher,
    « - »: a lower, empty: no significant difference or no test)."""
    diff = a["estimate"].to_numpy(float) - b["estimate"].to_numpy(float)
    out = pd.DataFrame({"diff": diff, "se": np.nan, "p_value": np.nan, "flag": ""}, index=a.index)
    if how == INDEPENDENT:
        usable = np.isfinite(a["se"].to_numpy(float)) & np.isfinite(b["se"].to_numpy(float))
        if usable.any():
            test = compare_waves(
                b["estimate"][usable], b["se"][usable], a["estimate"][usable], a["se"][usable], level=level
            )
            out.loc[usable, ["se", "p_value"]] = test[["se", "p_value"]].to_numpy()
            out.loc[usable, "flag"] = test["flag"].fillna("").to_numpy()
    elif how == AGAINST_REST:
        inner = b if a_is_nation else a
        flags = inner["flag"].where(inner["flag"].isin(["+", "-"]), "").fillna("")
        if a_is_nation:  # France − b has the sign opposite to b − rest
            flags = flags.map({"+": "-", "-": "+", "": ""})
        out["flag"] = flags.to_numpy()
    return out
