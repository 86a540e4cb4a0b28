"""The radar chart of a self-assessment: one spoke per axis (0-100), the respondent's polygon and, when
shown, the peers' median — a Vega-Lite specification like every chart (drawn by the web, SVG in the PDF).

Vega-Lite has no polar line mark, so the polygon points are placed here (x = r·sin θ, y = r·cos θ, the
first axis at the top, clockwise). Series differ by colour, shape and dash, never by colour alone; the
text alternative states the strongest and weakest axes and the table holds every figure.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from observatoire.messages import t
from observatoire.numbers import number
from observatoire.reports.charts import PALETTE, SCHEMA, SHAPES, Chart, config

SIZE = 320
RINGS = (25, 50, 75, 100)


@dataclass(frozen=True)
class Spoke:
    """One axis: its label, the respondent's score and the peers' median (``None`` when not shown)."""

    label: str
    score: float | None
    peers: float | None = None


def _point(index: int, count: int, radius: float) -> tuple[float, float]:
    angle = 2 * math.pi * index / count
    return round(radius * math.sin(angle), 3), round(radius * math.cos(angle), 3)


def _polygon(
    values: Sequence[float | None], series: str, labels: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    count = len(values)
    points = []
    for index, value in enumerate(values):
        radius = 0.0 if value is None else float(value)
        x, y = _point(index, count, radius)
        said = t("autodiagnostics.not_applicable") if value is None else number(value, 0)
        description = f"{series}, {labels[index]} : {said}" if labels else ""
        points.append(
            {"x": x, "y": y, "order": index, "series": series, "value": value, "description": description}
        )
    points.append({**points[0], "order": count})  # close the polygon
    return points


def _encoding(**channels: Any) -> dict[str, Any]:
    scale = {"domain": [-135, 135]}
    return {
        "x": {"field": "x", "type": "quantitative", "scale": scale, "axis": None},
        "y": {"field": "y", "type": "quantitative", "scale": scale, "axis": None},
        **channels,
    }


def radar_chart(spokes: Sequence[Spoke], title: str, peers_label: str | None = None) -> Chart:
    """Scores per axis on a radar; ``peers_label`` names the peers' series when their medians are given.

    The Vega-Lite specification is written as plain data, like the other charts, with their configuration."""
    count = len(spokes)
    mine = t("autodiagnostics.chart.mine")
    grid = [{**point, "ring": ring} for ring in RINGS for point in _polygon([ring] * count, str(ring))]
    spokes_data = []
    labels: dict[str, list[dict[str, Any]]] = {"left": [], "right": [], "center": []}
    for index, spoke in enumerate(spokes):
        x, y = _point(index, count, 100)
        spokes_data += [{"x": 0, "y": 0, "spoke": index}, {"x": x, "y": y, "spoke": index}]
        x, y = _point(index, count, 118)
        align = "center" if abs(x) < 1 else ("left" if x > 0 else "right")
        labels[align].append({"x": x, "y": y, "label": spoke.label})
    series = [mine]
    names = [s.label for s in spokes]
    shapes = _polygon([s.score for s in spokes], mine, names)
    has_peers = peers_label is not None and any(s.peers is not None for s in spokes)
    if has_peers:
        series.append(peers_label)  # type: ignore[arg-type]
        shapes += _polygon([s.peers for s in spokes], peers_label, names)  # type: ignore[arg-type]

    def by_series(channel: str, values: list[Any]) -> dict[str, Any]:
        return {
            "field": "series",
            "type": "nominal",
            "title": None,
            "scale": {"domain": series, "range": values},
        }

    colour = by_series("color", list(PALETTE[: len(series)]))
    grey = {"type": "line", "color": "#bbbbbb", "strokeWidth": 0.7, "aria": False}  # decoration
    layers: list[dict[str, Any]] = [
        {
            "data": {"values": grid},
            "mark": grey,
            "encoding": _encoding(
                detail={"field": "ring", "type": "nominal"}, order={"field": "order", "type": "quantitative"}
            ),
        },
        {
            "data": {"values": spokes_data},
            "mark": grey,
            "encoding": _encoding(detail={"field": "spoke", "type": "nominal"}),
        },
        {
            "data": {"values": shapes},
            "mark": {"type": "line", "strokeWidth": 2.5, "aria": False},  # the points speak
            "encoding": _encoding(
                color=colour,
                strokeDash=by_series("strokeDash", [[1, 0], [6, 3]][: len(series)]),
                detail={"field": "series", "type": "nominal"},
                order={"field": "order", "type": "quantitative"},
            ),
        },
        {
            "data": {"values": shapes},
            "mark": {"type": "point", "filled": True, "size": 60},
            "encoding": _encoding(
                color=colour,
                shape=by_series("shape", list(SHAPES[: len(series)])),
                description={"field": "description", "type": "nominal"},
                tooltip=[
                    {"field": "series", "type": "nominal"},
                    {"field": "value", "type": "quantitative", "format": ".0f"},
                ],
            ),
        },
    ]
    for align, values in labels.items():
        if values:
            layers.append(
                {
                    "data": {"values": values},
                    "mark": {
                        "type": "text",
                        "fontSize": 11,
                        "baseline": "middle",
                        "align": align,
                        "aria": False,
                    },
                    "encoding": _encoding(text={"field": "label", "type": "nominal"}),
                }
            )
    spec = {
        "$schema": SCHEMA,
        "config": config(),
        "title": title,
        "width": SIZE,
        "height": SIZE,
        "layer": layers,
    }
    table = pd.DataFrame(
        {
            t("autodiagnostics.col.axis"): [s.label for s in spokes],
            t("autodiagnostics.col.score"): [_score(s.score) for s in spokes],
        }
    )
    if has_peers:
        table[peers_label] = [_score(s.peers) for s in spokes]
    alt_text = _alt(spokes)
    spec["description"] = alt_text
    return Chart(spec, title, alt_text, table)


def _score(value: float | None) -> str:
    return t("autodiagnostics.not_applicable") if value is None else number(value, 0)


def _alt(spokes: Sequence[Spoke]) -> str:
    scored = [s for s in spokes if s.score is not None]
    if not scored:
        return t("autodiagnostics.chart.alt_empty")
    best = max(scored, key=lambda s: s.score)  # type: ignore[arg-type,return-value]
    worst = min(scored, key=lambda s: s.score)  # type: ignore[arg-type,return-value]
    return t(
        "autodiagnostics.chart.alt",
        count=len(spokes),
        best=best.label,
        best_score=number(best.score, 0),
        worst=worst.label,
        worst_score=number(worst.score, 0),
    )
