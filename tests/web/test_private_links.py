"""Private links (web.tokens) across the self-assessment, the partnership evaluation and the consultation:
the database holds no plain token anywhere, a deleted link answers exactly as one that never existed,
and the migration hashes the tokens (and panel codes) already stored, so what was handed out keeps working."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from observatoire.web.consultations.models import new_code
from observatoire.web.tokens import digest, new_token

pytestmark = pytest.mark.django_db

ASSESS = {"actor": "dirigeant", "size": "pme", "territory": "Rennes"}
EVALUATION = {
    "name": "Alliance pour l'emploi",
    "model": "cooperation_economique",
    "start_year": "2021",
    "objectives": "Insertion",
    "territory": "Rennes",
    "opener": "Association Tremplin",
    "partners": "Entreprise Bâtir\nMairie",
}
CONSULTATION = {
    "title": "Vos priorités",
    "organiser": "Ville de Gap",
    "level": "commune",
    "code": "05061",
    "starts": "2026-12-01",
    "ends": "2027-01-31",
    "mode": "open",
}


def _token(location: str, pattern: str) -> str:
    found = re.match(pattern, location)
    assert found is not None, location
    return found.group(1)


def _every_stored_text() -> str:
    """Every value of every row of every table of the database, as one text."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            parts.extend(str(value) for row in cursor.fetchall() for value in row)
    return "\n".join(parts)


def _open_all(client: Client) -> dict[str, str]:
    """One of each private link, made through the pages, as their holders receive them."""
    assessment = client.post("/autodiagnostics/entreprise/commencer/", ASSESS)
    evaluation = client.post("/evaluations/", EVALUATION)
    consultation = client.post("/consultations/nouvelle/", CONSULTATION)
    tokens = {
        "assessment": _token(assessment["Location"], r"^/autodiagnostics/r/([\w-]+)/axe/1/$"),
        "opener": _token(evaluation["Location"], r"^/evaluations/p/([\w-]+)/$"),
        "consultation": _token(consultation["Location"], r"^/consultations/gerer/([\w-]+)/$"),
    }
    page = client.get(f"/evaluations/p/{tokens['opener']}/").content.decode()
    others = set(re.findall(r'value="http://testserver/evaluations/p/([\w-]+)/"', page)) - {tokens["opener"]}
    assert len(others) == 2  # the opener's page rebuilds both partners' links
    tokens.update({f"partner{n}": token for n, token in enumerate(sorted(others))})
    return tokens


def test_the_database_holds_no_plain_token_only_digests(client: Client) -> None:
    tokens = _open_all(client)
    assert all(len(token) >= 32 for token in tokens.values())
    stored = _every_stored_text()
    for name, token in tokens.items():
        assert token not in stored, name
        assert digest(token) in stored, name  # what is kept instead
    # each link still opens its page, found by digest
    assert client.get(f"/autodiagnostics/r/{tokens['assessment']}/axe/1/").status_code == 200
    assert client.get(f"/consultations/gerer/{tokens['consultation']}/").status_code == 200
    mine = client.get(f"/evaluations/p/{tokens['partner0']}/")
    assert mine.status_code == 200
    assert tokens["partner0"] in mine.content.decode()  # its own link, from the URL it came with


def _same_answer(client: Client, gone: str, never: str) -> None:
    first, second = client.get(gone), client.get(never)
    assert first.status_code == second.status_code == 404
    assert first.content == second.content
    assert sorted(first.headers.items()) == sorted(second.headers.items())


def test_a_deleted_link_answers_exactly_as_one_that_never_existed(client: Client) -> None:
    tokens = _open_all(client)
    client.post(f"/autodiagnostics/r/{tokens['assessment']}/supprimer/")
    client.post(f"/evaluations/p/{tokens['opener']}/gerer/", {"action": "supprimer", "confirmer": "1"})
    client.post(f"/consultations/gerer/{tokens['consultation']}/supprimer/")
    never = new_token()
    _same_answer(client, f"/autodiagnostics/r/{tokens['assessment']}/", f"/autodiagnostics/r/{never}/")
    _same_answer(client, f"/evaluations/p/{tokens['partner1']}/", f"/evaluations/p/{never}/")
    _same_answer(client, f"/consultations/gerer/{tokens['consultation']}/", f"/consultations/gerer/{never}/")


@pytest.mark.django_db(transaction=True)
def test_the_migration_hashes_the_tokens_already_handed_out(client: Client) -> None:
    before = [
        ("autodiagnostics", "0001_initial"),
        ("partenariats", "0002_open_aggregates"),
        ("consultations", "0002_answer_codes"),
    ]
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    old = MigrationExecutor(connection).loader.project_state(before).apps
    plain = {
        "assessment": new_token(),
        "partner": new_token(),
        "other": new_token(),
        "consultation": new_token(),
        "code": new_code(),  # a panel member's single-use code
    }
    old.get_model("autodiagnostics", "Assessment").objects.create(
        token=plain["assessment"],
        instrument="entreprise",
        version=1,
        actor="dirigeant",
        size="pme",
        territory="commune:35238",
        territory_name="Rennes",
    )
    evaluation = old.get_model("partenariats", "Evaluation").objects.create(
        name="Ancienne", model="cooperation_economique", start_year=2020, version=1
    )
    old.get_model("partenariats", "Partner").objects.create(
        evaluation=evaluation, name="Ouvreur", token=plain["partner"], opener=True
    )
    old.get_model("partenariats", "Partner").objects.create(
        evaluation=evaluation, name="Autre", token=plain["other"], order=1
    )
    old.get_model("partenariats", "Round").objects.create(evaluation=evaluation, number=1)
    consultation = old.get_model("consultations", "Consultation").objects.create(
        token=plain["consultation"],
        title="Ancienne",
        organiser="Gap",
        territory_level="commune",
        territory_code="05061",
        territory_name="Gap",
        region="93",
        starts=datetime.date(2026, 1, 1),
        ends=datetime.date(2026, 2, 1),
    )
    old.get_model("consultations", "AnswerCode").objects.create(consultation=consultation, code=plain["code"])

    MigrationExecutor(connection).migrate(latest)

    stored = _every_stored_text()
    for name, token in plain.items():
        assert token not in stored, name
        assert digest(token) in stored, name
    assert client.get(f"/autodiagnostics/r/{plain['assessment']}/")["Location"].endswith("/axe/1/")
    opener = client.get(f"/evaluations/p/{plain['partner']}/")
    assert opener.status_code == 200
    assert plain["partner"] in opener.content.decode()
    # a partner's link handed out before links were derived works, and is no longer shown to the opener
    assert plain["other"] not in opener.content.decode()
    assert "seul ce partenaire le détient" in opener.content.decode()
    assert client.get(f"/evaluations/p/{plain['other']}/").status_code == 200
    assert client.get(f"/consultations/gerer/{plain['consultation']}/").status_code == 200
