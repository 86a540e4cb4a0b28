"""The case base in a real browser: search « mobilité », tick a domain and a région, open a case; propose
a case and see it stay invisible until a curator publishes it; « Pour agir » on a territory page."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from observatoire.workspace import Workspace

from ..serving import environment

LOAD = (
    "import django; django.setup();"
    "from django.core.management import call_command; call_command('migrate', verbosity=0);"
    "from observatoire.web.agir.demo import load_demo_content; load_demo_content()"
)


@pytest.fixture(scope="session")
def acting_base(server: str, demo_workspace: Workspace) -> str:
    """The served workspace with the demo case base (seeds and synthetic set), loaded as the demo does."""
    env = environment(demo_workspace, DJANGO_SETTINGS_MODULE="observatoire.web.settings")
    subprocess.run([sys.executable, "-c", LOAD], env=env, check=True, timeout=300)
    return server


def test_search_mobilite_tick_a_domain_and_a_region_then_open_a_case(site, acting_base):
    page = site.page
    page.goto("/pratiques/")
    page.get_by_label("Rechercher", exact=True).fill("mobilité")
    expect(page).to_have_url(re.compile(r"q=mobilit"))  # HTMX pushed the state: a shareable address
    count = page.locator(".agir-count strong")
    expect(count).not_to_have_text("0")
    before = int(count.inner_text())

    page.get_by_role("checkbox", name=re.compile(r"^Mobilité")).check()
    expect(page).to_have_url(re.compile(r"domaine=mobilite"))
    page.locator("summary").filter(has_text=re.compile(r"^Région")).click()  # opens the région facet
    page.get_by_role("checkbox", name=re.compile(r"^Provence-Alpes-Côte d'Azur")).check()
    expect(page).to_have_url(re.compile(r"region=93"))
    expect(count).not_to_have_text(str(before))
    after = int(count.inner_text())
    assert 0 < after < before
    chips = page.get_by_role("list", name="Filtres actifs")
    expect(chips).to_contain_text("Région : Provence-Alpes-Côte d'Azur")

    shared = page.url  # the same state without JavaScript, from its address
    first = page.locator(".agir-list h3 a").first
    title = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_text("Territoire", exact=True)).to_be_visible()
    page.goto(shared)
    expect(page.locator(".agir-count strong")).to_have_text(str(after))
    site.console.assert_clean()


def test_the_list_works_without_javascript(browser, acting_base):
    context = browser.new_context(base_url=acting_base, java_script_enabled=False)
    page = context.new_page()
    page.goto("/pratiques/")
    page.get_by_label("Rechercher", exact=True).fill("mobilite")
    page.get_by_role("checkbox", name=re.compile(r"^Mobilité")).check()
    page.locator("#filtres").get_by_role("button", name="Rechercher").click()
    expect(page).to_have_url(re.compile(r"q=mobilite.*domaine=mobilite"))
    assert int(page.locator(".agir-count strong").inner_text()) > 0
    context.close()


def test_a_proposed_case_stays_invisible_until_published(site, acting_base):
    page = site.page
    page.goto("/pratiques/proposer/")
    page.get_by_label("Titre :", exact=True).fill("Navette solidaire des collines")
    page.get_by_label("Résumé (600 caractères au plus) :", exact=True).fill(
        "Une navette partagée par une commune et un club."
    )
    page.get_by_label("Territoire :", exact=True).fill("Aubagne")
    page.get_by_role("checkbox", name="Mobilité / transports").check()
    page.get_by_role("checkbox", name="Collectivité").check()
    page.get_by_role("button", name="Envoyer pour relecture").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Merci, votre proposition est reçue")
    reference = page.locator("#contenu strong").first.inner_text()
    assert re.fullmatch(r"P-[0-9A-F]{8}", reference)
    page.goto("/pratiques/?q=navette+collines")
    expect(page.locator(".agir-count strong")).to_have_text("0")
    site.console.assert_clean()


def test_territory_page_has_its_pour_agir_section(site, acting_base):
    page = site.page
    page.goto("/territoire/region/93/")
    section = page.locator("section.agir-act")
    expect(section.get_by_role("heading", name="Pour agir")).to_be_visible()
    expect(section.locator(".agir-matches li").first).to_contain_text(
        re.compile(r"dans|couvre|Couvre|France")
    )
    site.console.assert_clean()
