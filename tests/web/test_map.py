"""/carte/ and /carte/donnees.json against the demo observatory."""

from __future__ import annotations

import io
import json
import re

import pandas as pd
import pytest
from django.test import Client

from observatoire.diagnosis.store import ResultsStore
from observatoire.reports.maps import territories_layer
from observatoire.web.map.data import Selection, map_data

SPECIAL_CLASSES = {"base insuffisante", "pas de donnée"}


@pytest.fixture
def client(published) -> Client:
    """A test client on the demo build (an unknown template variable fails the test: pytest runs with
    --fail-on-template-vars)."""
    return Client()


def _spec(html: str) -> dict:
    found = re.search(r'<script id="carte-spec" type="application/json">(.*?)</script>', html, re.S)
    assert found, "the map's spec is embedded with json_script"
    return json.loads(found.group(1))


def test_the_map_page_draws_the_regions_of_the_objective_index(client, published):
    response = client.get("/carte/?domaine=emploi&lens=objectif&vague=2019&niveau=region")
    assert response.status_code == 200
    html = response.content.decode()
    spec = _spec(html)
    drawn = territories_layer(spec)
    features = {f["properties"]["code"]: f["properties"] for f in drawn["data"]["values"]}
    metropolitan = {"11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94"}
    overseas = {"01", "02", "03", "04", "06"}
    assert set(features) == metropolitan | overseas
    assert features["93"]["href"] == "/territoire/region/93/"
    # The overseas régions are drawn in insets, linked and described like the others, each in a frame.
    assert features["04"]["href"] == "/territoire/region/04/"
    assert features["04"]["aria"].startswith("La Réunion : ")
    frames = spec["layer"][0]["data"]["values"]
    assert [f["properties"]["inset"] for f in frames] == ["01", "02", "03", "04", "06"]
    # Same figure on the map, in the table and in the store.
    stored = published.query(
        statistic="index", item="emploi", wave=2019, territory_level="region", territory="93"
    )["estimate"].item()
    shown = f"{stored:.1f}".replace(".", ",")
    assert features["93"]["display"] == shown
    assert re.search(
        r'<a href="/territoire/region/93/">Provence-Alpes-Côte d&#x27;Azur</a></th>\s*'
        rf"<td>93</td>\s*<td class=\"num\">{shown}</td>",
        html,
    )
    # Overseas régions are in the table too, and a note says their insets are neither to scale nor in place.
    assert "/territoire/region/01/" in html
    assert "ni à l&#x27;échelle, ni à leur position réelle" in html
    # A text alternative, a legend with every class, the synthetic label.
    assert 'role="img" aria-label="Carte des régions' in html
    classes = [c for c in drawn["encoding"]["color"]["scale"]["domain"] if c not in SPECIAL_CLASSES]
    assert len(classes) == 5
    for label in classes:
        assert f"</svg> {label}</li>" in html
    assert "synthétiques" in html
    # The selects keep the choice (permalink).
    assert '<option value="emploi" selected>' in html
    assert '<option value="2019" selected>' in html


def test_the_wave_defaults_to_the_latest_and_an_unavailable_wave_falls_back(client):
    latest = client.get("/carte/donnees.json?lens=entreprises").json()
    assert latest["wave"] == 2021
    assert latest["waves"] == [2015, 2021]
    assert client.get("/carte/donnees.json?lens=entreprises&vague=2019").json()["wave"] == 2021
    assert client.get("/carte/donnees.json?lens=entreprises&vague=2015").json()["wave"] == 2015


def test_suppressed_figures_read_base_insuffisante_never_a_number(client, published):
    rows = published.query(
        population="citoyens",
        question="perception_objectif",
        statistic="gap",
        item="emploi",
        territory_level="region",
    )
    hidden = rows[rows["suppressed"]]
    assert not hidden.empty, "the demo has a suppressed gap (Corse, citizens)"
    code = hidden["territory"].iloc[0]
    data = client.get("/carte/donnees.json?domaine=emploi&lens=ecart").json()
    row = next(r for r in data["territories"] if r["code"] == code)
    assert row["value"] is None
    assert row["suppressed"] is True
    assert row["class"] == "base insuffisante"
    html = client.get("/carte/?domaine=emploi&lens=ecart").content.decode()
    assert re.search(rf"<td>{code}</td>\s*<td class=\"num suppressed\">base insuffisante</td>", html)


