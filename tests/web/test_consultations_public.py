"""What the public sees of approved consultations: the territory page's block (cached per published state),
« Pour agir » for the residents' priorities, PDF and CSV, the open data, the API, the printable QR code of
the answer link, and the purge of answers past their retention."""

from __future__ import annotations

import datetime
import io
import json

import pandas as pd
import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from observatoire.errors import StoreError
from observatoire.web import results
from observatoire.web.consultations import public as public_figures
from observatoire.web.consultations.demo import create_demo
from observatoire.web.consultations.models import Consultation, Response
from observatoire.workspace import Workspace

pytestmark = pytest.mark.django_db

COMMUNE_PAGE = "/territoire/commune/05061/"
EPCI_PAGE = "/territoire/epci/200067825/"
ADMIN = "/admin/consultations/consultation/"


@pytest.fixture
def rewrites(monkeypatch) -> list:
    """The open-data rewrites asked for. They take seconds (the whole build's files): only the test of
    the open data (``public_with_files``) writes them; the others record that they were asked."""
    asked: list = []
    monkeypatch.setattr(public_figures, "_export_open_data", asked.append)
    return asked


def _demo_consultations(settings, tmp_path):
    settings.WORKSPACE = Workspace(root=tmp_path / "espace", database_url=settings.WORKSPACE.database_url)
    results.reset()
    cache.clear()
    create_demo(5)
    yield results.store()
    public_figures.wait()
    results.reset()
    cache.clear()


@pytest.fixture
def public(published, settings, tmp_path, rewrites):
    """The demo's published results with this test's own exports folder, and the demo consultations."""
    yield from _demo_consultations(settings, tmp_path)


@pytest.fixture
def public_with_files(published, settings, tmp_path):
    """As ``public``, the open-data files written for real."""
    yield from _demo_consultations(settings, tmp_path)


def _gap() -> Consultation:
    """A consultation of the commune of Gap, as the creation page makes it."""
    return Consultation.objects.create(
        title="Les fragilités de Gap",
        organiser="Ville de Gap",
        territory_level="commune",
        territory_code="05061",
        territory_name="Gap",
        region="93",
        starts=datetime.date(2026, 12, 1),
        ends=datetime.date(2027, 1, 31),
    )


def _commune() -> Consultation:
    """The demo's commune, with a manage link in hand (only its digest is stored)."""
    found = Consultation.objects.get(synthetic=True, territory_level="commune")
    found.issue_token()
    found.save()
    return found


def _open_data(settings) -> pd.DataFrame:
    public_figures.wait()  # the files are rewritten in the background
    path = settings.WORKSPACE.exports_dir / "donnees-ouvertes.csv"
    return pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig", dtype={"territory": str})


def _act(curator: Client, action: str, consultation: Consultation):
    return curator.post(ADMIN, {"action": action, "_selected_action": [str(consultation.pk)]})


def test_the_territory_page_shows_an_approved_consultation_with_chart_table_and_caveats(client, public):
    page = client.get(COMMUNE_PAGE)
    assert page.status_code == 200
    text = page.content.decode()
    block = text[
        text.index('<section id="consultations"') : text.index("</section>", text.index('id="consultations"'))
    ]
    commune = _commune()
    assert commune.title in block
    assert "synthétiques" in block
    assert "pas un échantillon aléatoire" in block
    assert "Réponses pondérées (redressement par calage" in block
    assert "400 reçues" in block
    assert "Priorités des habitants" in block
    assert f"/consultations/resultats/{commune.public_id}/" in block
    assert block.count('<th scope="row">') == 16  # the chart's data table
    spec_id = f"graphique-consultation-{commune.pk}"
    start = text.index(f'<script id="{spec_id}" type="application/json">') + len(
        f'<script id="{spec_id}" type="application/json">'
    )
    spec = json.loads(text[start : text.index("</script>", start)])
    assert "Graphique à points" in spec["description"]  # the text alternative
    series = {row["series"] for row in spec["data"]["values"]}
    assert series == {"Gap", "Provence-Alpes-Côte d'Azur", "France"}
    assert client.get(EPCI_PAGE).content.decode().count('id="consultations"') == 1
    assert 'id="consultations"' not in client.get("/territoire/region/93/").content.decode()


