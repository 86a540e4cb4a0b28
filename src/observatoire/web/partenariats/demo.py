"""A labelled synthetic set of partnership evaluations, so the demo shows the mirror and the evolution.

Evaluations have two or three partners (invented names, flagged ``synthetic``, said on every page and in
the PDF); each partner scores around a shared view of the partnership with its own bias, so some lines
diverge; a third of them have a second round a year later where partners come closer. Replaces the
previous synthetic set (never a real evaluation).
"""

from __future__ import annotations

import random

from django.db import transaction
from django.utils import timezone

from observatoire.questionnaires import instrument
from observatoire.questionnaires.model import Instrument
from observatoire.reference import vocabulary
from observatoire.web.partenariats.models import GRID, Evaluation, Partner, Response, Round, add_partner

NAMES = (
    ("Association Les Ateliers (fictive)", "Entreprise Bâtir Ensemble (fictive)"),
    ("Fondation Horizon (fictive)", "Association Lire et Faire (fictive)", "Commune de Valfleuri (fictive)"),
    ("Coopérative Terres Vives (fictive)", "Association Solidaires 24 (fictive)"),
)
TERRITORIES = ("Rennes", "Lyon", "Marseille", "Lille", "Clermont-Ferrand", "Nantes")


def _answers(grid: Instrument, view: float, bias: float, rng: random.Random) -> dict[str, str]:
    answers = {}
    for item in grid.items:
        scored = [o for o in item.scale.options if o.score is not None]
        value = round(min(max(rng.gauss(view + bias, 0.8), 0), len(scored) - 1))
        answers[item.code] = scored[value].code
    return answers


def _round(
    evaluation: Evaluation, number: int, grid: Instrument, closeness: float, rng: random.Random
) -> None:
    current = Round.objects.create(
        evaluation=evaluation, number=number, closed=timezone.now() if number == 1 else None
    )
    view = rng.uniform(1.5, 3.2)
    for partner in evaluation.partners.all():
        bias = rng.uniform(-1.2, 1.2) * closeness
        Response.objects.create(
            round=current, partner=partner, answers=_answers(grid, view, bias, rng), submitted=timezone.now()
        )


def create_demo(count: int = 12, seed: int = 2026) -> list[str]:
    """Create ``count`` synthetic evaluations; returns the opener tokens (to open their pages)."""
    rng = random.Random(seed)
    grid = instrument(GRID)
    models = vocabulary.partnership_models()
    tokens = []
    with transaction.atomic():
        Evaluation.objects.filter(synthetic=True).delete()
        for number in range(count):
            names = NAMES[number % len(NAMES)]
            model = models[number % len(models)]
            evaluation = Evaluation.objects.create(
                name=f"Partenariat de démonstration n° {number + 1} ({model.label})",
                model=model.code,
                start_year=2018 + number % 6,
                objectives="Objectifs inventés pour la démonstration.",
                territory=TERRITORIES[number % len(TERRITORIES)],
                instrument=grid.code,
                version=grid.version,
                synthetic=True,
            )
            opener = Partner.objects.create(evaluation=evaluation, name=names[0], opener=True, order=0)
            for order, name in enumerate(names[1:], start=1):
                add_partner(evaluation, opener.token, name, order)
            rounds = 2 if number % 3 == 0 else 1
            for round_number in range(1, rounds + 1):
                _round(evaluation, round_number, grid, 1.0 / round_number, rng)
            if rounds == 1:
                Round.objects.filter(evaluation=evaluation).update(closed=None)
            tokens.append(opener.token)
    return tokens
