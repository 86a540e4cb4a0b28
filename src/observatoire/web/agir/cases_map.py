"""The map of the case base: how many published cases per département for the list's current search and
filters (the département facet's live counts), drawn with the site's choropleth, and the same as a table.

The counts come from the search index (no query of the base); the outlines, 350 KB of the 360 KB spec,
are the same for every search: each territory's geometry is serialised once per process and spliced into
the spec's JSON, so a new search serialises only its counts, classes and links (:func:`spec_script`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urlencode

import pandas as pd
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import json_script
from django.utils.safestring import SafeString, mark_safe

from observatoire.messages import t
from observatoire.reference import territories
from observatoire.reports.charts import Chart
from observatoire.reports.maps import choropleth, overseas_insets, quantile_classes, territories_layer
from observatoire.web.agir.columns import CASES
from observatoire.web.agir.listing import Listing, listing
from observatoire.web.map.data import _outlines

SPEC_ID = "pratiques-carte-spec"


_TOKEN = re.compile(r'"\\u0000geometry-\d+"')
#: What ``json_script`` escapes, so that a spliced geometry is escaped as the rest of the spec.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class CasesMap:
    listing: Listing
    chart: Chart | None
    rows: list[dict[str, Any]]

    @property
    def spec_script(self) -> SafeString:
        """The chart's ``<script type="application/json">``: what ``json_script`` gives, made faster."""
        return spec_script(self.chart.spec) if self.chart is not None else SafeString("")


@cache
def _geometries() -> dict[str, str]:
    """Each département's geometry as the choropleth draws it (overseas ones moved into their insets),
    serialised and escaped once per process, by code."""
    overseas = frozenset(p.code for p in territories.departements(metropolitan_only=False) if p.overseas)
    drawn = overseas_insets(_outlines("departement", overseas))["features"]
    return {
        str(f["properties"]["code"]): json.dumps(f["geometry"]).translate(_SCRIPT_ESCAPES)
        for f in drawn
        if not f["properties"].get("frame")
    }


def spec_script(spec: dict[str, Any]) -> SafeString:
    """``json_script(spec, SPEC_ID)`` for a map of départements, each geometry spliced in as serialised
    once per process (a token stands for it while the rest is serialised: a string no JSON text of a
    title or address can hold, since a backslash before it would be escaped)."""
    geometries = _geometries()
    layer = territories_layer(spec)
    spliced, features = {}, []
    for n, feature in enumerate(layer["data"]["values"]):
        code = feature["properties"]["code"]
        if code in geometries:
            token = f"\x00geometry-{n}"  # in JSON: "\u0000geometry-n" (_TOKEN)
            spliced[json.dumps(token)] = geometries[code]
            feature = {**feature, "geometry": token}
        features.append(feature)
    light = {**spec, "layer": [*spec["layer"][:-1], {**layer, "data": {"values": features}}]}
    text = str(json_script(light, SPEC_ID))  # a few KB: the tokens are replaced in one pass
    # json_script's escaped output, the geometries escaped alike:
    return mark_safe(_TOKEN.sub(lambda found: spliced[found.group(0)], text))


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
