"""The pages against the demo observatory: French content, suppression, permalinks, downloads, 404s, CSP."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest
from django.test import Client


@pytest.fixture
def client(published) -> Client:
    """A test client on the demo build (an unknown template variable fails the test: pytest runs with
    --fail-on-template-vars)."""
    return Client()


class _Scripts(HTMLParser):
    """Every <script> of a page: its attributes and whether it has code in it."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.styles = 0
        self.style_attributes = 0
        self._in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if any(name == "style" for name, _ in attrs):
            self.style_attributes += 1
        if tag == "style":
            self.styles += 1
        if tag == "script":
            self._in_script = dict(attrs)
            self._in_script["_body"] = ""
            self.scripts.append(self._in_script)

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            self._in_script["_body"] = (self._in_script["_body"] or "") + data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None


def _page(client: Client, url: str, **headers: str) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    content = response.content.decode()
    return content


def _check_csp_and_scripts(client: Client, url: str) -> None:
    response = client.get(url)
    assert "script-src 'self'" in response["Content-Security-Policy"]
    parser = _Scripts()
    parser.feed(response.content.decode())
    for script in parser.scripts:
        if script.get("src"):
            assert not (script["_body"] or "").strip()
        else:  # data only (a chart's Vega-Lite specification), never code
            assert script.get("type") == "application/json", script
    assert parser.styles == 0
    assert parser.style_attributes == 0


@pytest.mark.django_db  # the methodology page reads the open aggregates of partnership evaluations
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/", "Trouver mon territoire"),
        ("/", "Le devoir d'alliance"),
        ("/territoire/region/93/", "Fragilités objectives et perçues"),
        ("/territoire/nation/FR/", "Priorités par acteur"),
        ("/territoire/survey_region/PACA/", "Provence-Alpes-Côte d&#x27;Azur et Corse"),
        ("/comparer/", "Comparer deux territoires"),
        ("/comparer/?a=region:93&b=FR", "Perçu — Provence-Alpes-Côte d&#x27;Azur"),
        ("/methodologie/", "moins de 30 répondants"),
        ("/recherche?q=Marseille", "Métropole d&#x27;Aix-Marseille-Provence"),
    ],
)
def test_pages_answer_in_french(client, url, expected):
    content = _page(client, url)
    assert '<html lang="fr">' in content
    assert expected in content
    assert "Données synthétiques" in content  # the demo build is labelled wherever it is shown
    assert 'href="#contenu"' in content
    assert 'id="contenu"' in content


@pytest.mark.django_db  # the methodology page reads the open aggregates of partnership evaluations
@pytest.mark.parametrize(
    "url", ["/", "/territoire/region/93/", "/comparer/?a=region:93&b=FR", "/methodologie/"]
)
def test_content_security_policy_and_no_inline_code(client, url):
    _check_csp_and_scripts(client, url)


def _rows(content: str, caption: str) -> list[str]:
    """The text of each body row of the table captioned ``caption``."""
    start = re.search(rf"<caption[^>]*>{re.escape(caption)}", content).start()
    table = content[start : content.index("</table>", start)]
    body = table[table.index("<tbody>") :]
    return [re.sub(r"<[^>]+>", " ", row) for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def test_paca_puts_emploi_first_and_flags_in_words(client):
    content = _page(client, "/territoire/region/93/")
    rows = _rows(content, "Les 16 domaines de fragilité — regard des citoyens, 2019")
    assert len(rows) == 16
    assert rows[0].split()[0] == "Emploi"
    assert "+ plus élevé" in rows[0]
    assert "premières priorités" in rows[0]
    # a rank interval of the objective index, and the chart that goes with the table, with its alt text
    assert re.search(r"\d+ – \d+", rows[0])
    assert 'data-vega-spec="graphique-domaines"' in content
    assert 'id="graphique-domaines" type="application/json"' in content


@pytest.mark.parametrize("url", ["/territoire/region/93/", "/territoire/nation/FR/?domaine=numerique"])
def test_chart_specs_are_strict_json(client, url):
    """Browsers refuse NaN in JSON: a chart with a missing interval must still parse."""
    content = _page(client, url)
    specs = re.findall(r'<script id="graphique-[a-z]+" type="application/json">(.*?)</script>', content, re.S)
    assert len(specs) == 2

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} in a chart specification")

    for spec in specs:
        parsed = json.loads(spec, parse_constant=refuse)
        assert parsed["$schema"].startswith("https://vega.github.io/schema/vega-lite/")


