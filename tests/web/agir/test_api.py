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
from observatoire.web.agir.api import api_name
from observatoire.web.agir.columns import CASES, TEMPLATE
from observatoire.web.agir.models import CaseStudy


@pytest.mark.usefixtures("base")
def test_json_has_count_results_and_facets_with_the_filters_applied():
    body = Client().get("/api/pratiques/", {"q": "mobilite", "domain": "mobilite", "per_page": 5}).json()
    assert body["count"] >= 1
    assert len(body["results"]) == min(5, body["count"])
    first = body["results"][0]
    assert set(first) == {api_name(c) for c in TEMPLATE[CASES]} | {"page_url", "synthetic"}
    assert {"title", "summary", "territory", "domains", "sdg", "partners"} <= set(first)
    assert all("mobilite" in row["domains"] for row in body["results"])
    domains = {f["value"]: f["count"] for f in body["facets"]["domain"]}
    assert domains["mobilite"] == body["count"]
    assert Client().get(first["page_url"]).status_code == 200


@pytest.mark.usefixtures("base")
def test_the_former_french_parameter_names_are_still_accepted():
    english = {"q": "mobilite", "domain": ["mobilite", "emploi"], "sort": "date", "per_page": 5}
    french = {"q": "mobilite", "domaine": ["mobilite", "emploi"], "tri": "date", "par_page": 5}
    assert Client().get("/api/pratiques/", french).json() == Client().get("/api/pratiques/", english).json()
    both = Client().get("/api/pratiques/", {"per_page": 5, "par_page": 6})
    assert both.status_code == 400
    assert "« per_page »" in both.json()["error"]


@pytest.mark.usefixtures("base")
def test_csv_gives_every_match_in_the_template_columns():
    json_count = Client().get("/api/pratiques/", {"domain": "emploi"}).json()["count"]
    response = Client().get("/api/pratiques/", {"domain": "emploi", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == json_count
    assert all("emploi" in row["domaines"] for row in rows)


@pytest.mark.usefixtures("base")
def test_the_tools_format_facet_does_not_take_the_answer_format():
    """The tools' own « format » facet is ``tool_format``: ``format`` stays json or csv for every kind."""
    answer = Client().get("/api/outils/", {"format": "csv"})
    assert answer["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.content.decode())))
    assert len(rows) == Client().get("/api/outils/").json()["count"] > 0
    assert "tool_format" in Client().get("/api/outils/").json()["facets"]


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
    [({"domain": "danse"}, "domain"), ({"page": "0"}, "page"), ({"per_page": "1000"}, "per_page")],
)
def test_bad_parameters_are_a_400_naming_them_in_french(query, name):
    response = Client().get("/api/pratiques/", query)
    assert response.status_code == 400
    assert f"« {name} »" in response.json()["error"]


@pytest.mark.django_db
def test_catalysts_and_tools_endpoints_are_in_the_schema():
    schema_doc = Client().get("/api/openapi.json").json()
    assert {"/api/pratiques/", "/api/catalyseurs/", "/api/outils/"} <= set(schema_doc["paths"])
    names = {p["name"] for p in schema_doc["paths"]["/api/pratiques/"]["get"]["parameters"]}
    assert {"q", "domain", "region", "department", "model", "actor_type", "stage", "lever", "sdg"} <= names
    assert not {"domaine", "tri", "par_page"} & names  # the former names are accepted, not documented


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
