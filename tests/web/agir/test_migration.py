"""The move of cases, catalysts and tools from the web app to agir keeps what curators had entered."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("observatoire_web", "0001_initial"), ("agir", "0001_initial")]


def test_rows_of_the_web_app_are_copied_then_its_tables_dropped():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    old = MigrationExecutor(connection).loader.project_state(BEFORE).apps
    common = {
        "territory_level": "region",
        "territory_code": "93",
        "summary": "Résumé.",
        "domains": ["emploi"],
    }
    old.get_model("observatoire_web", "CaseStudy").objects.create(
        title="Épicerie",
        slug="epicerie",
        published=True,
        partners="Les Restos",
        partnership_model="engagement_actif",
        **common,
    )
    old.get_model("observatoire_web", "Catalyst").objects.create(
        title="Le Lieu",
        slug="le-lieu",
        published=False,
        activities=["gestion_lieu"],
        contact="a@example.org",
        **common,
    )
    old.get_model("observatoire_web", "Tool").objects.create(
        title="Guide", slug="guide", published=True, levers=["faire_alliance"], **common
    )

    executor = MigrationExecutor(connection)
    executor.migrate(latest)
    new = executor.loader.project_state(latest).apps
    case = new.get_model("agir", "CaseStudy").objects.get()
    assert (case.slug, case.status, case.partnership_model) == ("epicerie", "publie", "engagement_actif")
    assert "Les Restos" in case.body
    assert case.search_keys["title"] == ["epicer"]
    catalyst = new.get_model("agir", "Catalyst").objects.get()
    assert (catalyst.status, catalyst.activities, catalyst.contact) == (
        "a_moderer",
        ["gestion_lieu"],
        "a@example.org",
    )
    assert new.get_model("agir", "Tool").objects.get().levers == ["faire_alliance"]
    assert "observatoire_web_casestudy" not in connection.introspection.table_names()
