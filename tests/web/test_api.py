"""The open-data API on the demo observatory: filters, pagination, CSV, validation, cache headers."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from django.test import Client

from observatoire.diagnosis.schema import FIGURE_COLUMNS


@pytest.fixture
def client(published) -> Client:
    return Client()


def test_results_page_carries_count_links_build_and_figures(client, published):
    response = client.get("/api/resultats/", {"population": "citoyens", "limit": 5})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == published.count(population="citoyens") > 5
    assert len(body["results"]) == 5
    assert body["previous"] is None
    assert "offset=5" in body["next"]
    build = published.current_build()
    assert body["build"]["id"] == build.id
    assert body["build"]["source"] == "synthétique"
    assert list(body["results"][0]) == list(FIGURE_COLUMNS)
    expected = published.query(population="citoyens", limit=5)
    estimates = [row["estimate"] for row in body["results"]]
    assert estimates == pytest.approx(expected["estimate"].tolist(), nan_ok=True)


def test_comma_lists_filter_like_the_read_api(client, published):
    response = client.get("/api/resultats/?population=citoyens,entreprises&wave=2019&territory=FR&limit=1")
    expected = published.count(population=["citoyens", "entreprises"], wave=2019, territory="FR")
    assert response.json()["count"] == expected > 0


def test_pages_follow_each_other_without_overlap(client, published):
    first = client.get("/api/resultats/", {"territory": "93", "limit": 3}).json()
    second = client.get(first["next"]).json()
    assert second["previous"] is not None
    frame = published.query(territory="93", limit=6)
    assert [r["item"] for r in first["results"] + second["results"]] == frame["item"].tolist()
    assert second["results"][0] != first["results"][0]


def test_suppressed_figures_are_null_in_json(client):
    query = {"limit": 1000, "study": "PHARE-Associations", "territory": "94", "territory_level": "region"}
    body = client.get("/api/resultats/", query).json()
    hidden = [row for row in body["results"] if row["suppressed"]]
    assert hidden
    assert all(row["estimate"] is None and row["se"] is None for row in hidden)


def test_csv_has_the_open_data_columns_and_convention(client, published):
    response = client.get("/api/resultats/", {"territory": "FR", "limit": 10, "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(io.BytesIO(response.content), sep=";", decimal=",", encoding="utf-8-sig", dtype=str)
    assert tuple(frame.columns) == FIGURE_COLUMNS
    assert len(frame) == 10
    assert int(response["X-Total-Count"]) == published.count(territory="FR")
    assert 'rel="next"' in response["Link"]


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("nimportequoi=1", "paramètre inconnu"),
        ("wave=deux-mille", "wave"),
        ("wave=99999999999999999999", "wave"),
        ("limit=0", "limit"),
        ("limit=1001", "limit"),
        ("offset=-1", "offset"),
        ("format=xml", "format"),
        ("limit=1&limit=2", "qu'une fois"),
        ("territory=%00", "territory"),
    ],
)
def test_bad_queries_are_french_400s(client, query, words):
    response = client.get(f"/api/resultats/?{query}")
    assert response.status_code == 400
    assert words in response.json()["error"]


def test_unknown_api_address_is_a_french_404(client):
    response = client.get("/api/nimportequoi/")
    assert response.status_code == 404
    assert "Adresse inconnue" in response.json()["error"]


def test_missing_slash_redirects(client):
    assert client.get("/api/domaines")["Location"] == "/api/domaines/"


def test_etag_and_cache_control(client):
    response = client.get("/api/resultats/?limit=1")
    assert "max-age" in response["Cache-Control"]
    tag = response["ETag"]
    assert tag.startswith('"b')
    assert client.get("/api/resultats/?limit=1", headers={"if-none-match": tag}).status_code == 304
    assert client.get("/api/resultats/?limit=2", headers={"if-none-match": tag}).status_code == 200


def test_writes_are_refused(client):
    assert client.post("/api/resultats/").status_code == 405


def test_territory_search_finds_marseille(client):
    body = client.get("/api/territoires/", {"q": "Marseille"}).json()
    assert body["results"][0]["code"] == "13055"
    assert client.get("/api/territoires/").status_code == 400


def test_domains_are_the_sixteen_of_the_vocabulary(client):
    body = client.get("/api/domaines/").json()
    assert len(body["results"]) == 16
    assert {"emploi", "numerique"} <= {row["code"] for row in body["results"]}


def test_docs_page_is_french_and_lists_every_filter(client):
    response = client.get("/api/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Données ouvertes" in text
    names = ("population", "wave", "territory_level", "statistic", "/api/openapi.json", "/api/territoires/")
    assert all(name in text for name in names)


def test_an_answer_is_computed_once_per_build(client, published, monkeypatch):
    first = client.get("/api/resultats/?territory=FR&limit=7")

    def no_database(*args, **kwargs):
        raise AssertionError("the answer should come from the cache")

    monkeypatch.setattr(type(published), "query", no_database)
    again = client.get("/api/resultats/?territory=FR&limit=7")
    assert again.status_code == 200
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