def test_each_figure_block_names_its_population_and_territory(client):
    content = _page(client, "/territoire/region/93/").replace("&#x27;", "'")
    assert "Chiffres d'enquête établis sur : région Provence-Alpes-Côte d'Azur, 449 citoyens." in content
    # 12 foundations in PACA, under the threshold of 30: their figures stand on the macro-region
    alliance = _rows(content, "Devoir d'alliance")
    foundations = [row for row in alliance if "Fondations" in row]
    assert foundations, alliance
    assert "macro-région Sud-Est, 30 fondations" in content
    corse = _page(client, "/territoire/region/94/").replace("&#x27;", "'")
    assert "établis sur : région d'enquête Provence-Alpes-Côte d'Azur et Corse, 480 citoyens." in corse
    assert "Indice objectif : région Corse, indicateurs" in corse


def test_a_suppressed_figure_reads_base_insuffisante_in_its_column_only():
    """A comparison suppresses one side's figures, not the other's."""
    import pandas as pd

    from observatoire.web.pages.tables import PUBLICATION, SUPPRESSED, Column, Table

    columns = [
        Column("domaine", "Domaine"),
        Column("a", "A", "number", True, f"{PUBLICATION}_a"),
        Column("b", "B", "number", True, f"{PUBLICATION}_b"),
    ]
    frame = pd.DataFrame(
        [
            {
                "domaine": "Emploi",
                "a": 6.31,
                "b": None,
                f"{PUBLICATION}_a": "publié",
                f"{PUBLICATION}_b": SUPPRESSED,
            }
        ]
    )
    cells = [cell.text for cell in Table("t", "t", columns, frame).rows[0]]
    assert cells == ["Emploi", "6,3", SUPPRESSED]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/territoire/departement/04/", "Indice objectif : département Alpes-de-Haute-Provence"),
        ("/territoire/commune/04070/", "Indice objectif : département Alpes-de-Haute-Provence"),
        ("/territoire/epci/200067437/", "établis sur : région Provence-Alpes-Côte d'Azur, 449 citoyens"),
    ],
)
def test_lower_levels_have_their_own_page(client, url, expected):
    content = _page(client, url).replace("&#x27;", "'")
    assert expected in content
    assert "établis sur : région Provence-Alpes-Côte d'Azur, 449 citoyens" in content
    assert 'href="/territoire/region/93/"' in content  # the région a click away


def test_a_former_region_leads_to_the_region_of_today(client):
    response = client.get("/territoire/region_2015/82/")
    assert response.status_code == 302
    assert response["Location"].startswith("/territoire/region/84/")
    assert "Rhône-Alpes (région d'avant 2016) fait aujourd'hui partie" in _page(client, response["Location"])


def test_search_lands_on_the_territory_searched_for(client):
    content = _page(client, "/recherche?q=Digne-les-Bains").replace("&#x27;", "'")
    assert '<a href="/territoire/commune/04070/">Digne-les-Bains</a> — commune, code INSEE 04070' in content
    # a postcode is called a postcode, an INSEE code a code (13001: Marseille's postcode, Aix's INSEE code)
    content = _page(client, "/recherche?q=13001", HX_Request="true")
    assert 'Marseille <span class="note">(commune, code postal 13001)</span>' in content
    assert 'Aix-en-Provence <span class="note">(commune, code INSEE 13001)</span>' in content
    first = re.search(r'<a href="([^"]+)"', _page(client, "/recherche?q=PACA", HX_Request="true")).group(1)
    assert first == "/territoire/region/93/"


def test_permalink_restores_the_view(client):
    url = "/territoire/region/93/?regard=entreprises&vague=2015&domaine=numerique"
    content = _page(client, url)
    assert '<option value="entreprises" selected>' in content
    assert '<option value="2015" selected>' in content
    assert '<option value="numerique" selected>' in content
    assert "regard des entreprises, 2015" in content
    assert "Évolution — Accès au numérique" in content
    permalink = re.search(r'Lien permanent vers cette vue : <a href="([^"]+)"', content).group(1)
    assert permalink.replace("&amp;", "&") == url
    # an unknown value falls back to the default view instead of failing
    fallback = _page(client, "/territoire/region/93/?regard=martiens&vague=1900&domaine=xyz")
    assert "regard des citoyens, 2019" in fallback


