"""Consultation pages: create from an INSEE code, manage from the private link (open, close, delete),
answer at the public link (one answer per browser, honeypot, rate limit, closed mid-way), results against
the région and France once 30 valid answers are in; bad input is a French message, never a 500."""

from __future__ import annotations

import io
import re
from email.message import EmailMessage

import pandas as pd
import pytest
from django.core.cache import cache
from django.test import Client

from observatoire.questionnaires import instrument
from observatoire.reference import vocabulary
from observatoire.web import results
from observatoire.web.consultations import public
from observatoire.web.consultations.models import AnswerCode, Consultation, Response
from observatoire.web.consultations.views import RATE_LIMIT
from observatoire.web.tokens import digest
from observatoire.workspace import Workspace

pytestmark = pytest.mark.django_db

CREATE = {
    "title": "Les fragilités de Gap",
    "organiser": "Ville de Gap",
    "level": "commune",
    "code": "05061",
    "starts": "2026-12-01",
    "ends": "2027-01-31",
    "extra": "Fréquentez-vous le centre social ?\nOui\nNon",
}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _own_workspace(settings, tmp_path):
    """Approving writes the public figures into the workspace's exports: this test's own folder."""
    settings.WORKSPACE = Workspace(root=tmp_path / "espace", database_url=settings.WORKSPACE.database_url)


@pytest.fixture
def published(published, settings, tmp_path, monkeypatch):
    """The demo's published results, with this test's own exports folder (never the shared demo's). The
    open-data files an approval rewrites (seconds) are tested in test_consultations_public.py."""
    monkeypatch.setattr(public, "_export_open_data", lambda folder: None)
    settings.WORKSPACE = Workspace(root=tmp_path / "espace", database_url=settings.WORKSPACE.database_url)
    results.reset()
    yield results.store()
    public.wait()  # the open-data files an approval rewrites in the background
    results.reset()


def _create(client: Client, **changes: str) -> Consultation:
    response = client.post("/consultations/nouvelle/", {**CREATE, **changes})
    assert response.status_code == 302, response.content.decode()[:3000]
    token = re.match(r"^/consultations/gerer/([A-Za-z0-9_-]+)/$", response["Location"]).group(1)
    consultation = Consultation.objects.get(token_hash=digest(token))
    consultation.token = token  # in hand, as the organiser has it (the database keeps its digest)
    return consultation


def _answers(number: int, commune: str = "05061") -> dict[str, str]:
    chosen = instrument("consultation")
    answers = {}
    for d, domain in enumerate(vocabulary.domain_codes()):
        answers[f"q1_{domain}"] = str(1 + (number + d) % 10)
    answers["attention"] = "3" if number % 10 else "8"  # one in ten careless
    answers["alliance"] = "indispensable" if number % 3 else "ni_ni"
    answers["sexe"] = "f" if number % 2 else "h"
    answers["age"] = [o.code for o in chosen.item("age").scale.options][number % 5]
    answers["commune"] = commune
    answers["org_1"] = "0"
    return answers


def _answer(consultation: Consultation, number: int, **extra: str):
    client = Client(REMOTE_ADDR=f"10.0.{number // 200}.{number % 200}")
    return client.post(f"/consultations/repondre/{consultation.public_id}/", {**_answers(number), **extra})


def test_create_names_the_territory_and_gives_long_private_tokens(client):
    consultation = _create(client)
    assert (consultation.territory_name, consultation.region) == ("Gap", "93")
    assert len(consultation.token) >= 32
    assert len(consultation.public_id) >= 22  # 128 bits
    assert consultation.extra_questions[0]["options"] == ["Oui", "Non"]
    page = client.get(f"/consultations/gerer/{consultation.token}/")
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store, private"
    assert "En préparation" in page.content.decode()


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"code": "99999"}, "99999"),
        ({"ends": "2026-01-01"}, "la fin de la consultation doit suivre son début"),
        ({"extra": "Une question ?\nSeule réponse"}, "question 1 : il faut de 2 à 8 réponses"),
    ],
)
def test_bad_creation_input_is_a_french_message(client, changes, expected):
    response = client.post("/consultations/nouvelle/", {**CREATE, **changes})
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert not Consultation.objects.exists()


