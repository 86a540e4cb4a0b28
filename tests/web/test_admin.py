"""Curators' admin: nothing readable or writable without login; codes checked against the vocabulary."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client

from observatoire.web.models import CaseStudy, Catalyst, Tool

pytestmark = pytest.mark.django_db

CASE = {
    "title": "Une épicerie solidaire portée par une PME et une association",
    "slug": "",
    "territory_level": "region",
    "territory_code": "93",
    "domains": ["pauvrete", "isolement"],
    "summary": "Une PME prête ses locaux, l'association les anime.",
    "body": "",
    "url": "",
    "partners": "",
    "partnership_model": "engagement_actif",
}


@pytest.fixture
def curator() -> Client:
    user = User.objects.create_superuser("curatrice", "c@example.org", "motdepasse-solide-42")
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", ["casestudy", "catalyst", "tool"])
def test_anonymous_post_is_sent_to_login_and_writes_nothing(model):
    response = Client(enforce_csrf_checks=False).post(f"/admin/observatoire_web/{model}/add/", CASE)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert CaseStudy.objects.count() + Catalyst.objects.count() + Tool.objects.count() == 0


def test_anonymous_list_is_sent_to_login():
    response = Client().get("/admin/observatoire_web/casestudy/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_curator_adds_a_case_study_with_checked_codes(curator):
    response = curator.post("/admin/observatoire_web/casestudy/add/", CASE)
    assert response.status_code == 302, response.content.decode()[:2000]
    case = CaseStudy.objects.get()
    assert case.domains == ["pauvrete", "isolement"]
    assert case.slug.startswith("une-epicerie-solidaire")


def test_unknown_territory_is_refused_in_french(curator):
    response = curator.post("/admin/observatoire_web/casestudy/add/", CASE | {"territory_code": "99"})
    assert response.status_code == 200
    assert "aucun territoire" in response.content.decode()
    assert not CaseStudy.objects.exists()


def test_list_has_filters_and_search(curator):
    CaseStudy.objects.create(**(CASE | {"slug": "epicerie"}))
    response = curator.get("/admin/observatoire_web/casestudy/", {"q": "épicerie"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "épicerie solidaire" in text
    assert "published__exact=1" in text  # the list filter


@pytest.mark.parametrize(
    ("field", "value"),
    [("domains", ["emploi", "nimportequoi"]), ("domains", "emploi"), ("partnership_model", "mecenat")],
)
def test_model_validation_refuses_unknown_codes(field, value):
    case = CaseStudy(**(CASE | {field: value}))
    with pytest.raises(ValidationError):
        case.full_clean()


def _common() -> dict:
    return {k: v for k, v in CASE.items() if k not in ("partners", "partnership_model", "slug")}


def test_catalyst_activities_are_validated():
    catalyst = Catalyst(**_common(), activities=["dialogue_territorial"])
    catalyst.full_clean(exclude=["slug"])
    catalyst.activities = ["danse"]
    with pytest.raises(ValidationError):
        catalyst.full_clean(exclude=["slug"])


def test_tool_levers_are_validated():
    tool = Tool(**_common(), levers=["faire_alliance"])
    tool.full_clean(exclude=["slug"])
    tool.levers = ["faire_la_fete"]
    with pytest.raises(ValidationError):
        tool.full_clean(exclude=["slug"])
