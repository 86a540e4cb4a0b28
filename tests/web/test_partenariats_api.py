"""No 5xx under fuzzing of the partnership API: the advisor's ``POST /api/partenariats/conseiller`` and the
open aggregates, fuzzed from the OpenAPI document with bodies that follow it and bodies that break it
(schemathesis), and sent any JSON value or any bytes at all (hypothesis): a 200 or a French 400."""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

ADVISOR = "/api/partenariats/conseiller"

# (Django's application, as wsgi.py makes it: wsgi.py itself refuses the tests' development key.)
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application()).include(
    path_regex="^/api/partenariats/"
)
schema.config.generation.update(modes=list(GenerationMode))  # valid bodies, and bodies that break the schema


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)  # each WSGI call ends its request by closing the connection
@schema.parametrize()
@settings(max_examples=60, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_partnership_api_never_fails_on_schema_fuzzing(case):
    response = case.call(headers={"Accept-Encoding": "identity"})
    assert response.status_code < 500, response.text
    if response.status_code == 400:
        assert response.json()["error"]  # a French sentence, not a trace
    else:
        case.validate_response(response)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
QUESTIONS = st.sampled_from(["motivations", "actor", "size", "objectives", "bring", "need", "partners", "x"])
ANSWERS = st.dictionaries(QUESTIONS, st.lists(st.text(max_size=20) | JSON, max_size=4) | JSON, max_size=4)


def _answered(body: bytes) -> None:
    response = Client().post(ADVISOR, body, content_type="application/json")
    assert response.status_code in (200, 400), response.content[:500]
    if response.status_code == 400:
        assert response.json()["error"]
    else:
        assert {"version", "categories", "models"} <= set(response.json())


@pytest.mark.django_db
@settings(max_examples=150, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(JSON, st.fixed_dictionaries({"answers": ANSWERS}), st.fixed_dictionaries({"answers": JSON})))
def test_the_advisor_answers_any_json_with_a_200_or_a_french_400(body):
    _answered(json.dumps(body).encode())


@pytest.mark.django_db
@settings(max_examples=60, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.binary(max_size=200))
def test_the_advisor_answers_any_bytes_with_a_200_or_a_french_400(body):
    _answered(body)