def test_approving_withdrawing_and_deleting_render_the_cached_territory_page_afresh(
    client, curator, public, rewrites
):
    asked = len(rewrites)
    assert client.get(COMMUNE_PAGE)["X-Cache"] == "miss"
    assert client.get(COMMUNE_PAGE)["X-Cache"] == "hit"
    commune = _commune()
    assert _act(curator, "withdraw", commune).status_code == 302
    after = client.get(COMMUNE_PAGE)
    assert after["X-Cache"] == "miss"
    assert 'id="consultations"' not in after.content.decode()
    assert _act(curator, "approve", commune).status_code == 302
    assert 'id="consultations"' in client.get(COMMUNE_PAGE).content.decode()
    assert client.post(f"/consultations/gerer/{commune.token}/supprimer/").status_code == 200
    assert 'id="consultations"' not in client.get(COMMUNE_PAGE).content.decode()
    assert len(rewrites) == asked + 3  # and the open data follow each change


def test_only_a_closed_consultation_is_approved_and_reopening_withdraws_it(client, curator, public):
    commune = _commune()
    client.post(f"/consultations/gerer/{commune.token}/", {"action": "open"})
    commune.refresh_from_db()
    assert (commune.status, commune.approved) == ("open", False)
    assert client.get(f"/consultations/resultats/{commune.public_id}/").status_code == 404
    refused = _act(curator, "approve", commune)
    assert refused.status_code == 302
    commune.refresh_from_db()
    assert not commune.approved
    assert "1 consultation(s) encore ouverte(s) ou en préparation" in curator.get(ADMIN).content.decode()


def test_pour_agir_answers_the_residents_priorities_for_organiser_and_public(client, public):
    commune = _commune()
    for url in (f"/consultations/resultats/{commune.public_id}/", f"/consultations/gerer/{commune.token}/"):
        text = client.get(url).content.decode()
        priorities = text[text.index('<p id="priorites">') :]
        listed = priorities[priorities.index(":") + 1 : priorities.index(".</p>")].strip()
        assert listed.count(",") == 2  # three domains
        assert "Pour agir" in text
        assert f"Domaines prioritaires : {listed}" in text  # the engine was asked for these very domains


