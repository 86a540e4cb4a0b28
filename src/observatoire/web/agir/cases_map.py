"""The map of the case base: how many published cases per département for the list's current search and
filters (the département facet's live counts), drawn with the site's choropleth, and the same as a table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pandas as pd
from django.http import QueryDict
from django.urls import reverse

from observatoire.messages import t
from observatoire.reference import territories
from observatoire.reports.charts import Chart
from observatoire.reports.maps import choropleth, quantile_classes
from observatoire.web.agir.columns import CASES
from observatoire.web.agir.listing import Listing, listing
from observatoire.web.map.data import _outlines

SPEC_ID = "pratiques-carte-spec"


@dataclass(frozen=True)
class CasesMap:
    listing: Listing
    chart: Chart | None
    rows: list[dict[str, Any]]


def cases_map(params: QueryDict) -> CasesMap:
    """Counts by département of the cases matching ``params`` (its ``departement`` choice left aside)."""
    found = listing(CASES, params, per_page=1)
    counts = {o.value: o.count for f in found.facets if f.name == "departement" for o in f.options}
    kept = [(k, v) for k, v in found.params if k not in ("departement", "page")]
    places = territories.departements(metropolitan_only=False)
    rows = pd.DataFrame(
        {
            "code": [p.code for p in places],
            "name": [p.name for p in places],
            "overseas": [p.overseas for p in places],
            "value": [float(counts.get(p.code, 0)) for p in places],
        }
    )
    rows = rows[~rows["overseas"] | (rows["value"] > 0)].reset_index(drop=True)
    rows["suppressed"] = False
    rows["display"] = [str(int(v)) for v in rows["value"]]
    base = reverse("agir:cases")
    rows["href"] = [f"{base}?{urlencode([*kept, ('departement', code)])}" for code in rows["code"]]
    if not rows["value"].any():
        return CasesMap(found, None, rows.to_dict("records"))
    chart = choropleth(
        _outlines("departement", frozenset(rows.loc[rows["overseas"], "code"])),
        rows,
        title=f"Pratiques inspirantes par département ({found.count})",
        legend_title="Nombre de pratiques",
        level_label=t("map.level.departement"),
        classes=quantile_classes(list(rows["value"])),
    )
    rows["class"] = chart.table[chart.table.columns[-1]].to_numpy() if len(chart.table) == len(rows) else ""
    return CasesMap(found, chart, rows.sort_values("value", ascending=False).to_dict("records"))
