"""Chart builders: specs render, suppressed figures never appear as numbers, flags are words and marks."""

from __future__ import annotations

import json

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


@pytest.mark.parametrize("value", [None, float("nan")])
def test_number_of_a_missing_value_is_empty(value):
    assert charts.number(value) == ""


def test_every_spec_is_valid_vega_lite():
    """Specs are built without Altair's validation (speed); the schema is checked here instead."""
    import altair as alt

    trend = pd.DataFrame({"wave": [2015, 2019], "series": "Emploi", "estimate": [7.0, 6.5]})
    shares = pd.DataFrame({"category": "PACA", "answer": ["Oui", "Non"], "estimate": [60.0, 40.0]})
    actors = _domains().assign(actor="citoyens")
    built = [
        charts.domains_chart(_domains()),
        charts.actors_chart(actors),
        charts.trend_chart(trend),
        charts.shares_chart(shares),
    ]
    for chart in built:
        alt.LayerChart.from_dict(chart.spec)  # raises on a spec Vega-Lite would reject