def test_a_wrong_token_is_a_plain_404(client):
    consultation = _create(client)
    for url in (
        f"/consultations/gerer/{consultation.public_id}/",  # the public id does not manage
        "/consultations/gerer/not-a-token/",
        f"/consultations/repondre/{consultation.token}/",
    ):
        assert client.get(url).status_code == 404


def test_answers_only_while_open_and_once_per_browser(client):
    consultation = _create(client)
    draft = _answer(consultation, 1)
    assert draft.status_code == 409
    assert "pas ouverte" in draft.content.decode()
    assert not Response.objects.exists()
    client.post(f"/consultations/gerer/{consultation.token}/", {"action": "open"})
    browser = Client()
    first = browser.post(f"/consultations/repondre/{consultation.public_id}/", _answers(1))
    assert first.status_code == 200
    assert "Merci" in first.content.decode()
    again = browser.post(f"/consultations/repondre/{consultation.public_id}/", _answers(2))
    assert again.status_code == 409
    assert "déjà répondu" in again.content.decode()
    assert Response.objects.count() == 1


def test_invalid_answers_are_refused_and_nothing_is_saved(client):
    consultation = _create(client)
    client.post(f"/consultations/gerer/{consultation.token}/", {"action": "open"})
    bad = _answers(1)
    bad["q1_sante"] = "11"
    del bad["sexe"]
    response = Client().post(f"/consultations/repondre/{consultation.public_id}/", bad)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Merci de répondre à cette question." in page
    assert "Sélectionnez un choix valide" in page
    assert not Response.objects.exists()
    # a commune outside the territory is refused too
    outside = Client().post(
        f"/consultations/repondre/{consultation.public_id}/", _answers(1, commune="13055")
    )
    assert outside.status_code == 400
    assert not Response.objects.exists()


def test_honeypot_and_rate_limit(client):
    consultation = _create(client)
    client.post(f"/consultations/gerer/{consultation.token}/", {"action": "open"})
    robot = _answer(consultation, 1, site_web="http://spam.example")
    assert robot.status_code == 200  # a robot is not told
    assert not Response.objects.exists()
    same_address = [
        Client(REMOTE_ADDR="10.9.9.9").post(f"/consultations/repondre/{consultation.public_id}/", _answers(n))
        for n in range(RATE_LIMIT + 1)
    ]
    assert [r.status_code for r in same_address[:RATE_LIMIT]] == [200] * RATE_LIMIT
    assert same_address[-1].status_code == 429
    assert Response.objects.count() == RATE_LIMIT


def test_closed_consultation_refuses_answers(client):
    consultation = _create(client)
    client.post(f"/consultations/gerer/{consultation.token}/", {"action": "open"})
    client.post(f"/consultations/gerer/{consultation.token}/", {"action": "close"})
    response = _answer(consultation, 1)
    assert response.status_code == 409
    assert not Response.objects.exists()


def test_results_from_30_valid_answers_against_region_and_france(client, published):
    consultation = _create(client)
    client.post(f"/consultations/gerer/{consultation.token}/", {"action": "open"})
    for number in range(1, 34):  # 33 answers, 3 careless: 30 valid
        assert _answer(consultation, number).status_code == 200
    page = client.get(f"/consultations/gerer/{consultation.token}/").content.decode()
    assert "Résultats calculés sur 30 réponses valides (3 écartées" in page
    assert "Résultats fragiles" in page
    assert "Réponses non pondérées" in page
    assert "pas un échantillon aléatoire" in page
    assert "aucune marge" in page
    assert page.count('<tr><th scope="row">') == 16
    assert "France" in page
    assert "Provence-Alpes-Côte d" in page  # the région's published figures (the demo's)
    assert "écart notable" in page
    assert "IMPACT-Citoyens" in page  # the references carry their source


