"""What a visitor does, in a real browser: find Marseille, reach PACA, use the map, download, compare.

Each test also checks that the browser met no script error, no content-security-policy violation and no
failed request, and that the charts were drawn as SVG.
"""

from __future__ import annotations

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from .conftest import LAPTOP, PHONE


def test_search_marseille_reaches_its_page_then_paca_with_its_charts_and_a_csv(site):
    home = site.home()
    suggestions = home.search("Marseille")
    assert suggestions.names()[0].startswith("Marseille")
    marseille = suggestions.choose("Marseille")
    assert re.search(r"/territoire/commune/13055/", site.page.url)
    assert "Marseille" in marseille.heading
    marseille.assert_charts_drawn()  # the région's survey figures, the département's objective index
    site.page.get_by_role("link", name="Provence-Alpes-Côte d'Azur (région)").click()
    assert re.search(r"/territoire/region/93/", site.page.url)
    paca = site.territory("region", "93")
    assert "Provence-Alpes-Côte d'Azur" in paca.heading
    paca.assert_charts_drawn()

    download, text = paca.download_csv()
    assert download.suggested_filename.endswith(".csv")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows) > 1
    assert all(len(row) == len(rows[0]) for row in rows)
    site.console.assert_clean()


def test_the_map_switches_domain_and_lens_in_place_and_keeps_the_url(site):
    carte = site.map("domaine=emploi&lens=objectif&niveau=region")
    (drawn,) = carte.assert_charts_drawn()
    # One shape per région: 13 metropolitan + 5 overseas in their insets (the insets' frames are hidden
    # from screen readers, so they are not graphics symbols and not counted).
    assert drawn["marks"] == 18
    assert carte.title.startswith("Emploi")
    before = carte.table()

    carte.choose_domain("Numérique")
    expect(site.page).to_have_url(re.compile(r"domaine=numerique"))  # pushed: a permalink to this view
    expect(site.page.get_by_role("heading", level=2).first).to_have_text(re.compile(r"^Numérique"))
    (drawn,) = carte.assert_charts_drawn()
    assert drawn["marks"] == 18  # the same 13 + 5 régions
    after = carte.table()
    assert [row[0] for row in after] == [row[0] for row in before]  # same territories
    assert after != before  # other figures
    assert carte.selected("Domaine") == "Numérique"
    # Screen readers are told what the swap changed (the live region, not only the picture).
    expect(site.page.locator("#annonce")).to_have_text(re.compile(r"^Carte mise à jour : Numérique"))
    expect(site.page.locator("#annonce")).to_have_attribute("role", "status")

    carte.choose_lens("Perçue par les citoyens")
    expect(site.page).to_have_url(re.compile(r"lens=citoyens"))
    assert carte.selected("Vague") == "2019"  # the latest wave of the citizens' survey
    carte.assert_charts_drawn()

    # The companies were surveyed in 2015 and 2021: the address shows the wave drawn, not the one asked.
    carte.choose_lens("Perçue par les entreprises")
    expect(site.page).to_have_url(re.compile(r"lens=entreprises.*vague=2021"))
    assert carte.selected("Vague") == "2021"

    # The permalink restores the same view in a new page load.
    site.page.reload()
    assert carte.selected("Domaine") == "Numérique"
    assert carte.selected("Regard") == "Perçue par les entreprises"
    assert carte.selected("Vague") == "2021"
    carte.assert_charts_drawn()
    site.console.assert_clean()


@pytest.mark.parametrize(
    ("name", "code"),
    [("Provence-Alpes-Côte d'Azur", "93"), ("La Réunion", "04")],  # La Réunion: drawn in its inset
)
def test_clicking_a_region_on_the_map_opens_its_page(site, name, code):
    carte = site.map("domaine=emploi&lens=objectif")
    carte.assert_charts_drawn()
    page = carte.click_territory(name)
    assert site.page.url.endswith(f"/territoire/region/{code}/")
    assert name in page.heading
    site.console.assert_clean()


def test_suppressed_figures_read_base_insuffisante_on_the_map(site):
    carte = site.map("domaine=emploi&lens=ecart")
    carte.assert_charts_drawn()
    corse = next(row for row in carte.table() if row[0] == "94")
    assert corse[1] == "base insuffisante"
    shape = site.page.locator('[data-vega-spec] svg path[aria-label^="Corse : base insuffisante"]')
    assert shape.count() == 1
    with site.page.expect_download() as info:
        site.page.get_by_role("link", name="CSV", exact=True).click()
    text = info.value.path().read_bytes().decode("utf-8-sig")
    assert "\n94;Corse;;true;" in text
    site.console.assert_clean()