def test_htmx_requests_get_the_fragment(client):
    fragment = _page(client, "/territoire/region/93/?regard=associations", HX_Request="true")
    assert fragment.lstrip().startswith('<div id="vue" data-announce="Vue mise à jour — regard : ')
    # What a screen reader is told after the swap: the view actually shown (2021: 2019 has no associations).
    assert "regard : Associations, vague 2021 ; domaine suivi : Emploi / chômage / insertion." in fragment
    assert "<html" not in fragment
    assert "regard des associations, 2021" in fragment
    url = "/territoire/region/93/?regard=associations&vague=2019"
    pushed = client.get(url, headers={"HX-Request": "true"})
    assert pushed["HX-Push-Url"] == "/territoire/region/93/?regard=associations&vague=2021&domaine=emploi"
    suggestions = _page(client, "/recherche?q=13001", HX_Request="true")
    assert "<html" not in suggestions
    assert "Marseille" in suggestions


def test_csv_download_opens_in_french_excel(client):
    """BOM, « ; », decimal comma, figures rounded as shown, names and codes, a name saying what it holds."""
    response = client.get("/territoire/region/94/tableau/domaines/?regard=citoyens&vague=2019&format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    disposition = response["Content-Disposition"]
    assert disposition == 'attachment; filename="observatoire-corse-region-94-domaines-citoyens-2019.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 16
    first = rows[0]
    assert first["Territoire"] == "Corse"
    assert first["Code du territoire"] == "region:94"
    assert first["Regard"] == "Citoyens"
    assert first["Base des chiffres d'enquête"] == (
        "région d'enquête Provence-Alpes-Côte d'Azur et Corse, 480 citoyens"
    )
    assert first["Domaine"] == "Emploi / chômage / insertion"
    assert first["Code du domaine"] == "emploi"
    assert re.fullmatch(r"\d,\d", first["Fragilité perçue (1-10)"])  # one decimal, a comma, as on the page
    assert first["Publication"] == "publié"
    page = _page(client, "/territoire/region/94/?regard=citoyens&vague=2019").replace("&#x27;", "'")
    shown = _rows(page, "Les 16 domaines de fragilité — regard des citoyens, 2019")[0].split()
    assert first["Fragilité perçue (1-10)"] in shown
    assert first["Écart significatif au reste de la France"] in ("", "plus élevé", "moins élevé")


def test_xlsx_download_parses_back(client):
    from openpyxl import load_workbook

    response = client.get("/territoire/region/93/tableau/alliance/?format=xlsx")
    assert response.status_code == 200
    assert (
        "observatoire-provence-alpes-cote-d-azur-region-93-alliance-tous-acteurs.xlsx"
        in (response["Content-Disposition"])
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    header = values[0]
    assert header[:3] == ("Territoire", "Code du territoire", "Base des chiffres d'enquête")
    assert "Publication" in header
    foundations = [row for row in values[1:] if row[header.index("Acteur")] == "Fondations"]
    assert foundations
    # too few in PACA alone: read at the macro-region Sud-Est (30 foundations), so published
    assert foundations[0][header.index("Publication")] == "publié"
    share = foundations[0][header.index("Part « indispensable » ou « nécessaire »")]
    assert share == round(share)  # rounded as shown: a whole percentage


@pytest.mark.django_db
def test_open_data_files_are_linked_and_served_in_both_dialects(client, demo_workspace):
    import pyarrow.parquet as pq

    from observatoire.diagnosis.export import export_open_data
    from observatoire.web.results import store

    for url in ("/api/", "/methodologie/"):
        content = _page(client, url)
        for name in ("donnees-ouvertes.csv", "donnees-ouvertes-standard.csv", "donnees-ouvertes.parquet"):
            assert f'href="/donnees/{name}"' in content
    assert client.get("/donnees/donnees-ouvertes.csv").status_code == 404  # not written by this build yet
    written = export_open_data(store(), demo_workspace.exports_dir)
    try:
        french = client.get("/donnees/donnees-ouvertes.csv")
        head = b"".join(french.streaming_content)[:2000]
        assert head.startswith(b"\xef\xbb\xbf")
        assert b";" in head.split(b"\n")[0]
        standard = client.get("/donnees/donnees-ouvertes-standard.csv")
        head = b"".join(standard.streaming_content)[:2000]
        assert not head.startswith(b"\xef\xbb\xbf")
        assert b"," in head.split(b"\n")[0]
        assert b";" not in head.split(b"\n")[0]
        parquet = demo_workspace.exports_dir / "donnees-ouvertes.parquet"
        assert pq.read_metadata(parquet).num_rows == written[0].rows
        assert client.get("/donnees/autre.csv").status_code == 404
    finally:
        for done in written:
            done.path.unlink()


@pytest.mark.parametrize(
    "url",
    [
        "/territoire/region/XX/",
        "/territoire/planete/93/",
        "/territoire/commune/99999/",
        "/territoire/region/93/tableau/inconnu/?format=csv",
        "/territoire/region/93/tableau/domaines/?format=pdf",
        "/page-qui-n-existe-pas/",
    ],
)
def test_unknown_codes_give_a_french_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    content = response.content.decode()
    assert "Page introuvable" in content
    assert '<html lang="fr">' in content


def test_unknown_template_variables_fail_the_tests():
    from django.template import engines

    with pytest.raises(pytest.fail.Exception, match="surely_not_there"):
        engines["django"].from_string("{{ surely_not_there }}").render({})


def test_the_comparison_shows_intervals_and_a_direct_test(client):
    content = _page(client, "/comparer/?a=region:93&b=region:11").replace("&#x27;", "'")
    assert "Intervalle à 95 % — Provence-Alpes-Côte d'Azur" in content
    assert "Écart Provence-Alpes-Côte d'Azur − Île-de-France" in content
    assert "entre échantillons indépendants" in content
    rows = _rows(content, "Provence-Alpes-Côte d'Azur et Île-de-France")
    assert len(rows) == 16
    assert all(re.search(r"\d,\d – \d,\d", row) for row in rows)
    assert all(
        "plus élevé" in row or "moins élevé" in row or "pas d'écart significatif" in row for row in rows
    )
    nested = _page(client, "/comparer/?a=region:93&b=macro_region:sud_est").replace("&#x27;", "'")
    assert "non testé (l'un contient l'autre)" in nested
    assert "plus élevé</td>" not in nested
    france = _page(client, "/comparer/?a=region:94&b=FR").replace("&#x27;", "'")
    assert "écart au reste de la France" in france
    assert (
        "Corse : chiffres établis sur région d'enquête Provence-Alpes-Côte d'Azur et Corse, 480 citoyens."
        in france
    )


def test_the_nation_has_no_significance_column(client):
    national = _page(client, "/territoire/nation/FR/")
    regional = _page(client, "/territoire/region/93/")
    heading = "Écart significatif au reste de la France</th>"
    assert national.count(heading) < regional.count(heading)


def test_compare_says_when_a_code_is_unknown(client):
    content = _page(client, "/comparer/?a=region:XX&b=FR")
    assert "Territoire inconnu : « region:XX »" in content


def test_search_without_javascript_lists_results(client):
    content = _page(client, "/recherche?q=zzzzzz")
    assert "Aucun territoire ne correspond à « zzzzzz »" in content
    content = _page(client, "/recherche?q=Bretagne")
    assert 'href="/territoire/region/53/"' in content


def test_pages_are_read_once_per_build_and_address(client, monkeypatch):
    from observatoire.web.pages import data

    calls = []
    original = data.domains_table
    monkeypatch.setattr(data, "domains_table", lambda *args: calls.append(args) or original(*args))
    monkeypatch.setitem(data.TABLES, "domaines", lambda found, view: data.domains_table(found, view))
    _page(client, "/territoire/region/84/?regard=citoyens")
    _page(client, "/territoire/region/84/?regard=citoyens")
    assert len(calls) == 1
    for _ in range(2):
        _page(client, "/territoire/region/84/tableau/domaines/?regard=citoyens&format=csv")
    assert len(calls) == 2


@pytest.mark.django_db  # the methodology page reads the open aggregates of partnership evaluations
def test_nothing_published_is_said_in_french(settings, tmp_path):
    from observatoire.web import results
    from observatoire.workspace import Workspace

    settings.WORKSPACE = Workspace(root=tmp_path, database_url=f"sqlite:///{tmp_path / 'vide.sqlite3'}")
    results.reset()
    try:
        for url in ("/", "/territoire/region/93/", "/comparer/?a=region:93&b=FR"):
            response = Client().get(url)
            assert response.status_code == 503
            assert "Pas encore de résultats publiés" in response.content.decode()
        assert Client().get("/methodologie/").status_code == 200
    finally:
        results.reset()


@pytest.mark.django_db
def test_a_written_pdf_report_is_linked_and_served(client, demo_workspace):
    from observatoire.reference import territories
    from observatoire.reports.write import file_stem
    from observatoire.web.pages import reports

    paca = territories.territory("93", "region")
    assert reports.file_stem(paca) == file_stem(paca)  # the name observatoire report gives it
    path = demo_workspace.reports_dir / f"{file_stem(paca)}.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.7 test")  # written after the build: served as it is
    try:
        assert 'href="/rapports/region/93.pdf"' in _page(client, "/territoire/region/93/")
        response = client.get("/rapports/region/93.pdf")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content) == b"%PDF-1.7 test"
        response.close()
    finally:
        path.unlink()


