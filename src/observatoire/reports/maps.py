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

The overseas régions (DROM) are drawn as insets west of metropolitan France (:func:`overseas_insets`), as
on INSEE and Etalab maps: one conformal projection cannot show Paris and Mayotte at a readable size.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from observatoire.messages import t
from observatoire.numbers import number
from observatoire.reports.charts import Chart

#: Viridis, 5 steps, from the least to the most fragile (dark = fragile).
SEQUENTIAL = ("#fde725", "#5ec962", "#21918c", "#3b528b", "#440154")
#: Purple-orange (ColorBrewer PuOr, colour-blind-safe), from "perceived below objective" to "above".
DIVERGING = ("#542788", "#998ec3", "#f7f7f7", "#f1a340", "#b35806")
#: Fixed classes of a gap (perceived - objective, in points of the 1-10 scale).
GAP_BREAKS = (-2.0, -0.5, 0.5, 2.0)
SUPPRESSED_COLOUR = "#bdbdbd"
MISSING_COLOUR = "#ffffff"
MISSING_DASH = (3, 2)
#: Wide enough for the column of overseas insets beside metropolitan France, drawn as large as before.
WIDTH = 640
HEIGHT = 500
#: Lambert conformal conic centred on metropolitan France (like Lambert-93).
PROJECTION: dict[str, Any] = {"type": "conicConformal", "parallels": [44, 49], "rotate": [-3, 0]}

#: The insets, top to bottom: Guadeloupe, Martinique, Guyane, La Réunion, Mayotte (région codes).
INSET_ORDER = ("01", "02", "03", "04", "06")
#: The middle of the column of insets (lon, lat): west of Ouessant (-5.14°) and of the Bay of Biscay, so
#: that no box overlaps metropolitan France's bounding box.
INSET_ANCHOR = (-7.2, 46.2)
#: Each inset's box is a square this many degrees of latitude tall on the ground (same size for all, so
#: that Mayotte is as visible as Guyane), with a gap between boxes.
INSET_HEIGHT = 1.4
INSET_GAP = 0.2
#: Share of each side of a box left empty around its territory.
INSET_MARGIN = 0.08
#: Decimals of the packaged outlines' coordinates (about 100 m), kept by the insets.
DECIMALS = 3
FRAME_COLOUR = "#6b6b6b"


@dataclass(frozen=True)
class Bounds:
    """A lon/lat bounding rectangle: west, south, east, north (degrees)."""

    west: float
    south: float
    east: float
    north: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.west + self.east) / 2, (self.south + self.north) / 2


def _cone_constant() -> float:
    """How much the meridians of :data:`PROJECTION` converge: the cone constant of a conformal conic
    projection with two standard parallels (as d3-geo computes it)."""
    south, north = (math.radians(p) for p in PROJECTION["parallels"])

    def tan_y(phi: float) -> float:
        return math.tan((math.pi / 2 + phi) / 2)

    return math.log(math.cos(south) / math.cos(north)) / math.log(tan_y(north) / tan_y(south))


def upright(lon: float, lat: float) -> np.ndarray:
    """The linear map from ground offsets at (``lon``, ``lat``) (east, north, in degrees of latitude) to
    lon/lat offsets, turned so that what it places is drawn upright: west of the central meridian the
    projection tilts north towards the east, by the cone constant times the longitude difference."""
    angle = math.radians(_cone_constant() * (-PROJECTION["rotate"][0] - lon))
    turn = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    return np.diag([1 / math.cos(math.radians(lat)), 1.0]) @ turn


def inset_centres() -> dict[str, tuple[float, float]]:
    """The centre (lon, lat) of each overseas région's box, by région code: a column drawn upright."""
    turn = upright(*INSET_ANCHOR)
    middle = (len(INSET_ORDER) - 1) / 2
    centres = {}
    for i, code in enumerate(INSET_ORDER):
        lon, lat = np.array(INSET_ANCHOR) + turn @ np.array([0.0, (middle - i) * (INSET_HEIGHT + INSET_GAP)])
        centres[code] = (float(lon), float(lat))
    return centres


def frame_corners(centre: tuple[float, float]) -> np.ndarray:
    """The 4 corners (lon, lat) of the box around ``centre``, counter-clockwise from the south-west one."""
    half = INSET_HEIGHT / 2
    ground = np.array([[-half, -half], [half, -half], [half, half], [-half, half]])
    return ground @ upright(*centre).T + np.array(centre)


def _inset_of(properties: dict[str, Any]) -> str | None:
    """The inset (overseas région code) of a région or département feature, None when metropolitan."""
    level = properties.get("level", "region")
    code = properties.get("region") if level == "departement" else properties.get("code")
    return code if code in INSET_ORDER else None


def _polygons(geometry: dict[str, Any]) -> list[Any]:
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def _bounds(geometries: Sequence[dict[str, Any]]) -> Bounds:
    points = np.array([p for g in geometries for poly in _polygons(g) for ring in poly for p in ring], float)
    (west, south), (east, north) = points.min(axis=0), points.max(axis=0)
    return Bounds(float(west), float(south), float(east), float(north))


