"""Self-assessment pages: complete, resume, result with peers and figures, PDF, delete; bad input never a
500 nor a half-saved result; a wrong token a plain 404; curators see aggregates of 10 or more only."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from observatoire.questionnaires import instrument, peers
from observatoire.questionnaires.model import MULTIPLE, Instrument
from observatoire.web import retention
from observatoire.web.autodiagnostics import aggregates
from observatoire.web.autodiagnostics.demo import create_demo
from observatoire.web.autodiagnostics.models import Assessment, PeerHistogram, result_key
from observatoire.web.tokens import digest

from .autodiagnostics_data import stored

pytestmark = pytest.mark.django_db

PROFILE = {
    "entreprise": ("dirigeant", "pme"),
    "association": ("salarie", "employeuse_1_9"),
    "territoire": ("elu", "intercommunalite"),
}


def _extreme(chosen: Instrument, highest: bool) -> dict[str, object]:
    answers: dict[str, object] = {}
    for item in chosen.items:
        if item.kind == MULTIPLE:
            answers[item.code] = ["emploi", "numerique"]
            continue
        scored = sorted((o for o in item.scale.options if o.score is not None), key=lambda o: o.score)
        answers[item.code] = (scored[-1] if highest else scored[0]).code
    return answers


def _start(client: Client, code: str, territory: str = "Rennes") -> str:
    actor, size = PROFILE[code]
    response = client.post(
        f"/autodiagnostics/{code}/commencer/", {"actor": actor, "size": size, "territory": territory}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    token = re.match(r"^/autodiagnostics/r/([A-Za-z0-9_-]+)/axe/1/$", response["Location"]).group(1)
    return token


def _answer_all(client: Client, code: str, token: str, answers: dict[str, object]) -> str:
    chosen = instrument(code)
    location = ""
    for number, section in enumerate(chosen.sections, start=1):
        data = {item.code: answers[item.code] for item in section.items}
        response = client.post(f"/autodiagnostics/r/{token}/axe/{number}/", data)
        assert response.status_code == 302, response.content.decode()[:3000]
        location = response["Location"]
    return location


@pytest.mark.parametrize("code", ["territoire", "entreprise", "association"])
def test_complete_each_instrument_read_download_delete(client: Client, published, code: str) -> None:
    token = _start(client, code)
    assert len(token) >= 32  # 192 bits
    location = _answer_all(client, code, token, _extreme(instrument(code), highest=False))
    assert location == f"/autodiagnostics/r/{token}/resultat/"
    page = client.get(location)
    assert page.status_code == 200
    text = page.content.decode()
    assert "niveau 1 sur 4" in text
    assert "Auto-déclaré" in text
    assert 'name="robots" content="noindex' in text
    assert page["X-Robots-Tag"].startswith("noindex")
    assert "no-store" in page["Cache-Control"]
    assert "Prochaines étapes" in text
    assert "les questions à travailler" in text
    assert "fragilité perçue par les habitants" in text  # the observatory's figures beside the answers
    stored = Assessment.objects.get(token_hash=digest(token))
    assert stored.level == 1
    assert stored.score == 0
    assert stored.version == 1
    assert stored.region == "53"
    pdf = client.get(f"/autodiagnostics/r/{token}/resultat.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    text_pdf = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "niveau 1 sur 4" in text_pdf
    assert "auto-déclaré" in text_pdf
    assert "Prochaines étapes" in text_pdf
    assert client.post(f"/autodiagnostics/r/{token}/supprimer/").status_code == 200
    assert not Assessment.objects.filter(token_hash=digest(token)).exists()
    assert client.get(f"/autodiagnostics/r/{token}/resultat/").status_code == 404


def test_peers_are_counted_once_and_forgotten_on_delete(client: Client, published) -> None:
    token = _start(client, "entreprise")
    _answer_all(client, "entreprise", token, _extreme(instrument("entreprise"), highest=True))
    row = PeerHistogram.objects.get(
        instrument="entreprise",
        actor="dirigeant",
        size="pme",
        scope="region",
        place="53",
        measure=peers.OVERALL,
    )
    assert row.total == 1
    assert row.counts[100] == 1
    # Re-completing (answers changed) moves the count instead of adding one.
    _answer_all(client, "entreprise", token, _extreme(instrument("entreprise"), highest=False))
    row.refresh_from_db()
    assert row.total == 1
    assert row.counts[0] == 1
    assert row.counts[100] == 0
    client.post(f"/autodiagnostics/r/{token}/supprimer/")
    row.refresh_from_db()
    assert row.total == 0


def test_peers_fall_back_to_the_macro_region_and_say_so(client: Client, published) -> None:
    chosen = instrument("association")
    for index in range(12):  # 12 peers in Normandie (28), same macro-région (nord_ouest) as Bretagne
        stored(chosen, *PROFILE["association"], "28", _extreme(chosen, highest=index % 2 == 0))
    aggregates.rebuild()
    token = _start(client, "association")
    _answer_all(client, "association", token, _extreme(chosen, highest=True))
    text = client.get(f"/autodiagnostics/r/{token}/resultat/").content.decode()
    assert "Comparaison avec 12 autodiagnostics de pairs" in text
    assert "comparaison à l&#x27;échelle de la macro-région" in text
    assert "Médiane des pairs" in text


def test_a_remembered_result_follows_its_peers_and_goes_with_its_assessment(
    client: Client, published
) -> None:
    chosen = instrument("entreprise")
    token = _start(client, "entreprise")
    _answer_all(client, "entreprise", token, _extreme(chosen, highest=True))
    address = f"/autodiagnostics/r/{token}/resultat/"
    first = client.get(address)
    assert "Pas encore de comparaison" in first.content.decode()
    remembered = caches["default"].get(result_key(digest(token)))
    assert token.encode() in first.content
    assert token not in repr(remembered)  # the cache, like the database, holds no working link
    with CaptureQueriesContext(connection) as queries:
        again = client.get(address)
    assert again.content == first.content
    assert "no-store" in again["Cache-Control"]
    assert not [q for q in queries if "counts" in q["sql"]]  # no histogram read: the page is remembered
    for _ in range(10):  # 10 peers complete in Bretagne: the page is rendered again with them
        aggregates.record(stored(chosen, *PROFILE["entreprise"], "53", _extreme(chosen, highest=True)))
    text = client.get(address).content.decode()
    assert "Comparaison avec 10 autodiagnostics de pairs" in text
    assert "Bretagne" in text
    assert client.post(f"/autodiagnostics/r/{token}/supprimer/").status_code == 200
    assert caches["default"].get(result_key(digest(token))) is None  # no copy left behind
    assert client.get(address).status_code == 404


def test_resume_from_the_private_link(client: Client) -> None:
    token = _start(client, "territoire")
    chosen = instrument("territoire")
    answers = _extreme(chosen, highest=True)
    first = chosen.sections[0]
    client.post(f"/autodiagnostics/r/{token}/axe/1/", {i.code: answers[i.code] for i in first.items})
    fresh = Client()
    response = fresh.get(f"/autodiagnostics/r/{token}/")
    assert response.status_code == 302
    assert response["Location"] == f"/autodiagnostics/r/{token}/axe/2/"
    page = fresh.get(f"/autodiagnostics/r/{token}/axe/1/").content.decode()
    assert 'value="structure"' in page
    assert "checked" in page


def test_tampered_and_missing_answers_are_refused_and_nothing_is_scored(client: Client) -> None:
    token = _start(client, "entreprise")
    chosen = instrument("entreprise")
    first = chosen.sections[0]
    data = {item.code: "structure" for item in first.items}
    data[first.items[0].code] = "inventee"
    response = client.post(f"/autodiagnostics/r/{token}/axe/1/", data)
    assert response.status_code == 400
    assert "inventee" not in Assessment.objects.get(token_hash=digest(token)).answers.values()
    assert (
        first.items[1].code in Assessment.objects.get(token_hash=digest(token)).answers
    )  # the valid ones are saved
    # Jumping to the last page does not complete an assessment with earlier pages unanswered.
    last = chosen.sections[-1]
    response = client.post(
        f"/autodiagnostics/r/{token}/axe/{len(chosen.sections)}/", {i.code: "structure" for i in last.items}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/autodiagnostics/r/{token}/axe/1/"
    assert Assessment.objects.get(token_hash=digest(token)).completed is None
    assert client.get(f"/autodiagnostics/r/{token}/axe/99/").status_code == 404


@pytest.mark.parametrize("token", ["x" * 32, "court", "A" * 43, "../../etc"])
def test_a_wrong_token_is_a_plain_404(client: Client, token: str) -> None:
    for suffix in ("", "resultat/", "resultat.pdf", "axe/1/", "supprimer/"):
        response = client.get(f"/autodiagnostics/r/{token}/{suffix}")
        assert response.status_code == 404


def test_profile_errors_are_french_and_name_the_field(client: Client) -> None:
    response = client.post(
        "/autodiagnostics/entreprise/commencer/", {"actor": "pirate", "size": "pme", "territory": "Zzyzzyx"}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Sélectionnez un choix valide" in text
    assert "Zzyzzyx" in text
    assert Assessment.objects.count() == 0
    assert client.get("/autodiagnostics/inconnu/commencer/").status_code == 404


def test_admin_shows_aggregates_of_at_least_10_only(client: Client) -> None:
    create_demo(count=300, seed=1)
    user = User.objects.create_superuser("curatrice", "c@example.org", "motdepasse-solide-42")
    client.force_login(user)
    page = client.get("/admin/autodiagnostics/peerhistogram/")
    assert page.status_code == 200
    shown = int(re.search(r"(\d+) agrégats? de pairs", page.content.decode()).group(1))
    assert shown == PeerHistogram.objects.filter(total__gte=10).count() > 0
    assert PeerHistogram.objects.filter(total__lt=10).exists()
    assert client.get("/admin/autodiagnostics/assessment/").status_code == 404  # no individual answer


def test_demo_set_and_retention(client: Client) -> None:
    assert create_demo(count=500, seed=3) == 500
    assert Assessment.objects.filter(synthetic=True, completed__isnull=False).count() == 500
    assert (
        sum(
            PeerHistogram.objects.filter(scope="nation", measure=peers.OVERALL).values_list(
                "total", flat=True
            )
        )
        == 500
    )
    token = _start(client, "entreprise")
    _answer_all(client, "entreprise", token, _extreme(instrument("entreprise"), highest=True))
    assert client.get(f"/autodiagnostics/r/{token}/resultat/").status_code == 200
    assert caches["default"].get(result_key(digest(token))) is not None
    Assessment.objects.filter(token_hash=digest(token)).update(updated="2020-01-01T00:00Z")
    done, _ = retention.purge(365)  # observatoire purger
    assert {purger.code: count for purger, count in done}["autodiagnostics"] == 1
    assert not Assessment.objects.filter(token_hash=digest(token)).exists()
    assert Assessment.objects.filter(synthetic=True).count() == 500  # the demo set is never purged
    assert caches["default"].get(result_key(digest(token))) is None  # its remembered page goes with it


def test_next_steps_show_published_curated_entries_nearest_first(client: Client, published) -> None:
    from observatoire.web.agir import catalog
    from observatoire.web.agir.models import CaseStudy, Tool

    common = {"summary": "Résumé.", "domains": ["emploi"]}
    Tool.objects.create(
        title="Guide national",
        territory_level="nation",
        territory_code="FR",
        levers=["definir_strategie"],
        status="publie",
        **common,
    )
    Tool.objects.create(
        title="Guide breton",
        territory_level="region",
        territory_code="53",
        levers=["definir_strategie"],
        status="publie",
        **common,
    )
    Tool.objects.create(
        title="Guide en brouillon",
        territory_level="region",
        territory_code="53",
        levers=["definir_strategie"],
        status="a_moderer",
        **common,
    )
    CaseStudy.objects.create(
        title="Cas normand",
        territory_level="region",
        territory_code="28",
        partnership_model="mecenat_classique",
        status="publie",
        **common,
    )
    catalog.forget()  # the engine's catalogue of the published base, read afresh
    token = _start(client, "entreprise")
    _answer_all(client, "entreprise", token, _extreme(instrument("entreprise"), highest=False))
    text = client.get(f"/autodiagnostics/r/{token}/resultat/").content.decode()
    assert "Guide breton" in text
    assert "Guide national" in text
    assert text.index("Guide breton") < text.index("Guide national")  # the région before France
    assert "Cas normand" in text
    assert "Guide en brouillon" not in text  # nothing public before a curator publishes it