def test_an_overseas_page_shows_no_empty_selector_and_says_what_it_shows(client):
    content = _page(client, "/territoire/region/04/")  # La Réunion: no survey figure publishable
    assert 'id="vue-regard"' not in content
    assert 'id="vue-vague"' not in content
    assert "Aucune enquête n&#x27;est publiée pour ce territoire" in content


def test_the_territory_page_says_why_the_mayors_are_not_a_lens(client):
    content = _page(client, "/territoire/region/93/")
    menu = re.search(r'<select id="vue-regard".*?</select>', content, re.S).group(0)
    assert 'value="maires"' not in menu
    assert 'aria-describedby="vue-regard-note"' in menu
    assert re.search(r'id="vue-regard-note"[^>]*>Pas de regard des maires', content)


@pytest.mark.parametrize("url", ["/", "/territoire/region/93/", "/comparer/?a=region:93&b=FR", "/carte/"])
def test_every_table_scrolls_in_a_focusable_region_named_by_its_caption(client, url):
    content = _page(client, url)
    regions = re.findall(r'<div class="table-wrap"([^>]*)>\s*<table[^>]*>\s*<caption id="([^"]+)"', content)
    assert regions
    assert len(regions) == content.count("<table")
    for attributes, caption_id in regions:
        assert 'role="region"' in attributes
        assert 'tabindex="0"' in attributes
        assert f'aria-labelledby="{caption_id}"' in attributes


