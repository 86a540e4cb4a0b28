"""Public proposals: no account, validated, stored « à modérer », invisible until a curator publishes."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client

from observatoire.web.agir import catalog
from observatoire.web.agir.columns import CASES
from observatoire.web.agir.models import PENDING, CaseStudy, Catalyst
from observatoire.web.agir.transfer import export_rows

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
PROPOSAL = {
    "titre": f"Vélos partagés {SCRIPT}",
    "resume": "Une association et une PME prêtent des vélos aux demandeurs d'emploi.",
    "territoire": "Marseille",
    "domaines": ["mobilite", "emploi"],
    "acteurs": ["association", "entreprise_pme"],
    "partenaires": "Roue Libre\nCycles du Vieux-Port",
    "stade": "experimentation",
    "modele": "cooperation_economique",
    "site_web": "",
}


@pytest.fixture(autouse=True)
def _fresh() -> None:
    cache.clear()  # the rate limit's counters
    catalog.forget()


def _propose(data: dict, address: str = "203.0.113.7") -> tuple[int, str]:
    response = Client().post("/pratiques/proposer/", data, REMOTE_ADDR=address)
    return response.status_code, response.content.decode()


def test_a_proposal_gets_a_reference_and_stays_invisible_until_published():
    status, html = _propose(PROPOSAL)
    assert status == 200
    reference = re.search(r"<strong>(P-[0-9A-F]{8})</strong>", html).group(1)
    case = CaseStudy.objects.get(reference=reference)
    assert case.status == PENDING
    assert case.provenance == "contribution"
    assert (case.territory_level, case.territory_code) == ("commune", "13055")
    assert sorted(p.name for p in case.partners.all() if p.name) == ["Cycles du Vieux-Port", "Roue Libre"]
    # nowhere public: page, list, search, export
    assert Client().get(f"/pratiques/{case.slug}/").status_code == 404
    assert "Vélos partagés" not in Client().get("/pratiques/", {"q": "vélos"}).content.decode()
    assert not export_rows(CASES)
    # a curator publishes it in the admin's moderation queue
    curator = Client()
    curator.force_login(User.objects.create_superuser("curatrice", "c@example.org", "motdepasse-solide-42"))
    queue = curator.get("/admin/agir/casestudy/", {"status__exact": PENDING}).content.decode()
    assert reference in queue
    curator.post("/admin/agir/casestudy/", {"action": "publish", "_selected_action": [case.pk]})
    catalog.forget()
    page = Client().get(f"/pratiques/{CaseStudy.objects.get(pk=case.pk).slug}/")
    assert page.status_code == 200
    assert SCRIPT not in page.content.decode()  # shown as text, never run
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page.content.decode()
    assert "Vélos partagés" in Client().get("/pratiques/", {"q": "velo"}).content.decode()


def test_honeypot_filled_is_refused_and_nothing_is_stored():
    status, html = _propose(PROPOSAL | {"site_web": "http://spam.example"})
    assert status == 400
    assert "Envoi refusé" in html
    assert not CaseStudy.objects.exists()


def test_rate_limit_per_address():
    for _ in range(5):
        assert _propose(PROPOSAL)[0] == 200
    status, html = _propose(PROPOSAL)
    assert status == 429
    assert "Trop d'envois" in html
    assert _propose(PROPOSAL, address="198.51.100.1")[0] == 200
    assert CaseStudy.objects.count() == 6


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"titre": "x" * 201}, "au plus 200 caractères"),
        ({"territoire": "Atlantide"}, "aucun territoire"),
        ({"domaines": ["danse"]}, "Sélectionnez un choix valide"),
        ({"annee": "deux mille"}, "Saisissez un nombre entier"),
    ],
)
def test_bad_fields_get_a_french_message_under_the_field(change, message):
    status, html = _propose(PROPOSAL | change)
    assert status == 400
    assert message in html
    assert not CaseStudy.objects.exists()


def test_catalyst_proposal():
    data = {
        "titre": "La Fabrique",
        "resume": "Un tiers-lieu qui réunit entreprises et associations.",
        "territoire": "31555",
        "domaines": ["isolement"],
        "metiers": ["gestion_lieu"],
        "contact": "bonjour@example.org",
    }
    response = Client().post("/catalyseurs/proposer/", data, REMOTE_ADDR="192.0.2.3")
    assert response.status_code == 200
    catalyst = Catalyst.objects.get()
    assert catalyst.status == PENDING
    assert Client().get(f"/catalyseurs/{catalyst.slug}/").status_code == 404
