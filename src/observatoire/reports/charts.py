"""Chart specifications shared by the web (interactive) and the reports (static SVG).

One chart is one Vega-Lite specification plus what makes it accessible: a French text alternative stating
the main reading and the data table shown beside it. Colour never carries meaning alone: series differ by
shape too, flags are text marks (« + » / « − ») and bars carry their label. Suppressed figures are left
out of the plot and read « base insuffisante » in the table.

Input frames are tidy and already read from the results store (nothing is estimated here); every number
is passed as it was stored. Specifications are written as plain data: Altair's objects cost a territory
page half its rendering time (copies and schema lookups of every channel, ~0.1 s a chart), so the tests
check the specs against the Vega-Lite schema instead. Expected columns:

- :func:`domains_chart`: ``domain`` (code), ``estimate`` (perceived mean 1-10), ``ci_low``, ``ci_high``,
  ``flag`` (``+``/``-``/empty, against the rest of the population), ``suppressed`` (bool), and optionally
  ``objective`` (objective index 1-10). :func:`domain_frame` makes it from store rows.
- :func:`actors_chart`: ``domain``, ``actor`` (population code or label), ``estimate``, ``ci_low``,
  ``ci_high``, ``flag``, ``suppressed``.
- :func:`trend_chart`: ``wave`` (int), ``series`` (label), ``estimate``, ``ci_low``, ``ci_high``, ``flag``
  (the `*_change` flag of this wave against the previous one, not the flag against the rest), ``suppressed``.
- :func:`shares_chart`: ``category`` (label of the bar group), ``answer`` (label), ``estimate`` (share
  0-100), ``ci_low``, ``ci_high``, ``suppressed``; optional ``flag``.
- :func:`consultation_chart`: ``domain``, ``estimate`` (a local consultation's mean 1-10), ``ci_low``,
  ``ci_high`` (its « intervalle de crédibilité »), ``region`` and ``france`` (published means or None),
  ``region_notable`` and ``france_notable`` (bool: the reference lies outside the interval).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import vl_convert

from observatoire.diagnosis.query import row_dicts
from observatoire.errors import NotFoundError
from observatoire.messages import t
from observatoire.numbers import MINUS, number
from observatoire.reference import vocabulary

#: Okabe-Ito, the colour-blind-safe palette (blue, orange, green, purple, sky blue, vermillion, black).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000")
#: Shapes paired with the palette, so that a series is told apart without its colour.
SHAPES = ("circle", "square", "diamond", "triangle-up", "cross", "triangle-down", "stroke")
FONT = "DejaVu Sans"
WIDTH = 420
FLAG_TEXT = {"+": "+", "-": MINUS}
#: The Vega-Lite major version the specs follow (the page's vendored vega-lite and vl-convert draw it).
SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
ONE_TO_TEN = {"domain": [1, 10]}


@dataclass(frozen=True)
class Chart:
    """A chart: Vega-Lite ``spec``, its ``title``, French text alternative ``alt`` and data ``table``."""

    spec: dict[str, Any]
    title: str
    alt: str
    table: pd.DataFrame


# --- formatting -----------------------------------------------------------------------------------


def domain_label(code: str) -> str:
    """The short label of a domain code (the code itself when unknown)."""
    try:
        return vocabulary.domain(code).short_label
    except NotFoundError:
        return str(code)


def _flag(value: Any) -> str:
    return FLAG_TEXT.get(value, "") if isinstance(value, str) else ""


def _suppressed(frame: pd.DataFrame) -> pd.Series:
    """Whether each figure is unpublished (suppressed, or no estimate at all)."""
    flagged = frame["suppressed"].fillna(False).astype(bool) if "suppressed" in frame else False
    return flagged | frame["estimate"].isna()


def _figure(row: Mapping[str, Any], decimals: int = 1, unit: str = "") -> str:
    """« 6,4 » or « base insuffisante »."""
    if row["_hidden"]:
        return t("reports.suppressed")
    return number(row["estimate"], decimals) + unit


def _interval(row: Mapping[str, Any], decimals: int = 1) -> str:
    if row["_hidden"] or pd.isna(row.get("ci_low")) or pd.isna(row.get("ci_high")):
        return ""
    return f"[{number(row['ci_low'], decimals)} ; {number(row['ci_high'], decimals)}]"


def _flag_word(row: Mapping[str, Any], against: str) -> str:
    """« plus élevé (+) » only when flagged significant; otherwise « non significatif »."""
    if row["_hidden"]:
        return ""
    flag = row.get("flag")
    if flag == "+":
        return t("reports.flag.higher", against=against)
    if flag == "-":
        return t("reports.flag.lower", against=against)
    return t("reports.flag.none")


def _prepare(frame: pd.DataFrame) -> pd.DataFrame:
    prepared = frame.copy().reset_index(drop=True)
    for column in ("ci_low", "ci_high", "flag"):
        if column not in prepared:
            prepared[column] = None
    prepared["_hidden"] = _suppressed(prepared)
    prepared["flag_text"] = [
        "" if hidden else _flag(flag)
        for hidden, flag in zip(prepared["_hidden"], prepared["flag"], strict=True)
    ]
    return prepared


def _listing(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " " + t("reports.and") + " " + items[-1]


def config() -> dict[str, Any]:
    """The configuration every chart of the platform shares (a new copy each time, for the caller to
    change). Axes, legends and titles are hidden from screen readers (Vega describes them in English,
    and the text alternative and the table say what they show); each data mark carries its own French
    description (:func:`_described`)."""
    return {
        "view": {"continuousWidth": 300, "continuousHeight": 300, "stroke": None},
        "axis": {"aria": False, "labelFontSize": 11, "titleFontSize": 11},
        "font": FONT,
        "legend": {"aria": False, "labelFontSize": 11, "orient": "bottom", "titleFontSize": 11},
        "title": {"aria": False},
    }


def _spec(
    records: list[dict[str, Any]], layers: list[dict[str, Any]], alt_text: str, title: str, height: int
) -> dict[str, Any]:
    """The finished layered spec over ``records``. Its ``description`` is the French text alternative
    (Vega's default is « Vega visualization »)."""
    return {
        "$schema": SCHEMA,
        "config": config(),
        "data": {"values": records},
        "layer": layers,
        "title": title,
        "width": WIDTH,
        "height": height,
        "description": alt_text,
    }


def _channel(field: str, kind: str, **options: Any) -> dict[str, Any]:
    """One encoding channel: ``field`` read as ``kind`` (quantitative, nominal, ordinal) with ``options``."""
    return {"field": field, "type": kind, **options}


def responsive(spec: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``spec`` for a web page, as wide as its container (390 px phones to wide screens) where
    the reports keep the fixed :data:`WIDTH` of a printed page: the title goes to the page's HTML (which
    wraps, a Vega title does not) and the legend lists its entries one under the other."""
    config = dict(spec.get("config", {}))
    config["legend"] = {**config.get("legend", {}), "direction": "vertical", "columns": 1}
    web = {key: value for key, value in spec.items() if key != "title"}
    return {
        **web,
        "config": config,
        "width": "container",
        "autosize": {"type": "fit-x", "contains": "padding"},
    }


def _described(frame: pd.DataFrame, parts: Sequence[str], value: str = "", decimals: int = 1) -> list[str]:
    """One French sentence per plotted row, for screen readers (the marks' ``description``): the
    ``parts`` columns, then ``value`` rounded as in the tables, its interval and its flag if any."""
    texts = []
    for row in row_dicts(frame):
        words = [str(row[column]) for column in parts if row.get(column) is not None]
        text = ", ".join(words)
        if value and row.get(value) is not None:
            text += " : " + number(row[value], decimals)
            if row.get("ci_low") is not None and row.get("ci_high") is not None:
                text += f" [{number(row['ci_low'], decimals)} ; {number(row['ci_high'], decimals)}]"
            flag = row.get("flag_text")
            if flag:
                text += f" ({flag})"
        texts.append(text)
    return texts


def _scale_title() -> list[str]:
    """The 1-10 axis title on two lines (one line is wider than a phone's chart)."""
    return [t("reports.axis.scale_low"), t("reports.axis.scale_high")]


def _interval_on_scale() -> dict[str, Any]:
    """The x channels of a 95 % interval on the 1-10 scale (the scale's axis and its title)."""
    return {
        "x": _channel("ci_low", "quantitative", scale=dict(ONE_TO_TEN), title=_scale_title()),
        "x2": {"field": "ci_high"},
    }


def _number_tooltip(field: str, title: str, decimals: int = 1) -> dict[str, Any]:
    """A figure in a tooltip, rounded as in the tables (the page's Vega formats it the French way)."""
    return _channel(field, "quantitative", title=title, format=f".{decimals}f")


def _series_channels(field: str, series: Sequence[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Colour and shape channels of ``field`` telling its ``series`` apart (never by colour alone)."""
    domain = list(series)
    colour = _channel(
        field, "nominal", scale={"domain": domain, "range": list(PALETTE[: len(domain)])}, title=None
    )
    shape = _channel(
        field, "nominal", scale={"domain": domain, "range": list(SHAPES[: len(domain)])}, title=None
    )
    return colour, shape


def _points(
    size: int, colour: dict[str, Any], shape: dict[str, Any], tooltip: list[dict[str, Any]], **encoding: Any
) -> dict[str, Any]:
    """The layer of data points, told apart by ``colour`` and ``shape``, each with its ``tooltip`` and its
    French description for screen readers (the data's ``description``)."""
    return {
        "mark": {"type": "point", "filled": True, "size": size},
        "encoding": {
            "color": colour,
            "description": _channel("description", "nominal"),
            "shape": shape,
            "tooltip": tooltip,
            **encoding,
        },
    }


def _plotted(prepared: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The published figures only, with plain Python values (the spec is JSON)."""
    shown = prepared[~prepared["_hidden"]][columns]
    return shown.astype(object).where(shown.notna(), None)


# --- the charts -----------------------------------------------------------------------------------


def domain_frame(perceived: pd.DataFrame, objective: pd.DataFrame | None = None) -> pd.DataFrame:
    """The input of :func:`domains_chart` from store rows: ``perceived`` (statistic ``mean``, ``item`` =
    domain) and ``objective`` (statistic ``index``, ``item`` = domain) of one territory."""
    columns = ["item", "estimate", "ci_low", "ci_high", "flag", "suppressed"]
    frame = perceived[columns].rename(columns={"item": "domain"})
    if objective is not None and not objective.empty:
        index = objective[["item", "estimate"]].rename(columns={"item": "domain", "estimate": "objective"})
        frame = frame.merge(index, on="domain", how="outer")
    return frame


def domains_chart(frame: pd.DataFrame, title: str | None = None, against: str | None = None) -> Chart:
    """Perceived fragility by domain (mean with its 95 % interval, flag as text) and, when given, the
    objective index on the same 1-10 scale; domains in decreasing perceived order."""
    against = against or t("reports.against.rest")
    title = title or t("reports.chart.domains.title")
    prepared = _prepare(frame)
    prepared["label"] = [domain_label(code) for code in prepared["domain"]]
    prepared = prepared.sort_values(["_hidden", "estimate"], ascending=[True, False], kind="stable")
    order = list(prepared["label"])
    has_objective = "objective" in prepared and prepared["objective"].notna().any()

    perceived_name = t("reports.series.perceived")
    objective_name = t("reports.series.objective")
    points = _plotted(prepared, ["label", "estimate", "ci_low", "ci_high", "flag_text"]).assign(
        series=perceived_name
    )
    layers_data = [points.rename(columns={"estimate": "value"})]
    if has_objective:
        index = prepared[prepared["objective"].notna()][["label", "objective"]]
        layers_data.append(
            index.rename(columns={"objective": "value"}).assign(series=objective_name).astype(object)
        )
    long = pd.concat(layers_data, ignore_index=True)
    long = long.astype(object).where(long.notna(), None)
    long["description"] = _described(long, ["label", "series"], "value")

    series = [perceived_name, objective_name] if has_objective else [perceived_name]
    scale_x = dict(ONE_TO_TEN)
    y = _channel("label", "nominal", sort=order, title=None)
    colour, shape = _series_channels("series", series)
    perceived_only = [{"filter": {"field": "series", "equal": perceived_name}}]
    bars = {
        "mark": {"type": "rule", "aria": False, "color": PALETTE[0]},
        "encoding": {
            **_interval_on_scale(),
            "y": y,
        },
        "transform": perceived_only,
    }
    marks = _points(
        70,
        colour,
        shape,
        [
            _channel("label", "nominal", title=t("reports.col.domain")),
            _channel("series", "nominal", title=t("reports.col.measure")),
            _number_tooltip("value", t("reports.col.estimate")),
        ],
        x=_channel("value", "quantitative", scale=scale_x),
        y=y,
    )
    flags = {
        "mark": {
            "type": "text",
            "align": "left",
            "aria": False,
            "dx": 6,
            "fontSize": 13,
            "fontWeight": "bold",
        },
        "encoding": {
            "text": _channel("flag_text", "nominal"),
            "x": _channel("ci_high", "quantitative", scale=scale_x),
            "y": y,
        },
        "transform": perceived_only,
    }

    table = pd.DataFrame(
        {
            t("reports.col.domain"): prepared["label"],
            t("reports.col.perceived"): [_figure(row) for row in row_dicts(prepared)],
            t("reports.col.interval"): [_interval(row) for row in row_dicts(prepared)],
            t("reports.col.flag", against=against): [_flag_word(row, against) for row in row_dicts(prepared)],
        }
    )
    if has_objective:
        table[t("reports.col.objective")] = [number(value) for value in prepared["objective"]]
    alt_text = _domains_alt(prepared, has_objective, against)
    spec = _spec(row_dicts(long), [bars, marks, flags], alt_text, title, max(len(order), 1) * 22)
    return Chart(spec, title, alt_text, table.reset_index(drop=True))


def _domains_alt(prepared: pd.DataFrame, has_objective: bool, against: str) -> str:
    shown = prepared[~prepared["_hidden"]]
    parts = [t("reports.alt.domains.kind")]
    if not shown.empty:
        top = shown.head(3)
        parts.append(
            t(
                "reports.alt.domains.top",
                domains=_listing([f"{row['label']} ({number(row['estimate'])})" for row in row_dicts(top)]),
            )
        )
    for flag, key in (("+", "reports.alt.higher"), ("-", "reports.alt.lower")):
        found = shown[shown["flag"] == flag]["label"].tolist()
        if found:
            parts.append(t(key, items=_listing(found), against=against))
    if has_objective:
        fragile = prepared[prepared["objective"].notna()].sort_values("objective", ascending=False).head(3)
        parts.append(
            t(
                "reports.alt.domains.objective",
                domains=_listing(
                    [f"{row['label']} ({number(row['objective'])})" for row in row_dicts(fragile)]
                ),
            )
        )
    hidden = prepared[prepared["_hidden"]]["label"].tolist()
    if hidden:
        parts.append(t("reports.alt.suppressed", items=_listing(hidden)))
    return " ".join(parts)


def _actor_label(code: str) -> str:
    try:
        return vocabulary.population(code).label
    except (NotFoundError, AttributeError):
        return str(code)


def actors_chart(frame: pd.DataFrame, title: str | None = None, against: str | None = None) -> Chart:
    """Perceived fragility by domain for several actors side by side (shape and colour per actor)."""
    against = against or t("reports.against.rest")
    title = title or t("reports.chart.actors.title")
    prepared = _prepare(frame)
    prepared["label"] = [domain_label(code) for code in prepared["domain"]]
    prepared["actor_label"] = [_actor_label(code) for code in prepared["actor"]]
    actors = list(dict.fromkeys(prepared["actor_label"]))
    first = prepared[prepared["actor_label"] == actors[0]] if actors else prepared
    order = list(first.sort_values("estimate", ascending=False)["label"])
    order += [label for label in dict.fromkeys(prepared["label"]) if label not in order]
    shown = _plotted(prepared, ["label", "actor_label", "estimate", "ci_low", "ci_high", "flag_text"])
    shown["description"] = _described(shown, ["label", "actor_label"], "estimate")
    scale_x = dict(ONE_TO_TEN)
    y = _channel("label", "nominal", sort=order, title=None)
    offset = _channel("actor_label", "nominal", sort=actors)
    colour, shape = _series_channels("actor_label", actors)
    rules = {
        "mark": {"type": "rule", "aria": False},
        "encoding": {
            "color": colour,
            **_interval_on_scale(),
            "y": y,
            "yOffset": offset,
        },
    }
    points = _points(
        50,
        colour,
        shape,
        [
            _channel("label", "nominal", title=t("reports.col.domain")),
            _channel("actor_label", "nominal", title=t("reports.col.actor")),
            _number_tooltip("estimate", t("reports.col.perceived")),
        ],
        x=_channel("estimate", "quantitative", scale=scale_x),
        y=y,
        yOffset=offset,
    )
    flags = {
        "mark": {"type": "text", "align": "left", "aria": False, "dx": 5, "fontWeight": "bold"},
        "encoding": {
            "text": _channel("flag_text", "nominal"),
            "x": _channel("ci_high", "quantitative", scale=scale_x),
            "y": y,
            "yOffset": offset,
        },
    }
    height = max(len(order), 1) * max(len(actors), 1) * 9 + 20

    wide = prepared.assign(
        text=[
            _figure(row) + (f" ({row['flag_text']})" if row["flag_text"] else "")
            for row in row_dicts(prepared)
        ]
    )
    table = wide.pivot_table(index="label", columns="actor_label", values="text", aggfunc="first", sort=False)
    table = table.reindex(index=order, columns=actors).fillna(t("reports.not_asked"))
    table = table.reset_index().rename(columns={"label": t("reports.col.domain")})
    table.columns.name = None
    parts = [t("reports.alt.actors.kind", actors=_listing(actors)), t("reports.alt.flags", against=against)]
    for actor in actors:
        mine = prepared[(prepared["actor_label"] == actor) & ~prepared["_hidden"]]
        if not mine.empty:
            top = mine.sort_values("estimate", ascending=False).iloc[0]
            parts.append(
                t("reports.alt.actors.top", actor=actor, domain=top["label"], value=number(top["estimate"]))
            )
    alt_text = " ".join(parts)
    return Chart(
        _spec(row_dicts(shown), [rules, points, flags], alt_text, title, height), title, alt_text, table
    )


def trend_chart(frame: pd.DataFrame, title: str | None = None) -> Chart:
    """Figures wave to wave, one line per series (shape per series), with 95 % intervals; a series'
    ``flag`` says whether its change from the previous wave is significant."""
    title = title or t("reports.chart.trend.title")
    prepared = _prepare(frame).sort_values(["series", "wave"], kind="stable")
    series = list(dict.fromkeys(prepared["series"]))
    shown = _plotted(prepared, ["wave", "series", "estimate", "ci_low", "ci_high", "flag_text"])
    shown["description"] = _described(shown, ["series", "wave"], "estimate")
    colour, shape = _series_channels("series", series)
    x = _channel("wave", "ordinal", axis={"labelAngle": 0}, title=t("reports.col.wave"))
    estimate = _channel("estimate", "quantitative")
    lines = {
        "mark": {"type": "line", "aria": False},
        "encoding": {
            "color": colour,
            "detail": _channel("series", "nominal"),
            "x": x,
            "y": _channel("estimate", "quantitative", scale={"zero": False}, title=None),
        },
    }
    bars = {
        "mark": {"type": "rule", "aria": False},
        "encoding": {
            "color": colour,
            "x": x,
            "y": _channel("ci_low", "quantitative"),
            "y2": {"field": "ci_high"},
        },
    }
    points = _points(
        60,
        colour,
        shape,
        [
            _channel("series", "nominal", title=t("reports.col.series")),
            _channel("wave", "ordinal", title=t("reports.col.wave")),
            _number_tooltip("estimate", t("reports.col.estimate")),
        ],
        x=x,
        y=estimate,
    )
    flags = {
        "mark": {
            "type": "text",
            "align": "left",
            "aria": False,
            "dx": 7,
            "fontSize": 13,
            "fontWeight": "bold",
        },
        "encoding": {"text": _channel("flag_text", "nominal"), "x": x, "y": estimate},
    }
    table = pd.DataFrame(
        {
            t("reports.col.series"): prepared["series"],
            t("reports.col.wave"): prepared["wave"].astype(str),
            t("reports.col.estimate"): [_figure(row) for row in row_dicts(prepared)],
            t("reports.col.interval"): [_interval(row) for row in row_dicts(prepared)],
            t("reports.col.change"): [
                _flag_word(row, t("reports.against.previous")) if i > 0 else ""
                for i, row in enumerate(row_dicts(prepared))
            ],
        }
    ).reset_index(drop=True)
    firsts = prepared.groupby("series", sort=False).cumcount() == 0
    table.loc[firsts.to_numpy(), t("reports.col.change")] = ""
    parts = [t("reports.alt.trend.kind", series=_listing(series))]
    for name in series:
        mine = prepared[(prepared["series"] == name) & ~prepared["_hidden"]]
        if len(mine) >= 2:
            last = mine.iloc[-1]
            change = {"+": "reports.alt.trend.up", "-": "reports.alt.trend.down"}.get(
                last["flag"] if isinstance(last["flag"], str) else "", "reports.alt.trend.stable"
            )
            before = mine.iloc[-2]
            parts.append(
                t(
                    change,
                    series=name,
                    start=number(before["estimate"]),
                    end=number(last["estimate"]),
                    first=before["wave"],
                    last=last["wave"],
                )
            )
    alt_text = " ".join(parts)
    return Chart(
        _spec(row_dicts(shown), [lines, bars, points, flags], alt_text, title, 220), title, alt_text, table
    )


def shares_chart(frame: pd.DataFrame, title: str | None = None, against: str | None = None) -> Chart:
    """Shares (0-100 %) of answers by category, one labelled bar per answer (label and value written on
    the bar, so the colour only repeats what the text says)."""
    against = against or t("reports.against.rest")
    title = title or t("reports.chart.shares.title")
    prepared = _prepare(frame)
    categories = list(dict.fromkeys(prepared["category"]))
    answers = list(dict.fromkeys(prepared["answer"]))
    prepared["text"] = [
        f"{row['answer']} : {number(row['estimate'], 0)} %"
        + (f" {row['flag_text']}" if row["flag_text"] else "")
        for row in row_dicts(prepared)
    ]
    shown = _plotted(prepared, ["category", "answer", "estimate", "ci_low", "ci_high", "text"])
    shown["description"] = [
        f"{category}, {text}" for category, text in zip(shown["category"], shown["text"], strict=True)
    ]
    y = _channel("category", "nominal", sort=categories, title=None)
    offset = _channel("answer", "nominal", sort=answers)
    colour = _channel(
        "answer",
        "nominal",
        scale={"domain": answers, "range": [PALETTE[i % len(PALETTE)] for i in range(len(answers))]},
        title=None,
    )
    x = _channel("estimate", "quantitative", scale={"domain": [0, 100]}, title=t("reports.axis.share"))
    bars = {
        "mark": {"type": "bar", "height": {"band": 0.9}},
        "encoding": {
            "color": colour,
            "description": _channel("description", "nominal"),
            "tooltip": [
                _channel("category", "nominal", title=t("reports.col.category")),
                _channel("answer", "nominal", title=t("reports.col.answer")),
                _number_tooltip("estimate", t("reports.col.share"), 0),
            ],
            "x": x,
            "y": y,
            "yOffset": offset,
        },
    }
    labels = {
        "mark": {"type": "text", "align": "left", "aria": False, "dx": 4, "fontSize": 10},
        "encoding": {"text": _channel("text", "nominal"), "x": x, "y": y, "yOffset": offset},
    }
    height = max(len(categories), 1) * max(len(answers), 1) * 16 + 10
    table = pd.DataFrame(
        {
            t("reports.col.category"): prepared["category"],
            t("reports.col.answer"): prepared["answer"],
            t("reports.col.share"): [_figure(row, 0, " %") for row in row_dicts(prepared)],
            t("reports.col.interval"): [_interval(row, 0) for row in row_dicts(prepared)],
        }
    )
    if prepared["flag"].notna().any():
        table[t("reports.col.flag", against=against)] = [
            _flag_word(row, against) for row in row_dicts(prepared)
        ]
    parts = [t("reports.alt.shares.kind")]
    for category in categories:
        mine = prepared[(prepared["category"] == category) & ~prepared["_hidden"]]
        if not mine.empty:
            top = mine.sort_values("estimate", ascending=False).iloc[0]
            parts.append(
                t(
                    "reports.alt.shares.top",
                    category=category,
                    answer=top["answer"],
                    value=number(top["estimate"], 0),
                )
            )
    hidden = prepared[prepared["_hidden"]]
    if not hidden.empty:
        parts.append(t("reports.alt.suppressed", items=_listing(list(dict.fromkeys(hidden["category"])))))
    alt_text = " ".join(parts)
    spec = _spec(row_dicts(shown), [bars, labels], alt_text, title, height)
    return Chart(spec, title, alt_text, table.reset_index(drop=True))


def consultation_chart(frame: pd.DataFrame, place: str, region: str, title: str | None = None) -> Chart:
    """A local consultation's mean by domain (circle, with its « intervalle de crédibilité ») beside the
    région's (diamond) and France's (square) published means; domains in decreasing local order. A
    voluntary sample has no confidence interval: the interval is named as the model-based one it is."""
    title = title or t("reports.chart.consultation.title", place=place)
    prepared = frame.copy().reset_index(drop=True)
    prepared["label"] = [domain_label(code) for code in prepared["domain"]]
    prepared = prepared.sort_values("estimate", ascending=False, kind="stable")
    order = list(prepared["label"])
    names = {"estimate": place, "region": region, "france": t("reports.col.france")}
    layers = [
        prepared[["label", column]].rename(columns={column: "value"}).assign(series=name)
        for column, name in names.items()
    ]
    layers[0] = layers[0].assign(ci_low=prepared["ci_low"], ci_high=prepared["ci_high"])
    long = pd.concat(layers, ignore_index=True)
    long = long[long["value"].notna()].astype(object)
    long = long.where(long.notna(), None)
    long["description"] = _described(long, ["label", "series"], "value")
    series = list(names.values())
    y = _channel("label", "nominal", sort=order, title=None)
    colour = _channel("series", "nominal", scale={"domain": series, "range": list(PALETTE[:3])}, title=None)
    shape = _channel(
        "series", "nominal", scale={"domain": series, "range": ["circle", "diamond", "square"]}, title=None
    )
    interval = {
        "mark": {"type": "rule", "aria": False, "color": PALETTE[0]},
        "encoding": {**_interval_on_scale(), "y": y},
        "transform": [{"filter": {"field": "series", "equal": place}}],
    }
    marks = _points(
        70,
        colour,
        shape,
        [
            _channel("label", "nominal", title=t("reports.col.domain")),
            _channel("series", "nominal", title=t("reports.col.measure")),
            _number_tooltip("value", t("reports.col.estimate")),
        ],
        x=_channel("value", "quantitative", scale=dict(ONE_TO_TEN)),
        y=y,
    )
    table = pd.DataFrame(
        {
            t("reports.col.domain"): prepared["label"],
            place: [number(value) for value in prepared["estimate"]],
            t("reports.col.credibility"): [
                f"{number(low)} – {number(high)}"
                for low, high in zip(prepared["ci_low"], prepared["ci_high"], strict=True)
            ],
            region: [_reference(row, "region") for row in row_dicts(prepared)],
            t("reports.col.france"): [_reference(row, "france") for row in row_dicts(prepared)],
        }
    )
    alt_text = _consultation_alt(prepared, place, region)
    spec = _spec(row_dicts(long), [interval, marks], alt_text, title, max(len(order), 1) * 22)
    return Chart(spec, title, alt_text, table.reset_index(drop=True))


def _reference(row: Mapping[str, Any], column: str) -> str:
    """A reference mean and whether the gap is notable, as the table says it."""
    value = row.get(column)
    if value is None or pd.isna(value):
        return t("reports.not_published")
    notable = bool(row.get(f"{column}_notable"))
    return f"{number(value)} ({t('reports.notable' if notable else 'reports.not_notable')})"


def _consultation_alt(prepared: pd.DataFrame, place: str, region: str) -> str:
    parts = [t("reports.alt.consultation.kind", place=place, region=region)]
    top = prepared.head(3)
    parts.append(
        t(
            "reports.alt.domains.top",
            domains=_listing([f"{row['label']} ({number(row['estimate'])})" for row in row_dicts(top)]),
        )
    )
    for column, name in (("region", region), ("france", t("reports.col.france"))):
        notable = prepared[prepared[f"{column}_notable"].fillna(False).astype(bool)]["label"].tolist()
        parts.append(
            t("reports.alt.consultation.notable", against=name, items=_listing(notable))
            if notable
            else t("reports.alt.consultation.none", against=name)
        )
    return " ".join(parts)


def to_svg(chart: Chart) -> str:
    """The chart as a static SVG (vl-convert: the same renderer as the web's Vega, without a browser)."""
    return vl_convert.vegalite_to_svg(chart.spec, format_locale="fr-FR")
