"""A partnership evaluation in a real browser: open it with two partners, score as each through its own
link (the first cannot see the second's answers before submitting), read the mirror with its flagged
divergences, download the PDF; the advisor answers without JavaScript. Pages pass axe-core."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from observatoire.web.legal import audit

from .conftest import page_objects

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"


def _audit(page: Page, axe_source: str, server: str) -> None:
    assert page_objects.Site(page, server).audit(axe_source, audit.TAGS, audit.BLOCKING_IMPACTS) == []


def _score_all(page: Page, value: str, different: dict[str, str]) -> None:
    """Pick ``value`` on every line (or the value ``different`` gives for a line's name)."""
    for fieldset in page.locator("fieldset.question").all():
        name = fieldset.locator("input").first.get_attribute("name") or ""
        fieldset.locator(f'input[value="{different.get(name, value)}"]').check()


def test_two_partners_score_blind_then_read_the_mirror_and_its_pdf(browser, server, axe_source) -> None:
    opener_context = browser.new_context(base_url=server, accept_downloads=True, locale="fr-FR")
    page = opener_context.new_page()
    page.goto("/evaluations/")
    page.get_by_label("Nom du partenariat").fill("Alliance pour l'emploi")
    page.get_by_label("Modèle de partenariat").select_option("cooperation_economique")
    page.get_by_label("Année de début").fill("2022")
    page.get_by_label("Objectifs du partenariat").fill("Insertion par l'activité économique")
    page.get_by_label("Territoire", exact=True).fill("Rennes Métropole")
    page.get_by_label("Votre organisation").fill("Association Tremplin")
    page.get_by_label("Les autres partenaires, un par ligne").fill("Entreprise Bâtir")
    page.get_by_role("button", name="Ouvrir l'évaluation et obtenir les liens").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alliance pour l'emploi")
    _audit(page, axe_source, server)
    second_link = page.get_by_label("Lien privé de Entreprise Bâtir").input_value()

    # The first partner saves its scores without sending them.
    _score_all(page, "3", {})
    page.get_by_role("button", name="Enregistrer sans envoyer").click()

    # The second partner, in another browser with its own link only, scores and sends.
    other_context = browser.new_context(base_url=server, java_script_enabled=False, locale="fr-FR")
    other = other_context.new_page()
    other.goto(second_link)
    expect(other.get_by_text("Vous répondez pour Entreprise Bâtir")).to_be_visible()
    expect(other.get_by_role("heading", name="Gérer l'évaluation")).to_have_count(0)
    _score_all(other, "3", {"equilibre_clarte": "1", "impact_confiance": "0"})
    other.get_by_label("Commentaire (facultatif) — Clarté").nth(1).fill("Qui décide de quoi ?")
    other.get_by_role("button", name="Envoyer mes notes et voir le miroir").click()
    expect(other.get_by_role("heading", level=1)).to_contain_text("le miroir")
    expect(other.get_by_text("Un seul partenaire a envoyé ses notes")).to_be_visible()

    # The first partner has not sent: no mirror, none of the second's answers or comments.
    page.goto(page.url + "miroir/")  # redirected to its own page: no mirror before sending
    assert page.url.endswith("/")
    assert "/miroir/" not in page.url
    expect(page.get_by_role("button", name="Envoyer mes notes et voir le miroir")).to_be_visible()
    assert "Qui décide de quoi" not in page.content()
    page.get_by_role("button", name="Envoyer mes notes et voir le miroir").click()

    expect(page.get_by_role("heading", name="Sujets pour la prochaine rencontre")).to_be_visible()
    topics = page.locator("ul.divergences li")
    expect(topics).to_have_count(2)
    expect(topics.first).to_contain_text("Clarté")
    expect(page.get_by_text("Qui décide de quoi ?")).to_be_visible()
    expect(page.get_by_text("2 ligne(s) où les notes s'écartent de 2 points ou plus")).to_be_visible()
    table = page.get_by_role("table", name="L'équilibre du partenariat", exact=False)
    expect(table.locator("tr.divergent")).to_have_count(1)
    _audit(page, axe_source, server)
    page.set_viewport_size({"width": 390, "height": 800})
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "evaluation-miroir.png"), full_page=True)

    link = page.get_by_role("link", name="Télécharger le miroir (PDF)", exact=False)
    href = link.get_attribute("href") or ""
    assert href.endswith("/miroir/1.pdf")
    pdf = page.request.get(href)  # the browser's own session and cookies, as the link's download
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert 'filename="miroir-tour-1.pdf"' in pdf.headers["content-disposition"]
    assert pdf.body().startswith(b"%PDF")
    other_context.close()
    opener_context.close()


def test_the_advisor_without_javascript(browser, acting_base, axe_source) -> None:
    server = acting_base  # the served demo with its « Agir » case base
    context = browser.new_context(base_url=server, java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto("/partenariats/conseiller/")
    page.get_by_label("Innover").check()
    page.get_by_role("button", name="Voir les modèles qui me conviennent").click()
    first = page.locator("ol.ranked > li").first
    expect(first).to_contain_text("R&D sociale")
    expect(first).to_contain_text("Vous voulez innover")
    context.close()
    audited = browser.new_context(base_url=server, locale="fr-FR").new_page()  # axe-core needs scripts
    audited.goto("/partenariats/conseiller/?conseiller=1&motivations=innover")
    _audit(audited, axe_source, server)
    audited.goto("/partenariats/")
    _audit(audited, axe_source, server)
    expect(
        audited.get_by_role("table", name="Cas publiés de la base « Agir » par catégorie", exact=False)
    ).to_be_visible()
    audited.goto("/partenariats/modeles/rd_sociale/")  # its cases counted per région, in a table
    regions = audited.get_by_role("table", name="Cas publiés de la base « Agir » qui utilisent ce modèle")
    expect(regions.get_by_role("rowheader", name="Total")).to_be_visible()
    _audit(audited, axe_source, server)
    audited.context.close()
