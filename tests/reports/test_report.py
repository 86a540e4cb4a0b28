"""The PACA report says what the synthesis of « Un outil collectif de données » says; charts are accessible;
the PDF is A4, numbered."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
from pypdf import PdfReader

from observatoire.errors import InputError, NotFoundError
from observatoire.reports import data, sentences, write
from observatoire.reports.html import render_html


@pytest.fixture(scope="module")
def paca(report_store):
    return data.gather(report_store, data.resolve("93"))


@pytest.fixture(scope="module")
def paca_html(paca) -> str:
    return render_html(paca)


@pytest.fixture(scope="module")
def written(report_store, tmp_path_factory):
    out = tmp_path_factory.mktemp("rapports")
    return write.write_report(report_store, data.resolve("Provence-Alpes-Côte d'Azur"), out)


def _text(html: str) -> str:
    text = re.sub(r"<svg.*?</svg>|<style>.*?</style>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).replace("&#39;", "'")


def test_paca_citizens_first_priorities(paca_html):
    text = _text(paca_html)
    assert "Premières priorités des citoyens : emploi, niveau de vie, vieillissement et pauvreté." in text


def test_paca_numerique_objectively_fragile_but_under_perceived(paca_html):
    pattern = r"Objectivement fragiles mais peu perçus par les citoyens : ([^.]*)\."
    found = re.search(pattern, _text(paca_html))
    assert found is not None
    assert "numérique" in found.group(1)


def test_survey_figures_read_at_their_basis(paca, report_store):
    """The région alone where its base allows (PACA: 449 citizens), else its survey région (Corse)."""
    assert paca.places["citoyens"].code == "93"
    citizens = paca.survey[paca.survey["population"] == "citoyens"]
    assert set(citizens["territory"]) == {"93"}
    assert paca.places["citoyens"].label == "région Provence-Alpes-Côte d'Azur, 449 citoyens"
    # the foundations' PACA figures are all suppressed (12 respondents): their macro-region is read instead
    assert paca.places["fondations"].code == "sud_est"
    assert set(paca.region["territory"]) == {"93"}
    corse = data.gather(report_store, data.resolve("94"))
    assert (
        corse.places["citoyens"].label == "région d'enquête Provence-Alpes-Côte d'Azur et Corse, 480 citoyens"
    )
    assert (
        "Chiffres établis sur : région d'enquête Provence-Alpes-Côte d'Azur et Corse, 480 citoyens"
        in _text(render_html(corse))
    )


def test_every_chart_has_alt_text_and_a_data_table(paca_html):
    figures = re.findall(r'<figure class="chart".*?</figure>', paca_html, flags=re.S)
    assert len(figures) >= 5
    for figure in figures:
        alt = re.search(r'role="img" aria-label="([^"]*)"', figure)
        assert alt is not None
        assert len(alt.group(1)) > 40
        assert "<svg" in figure
        assert "<table" in figure
        assert "<caption>" in figure
        assert 'scope="col"' in figure


def test_synthetic_label_and_methodology(paca_html):
    text = _text(paca_html)
    assert text.count("Données synthétiques de démonstration") >= 2
    assert "moins de 30 répondants" in text
    assert "bilatéral, seuil de 5 %" in text


def test_no_difference_is_called_higher_unless_flagged(paca):
    survey = paca.survey
    means = survey[(survey["population"] == "citoyens") & (survey["question"] == "Q1")]
    means = means[(means["statistic"] == "mean") & (means["wave"] == means["wave"].max())]
    assert means["flag"].isna().any()
    unflagged = means[means["flag"].isna()]["item"]
    text = _text(render_html(paca))
    higher = re.search(r"Significativement plus élevé que dans le reste de la France : ([^.]*)\.", text)
    assert higher is not None
    named = re.split(r", | et (?=[^,]*$)", higher.group(1))
    assert {sentences.name(code) for code in means[means["flag"] == "+"]["item"]} == set(named)
    for code in unflagged:
        assert sentences.name(code) not in named


def test_a_gap_is_stated_only_on_the_regions_own_figures(report_store):
    """Corse's perceived figures stand on its survey région: its own (suppressed) gaps are not shown."""
    corse = data.gather(report_store, data.resolve("94"))
    assert corse.region[corse.region["statistic"] == "gap"].empty
    text = _text(render_html(corse))
    section = text[text.index("Fragilités objectives et perçues : les écarts") :]
    assert "base insuffisante" not in section[:400]


def test_written_files_pdf_a4_numbered_csv(written):
    names = sorted(path.name for path in written.paths)
    assert names == ["rapport-region-93-donnees.csv", "rapport-region-93.html", "rapport-region-93.pdf"]
    folder = written.paths[0].parent
    assert not list(folder.glob("*.tmp"))
    assert not list(folder.glob(".*"))
    pdf = next(path for path in written.paths if path.suffix == ".pdf")
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    pages = len(reader.pages)
    assert pages >= 3
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - 595.28) < 1
        assert abs(height - 841.89) < 1
    last = reader.pages[-1].extract_text()
    assert f"Page {pages} / {pages}" in last
    assert "Données synthétiques" in "".join(page.extract_text() for page in reader.pages)
    assert "/StructTreeRoot" in str(reader.trailer["/Root"].keys())
    csv = next(path for path in written.paths if path.suffix == ".csv")
    table = pd.read_csv(csv, sep=";", decimal=",", encoding="utf-8-sig", dtype={"territory": str})
    assert set(table["territory"]) == {"93", "sud_est"}  # PACA alone; the foundations at their macro-region
    suppressed = table[table["suppressed"]]
    assert suppressed["estimate"].isna().all()


def test_resolve_names_codes_and_errors():
    assert data.resolve("93").code == "93"
    assert data.resolve("FR").level == "nation"
    assert data.resolve("PACA").code == "93"
    with pytest.raises(NotFoundError):
        data.resolve("Atlantide")
    with pytest.raises(InputError, match="format de rapport inconnu"):
        write.parse_formats("html,docx")
    assert write.parse_formats("PDF, html") == ("pdf", "html")


def test_national_synthesis_has_no_regional_rank(report_store):
    nation = data.gather(report_store, data.resolve("FR"))
    text = _text(render_html(nation))
    assert "France : synthèse nationale" in text
    assert "Rang parmi" not in text
    assert "Premières priorités des citoyens" in text


def test_profile_key_indicators_of_the_most_fragile_domains(paca):
    from observatoire.reports.content import key_indicators

    table = key_indicators(paca)
    index = paca.region[(paca.region["statistic"] == "index") & (paca.region["wave"] == 2019)]
    top = index.sort_values("estimate", ascending=False)["item"].head(3)
    from observatoire.reports.charts import domain_label

    assert set(table["Domaine"]) == {domain_label(code) for code in top}
    assert table["France"].str.len().gt(0).all()
