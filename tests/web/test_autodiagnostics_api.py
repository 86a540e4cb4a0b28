"""The stateless scoring API: public definitions, scores with recommendations, French 400s naming the id."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from observatoire.questionnaires import instrument
from observatoire.questionnaires.model import MULTIPLE
from observatoire.web.autodiagnostics.demo import create_demo
from observatoire.web.autodiagnostics.models import Assessment, PeerHistogram

pytestmark = pytest.mark.django_db


def _lowest(code: str) -> dict[str, object]:
    answers: dict[str, object] = {}
    for item in instrument(code).items:
        if item.kind == MULTIPLE:
            answers[item.code] = ["emploi"]
        else:
            answers[item.code] = min(
                (o for o in item.scale.options if o.score is not None), key=lambda o: o.score
            ).code
    return answers


def _score(client: Client, code: str, body: object) -> tuple[int, dict]:
    if isinstance(body, str):
        response = client.post(f"/api/autodiagnostics/{code}/score", body, content_type="application/json")
        return response.status_code, response.json()
    response = client.post(
        f"/api/autodiagnostics/{code}/score", json.dumps(body), content_type="application/json"
    )
    return response.status_code, response.json()


def test_list_and_definition(client: Client) -> None:
    listed = client.get("/api/autodiagnostics/").json()
    assert [entry["code"] for entry in listed] == ["territoire", "entreprise", "association"]
    definition = client.get("/api/autodiagnostics/entreprise/").json()
    assert definition["version"] == 1
    assert len(definition["levels"]) == 4
    first = definition["axes"][0]["questions"][0]
    assert {"id", "text", "answers"} <= set(first)
    assert any(answer["not_applicable"] and answer["score"] is None for answer in first["answers"])
    assert client.get("/api/autodiagnostics/inconnu/").status_code == 404


@pytest.mark.parametrize("code", ["territoire", "entreprise", "association"])
def test_score_stores_nothing_and_recommends(client: Client, code: str) -> None:
    status, body = _score(client, code, {"answers": _lowest(code)})
    assert status == 200, body
    assert body["score"] == 0
    assert body["level"]["rank"] == 1
    assert body["self_declared"] is True
    assert len(body["axes"]) == len(instrument(code).sections)
    recommendation = body["recommendations"][0]
    assert recommendation["levers"][0]["url"].startswith(
        "http://testserver/autodiagnostics/ressources/#levier-"
    )
    assert Assessment.objects.count() == 0


def test_highest_answers_give_level_4(client: Client) -> None:
    answers = {}
    for item in instrument("territoire").items:
        answers[item.code] = (
            ["emploi"]
            if item.kind == MULTIPLE
            else max((o for o in item.scale.options if o.score is not None), key=lambda o: o.score).code
        )
    status, body = _score(client, "territoire", {"answers": answers})
    assert status == 200
    assert body["level"]["rank"] == 4
    assert body["recommendations"] == []


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda a: a.pop("rse_politique"), "rse_politique"),
        (lambda a: a.update(question_inventee="non"), "question_inventee"),
        (lambda a: a.update(rse_politique="peut_etre"), "peut_etre"),
    ],
)
def test_bad_answers_are_a_french_400_naming_the_id(client: Client, change, named: str) -> None:
    answers = _lowest("entreprise")
    change(answers)
    status, body = _score(client, "entreprise", {"answers": answers})
    assert status == 400
    assert named in body["error"]
    assert "réponse" in body["error"] or "question" in body["error"]


@pytest.mark.parametrize("body", [{}, {"answers": 3}, {"reponses": {}}, [1, 2], "{pas du json"])
def test_malformed_bodies_are_a_french_400(client: Client, body: object) -> None:
    status, answer = _score(client, "entreprise", body)
    assert status == 400
    assert "requête invalide" in answer["error"] or "illisible" in answer["error"]


def test_openapi_documents_the_scoring(client: Client) -> None:
    schema = client.get("/api/openapi.json").json()
    assert "/api/autodiagnostics/{code}/score" in schema["paths"]


def test_public_aggregates_have_at_least_10_respondents(client: Client) -> None:
    create_demo(count=300, seed=5)
    rows = client.get("/api/autodiagnostics/agregats/").json()
    assert rows
    assert all(row["count"] >= 10 for row in rows)
    assert len(rows) == PeerHistogram.objects.filter(total__gte=10).count()
    assert PeerHistogram.objects.filter(total__lt=10).exists()  # held back, not published
    assert all(row["q1"] is None for row in rows if row["count"] < 30)
