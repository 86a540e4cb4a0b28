"""Chart builders: specs render, suppressed figures never appear as numbers, flags are words and marks."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from observatoire.reports import charts


def _domains() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "domain": ["emploi", "numerique", "sante"],
            "estimate": [6.6, 4.9, None],
            "ci_low": [6.4, 4.7, None],
            "ci_high": [6.8, 5.1, None],
            "flag": ["+", None, None],
            "suppressed": [False, False, True],
            "objective": [4.9, 8.8, 3.7],
        }
    )


def test_domains_chart_table_alt_and_svg():
    chart = charts.domains_chart(_domains())
    table = chart.table
    assert list(table["Domaine"]) == ["Emploi", "Numérique", "Santé"]
    assert list(table["Fragilité perçue (1-10)"]) == ["6,6", "4,9", "base insuffisante"]
    assert table["Écart avec le reste de la France"].iloc[0] == "plus élevé que le reste de la France (+)"
    assert table["Écart avec le reste de la France"].iloc[1] == "écart non significatif"
    assert "Emploi (6,6)" in chart.alt
    assert "Significativement plus élevé que le reste de la France : Emploi." in chart.alt
    assert "Base insuffisante, non représenté : Santé." in chart.alt
    assert "Numérique (8,8)" in chart.alt  # the objective reading
    svg = charts.to_svg(chart)
    assert svg.startswith("<svg")
    assert "Emploi" in svg
    assert "+" in svg


def test_a_suppressed_figure_is_not_in_the_spec():
    frame = _domains()
    frame.loc[2, "estimate"] = 3.14159  # a value a careless store could hand over: must not leak
    chart = charts.domains_chart(frame)
    assert "3.14159" not in json.dumps(chart.spec)
    assert chart.table["Fragilité perçue (1-10)"].iloc[2] == "base insuffisante"


def test_unflagged_difference_is_never_called_higher():
    frame = _domains().assign(flag=None)
    chart = charts.domains_chart(frame)
    assert "plus élevé" not in chart.alt
    assert not chart.table["Écart avec le reste de la France"].str.contains("plus").any()


def test_actors_chart_one_column_per_actor():
    frame = pd.DataFrame(
        {
            "domain": ["emploi", "sante", "emploi", "sante"],
            "actor": ["citoyens", "citoyens", "entreprises", "entreprises"],
            "estimate": [6.6, 5.0, 7.1, None],
            "ci_low": [6.4, 4.8, 6.9, None],
            "ci_high": [6.8, 5.2, 7.3, None],
            "flag": ["-", None, None, None],
            "suppressed": [False, False, False, True],
        }
    )
    chart = charts.actors_chart(frame)
    assert list(chart.table.columns) == ["Domaine", "Citoyens", "Entreprises"]
    assert chart.table.loc[0, "Citoyens"] == "6,6 (−)"
    assert chart.table.loc[1, "Entreprises"] == "base insuffisante"
    assert "Entreprises : Emploi (7,1)" in chart.alt
    assert charts.to_svg(chart).startswith("<svg")


def test_trend_chart_reads_change_flags():
    frame = pd.DataFrame(
        {
            "wave": [2015, 2019, 2015, 2019],
            "series": ["Emploi", "Emploi", "Santé", "Santé"],
            "estimate": [7.4, 6.6, 5.0, 5.1],
            "ci_low": [7.2, 6.4, 4.8, 4.9],
            "ci_high": [7.6, 6.8, 5.2, 5.3],
            "flag": [None, "-", None, None],
            "suppressed": False,
        }
    )
    chart = charts.trend_chart(frame)
    assert list(chart.table["Évolution"]) == [
        "",
        "plus faible que la vague précédente (−)",
        "",
        "écart non significatif",
    ]
    assert "Emploi : 6,6 en 2019 contre 7,4 en 2015, baisse significative." in chart.alt
    assert "Santé : 5,1 en 2019 contre 5,0 en 2015, évolution non significative." in chart.alt
    assert charts.to_svg(chart).startswith("<svg")


def test_shares_chart_labels_bars_with_text():
    frame = pd.DataFrame(
        {
            "category": ["PACA", "PACA", "France", "France"],
            "answer": ["Oui", "Non", "Oui", "Non"],
            "estimate": [61.0, 39.0, None, 45.0],
            "suppressed": [False, False, True, False],
        }
    )
    chart = charts.shares_chart(frame)
    assert list(chart.table["Part"]) == ["61 %", "39 %", "base insuffisante", "45 %"]
    assert "Oui : 61 %" in charts.to_svg(chart)
    assert "Base insuffisante, non représenté : France." in chart.alt


def test_every_spec_is_valid_vega_lite():
    """Specs are written as plain data (speed); the Vega-Lite schema Altair ships checks them here."""
    import altair as alt

    from observatoire.reports.radar import Spoke, radar_chart

    trend = pd.DataFrame({"wave": [2015, 2019], "series": "Emploi", "estimate": [7.0, 6.5]})
    shares = pd.DataFrame({"category": "PACA", "answer": ["Oui", "Non"], "estimate": [60.0, 40.0]})
    actors = _domains().assign(actor="citoyens")
    built = [
        charts.domains_chart(_domains()),
        charts.actors_chart(actors),
        charts.trend_chart(trend),
        charts.shares_chart(shares),
        radar_chart([Spoke("Gouvernance", 50.0, 40.0), Spoke("Moyens", None, 60.0)], "Radar", "Pairs"),
    ]
    for chart in built:
        alt.LayerChart.from_dict(chart.spec)  # raises on a spec Vega-Lite would reject


def _all_charts() -> list[charts.Chart]:
    unrounded = _domains().assign(estimate=[6.64434389319, 4.9, None], objective=[4.91234, 8.8, 3.7])
    trend = pd.DataFrame(
        {"wave": [2015, 2019, 2021], "series": "Citoyens", "estimate": [7.4567, 6.64434389319, 6.5]}
    )
    shares = pd.DataFrame({"category": "PACA", "answer": ["Oui", "Non"], "estimate": [60.123, 39.877]})
    return [
        charts.domains_chart(unrounded),
        charts.actors_chart(unrounded.assign(actor="citoyens")),
        charts.trend_chart(trend),
        charts.shares_chart(shares),
    ]


def _tooltips(spec: dict) -> list[dict]:
    found = []
    for layer in spec.get("layer", []):
        tooltip = layer.get("encoding", {}).get("tooltip", [])
        found += tooltip if isinstance(tooltip, list) else [tooltip]
    return found


@pytest.mark.parametrize("chart", _all_charts(), ids=["domains", "actors", "trend", "shares"])
def test_charts_speak_french_to_screen_readers_and_in_tooltips(chart):
    # What a screen reader hears: the spec's description (Vega's default is « Vega visualization »)...
    assert chart.spec["description"] == chart.alt
    svg = charts.to_svg(chart)
    labels = re.findall(r'aria-label="([^"]*)"', svg)
    assert labels, "no mark is described"
    # ... and each mark's own description, French and rounded as in the tables; the guides Vega describes
    # in English (« X-axis titled … ») are hidden.
    for label in labels:
        assert not re.search(r"axis|titled|legend|series|value|\d\.\d|\d{4,}[,.]\d", label), label
    assert any(re.search(r"\d", label) for label in labels)  # the figures are said, rounded
    assert "6,64434389319" not in svg
    assert "6.64434389319" not in svg
    # Tooltips: French titles, figures rounded like the tables.
    tooltips = _tooltips(chart.spec)
    assert tooltips
    for tooltip in tooltips:
        assert tooltip.get("title"), tooltip
        assert tooltip["title"] not in ("series", "value", "estimate", "label")
        if tooltip.get("type") == "quantitative":
            assert re.fullmatch(r"\.[01]f", tooltip.get("format", "")), tooltip


@pytest.mark.parametrize("chart", _all_charts(), ids=["domains", "actors", "trend", "shares"])
def test_a_web_chart_fills_its_container_and_leaves_its_title_to_the_page(chart):
    import altair as alt

    web = charts.responsive(chart.spec)
    assert web["width"] == "container"
    assert web["autosize"]["type"] == "fit-x"
    assert "title" not in web  # the page writes it in HTML, which wraps on a phone
    assert web["config"]["legend"]["direction"] == "vertical"
    assert chart.spec["width"] == charts.WIDTH  # the printed report keeps its fixed width
    alt.LayerChart.from_dict(web)