def test_pdf_and_csv_of_the_results(client, public):
    from pypdf import PdfReader

    commune = _commune()
    for url in (
        f"/consultations/resultats/{commune.public_id}/resultats.pdf",
        f"/consultations/gerer/{commune.token}/resultats.pdf",
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
        assert "Comment lire ces résultats" in text
        assert "crédibilité" in text
        assert "Pour agir" in text
    table = pd.read_csv(
        io.BytesIO(client.get(f"/consultations/resultats/{commune.public_id}/resultats.csv").content),
        sep=";",
        decimal=",",
        encoding="utf-8-sig",
    )
    assert len(table) == 16
    assert table["ponderation"].unique().tolist() == ["calage sexe x âge"]
    commune.approved = False
    commune.save()
    for name in ("resultats.pdf", "resultats.csv"):
        assert client.get(f"/consultations/resultats/{commune.public_id}/{name}").status_code == 404
    assert client.get(f"/consultations/gerer/{commune.token}/resultats.pdf").status_code == 200


def test_a_failed_background_rewrite_is_raised_by_wait(settings, tmp_path):
    """A command (``observatoire demo``, whose open data this rewrite writes) must not end as if the files
    were written: the rewrite logs its failure and :func:`public.wait` raises it, once."""
    root = tmp_path / "vide"
    settings.WORKSPACE = Workspace(root=root, database_url=f"sqlite:///{root / 'resultats.sqlite3'}").ensure()
    results.reset()
    try:
        public_figures.republish()  # nothing is published in this workspace: the export cannot be written
        with pytest.raises(StoreError):
            public_figures.wait()
        public_figures.wait()  # said once
    finally:
        results.reset()


def test_open_data_hold_the_approved_consultations_only(client, curator, public_with_files, settings):
    rows = _open_data(settings)
    joined = rows[rows["source"] == "consultation"]
    assert len(joined) == 2 * 16 * 2  # two consultations, 16 domains, mean and top-box share
    assert set(joined["territory"]) == {"05061", "200067825"}
    assert set(joined["statistic"]) == {"mean", "top_box"}
    assert joined["ci_low"].isna().all()  # an opt-in sample has no confidence interval
    assert (joined["n"] <= 400 + 1200).all()
    assert len(rows[rows["source"] != "consultation"]) == results.store().count()
    _act(curator, "withdraw", _commune())
    after = _open_data(settings)
    assert set(after[after["source"] == "consultation"]["territory"]) == {"200067825"}
    served = client.get("/donnees/donnees-ouvertes.csv")
    assert served.status_code == 200
    served.close()


def test_the_api_lists_approved_consultations_and_their_results(client, public):
    listed = client.get("/api/consultations/")
    assert listed.status_code == 200
    found = listed.json()
    assert {c["territory_name"] for c in found} == {"Gap", "CA Gap-Tallard-Durance"}
    commune = _commune()
    one = client.get(f"/api/consultations/{commune.public_id}")
    assert one.status_code == 200
    body = one.json()
    assert len(body["domains"]) == 16
    assert body["valid_answers"] < 400  # careless answers screened out
    assert any("pas un échantillon aléatoire" in text for text in body["warnings"])
    assert all(d["credible_low"] <= d["mean"] <= d["credible_high"] for d in body["domains"])
    commune.approved = False
    commune.save()
    cache.clear()
    missing = client.get(f"/api/consultations/{commune.public_id}")
    assert missing.status_code == 404
    assert "aucune consultation publiée" in missing.json()["error"]
    schema = client.get("/api/openapi.json").json()
    operations = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert {"consultations", "consultation_resultats"} <= operations


def test_the_poster_prints_the_public_link_and_its_qr_code(client):
    consultation = _gap()
    manage = client.get(f"/consultations/gerer/{consultation.token}/").content.decode()
    assert f"/consultations/gerer/{consultation.token}/affiche/" in manage
    poster = client.get(f"/consultations/gerer/{consultation.token}/affiche/")
    assert poster.status_code == 200
    assert poster["Cache-Control"] == "no-store, private"
    text = poster.content.decode()
    assert '<svg role="img" class="qr"' in text
    assert "<title>QR code du lien de réponse" in text
    assert f"http://testserver/consultations/repondre/{consultation.public_id}/" in text
    assert client.get("/consultations/gerer/AAAAAAAAAAAAAAAAAAAAAAAA/affiche/").status_code == 404


def test_answers_past_the_retention_are_purged(client, settings):
    from click.testing import CliRunner

    from observatoire.cli import main

    consultation = _gap()
    Response.objects.bulk_create(
        [Response(consultation=consultation, answers={"sexe": "f"}) for _ in range(3)]
    )
    old = timezone.now() - timezone.timedelta(days=800)
    Response.objects.filter(pk__in=list(Response.objects.values_list("pk", flat=True)[:2])).update(
        created=old
    )
    done = CliRunner().invoke(main, ["purge", "--days", "730"])
    assert done.exit_code == 0, done.output
    assert "Réponses aux consultations locales : 2 suppression(s) (conservation : 730 jours)" in done.output
    assert Response.objects.count() == 1
    assert Consultation.objects.filter(pk=consultation.pk).exists()
