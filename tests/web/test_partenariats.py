"""Partnership pages, the advisor (page and API) and the evaluation: each partner's link, blind until
submitted, the mirror and its PDF, the opener's actions; wrong tokens 404, tampered posts refused whole."""

from __future__ import annotations

import io
import re

import pytest
from django.core.cache import caches
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from observatoire.questionnaires import instrument
from observatoire.web.partenariats import aggregates
from observatoire.web.partenariats.models import Evaluation, OpenAggregate, Partner, Response, Round
from observatoire.web.tokens import digest

pytestmark = pytest.mark.django_db

GRID = instrument("evaluation_partenariale")


def test_typology_pages_show_categories_models_and_examples(client: Client) -> None:
    page = client.get("/partenariats/").content.decode()
    assert "Innovation sociétale" in page
    assert "Mécénat classique" in page
    assert "Grameen Danone Foods" in page
    model = client.get("/partenariats/modeles/modele_hybride/")
    assert model.status_code == 200
    assert "Joint venture" in model.content.decode()
    assert client.get("/partenariats/modeles/inconnu/").status_code == 404


def test_advisor_page_ranks_innovation_first_for_innover(client: Client) -> None:
    empty = client.get("/partenariats/conseiller/")
    assert empty.status_code == 200
    assert "Voir les modèles" in empty.content.decode()
    page = client.get("/partenariats/conseiller/", {"conseiller": "1", "motivations": "innover"})
    text = page.content.decode()
    assert page.status_code == 200
    ranked = re.findall(r'href="/partenariats/modeles/([a-z_]+)/">', text)
    assert ranked[:3] == ["rd_sociale", "partage_expertise", "modele_hybride"]
    bad = client.get("/partenariats/conseiller/", {"conseiller": "1", "motivations": "gagner"})
    assert bad.status_code == 400
    assert "gagner" in bad.content.decode()
    place = client.get("/partenariats/conseiller/", {"conseiller": "1", "territory": "Zzzyx-sur-Rien"})
    assert place.status_code == 400


def test_advisor_api_in_the_openapi_and_in_french(client: Client) -> None:
    answer = client.post(
        "/api/partenariats/conseiller",
        {"answers": {"motivations": ["innover"]}},
        content_type="application/json",
    )
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["categories"][0]["code"] == "innovation_societale"
    assert body["models"][0]["reason"].startswith("Vous voulez innover")
    bad = client.post(
        "/api/partenariats/conseiller", {"answers": {"motivations": ["x"]}}, content_type="application/json"
    )
    assert bad.status_code == 400
    assert "valeur invalide pour « motivations » : valeurs possibles 'performance'" in bad.json()["error"]
    unknown = client.post(
        "/api/partenariats/conseiller", {"answers": {"envie": ["x"]}}, content_type="application/json"
    )
    assert unknown.status_code == 400
    assert unknown.json()["error"] == "champ « envie » inconnu"
    for junk in ("[]", "{", '{"answers": 3}', '{"answers": {"a": [1, {}]}}'):
        assert (
            client.post("/api/partenariats/conseiller", junk, content_type="application/json").status_code
            == 400
        )
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/partenariats/conseiller" in paths
    assert "/api/partenariats/agregats" in paths


OPEN = {
    "name": "Alliance pour l'emploi",
    "model": "cooperation_economique",
    "start_year": "2021",
    "objectives": "Insertion par l'activité économique",
    "territory": "Rennes",
    "opener": "Association Tremplin",
    "partners": "Entreprise Bâtir\n",
}


def _open(client: Client) -> tuple[str, str]:
    response = client.post("/evaluations/", OPEN)
    assert response.status_code == 302, response.content.decode()[:2000]
    opener = re.match(r"^/evaluations/p/([A-Za-z0-9_-]+)/$", response["Location"]).group(1)
    page = client.get(f"/evaluations/p/{opener}/").content.decode()
    links = set(re.findall(r'value="http://testserver/evaluations/p/([A-Za-z0-9_-]+)/"', page))
    (other,) = links - {opener}  # the opener's page lists every partner's link, rebuilt from its own
    return opener, other


def _scores(value: str, **changes: str) -> dict[str, str]:
    return {item.code: value for item in GRID.items} | changes


