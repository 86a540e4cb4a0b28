"""Curators' admin: nothing readable or writable without login; codes checked against the vocabulary."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client

from observatoire.web.agir.models import CaseStudy, Catalyst, Tool

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
    "partnership_model": "engagement_actif",
}
#: What the admin form posts besides the model's fields: defaults shown in the form, the partners inline.
FORM = {
    "scale": "local",
    "stage": "experimentation",
    "evidence": "temoignage",
    "licence": "CC BY 4.0",
    "provenance": "observatoire",
    "status": "publie",
    "reference": "P-ADMIN001",
    "partners-TOTAL_FORMS": "1",
    "partners-INITIAL_FORMS": "0",
    "partners-0-actor_type": "entreprise_pme",
    "partners-0-name": "Les Paniers du Coin",
}


@pytest.mark.parametrize("model", ["casestudy", "catalyst", "tool"])
def test_anonymous_post_is_sent_to_login_and_writes_nothing(model):
    response = Client(enforce_csrf_checks=False).post(f"/admin/agir/{model}/add/", CASE)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert CaseStudy.objects.count() + Catalyst.objects.count() + Tool.objects.count() == 0


def test_anonymous_list_is_sent_to_login():
    response = Client().get("/admin/agir/casestudy/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_curator_adds_a_case_study_with_checked_codes(curator):
    response = curator.post("/admin/agir/casestudy/add/", CASE | FORM)
    assert response.status_code == 302, response.content.decode()[:2000]
    case = CaseStudy.objects.get()
    assert case.domains == ["pauvrete", "isolement"]
    assert case.slug.startswith("une-epicerie-solidaire")
    assert [(p.actor_type, p.name) for p in case.partners.all()] == [
        ("entreprise_pme", "Les Paniers du Coin")
    ]
    assert "pani" in case.search_keys["partners"]  # partners are searched: keys refreshed after the inline


def test_unknown_territory_is_refused_in_french(curator):
    response = curator.post("/admin/agir/casestudy/add/", CASE | FORM | {"territory_code": "99"})
    assert response.status_code == 200
    assert "aucun territoire" in response.content.decode()
    assert not CaseStudy.objects.exists()


def test_list_has_filters_and_search(curator):
    CaseStudy.objects.create(**(CASE | {"slug": "epicerie"}))
    response = curator.get("/admin/agir/casestudy/", {"q": "épicerie"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "épicerie solidaire" in text
    assert "status__exact=a_moderer" in text  # the moderation queue is a list filter


@pytest.mark.parametrize(
    ("field", "value"),
    [("domains", ["emploi", "nimportequoi"]), ("domains", "emploi"), ("partnership_model", "mecenat")],
)
def test_model_validation_refuses_unknown_codes(field, value):
    case = CaseStudy(**(CASE | {field: value}))
    with pytest.raises(ValidationError):
        case.full_clean()


def _common() -> dict:
    return {k: v for k, v in CASE.items() if k not in ("partnership_model", "slug")}


def test_catalyst_activities_are_validated():
    catalyst = Catalyst(**_common(), activities=["dialogue_territorial"])
    catalyst.full_clean(exclude=["slug", "reference"])
    catalyst.activities = ["danse"]
    with pytest.raises(ValidationError):
        catalyst.full_clean(exclude=["slug", "reference"])


def test_tool_levers_are_validated():
    tool = Tool(**_common(), levers=["faire_alliance"])
    tool.full_clean(exclude=["slug", "reference"])
    tool.levers = ["faire_la_fete"]
    with pytest.raises(ValidationError):
        tool.full_clean(exclude=["slug", "reference"])


def _login(client: Client, password: str, **headers: str):
    form = {"username": "curatrice", "password": password}
    return client.post("/admin/login/?next=/admin/", form, headers=headers)


def test_admin_logins_are_throttled_after_repeated_failures(settings):
    from axes.models import AccessAttempt

    User.objects.create_superuser("curatrice", "c@example.org", "motdepasse-solide-42")
    client = Client()
    assert _login(client, "motdepasse-solide-42").status_code == 302  # the right password works
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "mauvais").status_code == 200  # the form again, with its error
    locked = _login(client, "mauvais")
    assert locked.status_code == 429
    assert "Connexion bloquée" in locked.content.decode()
    # Locked: even the right password is refused now, and the failures are kept in the database.
    assert _login(client, "motdepasse-solide-42").status_code == 429
    assert AccessAttempt.objects.get().failures_since_start >= settings.AXES_FAILURE_LIMIT
    assert not client.get("/admin/").wsgi_request.user.is_authenticated


def test_behind_the_proxy_each_client_is_counted_apart(settings, monkeypatch):
    monkeypatch.setenv("OBSERVATOIRE_BEHIND_HTTPS_PROXY", "1")
    settings.AXES_LOCKOUT_PARAMETERS = ["ip_address"]
    User.objects.create_superuser("curatrice", "c@example.org", "motdepasse-solide-42")
    client = Client(REMOTE_ADDR="127.0.0.1")  # every request comes from the proxy
    attacker = {"X-Forwarded-For": "198.51.100.7"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "mauvais", **attacker)
    assert _login(client, "motdepasse-solide-42", **attacker).status_code == 429
    # Only the address our proxy appended counts: a forged first address neither frees the attacker
    # nor locks out a visitor.
    escaping = {"X-Forwarded-For": "1.2.3.4, 198.51.100.7"}
    assert _login(client, "motdepasse-solide-42", **escaping).status_code == 429
    visitor = {"X-Forwarded-For": "198.51.100.7, 203.0.113.9"}
    assert _login(client, "motdepasse-solide-42", **visitor).status_code == 302
