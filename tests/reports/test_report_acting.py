"""The PACA report's « Pour agir » section: the engine's cases for its priorities, nearest first, with why."""

from __future__ import annotations

import re

from observatoire.demo.acting import seed_rows
from observatoire.recommend import CASE, CATALYST, Record
from observatoire.reports import data
from observatoire.reports.html import render_html

RECORDS = (
    Record(
        CASE, "a", "Épicerie solidaire du Panier", territories=("commune:13055",), domains=("niveau_de_vie",)
    ),
    Record(
        CASE,
        "b",
        "Parrainage emploi lillois",
        territories=("commune:59350",),
        domains=("emploi",),
        synthetic=True,
    ),
    Record(CATALYST, "c", "Maison des associations du Pays d'Aix", territories=("epci:200054807",)),
)


def _text(html: str) -> str:
    section = html[html.rindex(">Pour agir<") :]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section)).replace("&#39;", "'")


def test_paca_report_has_pour_agir_with_reasons(report_store):
    paca = data.gather(report_store, data.resolve("93"), RECORDS)
    text = _text(render_html(paca))
    assert "domaines prioritaires du territoire (emploi / chômage / insertion, niveau de vie" in text
    assert "Épicerie solidaire du Panier" in text
    assert "dans la même région (Provence-Alpes-Côte d'Azur)" in text
    assert "Parrainage emploi lillois (fiche synthétique)" in text  # synthetic says so, even in a report
    assert text.index("Épicerie solidaire du Panier") < text.index(
        "Parrainage emploi lillois"
    )  # nearest first
    assert "Maison des associations du Pays d'Aix" in text


def test_without_the_case_base_the_section_says_so(report_store):
    text = _text(render_html(data.gather(report_store, data.resolve("93"))))
    assert "n'a pas été fournie à ce rapport" in text


def test_seed_rows_are_the_documents_examples():
    rows = seed_rows()
    titles = [row["titre"] for row in rows["pratiques"]]
    assert any("Paris Est Marne & Bois" in title for title in titles)
    assert "Le Catalyseur" in [row["titre"] for row in rows["catalyseurs"]]
    publications = {"« Apprendre à faire alliance »", "« Un outil collectif de données »"}  # cited by title
    assert all(
        row["provenance"] == "seed" and any(title in row["source"] for title in publications)
        for kind in rows.values()
        for row in kind
    )