def test_evaluation_blind_until_submitted_then_the_mirror_and_pdf(client: Client) -> None:
    opener, other = _open(client)
    assert len(opener) >= 32
    assert len(other) >= 32
    page = client.get(f"/evaluations/p/{opener}/").content.decode()
    assert other in page  # the opener's page lists every partner's link
    assert opener not in client.get(f"/evaluations/p/{other}/").content.decode()
    # the second partner scores and submits, with a comment
    posted = _scores("1", equilibre_clarte__commentaire="Rôles à préciser") | {"envoyer": "1"}
    assert client.post(f"/evaluations/p/{other}/", posted)["Location"].endswith("/miroir/")
    # the opener has not submitted: no mirror, and its page shows none of the other's answers
    assert client.get(f"/evaluations/p/{opener}/miroir/")["Location"] == f"/evaluations/p/{opener}/"
    assert client.get(f"/evaluations/p/{opener}/miroir/1/").status_code == 404
    assert client.get(f"/evaluations/p/{opener}/miroir/1.pdf").status_code == 404
    assert "Rôles à préciser" not in client.get(f"/evaluations/p/{opener}/").content.decode()
    # a half-filled submission is refused and nothing saved
    partial = {"produit_performance": "3", "envoyer": "1"}
    refused = client.post(f"/evaluations/p/{opener}/", partial)
    assert refused.status_code == 400
    assert "il manque une note à 23 ligne(s)" in refused.content.decode()
    assert not Response.objects.filter(partner__token_hash=digest(opener)).exists()
    # a tampered value refuses the whole page
    tampered = client.post(f"/evaluations/p/{opener}/", _scores("3", produit_sens="9") | {"enregistrer": "1"})
    assert tampered.status_code == 400
    assert not Response.objects.filter(partner__token_hash=digest(opener)).exists()
    # saving without submitting keeps the answers, still blind
    assert client.post(f"/evaluations/p/{opener}/", _scores("3") | {"enregistrer": "1"}).status_code == 302
    assert client.get(f"/evaluations/p/{opener}/miroir/").status_code == 302
    client.post(f"/evaluations/p/{opener}/", _scores("3") | {"envoyer": "1"})
    mirror = client.get(f"/evaluations/p/{opener}/miroir/")
    text = mirror.content.decode()
    assert mirror.status_code == 200
    assert mirror["Cache-Control"] == "no-store, private"
    assert "24 ligne(s) où les notes s&#x27;écartent de 2 points" in text or "24 ligne(s)" in text
    assert "Rôles à préciser" in text
    assert 'class="divergent"' in text
    pdf = client.get(f"/evaluations/p/{opener}/miroir/1.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    words = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Alliance pour l" in words
    assert "prochaine rencontre" in words
    # a submitted grid cannot be changed
    client.post(f"/evaluations/p/{other}/", _scores("4") | {"envoyer": "1"})
    assert Response.objects.get(partner__token_hash=digest(other)).answers["produit_sens"] == "1"


def test_wrong_tokens_are_plain_404s_and_only_the_opener_manages(client: Client) -> None:
    opener, other = _open(client)
    for token in ("x", "A" * 32, other[:-1] + ("A" if other[-1] != "A" else "B")):
        assert client.get(f"/evaluations/p/{token}/").status_code == 404
    assert client.post(f"/evaluations/p/{other}/gerer/", {"action": "supprimer"}).status_code == 404
    assert client.post(f"/evaluations/p/{opener}/gerer/", {"action": "pirater"}).status_code == 400
    client.post(f"/evaluations/p/{opener}/gerer/", {"action": "ajouter", "name": "Mairie"})
    assert Partner.objects.filter(name="Mairie").exists()
    too_many = client.post(f"/evaluations/p/{opener}/gerer/", {"action": "ajouter", "name": ""})
    assert too_many.status_code == 400
    assert "au moins un autre partenaire" in too_many.content.decode()


def _pdf_text(response) -> str:  # a Django test response
    assert response["Content-Type"] == "application/pdf"
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


def test_a_round_a_year_later_shows_the_evolution_of_each_line_and_of_the_divergence(client: Client) -> None:
    opener, other = _open(client)
    manage = f"/evaluations/p/{opener}/gerer/"
    refused = client.post(manage, {"action": "clore"})  # nobody has sent: nothing to close
    assert refused.status_code == 400
    assert "rien à clore" in refused.content.decode()
    assert Round.objects.count() == 1
    client.post(f"/evaluations/p/{opener}/", _scores("1") | {"envoyer": "1"})
    client.post(f"/evaluations/p/{other}/", _scores("4") | {"envoyer": "1"})
    assert client.post(manage, {"action": "clore"}).status_code == 302
    assert Round.objects.filter(closed__isnull=False).count() == 1
    assert OpenAggregate.objects.filter(model="cooperation_economique", evaluations=1).count() == 6  # kept
    # a partner joins for the second round: it scores with its own link, and never saw round 1
    assert client.post(manage, {"action": "ajouter", "name": "Mairie de Rennes"}).status_code == 302
    third = Partner.objects.get(name="Mairie de Rennes").token_from(opener)  # as the opener's page shows it
    assert third is not None
    page = client.get(f"/evaluations/p/{opener}/").content.decode()
    assert "Envoyer mes notes" in page  # round 2 is open, with the same links
    assert "Miroir du tour 1" in page
    assert "Miroir du tour 1" not in client.get(f"/evaluations/p/{third}/").content.decode()
    assert client.get(f"/evaluations/p/{third}/miroir/1/").status_code == 404
    client.post(f"/evaluations/p/{opener}/", _scores("3") | {"envoyer": "1"})
    client.post(f"/evaluations/p/{other}/", _scores("3") | {"envoyer": "1"})
    client.post(f"/evaluations/p/{third}/", _scores("3", impact_confiance="1") | {"envoyer": "1"})
    text = client.get(f"/evaluations/p/{third}/miroir/").content.decode().replace("&#x27;", "'")
    assert "Évolution depuis le tour précédent" in text
    # round 1: 2.5 on every line, all 24 lines 3 points apart; round 2: 3 but confidence (3, 3, 1)
    assert "la note moyenne passe de 2,5 à 3,0 sur 4" in text
    assert "s'écartent de 2 points ou plus de 24 à 1." in text
    confidence = re.search(
        r"Confiance — [^<]*</th>\s*<td>([^<]*)</td><td>([^<]*)</td>\s*<td>([^<]*)</td><td>([^<]*)</td>", text
    )
    assert confidence.groups() == ("2,5", "2,3", "3", "2")  # mean then and now, gap then and now
    words = _pdf_text(client.get(f"/evaluations/p/{third}/miroir/2.pdf"))
    assert "Évolution depuis le tour précédent" in words
    assert "de 24 à 1" in words
    assert "Évolution" not in _pdf_text(client.get(f"/evaluations/p/{other}/miroir/1.pdf"))
    assert client.get(f"/evaluations/p/{other}/miroir/1/").status_code == 200


def test_the_opener_deletes_everything_only_once_confirmed(client: Client) -> None:
    opener, other = _open(client)
    client.post(f"/evaluations/p/{other}/", _scores("2") | {"envoyer": "1"})
    unconfirmed = client.post(f"/evaluations/p/{opener}/gerer/", {"action": "supprimer"})
    assert unconfirmed.status_code == 400
    assert "Cochez la case de confirmation" in unconfirmed.content.decode()
    assert Response.objects.count() == 1
    deleted = client.post(f"/evaluations/p/{opener}/gerer/", {"action": "supprimer", "confirmer": "1"})
    assert "Évaluation supprimée" in deleted.content.decode()
    assert not Evaluation.objects.exists()
    assert not Round.objects.exists()
    assert not Response.objects.exists()
    assert not Partner.objects.exists()
    assert client.get(f"/evaluations/p/{other}/").status_code == 404
    assert client.get(f"/evaluations/p/{opener}/").status_code == 404


def test_opening_refuses_bad_input_in_french(client: Client) -> None:
    bad = client.post("/evaluations/", OPEN | {"start_year": "3020", "partners": "P\n" * 12, "model": "x"})
    text = bad.content.decode()
    assert bad.status_code == 400
    assert "année entre" in text
    assert "au moins un autre partenaire" in text
    assert not Evaluation.objects.exists()


def test_the_synthetic_demo_shows_mirrors_and_evolution_and_is_never_aggregated(client: Client) -> None:
    from observatoire.web.partenariats.demo import create_demo

    tokens = create_demo(12, seed=7)
    assert Evaluation.objects.filter(synthetic=True).count() == 12
    assert {e.partners.count() for e in Evaluation.objects.all()} == {2, 3}
    first = client.get(f"/evaluations/p/{tokens[0]}/miroir/").content.decode()
    assert "évaluation synthétique" in first
    assert "Évolution depuis le tour précédent" in first
    # the opener's page rebuilds the other partners' links from its own token (the database has digests)
    opener = client.get(f"/evaluations/p/{tokens[0]}/").content.decode()
    others = set(re.findall(r'value="http://testserver/evaluations/p/([A-Za-z0-9_-]+)/"', opener))
    others.discard(tokens[0])
    assert others
    assert all(client.get(f"/evaluations/p/{other}/").status_code == 200 for other in others)
    assert aggregates.public_rows() == []  # synthetic evaluations never reach the open aggregates
    empty = client.get("/api/partenariats/agregats")
    assert empty.json() == []
    assert empty["Cache-Control"] == "no-store"  # never kept by the published build's cache


def _closed_evaluation(model: str, *scores: str, synthetic: bool = False, closed: bool = True) -> Evaluation:
    """An evaluation whose round 1 every partner submitted (one partner per score, given to every line)."""
    evaluation = Evaluation.objects.create(
        name="É", model=model, start_year=2020, version=GRID.version, synthetic=synthetic
    )
    first = Round.objects.create(evaluation=evaluation, number=1, closed=timezone.now() if closed else None)
    for n, score in enumerate(scores):
        partner = Partner.objects.create(evaluation=evaluation, name=f"P{n}", opener=n == 0)
        Response.objects.create(
            round=first, partner=partner, answers=_scores(score), submitted=timezone.now()
        )
    return evaluation


def _methodology_rows(client: Client) -> list[list[str]]:
    page = client.get("/methodologie/").content.decode()
    if 'id="evaluations-titre"' not in page:
        assert "Aucun modèle ne compte encore 10 évaluations closes" in page
        return []
    table = page[
        page.index('id="evaluations-titre"') : page.index("</table>", page.index('id="evaluations-titre"'))
    ]
    return [
        re.findall(r">([^<>]+)</t[hd]>", row) for row in re.findall(r"<tr><th scope=\"row\">.*?</tr>", table)
    ]


def test_open_aggregates_need_ten_closed_evaluations_of_a_model(client: Client) -> None:
    for _ in range(9):
        _closed_evaluation("rd_sociale", "1", "3")
    _closed_evaluation("rd_sociale", "4", "4", closed=False)  # a round still open is not counted
    _closed_evaluation("rd_sociale", "4", "4", synthetic=True)  # nor a demo one
    for _ in range(10):
        _closed_evaluation("mecenat_classique", "nsp", "nsp")  # no known score: nothing to count
    aggregates.rebuild()  # what closing a round, deleting an evaluation or the retention purge do
    assert OpenAggregate.objects.filter(model="rd_sociale", evaluations=9).count() == 6  # kept, not shown
    assert client.get("/api/partenariats/agregats").json() == []  # 9 evaluations: nothing published
    assert _methodology_rows(client) == []
    tenth = _closed_evaluation("rd_sociale", "4", "nsp")
    aggregates.rebuild()
    rows = client.get("/api/partenariats/agregats").json()
    assert [r["line"] for r in rows] == [
        "impact_performance",
        "impact_innovation",
        "impact_confiance",
        "produit",
        "equilibre",
        "reconnaissance",
    ]
    assert {(r["model"], r["evaluations"], r["mean"]) for r in rows} == {
        ("rd_sociale", 10, 2.2)
    }  # (9×2+4)/10
    assert rows[1]["line_label"] == "Innovation territoriale et sociétale"
    caches["default"].clear()  # the page is kept a minute (s-maxage), tested in test_caching.py
    assert _methodology_rows(client) == [["R&amp;D sociale", "10", *["2,2"] * 6]]
    # a second round closed later replaces the first in the aggregates: the evaluation counts once
    second = Round.objects.create(evaluation=tenth, number=2, closed=timezone.now())
    for partner in tenth.partners.all():
        Response.objects.create(round=second, partner=partner, answers=_scores("0"), submitted=timezone.now())
    aggregates.rebuild()
    assert {(r["evaluations"], r["mean"]) for r in aggregates.public_rows()} == {(10, 1.8)}  # (9×2+0)/10
    row = tenth.partners.get(opener=True)
    opener = row.issue_token()  # made in the database above: the test gives its opener a link it holds
    row.save(update_fields=["token_hash"])
    client.post(f"/evaluations/p/{opener}/gerer/", {"action": "supprimer", "confirmer": "1"})  # rebuilds them
    assert aggregates.public_rows() == []


def test_curators_see_only_aggregates_of_ten_evaluations_never_an_answer(client: Client) -> None:
    from django.contrib.auth.models import User

    for _ in range(10):
        _closed_evaluation("rd_sociale", "1", "3")
    for _ in range(3):
        _closed_evaluation("mecenat_classique", "2", "2")
    Response.objects.update(comments={"produit_sens": "Rôles flous chez Bâtir"})
    aggregates.rebuild()
    client.force_login(User.objects.create_superuser("curatrice", "c@example.org", "motdepasse-solide-42"))
    page = client.get("/admin/partenariats/openaggregate/").content.decode()
    assert int(re.search(r"(\d+) agrégats? d", page).group(1)) == 6  # R&D sociale's 6 lines
    assert "R&amp;D sociale" in page
    hidden = OpenAggregate.objects.filter(model="mecenat_classique").first()
    assert client.get(f"/admin/partenariats/openaggregate/{hidden.pk}/change/").status_code != 200
    for name in ("evaluation", "partner", "round", "response"):
        assert client.get(f"/admin/partenariats/{name}/").status_code == 404
    assert "Rôles flous" not in client.get("/admin/").content.decode() + page


def test_the_advisor_and_model_pages_list_published_cases_nearest_first(client: Client) -> None:
    from observatoire.web.agir import catalog
    from observatoire.web.agir.models import CaseStudy

    common = {"summary": "Résumé.", "domains": ["emploi"], "partnership_model": "rd_sociale"}
    CaseStudy.objects.create(
        title="Cas normand", territory_level="region", territory_code="28", status="publie", **common
    )
    CaseStudy.objects.create(
        title="Cas breton", territory_level="region", territory_code="53", status="publie", **common
    )
    CaseStudy.objects.create(
        title="Cas en brouillon", territory_level="region", territory_code="53", status="a_moderer", **common
    )
    catalog.forget()
    answer = {"conseiller": "1", "motivations": "innover", "territory": "Rennes"}
    text = client.get("/partenariats/conseiller/", answer).content.decode()
    assert "Cas breton" in text
    assert "Cas normand" in text
    assert text.index("Cas breton") < text.index("Cas normand")  # Rennes is in Bretagne
    assert "Cas en brouillon" not in text
    page = client.get("/partenariats/modeles/rd_sociale/").content.decode()
    assert "Cas breton" in page
    assert "Cas en brouillon" not in page


def _region_counts(page: str) -> dict[str, str]:
    """The cases-per-région table of a page: région → its count cell(s) as text."""
    table = page[
        page.index('id="cas-par-region"') : page.index("</table>", page.index('id="cas-par-region"'))
    ]
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th>(.*?)</tr>', table)
    return {name: " ".join(re.findall(r">(\d+)<", cells)) for name, cells in rows}


def test_model_and_category_pages_count_the_cases_per_region(client: Client) -> None:
    from observatoire.web.agir import catalog
    from observatoire.web.agir.models import CaseStudy

    cases = [
        ("region", "53", "rd_sociale", "publie"),
        ("commune", "35238", "rd_sociale", "publie"),  # Rennes, in Bretagne
        ("region", "28", "rd_sociale", "publie"),
        ("departement", "29", "mecenat_classique", "publie"),
        ("nation", "FR", "rd_sociale", "publie"),
        ("region", "53", "rd_sociale", "a_moderer"),  # a draft is never counted
    ]
    for n, (level, code, model, status) in enumerate(cases):
        CaseStudy.objects.create(
            title=f"Cas {n}",
            summary="Résumé.",
            territory_level=level,
            territory_code=code,
            partnership_model=model,
            status=status,
        )
    catalog.forget()
    page = client.get("/partenariats/modeles/rd_sociale/").content.decode()
    counts = _region_counts(page)
    assert counts["Bretagne"] == "2"  # the région itself and Rennes, a commune of it; not the draft
    assert counts["Normandie"] == "1"
    assert counts["France entière ou hors région"] == "1"
    assert counts["Total"] == "4"
    assert "Pays de la Loire" not in counts  # a région without a case is left out
    assert 'href="/pratiques/?modele=rd_sociale&amp;region=53"' in page
    listed = client.get("/pratiques/", {"modele": "rd_sociale", "region": "53"}).content.decode()
    assert ("Cas 0" in listed, "Cas 1" in listed, "Cas 2" in listed) == (True, True, False)  # they agree
    index = _region_counts(client.get("/partenariats/").content.decode())
    # columns: the 4 categories in the typology's order (mécénat, innovation sociétale, …)
    assert index["Bretagne"] == "1 2 0 0"
    assert index["Total"] == "1 4 0 0"