def _fit(source: Bounds, centre: tuple[float, float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The affine map (origin, matrix, destination) that puts ``source`` in the box around ``centre``, same
    shape on the ground: a degree of longitude is cos(latitude) long, so longitudes are scaled by the
    cosine at the source's latitude, then by its inverse at the box's (in :func:`upright`)."""
    from_cos = math.cos(math.radians(source.centre[1]))
    room = (1 - 2 * INSET_MARGIN) * INSET_HEIGHT
    extent = max(source.north - source.south, (source.east - source.west) * from_cos, 1e-9)
    to_ground = np.diag([from_cos, 1.0]) * (room / extent)
    return np.array(source.centre), upright(*centre) @ to_ground, np.array(centre)


def _moved(geometry: dict[str, Any], origin: np.ndarray, matrix: np.ndarray, to: np.ndarray) -> dict:
    def ring(points: list[list[float]]) -> list[list[float]]:
        moved = (np.asarray(points, float) - origin) @ matrix.T + to
        return np.round(moved, DECIMALS).tolist()

    polygons = [[ring(r) for r in poly] for poly in _polygons(geometry)]
    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": polygons[0]}
    return {"type": "MultiPolygon", "coordinates": polygons}


def _frame(code: str, name: str, centre: tuple[float, float]) -> dict[str, Any]:
    corners = np.round(frame_corners(centre), DECIMALS).tolist()
    return {
        "type": "Feature",
        "properties": {"frame": True, "inset": code, "name": name},
        "geometry": {"type": "LineString", "coordinates": [*corners, corners[0]]},
    }


def overseas_insets(geojson: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``geojson`` (région or département outlines, in lon/lat) where each overseas région is
    moved and scaled into its box (:func:`inset_centres`, :func:`frame_corners`), plus one frame
    per box drawn.

    Why: drawn where they are, the DROM would stretch the map over two oceans and shrink France to a dot;
    official French maps show them as insets beside the mainland instead. The move is done on the
    coordinates, before the projection, so the map keeps one projection; each territory keeps its shape
    (cos(latitude) correction) but not its scale: every box has the same size, so that Mayotte is as
    visible as Guyane. Moved features get the property ``inset`` (their région code); frames are
    ``LineString`` features with ``frame: true`` (an outline, not a territory: no code, no link). Features
    of metropolitan France are passed as they are (the same objects: neither is changed)."""
    centres = inset_centres()
    groups: dict[str, list[dict[str, Any]]] = {}
    for feature in geojson["features"]:
        inset = _inset_of(feature["properties"])
        if inset is not None:
            groups.setdefault(inset, []).append(feature)
    fits = {
        code: _fit(_bounds([f["geometry"] for f in found]), centres[code]) for code, found in groups.items()
    }
    features = []
    for feature in geojson["features"]:
        inset = _inset_of(feature["properties"])
        if inset is None:
            features.append(feature)
            continue
        features.append(
            {
                **feature,
                "properties": {**feature["properties"], "inset": inset},
                "geometry": _moved(feature["geometry"], *fits[inset]),
            }
        )
    for code in INSET_ORDER:
        if code in groups:
            features.append(_frame(code, groups[code][0]["properties"]["name"], centres[code]))
    return {**geojson, "features": features}


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
    """The choropleth of ``frame`` on the features of ``geojson`` (outlines in lon/lat, as
    :func:`observatoire.reference.boundaries.boundaries` gives them: the overseas ones are drawn in insets,
    see :func:`overseas_insets`); territories without a feature stay in the table. ``legend=False``
    leaves the legend out of the drawing, for a page that shows it as HTML (same labels and colours).

    The spec's layers share one projection: the insets' frames if any (outlines only, hidden from screen
    readers, no tooltip, no link), then the territories (:func:`territories_layer`)."""
    outlines = overseas_insets(geojson)
    frames = [f for f in outlines["features"] if f["properties"].get("frame")]
    rows = frame.copy().reset_index(drop=True)
    rows["class"] = classify(rows, classes)
    if "display" not in rows:
        rows["display"] = [
            t("map.class.suppressed") if s else number(v)
            for v, s in zip(rows["value"], rows["suppressed"], strict=True)
        ]
    by_code = {str(row["code"]): row for _, row in rows.iterrows()}
    features = []
    for feature in outlines["features"]:
        if feature["properties"].get("frame"):
            continue
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
        "projection": dict(PROJECTION),
        "layer": [
            *([_frames_layer(frames)] if frames else []),
            _territories_layer(features, legend_title, domain, colours, legend),
        ],
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


def territories_layer(spec: dict[str, Any]) -> dict[str, Any]:
    """The layer of a :func:`choropleth` spec drawing the territories: their features
    (``["data"]["values"]``) and encoding (the colour scale and legend title in ``["encoding"]["color"]``)."""
    return spec["layer"][-1]


def _frames_layer(frames: list[dict[str, Any]]) -> dict[str, Any]:
    """The insets' frames: thin grey outlines that tell a reader these shapes are not in their place."""
    mark = {"type": "geoshape", "filled": False, "stroke": FRAME_COLOUR, "strokeWidth": 0.8, "aria": False}
    return {"data": {"values": frames}, "mark": mark}


def _territories_layer(
    features: list[dict[str, Any]], legend_title: str, domain: list[str], colours: list[str], legend: bool
) -> dict[str, Any]:
    return {
        "data": {"values": features},
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
    }
