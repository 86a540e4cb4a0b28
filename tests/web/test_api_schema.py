"""The OpenAPI document is made from the filter definitions, and the API is fuzzed against it."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.test import Client
from hypothesis import HealthCheck, settings

from observatoire.web.api.filters import FILTERS, RESULTS_PARAMETERS
from observatoire.web.api.openapi import document


def test_schema_lists_every_filter_of_the_parser():
    served = Client().get("/api/openapi.json").json()
    assert served == document()
    names = [p["name"] for p in served["paths"]["/api/resultats/"]["get"]["parameters"]]
    assert names == [p.name for p in RESULTS_PARAMETERS]
    assert {p.name for p in FILTERS} <= set(names)
    assert served["openapi"].startswith("3.")


# The schema the app serves, called through its WSGI application (no network, no server).
# (Django's application, as wsgi.py makes it: wsgi.py itself refuses the tests' development key.)
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.mark.slow
@pytest.mark.django_db  # Django's request_started handler checks the connection on PostgreSQL
@schema.parametrize()
@settings(max_examples=30, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema_and_never_fails(case, published):
    # The WSGI transport does not undo Content-Encoding as an HTTP client would: ask for the plain bytes
    # (the gzip representation is the same bytes compressed, tested in test_memory.py).
    response = case.call(headers={"Accept-Encoding": "identity"})
    assert response.status_code < 500, response.text
    case.validate_response(response)
