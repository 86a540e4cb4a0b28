"""One territory model: a territory's page, its PDF report and the API stand on the same population base."""

from __future__ import annotations

import pandas as pd
import pytest

from observatoire.reference import territories
from observatoire.reports.data import gather, latest, select
from observatoire.web.pages import data


@pytest.mark.parametrize("code", [r.code for r in territories.regions(metropolitan_only=False)])
def test_page_and_report_show_the_same_figures(published, code):
    found = territories.territory(code, "region")
    view = data.resolve_view(found, {"regard": "citoyens"})
    page = data.domains_table(found, view).frame.set_index("code")
    report = gather(published, found)
    if view.place is None:  # overseas: no survey, in neither
        assert "citoyens" not in report.places
        return
    assert report.places["citoyens"].label == view.place.label()
    means = select(latest(report.survey, "citoyens"), "Q1", "mean").set_index("item")
    assert len(means) == 16
    for domain, row in means.iterrows():
        shown = page.loc[domain]
        assert shown["percu"] == pytest.approx(row["estimate"]), domain
        assert (shown["signif"] or "") == (row["flag"] if isinstance(row["flag"], str) else ""), domain
        assert shown["n"] == row["n"]
    assert not pd.isna(page["percu"]).any()  # the basis publishes every domain


def test_paca_stands_alone_and_corse_on_its_survey_region(published):
    paca = data.resolve_view(territories.territory("93", "region"), {})
    corse = data.resolve_view(territories.territory("94", "region"), {})
    assert paca.place.label() == "région Provence-Alpes-Côte d'Azur, 449 citoyens"
    assert corse.place.label() == "région d'enquête Provence-Alpes-Côte d'Azur et Corse, 480 citoyens"


@pytest.mark.parametrize("code", ["93", "94"])
def test_the_api_names_the_same_bases(published, code):
    from django.test import Client

    found = territories.territory(code, "region")
    view = data.resolve_view(found, {})
    answer = Client().get(f"/api/bases/?territory=region:{code}").json()
    survey = {entry["population"]: entry for entry in answer["survey"]}
    assert survey["citoyens"]["label"] == view.place.label()
    assert survey["citoyens"]["respondents"] == view.place.respondents
    assert answer["objective"] == {"level": "region", "code": code, "name": found.name}
    report = gather(published, found)
    labels = {p: place.label for p, place in report.places.items()}
    assert labels == {p: e["label"] for p, e in survey.items()}
    former = Client().get(f"/api/bases/?territoire=region:{code}")  # the former French name, still accepted
    assert former.json() == answer


def test_the_api_refuses_an_unknown_territory(published):
    from django.test import Client

    assert Client().get("/api/bases/?territory=region:XX").status_code == 404
    assert Client().get("/api/bases/").status_code == 400