def test_the_json_has_the_legend_and_one_row_per_territory(client):
    data = client.get("/carte/donnees.json?domaine=numerique&lens=citoyens&niveau=region").json()
    assert data["domain"] == "numerique"
    assert data["source"] == "synthétique"
    # The legend lists « base insuffisante » and « pas de donnée » only when a territory is in them.
    assert "pas de donnée" not in [e["label"] for e in data["legend"]]
    gap = client.get("/carte/donnees.json?domaine=emploi&lens=ecart").json()
    assert [e["label"] for e in gap["legend"]][-1] == "base insuffisante"
    assert len(data["territories"]) == 13
    labels = {e["label"] for e in data["legend"]}
    assert all(r["class"] in labels for r in data["territories"])


def test_departements_have_the_objective_index_only(client):
    data = client.get("/carte/donnees.json?niveau=departement&lens=objectif").json()
    assert data["level"] == "departement"
    assert len([r for r in data["territories"] if r["value"] is not None]) >= 96
    assert data["territories"][0]["href"].startswith("/territoire/departement/")
    perceived = client.get("/carte/donnees.json?niveau=departement&lens=citoyens").json()
    assert perceived["level"] == "region"
    assert any("indice de fragilité objective" in note for note in perceived["notes"])


def test_a_lens_without_figures_is_not_offered_and_an_old_link_says_why(client):
    html = client.get("/carte/?domaine=emploi").content.decode()
    lens_menu = re.search(r'<select id="carte-lens".*?</select>', html, re.S).group(0)
    assert 'value="citoyens"' in lens_menu
    assert 'value="maires"' not in lens_menu  # the mayors rated no domain: no empty map on offer
    assert "Pas de regard des maires" in html  # said beside the menu, which points to the sentence
    assert 'aria-describedby="carte-lens-note"' in lens_menu
    # An old link to the mayors' map: drawn empty, and the reason given instead of a bare « no figure ».
    html = client.get("/carte/?domaine=emploi&lens=maires").content.decode()
    assert "carte-spec" not in html
    assert re.search(r'class="map-empty"[^>]*>Pas de regard des maires', html)


def test_the_departement_level_is_disabled_with_its_reason_for_a_perceived_lens(client):
    def level_menu(query: str) -> str:
        html = client.get(f"/carte/?{query}").content.decode()
        return re.search(r'<select id="carte-niveau".*?</select>', html, re.S).group(0)

    perceived = level_menu("lens=citoyens")
    assert re.search(r'<option value="departement" disabled>', perceived)
    assert 'aria-describedby="carte-niveau-note"' in perceived
    objective = level_menu("lens=objectif")
    assert re.search(r'<option value="departement">', objective)
    assert "aria-describedby" not in objective


