"""The legal pages: mentions légales, données personnelles, déclaration d'accessibilité, plan du site."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.test import Client

from observatoire.reference import territories
from observatoire.web.legal import audit

LEGAL = {
    "/mentions-legales/": "Mentions légales",
    "/donnees-personnelles/": "Données personnelles",
    "/accessibilite/": "Déclaration d'accessibilité",
    "/plan-du-site/": "Plan du site",
}
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def client(published, settings) -> Client:
    settings.DEBUG = False
    return Client()


def _text(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("url", ["/", "/carte/", "/territoire/region/93/", "/comparer/", "/api/", *LEGAL])
def test_every_footer_links_the_four_legal_pages(client, url):
    footer = _text(client, url).split('<footer class="site-footer"', 1)[1]
    for path, name in LEGAL.items():
        assert re.search(rf'<a href="{path}">[^<]*', footer), (url, name)
    assert "Accessibilité : non conforme" in footer  # RGAA: the compliance status on every page


@pytest.mark.parametrize(("url", "title"), LEGAL.items())
def test_each_legal_page_answers_with_its_title(client, url, title):
    content = _text(client, url)
    assert f"<h1>{title}</h1>" in content


def test_personal_data_says_what_is_kept_how_long_and_how_to_delete_it(client, settings):
    settings.OBSERVATOIRE_ANSWERS_RETENTION_DAYS = 365
    settings.OBSERVATOIRE_CONTACT = "dpo@observatoire.example"
    content = _text(client, "/donnees-personnelles/")
    assert "effacées 365 jours après leur dernière modification" in content  # the setting, not a constant
    assert "dpo@observatoire.example" in content
    for words in ("aucun cookie", "lien privé", "10 répondants", "supprimées de la base", "CNIL"):
        assert words in content, words


def test_the_legal_notice_names_the_configured_publisher_and_host(client, settings):
    settings.OBSERVATOIRE_PUBLISHER = "Le Rameau"
    settings.OBSERVATOIRE_HOST = "Hébergeur Exemple, 1 rue de l'Exemple, Paris"
    content = _text(client, "/mentions-legales/")
    assert "édité par Le Rameau" in content
    assert "Hébergeur Exemple" in content
    assert "Données synthétiques" in content  # the demo says so here too


def test_the_accessibility_statement_lists_the_audited_sample(client):
    content = _text(client, "/accessibilite/")
    assert "non conforme" in content
    assert f"axe-core {audit.AXE_CORE_VERSION}" in content
    for page in audit.PAGES:
        assert f'<a href="{page.path.replace("&", "&amp;")}">' in content, page.path
    assert "Défenseur des droits" in content
    assert "390 et 1366 pixels" in content


def test_the_statement_names_the_axe_core_release_the_tests_install():
    lock = json.loads((ROOT / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/axe-core"]["version"] == audit.AXE_CORE_VERSION


def test_the_site_map_reaches_every_region_and_section(client):
    content = _text(client, "/plan-du-site/")
    for region in territories.regions():
        assert f'href="/territoire/region/{region.code}/"' in content
    for path in ("/carte/", "/comparer/", "/methodologie/", "/api/", *LEGAL):
        assert f'href="{path}"' in content