def test_under_30_valid_answers_nothing_is_estimated(client):
    consultation = _create(client)
    client.post(f"/consultations/gerer/{consultation.token}/", {"action": "open"})
    for number in range(1, 32):  # 31 answers, 3 careless: 28 valid
        _answer(consultation, number)
    page = client.get(f"/consultations/gerer/{consultation.token}/").content.decode()
    assert "il faut au moins 30 réponses valides (28 à ce jour)" in page
    assert "<svg" not in page


def test_delete_is_real(client):
    consultation = _create(client)
    client.post(f"/consultations/gerer/{consultation.token}/", {"action": "open"})
    _answer(consultation, 1)
    assert client.post(f"/consultations/gerer/{consultation.token}/supprimer/").status_code == 200
    assert not Consultation.objects.exists()
    assert not Response.objects.exists()
    assert client.get(f"/consultations/gerer/{consultation.token}/").status_code == 404


def test_preview_shows_the_form_without_a_submit_button(client):
    consultation = _create(client)
    page = client.get(f"/consultations/gerer/{consultation.token}/apercu/").content.decode()
    assert "Aperçu" in page
    assert "Fréquentez-vous le centre social ?" in page
    assert "Envoyer mes réponses" not in page


def test_paper_import_is_all_or_nothing(client, tmp_path):
    from click.testing import CliRunner

    from observatoire.cli import main

    consultation = _create(client)
    rows = [{**_answers(n), "org_1": "1"} for n in range(1, 5)]  # paper: answer numbers from 1
    path = tmp_path / "papier.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    runner = CliRunner()
    done = runner.invoke(main, ["consultation", "import", str(consultation.pk), str(path)])
    assert done.exit_code == 0, done.output
    assert "4 réponses papier importées" in done.output
    assert set(Response.objects.values_list("channel", flat=True)) == {"paper"}
    rows[3]["q1_sante"] = "12"
    pd.DataFrame(rows).to_csv(path, index=False)
    refused = runner.invoke(main, ["consultation", "import", str(consultation.pk), str(path)])
    assert refused.exit_code == 2
    assert "papier.csv, ligne 5, colonne « q1_sante »" in refused.output
    assert Response.objects.count() == 4  # nothing of the refused file
    missing = runner.invoke(main, ["consultation", "import", "999999", str(path)])
    assert missing.exit_code == 2
    assert "aucune consultation n'a le numéro 999999" in missing.output


