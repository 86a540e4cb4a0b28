"""What the result page shows: the caveats in plain French, the domain table and the chart's geometry.

The chart is an SVG drawn by the template from these numbers (no script): per domain a line for the
« intervalle de crédibilité », a dot for the consultation, a diamond for the région and a square for France
(shapes, not colours alone, tell them apart); the same figures are in the table below it.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from observatoire.consultations.publication import priorities
from observatoire.consultations.results import Results
from observatoire.consultations.thresholds import FRAGILE_ANSWERS, FRAGILE_EFFECTIVE, MIN_ANSWERS, Reliability
from observatoire.messages import t
from observatoire.numbers import number
from observatoire.reference import vocabulary
from observatoire.reports import charts

LEFT, WIDTH, ROW = 190.0, 380.0, 26.0


def _x(value: float) -> float:
    """Position of a 1–10 rating on the chart."""
    return round(LEFT + (min(max(value, 1.0), 10.0) - 1.0) / 9.0 * WIDTH, 1)


def _percent_interval(low: float, high: float) -> str:
    return f"{number(100 * low, 0)} – {number(100 * high, 0)}"


def caveats(found: Results) -> list[str]:
    texts = [t("consultations.caveat.voluntary")]
    if found.raked:
        texts.append(
            t(
                "consultations.caveat.raked",
                source=found.margins_source or "",
                effective=number(found.effective_n, 0),
                deff=number(found.design_effect, 2),
            )
        )
        if found.unmatched:
            texts.append(t("consultations.caveat.unmatched", categories=", ".join(found.unmatched)))
    else:
        texts.append(t("consultations.caveat.unweighted"))
    texts.append(
        t(
            "consultations.caveat.count",
            valid=found.valid,
            screened=found.screened_out,
            submitted=found.submitted,
        )
    )
    if found.reliability is Reliability.HIDDEN:
        texts.append(t("consultations.caveat.hidden", minimum=MIN_ANSWERS, valid=found.valid))
    else:
        texts.append(t("consultations.caveat.interval"))
    return texts


def _gap_text(reference: Any) -> str:
    if reference is None:
        return "non publié"
    word = "écart notable" if reference.notable else "pas d'écart notable"
    return f"{number(reference.figure.estimate)} ({word}, {number(reference.gap, sign=True)})"


def context(found: Results, region: str) -> dict[str, Any]:
    """Template context of the results block: caveats, fragile flag, rows of the table and of the chart."""
    labels = {d.code: d.label for d in vocabulary.domains()}
    rows = []
    for position, row in enumerate(found.domains):
        e = row.estimate
        y = round(20 + position * ROW, 1)
        rows.append(
            {
                "label": labels[row.domain],
                "mean": number(e.mean),
                "interval": f"{number(e.mean_interval.low)} – {number(e.mean_interval.high)}",
                "top_box": number(100 * e.top_box, 0),
                "n": e.n,
                "region": _gap_text(row.region),
                "france": _gap_text(row.france),
                "y": y,
                "x": _x(e.mean),
                "low": _x(e.mean_interval.low),
                "high": _x(e.mean_interval.high),
                "region_x": None if row.region is None else _x(row.region.figure.estimate),
                "france_x": None if row.france is None else _x(row.france.figure.estimate),
            }
        )
    sources = sorted(
        {r.region.figure.source for r in found.domains if r.region}
        | {r.france.figure.source for r in found.domains if r.france}
    )
    region_names = sorted({r.region.figure.place.name for r in found.domains if r.region})
    return {
        "caveats": caveats(found),
        "fragile": t(
            "consultations.caveat.fragile", answers=FRAGILE_ANSWERS, effective=number(FRAGILE_EFFECTIVE, 0)
        )
        if found.reliability is Reliability.FRAGILE
        else "",
        "shown": found.reliability is not Reliability.HIDDEN,
        "rows": rows,
        "chart_height": round(40 + len(rows) * ROW, 1),
        "ticks": [{"value": v, "x": _x(v)} for v in range(1, 11)],
        "sources": sources,
        "region_name": ", ".join(region_names) or "région",
        "alliance": None
        if found.alliance is None
        else {
            "share": number(100 * found.alliance.share, 0),
            "interval": _percent_interval(found.alliance.interval.low, found.alliance.interval.high),
        },
    }


def chart(found: Results, place: str, region: str) -> charts.Chart:
    """The Vega-Lite chart of the domains beside the région and France (text alternative, data table)."""
    frame = pd.DataFrame(
        [
            {
                "domain": row.domain,
                "estimate": row.estimate.mean,
                "ci_low": row.estimate.mean_interval.low,
                "ci_high": row.estimate.mean_interval.high,
                "region": None if row.region is None else row.region.figure.estimate,
                "france": None if row.france is None else row.france.figure.estimate,
                "region_notable": row.region is not None and row.region.notable,
                "france_notable": row.france is not None and row.france.notable,
            }
            for row in found.domains
        ]
    )
    return charts.consultation_chart(frame, place, region)


def priority_labels(found: Results) -> list[str]:
    """The consultation's priority domains (highest means), as sentences name them."""
    return [vocabulary.domain(code).label for code in priorities(found)]
