"""A local consultation in a real browser on a phone-sized window: open it for a commune, answer it from
the public link (no JavaScript needed), add paper answers and the population margins with the CLI, close
it, and read the weighted results against the région and France; the pages pass an axe-core audit."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from playwright.sync_api import expect

from observatoire.reference import vocabulary
from observatoire.web.legal import audit
from observatoire.workspace import Workspace

from ..serving import run_cli
from .conftest import PHONE

MARGINS = """variable;categorie;effectif
sexe;f;17600
sexe;h;15400
age;a18_24;3300
age;a25_34;4900
age;a35_49;7900
age;a50_64;8100
age;a65_plus;8800
"""


def _cli(workspace: Workspace, *args: str) -> str:
    return run_cli(workspace, "consultation", *args)


def _paper(n: int) -> list[dict[str, object]]:
    ages = ["a18_24", "a25_34", "a35_49", "a50_64", "a65_plus"]
    rows = []
    for i in range(n):
        row: dict[str, object] = {
            f"q1_{d}": (i * 3 + j) % 10 + 1 for j, d in enumerate(vocabulary.domain_codes())
        }
        row.update(
            attention=3, alliance="necessaire", sexe="f" if i % 3 else "h", age=ages[i % 5], commune="05061"
        )
        rows.append(row)
    return rows


@pytest.mark.parametrize("site", [PHONE], indirect=True)
def test_open_answer_close_and_read_weighted_results(site, demo_workspace, tmp_path, axe_source, server):
    page = site.page
    page.goto("/consultations/nouvelle/")
    page.get_by_label("Titre de la consultation").fill("Les fragilités de Gap vues par ses habitants")
    page.get_by_label("Collectivité qui consulte").fill("Ville de Gap")
    page.get_by_label("Commune", exact=True).check()
    page.get_by_label(re.compile("^Code INSEE du territoire")).fill("05061")
    page.get_by_label("Début (AAAA-MM-JJ)").fill("2026-12-01")
    page.get_by_label("Fin (AAAA-MM-JJ)").fill("2027-01-31")
    page.get_by_role("button", name="Créer la consultation").click()
    expect(page.locator("#etat")).to_have_text("En préparation")
    manage = page.url
    number = page.locator("#numero").inner_text()
    page.get_by_role("button", name="Ouvrir aux réponses").click()
    expect(page.locator("#etat")).to_have_text("Ouverte")
    public = page.locator("dd code").last.inner_text()

    page.goto(public)
    for fieldset in page.locator("fieldset.question").all():
        legend = fieldset.locator("legend").inner_text()
        wanted = 2 if "choisissez la note 3" in legend else 4  # the 3rd option is « 3 »
        fieldset.locator("input").nth(min(wanted, fieldset.locator("input").count() - 1)).check()
    page.get_by_label("Votre commune de résidence").select_option(label="Gap")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE  # fits a phone
    assert site.audit(axe_source, audit.TAGS, audit.BLOCKING_IMPACTS) == []
    page.get_by_role("button", name="Envoyer mes réponses").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Merci, votre réponse est enregistrée")

    paper = tmp_path / "papier.csv"
    pd.DataFrame(_paper(40)).to_csv(paper, index=False, sep=";")
    assert "40 réponses papier importées" in _cli(demo_workspace, "import", number, str(paper))
    margins = tmp_path / "marges.csv"
    margins.write_text(MARGINS, encoding="utf-8")
    _cli(demo_workspace, "marges", number, str(margins))

    page.goto(manage)
    page.get_by_role("button", name="Clore la consultation").click()
    expect(page.locator("#etat")).to_have_text("Close")
    expect(page.locator("#compte")).to_have_text("41")
    expect(page.get_by_text("Résultats fragiles.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Réponses pondérées \(redressement par calage"))).to_be_visible()
    expect(page.get_by_text(re.compile("ne forment pas un échantillon aléatoire"))).to_be_visible()
    table = page.get_by_role("table", name=re.compile("cette consultation, Provence-Alpes-Côte d.Azur"))
    expect(table.locator("tbody tr")).to_have_count(16)
    expect(page.get_by_role("img", name=re.compile("Fragilité perçue par domaine"))).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    assert site.audit(axe_source, audit.TAGS, audit.BLOCKING_IMPACTS) == []