def test_htmx_gets_the_fragment_and_the_back_button_the_page(client):
    fragment = client.get("/carte/?lens=citoyens", HTTP_HX_REQUEST="true")
    assert fragment.content.decode().lstrip().startswith('<div id="carte"')
    assert "HX-Request" in fragment["Vary"]
    # The pushed address is the view drawn: the companies have no 2019 wave, their latest is 2021.
    switched = client.get("/carte/?domaine=sante&lens=entreprises&vague=2019", HTTP_HX_REQUEST="true")
    assert switched["HX-Push-Url"] == "/carte/?domaine=sante&lens=entreprises&niveau=region&vague=2021"
    restore = client.get(
        "/carte/?lens=citoyens", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in restore.content.decode()


@pytest.mark.parametrize(
    "query", ["domaine=inconnu", "lens=voisins", "niveau=commune", "vague=deux-mille", "vague=20199"]
)
def test_unknown_choices_are_a_french_404(client, query):
    assert client.get(f"/carte/?{query}").status_code == 404
    assert client.get(f"/carte/donnees.json?{query}").status_code == 404


def test_the_map_page_has_no_inline_script_or_style(client):
    html = client.get("/carte/").content.decode()
    for script in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
        attributes, body = script
        assert 'type="application/json"' in attributes or not body.strip()
    assert " style=" not in html
    assert "<style" not in html


def _index_rows(value: float) -> pd.DataFrame:
    codes = ["11", "93", "94"]
    return pd.DataFrame(
        {
            "study": "indices",
            "wave": 2019,
            "population": "territoire",
            "question": "indice_objectif",
            "item": "emploi",
            "territory_level": "region",
            "territory": codes,
            "statistic": "index",
            "estimate": [value, value + 1, value + 2],
            "n": None,
            "source": "synthétique",
        }
    )


def test_a_new_build_shows_at_once_although_maps_are_kept(tmp_path):
    store = ResultsStore(f"sqlite:///{tmp_path / 'results.sqlite3'}")
    with store.new_build("un", "synthétique") as build:
        build.add(_index_rows(2.0))
    selection = Selection("emploi", "objectif", "region")
    first = map_data(store, selection)
    assert map_data(store, selection) is first  # made once for this build
    values = dict(zip(first.rows["code"], first.rows["value"], strict=True))
    assert values["11"] == 2.0
    with store.new_build("deux", "synthétique") as build:
        build.add(_index_rows(5.0))
    second = map_data(store, selection)
    values = dict(zip(second.rows["code"], second.rows["value"], strict=True))
    assert values["11"] == 5.0
    assert values["94"] == 7.0
    assert pd.isna(values["24"])  # no figure: « pas de donnée »
    assert second.rows.loc[second.rows["code"] == "24", "class"].item() == "pas de donnée"
    store.close()


def test_figures_by_survey_region_are_drawn_on_each_of_its_regions(tmp_path):
    """A wave published by survey region only: PACA's figure goes on 93 and 94, and a note says so."""
    codes = ["IDF", "PACA"]
    rows = pd.DataFrame(
        {
            "study": "IMPACT-Citoyens",
            "wave": 2019,
            "population": "citoyens",
            "question": "Q1",
            "item": "emploi",
            "territory_level": "survey_region",
            "territory": codes,
            "statistic": "mean",
            "estimate": [5.5, 6.5],
            "n": [300, 120],
            "source": "synthétique",
        }
    )
    store = ResultsStore(f"sqlite:///{tmp_path / 'results.sqlite3'}")
    with store.new_build("régions d'enquête", "synthétique") as build:
        build.add(rows)
    found = map_data(store, Selection("emploi", "citoyens", "region"))
    values = dict(zip(found.rows["code"], found.rows["value"], strict=True))
    assert values["93"] == values["94"] == 6.5
    assert values["11"] == 5.5
    assert pd.isna(values["84"])
    assert any("PACA" in note and "Corse" in note for note in found.notes)
    store.close()


def test_the_map_csv_opens_in_a_french_spreadsheet_and_matches_the_json(client):
    response = client.get("/carte/donnees.csv?domaine=emploi&lens=ecart")
    assert response["Content-Disposition"] == 'attachment; filename="carte-emploi-ecart-region-2019.csv"'
    assert response.content.startswith("\ufeff".encode())
    frame = pd.read_csv(
        io.BytesIO(response.content), sep=";", decimal=",", encoding="utf-8-sig", dtype={"code": str}
    )
    assert list(frame.columns) == ["code", "territoire", "valeur", "base_insuffisante", "n", "classe"]
    data = client.get("/carte/donnees.json?domaine=emploi&lens=ecart").json()
    assert list(frame["code"]) == [r["code"] for r in data["territories"]]
    by_code = frame.set_index("code")
    for row in data["territories"]:
        if row["value"] is None:
            assert pd.isna(by_code.loc[row["code"], "valeur"])
        else:
            assert by_code.loc[row["code"], "valeur"] == pytest.approx(row["value"], abs=1e-4)
        assert bool(by_code.loc[row["code"], "base_insuffisante"]) is row["suppressed"]
    assert by_code.loc["94", "classe"] == "base insuffisante"


def test_an_overseas_territory_is_drawn_only_when_the_table_lists_it(client):
    """The surveys cover metropolitan France: no inset, no frame and no overseas note for their lenses."""
    perceived = _spec(client.get("/carte/?domaine=emploi&lens=citoyens").content.decode())
    assert len(perceived["layer"]) == 1  # the territories only: no frame
    codes = {f["properties"]["code"] for f in territories_layer(perceived)["data"]["values"]}
    assert not codes & {"01", "02", "03", "04", "06"}
    assert not any(
        "outre-mer" in note for note in client.get("/carte/donnees.json?lens=citoyens").json()["notes"]
    )
    # The départements' objective index: the five overseas départements in their insets, linked.
    html = client.get("/carte/?domaine=emploi&lens=objectif&niveau=departement").content.decode()
    spec = _spec(html)
    drawn = {f["properties"]["code"]: f["properties"] for f in territories_layer(spec)["data"]["values"]}
    assert {"971", "972", "973", "974", "976"} <= set(drawn)
    assert drawn["976"]["href"] == "/territoire/departement/976/"
    assert len(spec["layer"][0]["data"]["values"]) == 5
