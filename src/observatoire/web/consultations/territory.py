"""The block a territory page shows for each approved consultation of the territory: the 16 domains beside
the région and France (the pages' Vega-Lite chart, its text alternative and data table), the residents'
priorities, the territory's objective index where it has one, the caveats and a link to the full results.

The page is cached per published state (:mod:`observatoire.web.caching`), which the approved consultations
are part of: approving, withdrawing or deleting one renders the page afresh.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
from django.urls import reverse

from observatoire.errors import ObservatoireError
from observatoire.messages import t
from observatoire.numbers import number
from observatoire.reference.territories import Territory
from observatoire.reports.charts import domain_label
from observatoire.web.consultations import display
from observatoire.web.consultations.public import published_on
from observatoire.web.pages.data import objective_index
from observatoire.web.pages.overview import chart_view


def _objective(found: Territory) -> dict[str, float]:
    """The territory's objective index by domain's short label (latest year), empty where it has none."""
    try:
        by_domain, _year = objective_index(found, None)
    except ObservatoireError:
        return {}
    return {
        domain_label(code): float(entry["objective"])
        for code, entry in by_domain.items()
        if entry["objective"] is not None and not math.isnan(float(entry["objective"]))
    }


def territory_blocks(found: Territory) -> list[dict[str, Any]]:
    """One block per approved consultation of ``found`` with results to show, latest first."""
    published = published_on(found.level, found.code)
    if not published:
        return []
    objective = _objective(found)
    blocks = []
    for consultation, results in published:
        shown = display.context(results, consultation.region)
        chart = display.chart(results, found.name, shown["region_name"])
        table: pd.DataFrame = chart.table.copy()
        label_column = table.columns[0]
        if objective:
            table[t("reports.col.objective")] = [
                number(objective.get(label)) for label in table[label_column]
            ]
        blocks.append(
            {
                "consultation": consultation,
                "caveats": shown["caveats"],
                "fragile": shown["fragile"],
                "chart": chart_view(f"consultation-{consultation.pk}", chart),
                "columns": list(table.columns),
                "rows": table.astype(str).values.tolist(),
                "priorities": display.priority_labels(results),
                "objective": bool(objective),
                "url": reverse("consultations:results", args=[consultation.public_id]),
            }
        )
    return blocks