def test_public_results_only_after_a_curator_approves(client, published):
    from observatoire.web.consultations.demo import create_demo

    assert create_demo(7) == 1600
    commune = Consultation.objects.get(synthetic=True, territory_level="commune")
    assert commune.responses.count() == 400
    page = client.get(f"/consultations/resultats/{commune.public_id}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "synthétiques" in text
    assert "Réponses pondérées (redressement par calage" in text
    assert "Résultats fragiles" not in text or "taille effective" in text
    assert text.count('<tr><th scope="row">') == 16
    commune.approved = False
    commune.save()
    assert client.get(f"/consultations/resultats/{commune.public_id}/").status_code == 404
    from observatoire.web.consultations.views import approved_for

    assert [c.territory_name for c in approved_for("epci", "200067825")] == ["CA Gap-Tallard-Durance"]
    assert approved_for("commune", "05061") == []


def test_chart_coordinates_are_plain_numbers(client, published):
    """French number formatting must not reach the SVG (« 190,0 » is no coordinate)."""
    from observatoire.web.consultations.demo import create_demo

    create_demo(3)
    commune = Consultation.objects.get(synthetic=True, territory_level="commune")
    page = client.get(f"/consultations/resultats/{commune.public_id}/").content.decode()
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert re.search(r'viewBox="0 0 600 \d+(\.\d+)?"', svg)
    assert not re.search(r'(x|y|x1|x2|cx|cy)="\d+,\d', svg)


def test_closed_mode_single_use_codes(client):
    consultation = _create(client, mode="codes")
    client.post(f"/consultations/gerer/{consultation.token}/", {"action": "open"})
    download = client.post(f"/consultations/gerer/{consultation.token}/", {"action": "codes", "count": "3"})
    assert download["Content-Type"].startswith("text/csv")
    codes = download.content.decode().split()[1:]
    assert len(codes) == 3
    assert len(set(codes)) == 3
    stored = set(AnswerCode.objects.values_list("code_hash", flat=True))
    assert stored == {digest(code) for code in codes}  # the database keeps digests, never the codes
    url = f"/consultations/repondre/{consultation.public_id}/"
    without = Client().post(url, _answers(1))
    assert without.status_code == 400
    assert "Votre code de réponse" in without.content.decode()
    wrong = Client().post(url, {**_answers(1), "code": "AAAAAAAAAA"})
    assert wrong.status_code == 400
    assert "déjà servi" in wrong.content.decode()
    browser = Client()
    assert browser.post(url, {**_answers(1), "code": codes[0].lower()}).status_code == 200
    replay = Client().post(url, {**_answers(2), "code": codes[0]})
    assert replay.status_code == 400
    assert Response.objects.count() == 1
    # the same browser may answer again with another panel member's code (a shared family computer)
    assert browser.post(url, {**_answers(3), "code": codes[1]}).status_code == 200
    assert Response.objects.count() == 2
    page = client.get(f"/consultations/gerer/{consultation.token}/").content.decode()
    assert "3 codes créés, 2 utilisés" in page


def test_downloads_from_30_answers_only(client):
    consultation = _create(client)
    client.post(f"/consultations/gerer/{consultation.token}/", {"action": "open"})
    for number in range(1, 30):
        _answer(consultation, number)
    base = f"/consultations/gerer/{consultation.token}/"
    assert client.get(base + "reponses.csv").status_code == 404
    assert client.get(base + "resultats.csv").status_code == 404
    for number in range(30, 40):
        _answer(consultation, number)
    answers = client.get(base + "reponses.csv")
    assert answers.status_code == 200
    frame = pd.read_csv(io.BytesIO(answers.content), sep=";", encoding="utf-8-sig", dtype=str)
    assert len(frame) == 39
    assert list(frame.columns[:2]) == ["q1_emploi", "q1_developpement_economique"]
    assert "created" not in frame.columns
    assert set(frame["commune"]) == {"05061"}
    assert set(frame["q1_sante"]) <= {str(n) for n in range(1, 11)}
    table = pd.read_csv(
        io.BytesIO(client.get(base + "resultats.csv").content), sep=";", decimal=",", encoding="utf-8-sig"
    )
    assert len(table) == 16
    assert table["ponderation"].unique().tolist() == ["aucune"]
    assert (table["intervalle_credibilite_bas"] < table["note_moyenne"]).all()


def test_a_download_keeps_the_territory_accented_in_its_file_name(client):
    consultation = _create(client, title="Briançon", organiser="Ville de Briançon", code="05023")
    assert consultation.territory_name == "Briançon"
    client.post(f"/consultations/gerer/{consultation.token}/", {"action": "open"})
    for number in range(1, 31):
        _answer(consultation, number, commune="05023")
    answers = client.get(f"/consultations/gerer/{consultation.token}/reponses.csv")
    assert answers.status_code == 200
    disposition = answers["Content-Disposition"]
    assert disposition.isascii()  # encoded (RFC 5987), not raw UTF-8 in a header
    header = EmailMessage()
    header["Content-Disposition"] = disposition
    assert header.get_content_disposition() == "attachment"
    # as a browser reads it back
    assert header.get_filename() == f"consultation-{consultation.pk}-Briançon-reponses.csv"
