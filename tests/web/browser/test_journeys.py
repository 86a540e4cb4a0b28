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


def test_search_marseille_reaches_the_paca_page_with_its_charts_and_a_csv(site):
    home = site.home()
    suggestions = home.search("Marseille")
    assert suggestions.names()[0].startswith("Marseille")
    paca = suggestions.choose("Marseille")
    assert re.search(r"/territoire/region/93/", site.page.url)
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
