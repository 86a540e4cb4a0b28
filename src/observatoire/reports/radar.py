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

import altair as alt
import pandas as pd

from observatoire.messages import t
from observatoire.reports.charts import PALETTE, SHAPES, Chart, _config, number

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


def _polygon(values: Sequence[float | None], series: str) -> list[dict]:
    count = len(values)
    points = []
    for index, value in enumerate(values):
        radius = 0.0 if value is None else float(value)
        x, y = _point(index, count, radius)
        points.append({"x": x, "y": y, "order": index, "series": series, "value": value})
    points.append({**points[0], "order": count})  # close the polygon
    return points


def radar_chart(spokes: Sequence[Spoke], title: str, peers_label: str | None = None) -> Chart:
    """Scores per axis on a radar; ``peers_label`` names the peers' series when their medians are given."""
    count = len(spokes)
    mine = t("autodiagnostics.chart.mine")
    grid = []
    for ring in RINGS:
        for point in _polygon([ring] * count, str(ring)):
            grid.append({**point, "ring": ring})
    spokes_data = []
    for index, spoke in enumerate(spokes):
        x, y = _point(index, count, 100)
        spokes_data += [
            {"x": 0, "y": 0, "spoke": index, "label": spoke.label},
            {"x": x, "y": y, "spoke": index, "label": spoke.label},
        ]
    labels = []
    for index, spoke in enumerate(spokes):
        x, y = _point(index, count, 118)
        align = "center" if abs(x) < 1 else ("left" if x > 0 else "right")
        labels.append({"x": x, "y": y, "label": spoke.label, "align": align})
    series = [mine]
    shapes = _polygon([s.score for s in spokes], mine)
    has_peers = peers_label is not None and any(s.peers is not None for s in spokes)
    if has_peers:
        series.append(peers_label)  # type: ignore[arg-type]
        shapes += _polygon([s.peers for s in spokes], peers_label)  # type: ignore[arg-type]
    scale = alt.Scale(domain=[-135, 135])
    axis = None
    x = alt.X("x:Q", scale=scale, axis=axis)
    y = alt.Y("y:Q", scale=scale, axis=axis)
    rings = (
        alt.Chart(pd.DataFrame(grid))
        .mark_line(color="#bbbbbb", strokeWidth=0.7)
        .encode(x=x, y=y, detail="ring:N", order="order:Q")
    )
    lines = (
        alt.Chart(pd.DataFrame(spokes_data))
        .mark_line(color="#bbbbbb", strokeWidth=0.7)
        .encode(x=x, y=y, detail="spoke:N")
    )
    texts = [
        alt.Chart(pd.DataFrame([label for label in labels if label["align"] == align]))
        .mark_text(fontSize=11, baseline="middle", align=align)
        .encode(x=x, y=y, text="label:N")
        for align in ("left", "right", "center")
        if any(label["align"] == align for label in labels)
    ]
    colour = alt.Color(
        "series:N", scale=alt.Scale(domain=series, range=list(PALETTE[: len(series)])), title=None
    )
    dash = alt.StrokeDash(
        "series:N", scale=alt.Scale(domain=series, range=[[1, 0], [6, 3]][: len(series)]), title=None
    )
    frame = pd.DataFrame(shapes).astype(object)
    frame = frame.where(frame.notna(), None)
    polygons = (
        alt.Chart(frame)
        .mark_line(strokeWidth=2.5)
        .encode(x=x, y=y, color=colour, strokeDash=dash, detail="series:N", order="order:Q")
    )
    points = (
        alt.Chart(frame)
        .mark_point(filled=True, size=60)
        .encode(
            x=x,
            y=y,
            color=colour,
            shape=alt.Shape(
                "series:N", scale=alt.Scale(domain=series, range=list(SHAPES[: len(series)])), title=None
            ),
            tooltip=["series:N", alt.Tooltip("value:Q", format=".0f")],
        )
    )
    chart = alt.layer(rings, lines, polygons, points, *texts).properties(width=SIZE, height=SIZE, title=title)
    table = pd.DataFrame(
        {
            t("autodiagnostics.col.axis"): [s.label for s in spokes],
            t("autodiagnostics.col.score"): [_score(s.score) for s in spokes],
        }
    )
    if has_peers:
        table[peers_label] = [_score(s.peers) for s in spokes]
    return Chart(_config(chart), title, _alt(spokes), table)


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