def test_the_comparison_downloads_as_csv_and_xlsx(client):
    response = client.get("/comparer/?a=region:93&b=FR&regard=citoyens&format=csv")
    assert response.status_code == 200
    assert "observatoire-comparaison-region-93-nation-FR-citoyens.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 17
    assert rows[1][0].startswith("Emploi")
    xlsx = client.get("/comparer/?a=region:93&b=FR&regard=citoyens&format=xlsx")
    assert xlsx.content[:2] == b"PK"  # a zip: the XLSX container
    assert client.get("/comparer/?a=region:93&b=FR&format=pdf").status_code == 404


@pytest.mark.django_db
def test_a_missing_pdf_report_is_written_on_its_first_request(client, demo_workspace):
    """Every territory page links to its PDF; the first request writes it (here a département's)."""
    from pypdf import PdfReader

    assert 'href="/rapports/departement/04.pdf"' in _page(client, "/territoire/departement/04/")
    path = demo_workspace.reports_dir / "rapport-departement-04.pdf"
    assert not path.exists()
    response = client.get("/rapports/departement/04.pdf")
    try:
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        text = "".join(
            page.extract_text() for page in PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages
        )
        assert "Alpes-de-Haute-Provence" in text
        assert path.is_file()
    finally:
        response.close()
        path.unlink(missing_ok=True)
    assert client.get("/rapports/region/XX.pdf").status_code == 404  # only an unknown territory is a 404


@pytest.mark.django_db  # the methodology page reads the open aggregates of partnership evaluations
def test_methodology_states_the_territory_rule_and_the_indicator_catalogue(client):
    content = _page(client, "/methodologie/").replace("&#x27;", "'")
    assert "Sur quelle population repose un chiffre" in content
    assert "région d'enquête « Provence-Alpes-Côte d'Azur et Corse »" in content
    catalogue = content[content.index('id="catalogue-titre"') :]
    catalogue = catalogue[: catalogue.index("</table>")]
    assert catalogue.count("<tr>") == 1 + 48  # the header and 3 indicators for each of the 16 domains
    assert "Taux de chômage localisé" in catalogue
    assert "INSEE, taux de chômage localisés" in catalogue
    assert "plus haut = moins fragile" in catalogue  # the employment rate
