"""Choropleth maps: one Vega-Lite specification per map, shared by the web (interactive) and the reports.

Input: a GeoJSON FeatureCollection (``observatoire.reference.boundaries``) and a frame with one row per
territory, already read from the results store (nothing is estimated here):

- ``code`` (the feature's ``code``), ``name``, ``value`` (float, missing when not published),
  ``suppressed`` (bool: « base insuffisante »), optionally ``href`` (the territory's page) and ``display``
  (the figure as the table shows it).

Colour never carries meaning alone: every territory falls in a *labelled class* (legend, tooltip and the
data table say the same words), suppressed and missing territories have their own labelled classes, and
the palettes are colour-blind-safe (viridis for a 1-10 fragility scale, darker = more fragile; purple-orange
for a gap). Every map comes with a French text alternative naming the extremes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from observatoire.messages import t
from observatoire.reports.charts import Chart, number

#: Viridis, 5 steps, from the least to the most fragile (dark = fragile).
SEQUENTIAL = ("#fde725", "#5ec962", "#21918c", "#3b528b", "#440154")
#: Purple-orange (ColorBrewer PuOr, colour-blind-safe), from "perceived below objective" to "above".
DIVERGING = ("#542788", "#998ec3", "#f7f7f7", "#f1a340", "#b35806")
#: Fixed classes of a gap (perceived - objective, in points of the 1-10 scale).
GAP_BREAKS = (-2.0, -0.5, 0.5, 2.0)
SUPPRESSED_COLOUR = "#bdbdbd"
MISSING_COLOUR = "#ffffff"
MISSING_DASH = (3, 2)
WIDTH = 520
HEIGHT = 520


@dataclass(frozen=True)
class Classes:
    """Class breaks (ascending inner bounds), their French labels and colours, lowest class first."""

    breaks: tuple[float, ...]
    labels: tuple[str, ...]
    colours: tuple[str, ...]

    def of(self, value: float) -> int:
        """The index of the class holding ``value`` as it is shown (one decimal, like the bounds): a figure
        read "5,0" is never in the class "moins de 5,0". A bound belongs to the class above it."""
        shown = round(value, 1)
        return sum(shown >= bound for bound in self.breaks)


def _range_label(low: float | None, high: float | None) -> str:
    if low is None:
        return t("map.class.below", high=number(high))
    if high is None:
        return t("map.class.above", low=number(low))
    return t("map.class.between", low=number(low), high=number(high))


def _labelled(breaks: Sequence[float], colours: Sequence[str]) -> Classes:
    bounds: list[float | None] = [None, *breaks, None]
    labels = tuple(_range_label(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1))
    return Classes(tuple(breaks), labels, tuple(colours))


def quantile_classes(values: Sequence[float], k: int = 5) -> Classes:
    """Up to ``k`` classes with about as many territories each (breaks at the quantiles, rounded to one
    decimal, duplicates merged), on the sequential palette."""
    published = sorted(float(v) for v in values if v is not None and not math.isnan(float(v)))
    if len(published) < 2:
        return Classes((), (t("map.class.all"),), (SEQUENTIAL[len(SEQUENTIAL) // 2],))
    series = pd.Series(published)
    quantiles = [round(float(series.quantile(i / k)), 1) for i in range(1, k)]
    breaks = sorted({q for q in quantiles if published[0] < q <= published[-1]})
    # Spread the classes over the whole palette: 2 classes are its two ends, not its first two steps.
    n = len(breaks) + 1
    step = (len(SEQUENTIAL) - 1) / max(n - 1, 1)
    colours = [SEQUENTIAL[round(i * step)] for i in range(n)]
    return _labelled(breaks, colours)


def gap_classes() -> Classes:
    """The 5 fixed classes of a gap, on the diverging palette."""
    return _labelled(GAP_BREAKS, DIVERGING)


def classify(frame: pd.DataFrame, classes: Classes) -> pd.Series:
    """The class label of each row: a value class, « base insuffisante » or « pas de donnée »."""
    labels = []
    for value, suppressed in zip(frame["value"], frame["suppressed"].fillna(False), strict=True):
        if bool(suppressed):
            labels.append(t("map.class.suppressed"))
        elif value is None or pd.isna(value):
            labels.append(t("map.class.missing"))
        else:
            labels.append(classes.labels[classes.of(float(value))])
    return pd.Series(labels, index=frame.index, dtype=object)


def _alternative(frame: pd.DataFrame, subject: str, level_label: str) -> str:
    published = frame[~frame["suppressed"].fillna(False).astype(bool) & frame["value"].notna()]
    parts = [t("map.alt.subject", level=level_label, subject=subject)]
    if published.empty:
        parts.append(t("map.alt.empty"))
    else:
        ordered = published.sort_values("value", ascending=False, kind="stable")
        top, bottom = ordered.iloc[0], ordered.iloc[-1]
        parts.append(
            t(
                "map.alt.extremes",
                high=top["name"],
                high_value=number(top["value"]),
                low=bottom["name"],
                low_value=number(bottom["value"]),
                count=len(published),
            )
        )
    hidden = int(frame["suppressed"].fillna(False).astype(bool).sum())
    if hidden:
        parts.append(t("map.alt.suppressed", count=hidden))
    return " ".join(parts)


def choropleth(
    geojson: dict[str, Any],
    frame: pd.DataFrame,
    *,
    title: str,
    legend_title: str,
    level_label: str,
    classes: Classes,
    legend: bool = True,
) -> Chart:
    """The choropleth of ``frame`` on the features of ``geojson``; territories without a feature (the
    overseas régions when ``geojson`` holds metropolitan France only) stay in the table. ``legend=False``
    leaves the legend out of the drawing, for a page that shows it as HTML (same labels and colours)."""
    rows = frame.copy().reset_index(drop=True)
    rows["class"] = classify(rows, classes)
    if "display" not in rows:
        rows["display"] = [
            t("map.class.suppressed") if s else number(v)
            for v, s in zip(rows["value"], rows["suppressed"], strict=True)
        ]
    by_code = {str(row["code"]): row for _, row in rows.iterrows()}
    features = []
    for feature in geojson["features"]:
        code = str(feature["properties"]["code"])
        row = by_code.get(code)
        name = feature["properties"].get("name", code) if row is None else str(row["name"])
        properties = {
            "code": code,
            "name": name,
            "class": t("map.class.missing") if row is None else row["class"],
            "display": t("map.class.missing") if row is None else str(row["display"]),
        }
        properties["missing"] = properties["class"] == t("map.class.missing")
        properties["aria"] = t(
            "map.aria.territory", name=name, value=properties["display"], label=properties["class"]
        )
        if row is not None and isinstance(row.get("href"), str):
            properties["href"] = row["href"]
        features.append({"type": "Feature", "geometry": feature["geometry"], "properties": properties})

    domain = [*classes.labels, t("map.class.suppressed"), t("map.class.missing")]
    colours = [*classes.colours, SUPPRESSED_COLOUR, MISSING_COLOUR]
    alt_text = _alternative(rows, title, level_label)
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": alt_text,
        "width": WIDTH,
        "height": HEIGHT,
        "data": {"values": features},
        "projection": {"type": "conicConformal", "parallels": [44, 49], "rotate": [-3, 0]},
        "mark": {"type": "geoshape", "stroke": "#222222", "strokeWidth": 0.6, "cursor": "pointer"},
        "encoding": {
            "color": {
                "field": "properties.class",
                "type": "nominal",
                "title": legend_title,
                "scale": {"domain": domain, "range": colours},
                "legend": (
                    {"orient": "left", "labelLimit": 220, "symbolStrokeColor": "#222222"} if legend else None
                ),
            },
            "href": {"field": "properties.href"},
            "description": {"field": "properties.aria"},
            # A territory without a figure is white with a dashed outline: told apart from a light class.
            "strokeDash": {
                "condition": {"test": "datum.properties.missing", "value": list(MISSING_DASH)},
                "value": [1, 0],
            },
            "tooltip": [
                {"field": "properties.name", "type": "nominal", "title": t("map.tooltip.territory")},
                {"field": "properties.display", "type": "nominal", "title": legend_title},
                {"field": "properties.class", "type": "nominal", "title": t("map.tooltip.class")},
            ],
        },
        "config": {"view": {"stroke": None}, "font": "DejaVu Sans"},
    }
    table = rows[["code", "name", "display", "class"]].rename(
        columns={
            "code": t("map.table.code"),
            "name": t("map.table.territory"),
            "display": legend_title,
            "class": t("map.tooltip.class"),
        }
    )
    return Chart(spec=spec, title=title, alt=alt_text, table=table)