def test_back_after_a_swap_restores_the_whole_page(site):
    """Regression: a history restore (Back once htmx's history cache lacks the page) was answered the
    fragment, and the page lost its header, navigation and footer."""
    paca = site.territory("region", "93")
    whole = paca.landmarks()
    assert whole["banner"] == whole["contentinfo"] == 1
    assert whole["navigation"] >= 1
    paca.swap("vue", "Domaine suivi dans le temps", "Santé")
    expect(site.page).to_have_url(re.compile(r"domaine=sante"))
    site.page.evaluate("() => sessionStorage.removeItem('htmx-history-cache')")  # forces a restore request
    with site.page.expect_response(
        lambda r: r.request.headers.get("hx-history-restore-request") == "true"
    ) as restore:
        site.page.go_back()
    assert restore.value.status == 200
    expect(site.page).to_have_url(re.compile(r"/territoire/region/93/$"))
    expect(site.page.get_by_role("banner")).to_be_visible()
    assert paca.landmarks() == whole
    assert "Provence-Alpes-Côte d'Azur" in paca.heading
    paca.assert_charts_drawn()
    site.console.assert_clean()


def test_the_comparison_page_sets_paca_beside_france(site):
    comparison = site.compare()
    comparison.compare("Provence-Alpes-Côte d'Azur", "France")
    expect(site.page.get_by_role("heading", level=2).first).to_contain_text("Provence-Alpes-Côte d'Azur")
    assert site.page.get_by_role("table").count() >= 1
    site.console.assert_clean()


def test_no_page_breaks_the_content_security_policy(site):
    paths = ("/", "/carte/", "/carte/?lens=ecart&domaine=numerique", "/territoire/region/93/", "/comparer/")
    for path in paths:
        site.page.goto(path)
        site.page.wait_for_load_state("networkidle")
    assert site.console.csp_violations() == []


# --- Three users, on a laptop and on a phone, each to the file they came for -------------------------------

USERS_WIDTHS = pytest.mark.parametrize("site", [PHONE, LAPTOP], indirect=True, ids=["390px", "1366px"])
REPORT_SECONDS = 120  # a report missing when asked for is written then (WeasyPrint takes seconds)


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=";"))


@USERS_WIDTHS
def test_an_elected_official_of_digne_finds_his_territory_and_takes_its_pdf_and_csv(site, paca_report):
    home = site.home()
    suggestions = home.search("Digne")
    assert any(name.startswith("Digne-les-Bains") for name in suggestions.names())
    page = suggestions.choose("Digne-les-Bains")
    content = site.page.content()
    # His commune's own page, or (where communes have none) his région's page saying it is his.
    assert "Digne-les-Bains" in page.heading or "voici la région de Digne-les-Bains" in content
    page.assert_charts_drawn()
    assert site.page_overflow() == []

    site.page.set_default_timeout(REPORT_SECONDS * 1000)
    download, pdf = page.download_report()
    assert download.suggested_filename.endswith(".pdf")
    assert pdf.startswith(b"%PDF-")
    assert len(pdf) > 10_000

    download, text = page.download_csv()
    assert download.suggested_filename.endswith(".csv")
    rows = _rows(text)
    assert len(rows) >= 17  # a header and the 16 domains
    assert all(len(row) == len(rows[0]) for row in rows)
    site.console.assert_clean()


@USERS_WIDTHS
def test_a_paca_officer_compares_her_region_with_france_and_takes_the_csv(site):
    paca = site.territory("region", "93")
    assert "Provence-Alpes-Côte d'Azur" in paca.heading
    paca.assert_charts_drawn()
    comparison = paca.compare_with_france()
    expect(site.page.get_by_role("heading", level=2).first).to_contain_text("Provence-Alpes-Côte d'Azur")
    expect(site.page.get_by_role("heading", level=2).first).to_contain_text("France")
    assert site.page_overflow() == []

    download, text = comparison.download_csv()
    assert download.suggested_filename.endswith(".csv")
    assert "93" in download.suggested_filename
    rows = _rows(text)
    assert any("Provence-Alpes-Côte d'Azur" in cell for cell in rows[0])
    assert len(rows) == 1 + 16  # one row per domain
    site.console.assert_clean()


@USERS_WIDTHS
def test_a_journalist_takes_the_open_data_from_the_api_page(site):
    api = site.api()
    expect(site.page.get_by_role("heading", level=1)).to_contain_text("Données ouvertes")
    assert site.page_overflow() == []
    download, body = api.download(re.compile(r"format=csv"))
    assert download.suggested_filename.endswith(".csv")
    rows = _rows(body.decode("utf-8-sig"))
    assert len(rows) > 10
    assert all(len(row) == len(rows[0]) for row in rows)
    header = [cell.lower() for cell in rows[0]]
    assert "estimate" in header or "estimation" in header
    site.console.assert_clean()
