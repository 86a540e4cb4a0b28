"""What an approved consultation publishes: its priorities, its open-data rows (no interval, nothing under
the threshold) and its chart beside the région and France (text alternative, table)."""

from __future__ import annotations

import pandas as pd

from observatoire.consultations.publication import Published, figure_rows, priorities
from observatoire.consultations.references import References
from observatoire.consultations.results import results
from observatoire.diagnosis.schema import FIGURE_COLUMNS
from observatoire.reference import vocabulary
from observatoire.reports.charts import consultation_chart

from .test_core import MARGINS, answers

WHERE = Published("consultation-abc", 2026, "commune", "05061")


def test_priorities_are_the_three_highest_means():
    found = results(answers(400), MARGINS, References())
    means = {row.domain: row.estimate.mean for row in found.domains}
    chosen = priorities(found)
    assert len(chosen) == 3
    assert min(means[d] for d in chosen) >= max(means[d] for d in means if d not in chosen)


def test_open_data_rows_have_the_store_columns_and_no_interval():
    found = results(answers(400), MARGINS, References())
    rows = figure_rows(found, WHERE)
    assert list(rows.columns) == list(FIGURE_COLUMNS)
    assert len(rows) == 2 * len(vocabulary.domain_codes())
    assert set(rows["source"]) == {"consultation"}
    assert rows[["se", "ci_low", "ci_high", "weighted_n", "flag"]].isna().all().all()
    shares = rows[rows["statistic"] == "top_box"]["estimate"]
    assert shares.between(0, 100).all()
    assert (rows["n"] <= 400).all()


def test_no_row_under_the_threshold():
    found = results(answers(29), None, References())
    assert figure_rows(found, WHERE).empty


def test_the_chart_names_its_three_series_and_its_notable_gaps():
    frame = pd.DataFrame(
        {
            "domain": ["emploi", "sante"],
            "estimate": [6.5, 4.0],
            "ci_low": [6.0, 3.5],
            "ci_high": [7.0, 4.5],
            "region": [5.0, 4.2],
            "france": [None, 4.1],
            "region_notable": [True, False],
            "france_notable": [False, False],
        }
    )
    chart = consultation_chart(frame, "Gap", "Provence-Alpes-Côte d'Azur")
    assert "Écart notable avec Provence-Alpes-Côte d'Azur : Emploi." in chart.alt
    assert "Aucun écart notable avec France." in chart.alt
    assert list(chart.table.columns) == [
        "Domaine",
        "Gap",
        "Intervalle de crédibilité à 95 %",
        "Provence-Alpes-Côte d'Azur",
        "France",
    ]
    assert chart.table.iloc[0].tolist() == ["Emploi", "6,5", "6,0 – 7,0", "5,0 (écart notable)", "non publié"]
    assert chart.spec["description"] == chart.alt
