"""The case base in a real browser: search « mobilité », tick a domain and a région, open a case and find
it on the map; propose a case and see it stay invisible (pages, API, export) until a curator publishes it
in the admin; « Pour agir » on a territory page; axe-core on the list and a case page."""

from __future__ import annotations

import csv
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from observatoire.recommend.proximity import footprint
from observatoire.reference import territories
from observatoire.web.legal import audit
from observatoire.workspace import Workspace

from ..serving import OBSERVATOIRE, environment


@pytest.fixture(scope="session")
def curator(acting_base: str, demo_workspace: Workspace) -> tuple[str, str]:
    """A superuser of the served workspace (name, password), created as ``createsuperuser`` does."""
    name, password = "curatrice", secrets.token_urlsafe(16)
    create = (
        "import django, sys; django.setup();"
        "from django.contrib.auth import get_user_model;"
        "get_user_model().objects.create_superuser(sys.argv[1], 'curatrice@example.org', sys.argv[2])"
    )
    env = environment(demo_workspace, DJANGO_SETTINGS_MODULE="observatoire.web.settings")
    subprocess.run([sys.executable, "-c", create, name, password], env=env, check=True, timeout=120)
    return name, password


LEVELS = {territories.level_label(level): level for level in ("commune", "epci", "departement", "region")}


def _departement_of(page: Page) -> territories.Territory:
    """The département of the case page's territory (« Marseille (commune 13055) » -> Bouches-du-Rhône)."""
    shown = page.locator("dt", has_text=re.compile(r"^Territoire$")).locator("+ dd").inner_text()
    level, code = re.search(r"\((\S+) (\w+)\)", shown).groups()
    code = footprint(f"{LEVELS[level]}:{code}").departement
    assert code, f"no département for {shown}"
    return territories.territory(code, "departement")


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
    # The first case placed in a département (a case of the whole région has no place on the map).
    regional = page.locator("p.note", has_text=re.compile(r"^Provence-Alpes-Côte d'Azur"))
    first = page.locator(".agir-list li.card").filter(has_not=regional).locator("h3 a").first
    title = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_text("Territoire", exact=True)).to_be_visible()
    departement = _departement_of(page)
    page.goto(shared)
    expect(page.locator(".agir-count strong")).to_have_text(str(after))

    # Find it on the map: same search, its département counted in the text alternative and the table.
    page.get_by_role("link", name="Voir sur la carte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Carte des pratiques inspirantes")
    expect(page.locator(".map-chart svg")).to_be_visible()
    row = (
        page.get_by_role("table")
        .get_by_role("row")
        .filter(has=page.get_by_role("cell", name=departement.code, exact=True))
    )
    expect(row.get_by_role("rowheader")).to_have_text(departement.name)
    counted = int(row.locator("td.num").inner_text())
    assert 1 <= counted <= after
    expect(page.locator(".map-figure figcaption")).not_to_be_empty()
    shape = page.locator(f'.map-chart svg path[aria-label^="{departement.name} :"]')
    expect(shape).to_have_attribute("aria-label", re.compile(rf"\b{counted}\b"))  # the map says it too
    row.get_by_role("link", name=departement.name).click()  # the table's link: that département's list
    expect(page).to_have_url(re.compile(rf"departement={departement.code}"))
    expect(page.locator(".agir-count strong")).to_have_text(str(counted))
    expect(page.locator(".agir-list h3 a", has_text=title).first).to_be_visible()
    site.console.assert_clean()


def test_the_case_base_passes_the_accessibility_audit(site, acting_base, axe_source):
    site.open("/pratiques/?q=mobilite&domaine=mobilite")
    assert site.audit(axe_source, audit.TAGS, audit.BLOCKING_IMPACTS) == []
    case = site.page.locator(".agir-list h3 a").first.get_attribute("href")
    site.open(case)
    assert site.audit(axe_source, audit.TAGS, audit.BLOCKING_IMPACTS) == []
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


def _exported_titles(workspace: Workspace, folder: Path) -> list[str]:
    """The titles in ``observatoire pratiques export`` (the curators' export), as a user runs it."""
    out = folder / "pratiques.csv"
    env = environment(workspace)
    subprocess.run([OBSERVATOIRE, "pratiques", "export", str(out)], env=env, check=True, timeout=300)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        return [row["titre"] for row in csv.DictReader(handle)]


def _public(page: Page, title: str) -> dict[str, bool]:
    """Where ``title`` shows: the list's search, the API's JSON and CSV."""
    query = "navette collines"
    page.goto(f"/pratiques/?q={query}")
    listed = page.locator(".agir-list h3 a", has_text=title).count() > 0
    answer = page.request.get("/api/pratiques/", params={"q": query})
    assert answer.ok
    in_api = any(entry["title"] == title for entry in answer.json()["results"])
    table = page.request.get("/api/pratiques/", params={"q": query, "format": "csv"})
    assert table.ok
    in_csv = title in table.text()
    return {"liste": listed, "api": in_api, "csv": in_csv}


def test_a_proposed_case_stays_invisible_until_a_curator_publishes_it(
    site, acting_base, curator, demo_workspace, tmp_path
):
    page = site.page
    title = f"Navette solidaire des collines {secrets.token_hex(3)}"
    page.goto("/pratiques/proposer/")
    page.get_by_label("Titre :", exact=True).fill(title)
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

    assert _public(page, title) == {"liste": False, "api": False, "csv": False}
    assert title not in _exported_titles(demo_workspace, tmp_path)

    # A curator finds it in the moderation queue by its reference and publishes it.
    name, password = curator
    page.goto("/admin/")
    page.get_by_label(re.compile(r"^Nom d.utilisateur")).fill(name)
    page.get_by_label(re.compile(r"^Mot de passe")).fill(password)
    page.get_by_role("button", name="Connexion").click()
    page.goto("/admin/agir/casestudy/?status__exact=a_moderer")
    page.locator("#searchbar").fill(reference)
    page.locator("#searchbar").press("Enter")
    row = page.locator("#result_list tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(title)
    row.locator("input.action-select").check()
    page.locator("select[name=action]").select_option(label="Publier les fiches choisies")
    page.locator("button[name=index]").click()
    page.goto(f"/admin/agir/casestudy/?status__exact=publie&q={reference}")
    expect(page.locator("#result_list tbody tr")).to_contain_text(title)

    # The public side sees the published base at most a second or so later.
    deadline = time.monotonic() + 20
    while (shown := _public(page, title)) != {"liste": True, "api": True, "csv": True}:
        assert time.monotonic() < deadline, shown
        page.wait_for_timeout(500)
    assert title in _exported_titles(demo_workspace, tmp_path)
    page.locator(".agir-list h3 a", has_text=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
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
