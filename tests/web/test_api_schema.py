"""The OpenAPI document is generated from the query schemas the API parses with, and the API is fuzzed
against it."""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.test import Client
from hypothesis import HealthCheck, settings

from observatoire.diagnosis.schema import FIGURE_COLUMNS
from observatoire.web.api.parameters import FILTER_NAMES, ResultsQuery
from observatoire.web.api.schemas import Figure
from observatoire.web.api.site import api


def test_schema_lists_every_parameter_the_api_parses():
    served = Client().get("/api/openapi.json").json()
    assert served == json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/")))
    operation = served["paths"]["/api/resultats/"]["get"]
    names = [p["name"] for p in operation["parameters"]]
    assert names == list(ResultsQuery.model_fields)
    assert set(FILTER_NAMES) <= set(names)
    assert {"text/csv", "application/json"} <= set(operation["responses"]["200"]["content"])
    assert set(operation["responses"]) == {"200", "400", "503"}
    assert served["openapi"].startswith("3.")
    assert {"head", "post"}.isdisjoint(served["paths"]["/api/resultats/"])  # one operation per address
    assert "/api/" not in served["paths"]  # the French documentation page is not an operation


def test_figures_are_the_open_data_columns():
    assert tuple(Figure.model_fields) == FIGURE_COLUMNS


# The schema the app serves, called through its WSGI application (no network, no server).
# (Django's application, as wsgi.py makes it: wsgi.py itself refuses the tests' development key.)
# The « Agir » operations read Django's database: fuzzed in tests/web/agir/test_api.py (transactional).
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application()).exclude(
    path_regex="^/api/(pratiques|catalyseurs|outils)/$"
)


@pytest.mark.slow
# Transactional: some views (aggregates) read Django's database through the WSGI app, outside a transaction
# (on PostgreSQL the non-transactional wrapper left them a closed connection).
@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@settings(max_examples=30, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema_and_never_fails(case, published):
    # The WSGI transport does not undo Content-Encoding as an HTTP client would: ask for the plain bytes
    # (the gzip representation is the same bytes compressed, tested in test_caching.py).
    response = case.call(headers={"Accept-Encoding": "identity"})
    assert response.status_code < 500, response.text
    case.validate_response(response)
