"""Open data of the case base: JSON with count, results and facets; CSV; only published entries; fuzzed."""

from __future__ import annotations

import csv
import io

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.test import Client
from hypothesis import HealthCheck, settings

from observatoire.web.agir import catalog
from observatoire.web.agir.columns import CASES, TEMPLATE
from observatoire.web.agir.models import CaseStudy


@pytest.mark.usefixtures("base")
def test_json_has_count_results_and_facets_with_the_filters_applied():
    body = Client().get("/api/pratiques/", {"q": "mobilite", "domaine": "mobilite", "par_page": 5}).json()
    assert body["count"] >= 1
    assert len(body["results"]) == min(5, body["count"])
    first = body["results"][0]
    assert set(first) == {c.name for c in TEMPLATE[CASES]} | {"adresse", "synthetique"}
    assert all("mobilite" in row["domaines"] for row in body["results"])
    domains = {f["value"]: f["count"] for f in body["facets"]["domaine"]}
    assert domains["mobilite"] == body["count"]
    assert Client().get(first["adresse"]).status_code == 200


@pytest.mark.usefixtures("base")
def test_csv_gives_every_match_in_the_template_columns():
    json_count = Client().get("/api/pratiques/", {"domaine": "emploi"}).json()["count"]
    response = Client().get("/api/pratiques/", {"domaine": "emploi", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == json_count
    assert all("emploi" in row["domaines"] for row in rows)


@pytest.mark.usefixtures("base")
def test_unpublished_entries_are_never_served():
    case = CaseStudy.public.get(title__startswith="Silver Geek")
    case.status = "a_moderer"
    case.save()
    catalog.forget()
    body = Client().get("/api/pratiques/", {"q": "silver geek"}).json()
    assert body["count"] == 0
    csv_text = Client().get("/api/pratiques/", {"format": "csv"}).content.decode()
    assert "Silver Geek" not in csv_text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "name"),
    [({"domaine": "danse"}, "domaine"), ({"page": "0"}, "page"), ({"par_page": "1000"}, "par_page")],
)
def test_bad_parameters_are_a_400_naming_them_in_french(query, name):
    response = Client().get("/api/pratiques/", query)
    assert response.status_code == 400
    assert f"« {name} »" in response.json()["erreur"]


@pytest.mark.django_db
def test_catalysts_and_tools_endpoints_are_in_the_schema():
    schema_doc = Client().get("/api/openapi.json").json()
    assert {"/api/pratiques/", "/api/catalyseurs/", "/api/outils/"} <= set(schema_doc["paths"])
    names = {p["name"] for p in schema_doc["paths"]["/api/pratiques/"]["get"]["parameters"]}
    assert {"q", "domaine", "region", "departement", "modele", "acteur", "stade", "levier", "odd"} <= names


# The platform's one OpenAPI document; these tests fuzz the « Agir » operations (test_api_schema the rest).
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application()).include(
    path_regex="^/api/(pratiques|catalyseurs|outils)/$"
)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)  # each WSGI call ends its request by closing the connection
@schema.parametrize()
@settings(max_examples=40, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema_and_never_fails(case):
    response = case.call(headers={"Accept-Encoding": "identity"})
    assert response.status_code < 500, response.text
    case.validate_response(response)
