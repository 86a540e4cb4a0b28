"""A self-assessment in a real browser: complete each instrument (one with JavaScript off), resume from
the private link in another browser, read the result with peers and next steps, download the PDF,
delete it; the pages pass an axe-core audit and fit a 390 px screen."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from observatoire.web.legal import audit
from observatoire.workspace import Workspace

from ..serving import run_cli
from .conftest import page_objects

ROOT = Path(__file__).resolve().parents[3]
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def peers_demo(server: str, demo_workspace: Workspace) -> None:
    """The synthetic self-assessments the demo shows peers with (written into the served database)."""
    run_cli(demo_workspace, "autodiagnostics", "demo", "--nombre", "3000")


def _audit(page: Page, axe_source: str, server: str) -> None:
    """No serious or critical axe-core violation (the accessibility statement's audit) on the page."""
    assert page_objects.Site(page, server).audit(axe_source, audit.TAGS, audit.BLOCKING_IMPACTS) == []


def _start(page: Page, title: str, actor: str, size: str, territory: str) -> None:
    page.goto("/autodiagnostics/")
    page.get_by_role("link", name=f"Commencer « {title} »").click()
    page.get_by_label(actor, exact=True).check()
    page.get_by_label(size, exact=True).check()
    page.get_by_label("Votre commune ou intercommunalité").fill(territory)
    page.get_by_role("button", name="Commencer le questionnaire").click()
    expect(page.get_by_role("progressbar")).to_have_accessible_name(re.compile(r"^Axe 1 sur \d$"))


def _answer_page(page: Page, pick: int) -> None:
    """Answer every question of the page: the ``pick``-th option of each radio group, the first box."""
    for fieldset in page.locator("fieldset.question").all():
        options = fieldset.locator("input")
        if options.first.get_attribute("type") == "checkbox":
            options.nth(0).check()
            options.nth(2).check()
        else:
            options.nth(min(pick, options.count() - 2)).check()  # never « non applicable » (last)


def _continue(page: Page) -> None:
    """Send the page and wait for the next one to load, so the next answers go to the next page."""
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Enregistrer et").last.click()


def test_complete_resume_read_download_and_delete(site, browser, peers_demo, server, axe_source) -> None:
    page = site.page
    _start(page, "RSE & partenariats", "Dirigeant(e)", "PME (10 à 249 salariés)", "35238")
    _audit(page, axe_source, server)
    _answer_page(page, 1)
    _continue(page)
    expect(page.get_by_role("progressbar", name="Axe 2 sur 5")).to_be_visible()
    link = page.get_by_label("Lien privé de votre autodiagnostic").input_value()
    assert "/autodiagnostics/r/" in link

    # Another browser (no cookie, no history) resumes from the link alone, at the first unanswered axis.
    other = browser.new_context(base_url=server, accept_downloads=True, locale="fr-FR")
    resumed = other.new_page()
    resumed.goto(link)
    expect(resumed.get_by_role("progressbar", name="Axe 2 sur 5")).to_be_visible()
    for _ in range(4):
        _answer_page(resumed, 1)
        _continue(resumed)
    expect(resumed.get_by_role("heading", level=1)).to_contain_text("Votre résultat")
    expect(resumed.get_by_text("Auto-déclaré", exact=True)).to_be_visible()
    expect(resumed.get_by_role("heading", name="Prochaines étapes")).to_be_visible()
    peers_text = resumed.locator("#pairs").inner_text()
    assert "Comparaison avec" in peers_text, peers_text
    expect(resumed.locator("[data-vega-spec]")).to_have_attribute("data-vega-state", "drawn")
    assert resumed.locator('[data-vega-spec] svg [role="graphics-symbol"]').count() > 0
    expect(resumed.get_by_role("table", name="Scores par axe (0 à 100) et pairs")).to_be_visible()
    _audit(resumed, axe_source, server)
    ARTIFACTS.mkdir(exist_ok=True)
    resumed.screenshot(path=str(ARTIFACTS / "autodiagnostic-resultat.png"), full_page=True)

    with resumed.expect_download() as waiting:
        resumed.get_by_role("link", name="Télécharger le résultat (PDF)").click()
    download = waiting.value
    assert download.suggested_filename == "autodiagnostic-entreprise.pdf"
    assert Path(download.path()).read_bytes().startswith(b"%PDF")

    resumed.get_by_role("link", name="Supprimer cet autodiagnostic").click()
    resumed.get_by_role("button", name="Supprimer définitivement").click()
    expect(resumed.get_by_role("heading", level=1)).to_have_text("Autodiagnostic supprimé")
    gone = resumed.goto(link)
    assert gone.status == 404
    other.close()


@pytest.mark.parametrize(
    ("title", "actor", "size", "territory"),
    [
        ("Stratégie partenariale", "Direction ou salarié(e)", "1 à 9 salariés", "Lyon"),
        ("Fragilités & co-construction territoriale", "Élu(e)", "Intercommunalité (EPCI)", "13055"),
    ],
)
def test_the_other_instruments_work_without_javascript(
    browser, server, peers_demo, title, actor, size, territory
):
    context = browser.new_context(base_url=server, java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    _start(page, title, actor, size, territory)
    # A page sent with a question unanswered is kept, and says what is missing.
    page.locator("fieldset.question").first.locator("input").first.check()
    _continue(page)
    expect(page.get_by_role("alert")).to_contain_text("il en manque")
    while True:
        _answer_page(page, 3)
        _continue(page)
        if "/resultat/" in page.url:
            break
    expect(page.get_by_role("heading", level=1)).to_contain_text("Votre résultat")
    expect(page.get_by_text("niveau 4 sur 4", exact=False)).to_be_visible()
    # Without JavaScript the chart is not drawn, and its table says everything.
    expect(page.get_by_role("table", name="Scores par axe (0 à 100) et pairs")).to_be_visible()
    context.close()


def test_the_questionnaire_fits_a_phone(browser, server) -> None:
    context = browser.new_context(base_url=server, viewport={"width": 390, "height": 844}, locale="fr-FR")
    page = context.new_page()
    _start(page, "RSE & partenariats", "Autre salarié(e)", "TPE (moins de 10 salariés)", "Brest")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    page.keyboard.press("Tab")  # the skip link comes first, then the page can be used by keyboard
    assert page.evaluate("document.activeElement.textContent").strip() == "Aller au contenu"
    context.close()
