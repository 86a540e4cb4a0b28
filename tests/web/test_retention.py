"""The one retention purge: every app that stores answers registers what it purges, and
``observatoire purger`` deletes, for real, what is untouched for longer than the setting."""

from __future__ import annotations

from datetime import timedelta

import pytest
from click.testing import CliRunner
from django.utils import timezone

from observatoire.cli import main
from observatoire.questionnaires import instrument
from observatoire.web import retention
from observatoire.web.partenariats.models import Evaluation, Partner, Response, Round

pytestmark = pytest.mark.django_db

GRID = instrument("evaluation_partenariale")
LONG_AGO = timezone.now() - timedelta(days=800)


def _evaluation(name: str, *, synthetic: bool = False) -> Evaluation:
    """An evaluation opened 800 days ago, its round 1 and one partner's grid saved then."""
    evaluation = Evaluation.objects.create(
        name=name, model="rd_sociale", start_year=2020, version=GRID.version, synthetic=synthetic
    )
    first = Round.objects.create(evaluation=evaluation, number=1)
    partner = Partner.objects.create(evaluation=evaluation, name="P", opener=True)
    Response.objects.create(round=first, partner=partner, answers={"produit_sens": "2"})
    Evaluation.objects.filter(pk=evaluation.pk).update(created=LONG_AGO)
    Round.objects.filter(pk=first.pk).update(opened=LONG_AGO)
    Response.objects.filter(round=first).update(updated=LONG_AGO)
    return evaluation


def test_every_app_storing_answers_is_registered() -> None:
    assert {"autodiagnostics", "evaluations"} <= {purger.code for purger in retention.registered()}


def test_evaluations_untouched_since_the_retention_are_deleted_with_everything_they_hold() -> None:
    _evaluation("oubliée")
    answered = _evaluation("notée récemment")
    Response.objects.filter(round__evaluation=answered).update(updated=timezone.now())
    closed = _evaluation("close récemment")
    Round.objects.filter(evaluation=closed).update(closed=timezone.now())
    _evaluation("démonstration", synthetic=True)  # the demo command replaces those
    Evaluation.objects.create(name="récente", model="rd_sociale", start_year=2024, version=GRID.version)
    done, days = retention.purge(730)
    assert days == 730
    assert {purger.code: count for purger, count in done}["evaluations"] == 1
    assert set(Evaluation.objects.values_list("name", flat=True)) == {
        "notée récemment",
        "close récemment",
        "démonstration",
        "récente",
    }
    assert Response.objects.count() == 3  # the forgotten one's answers went with it
    assert Partner.objects.count() == 3
    assert retention.purge(0)[0][0][1] == 0  # 0 days: keep everything
    assert Evaluation.objects.count() == 4


def test_the_command_uses_the_setting_and_names_each_app(settings) -> None:
    _evaluation("oubliée")
    settings.OBSERVATOIRE_ANSWERS_RETENTION_DAYS = 900
    kept = CliRunner().invoke(main, ["purger"])
    assert kept.exit_code == 0, kept.output
    assert "Évaluations partenariales : 0 suppression(s) (conservation : 900 jours)." in kept.output
    assert "Autodiagnostics : 0 suppression(s)" in kept.output
    done = CliRunner().invoke(main, ["purger", "--jours", "365"])
    assert "Évaluations partenariales : 1 suppression(s) (conservation : 365 jours)." in done.output
    assert not Evaluation.objects.exists()
    assert "rien n'est supprimé" in CliRunner().invoke(main, ["purger", "--jours", "0"]).output
    refused = CliRunner().invoke(main, ["purger", "--jours", "-1"])
    assert refused.exit_code == 2
