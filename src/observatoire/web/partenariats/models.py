"""A partnership evaluation belongs to its partners: each reaches it only through its own token (192 bits,
DESIGN.md asks at least 128); the opener's token also manages it. Deleting the evaluation deletes its
partners, rounds and answers for real (cascade), as does the retention purge (:func:`purge_untouched`)."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.db import models

TOKEN_BYTES = 24  # 192 bits


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


class Evaluation(models.Model):  # type: ignore[misc]  # Django ships no type information
    name = models.CharField(max_length=200)
    model = models.CharField(max_length=40, help_text="code du modèle de partenariat (vocabulaire)")
    start_year = models.PositiveSmallIntegerField()
    objectives = models.TextField(blank=True)
    territory = models.CharField(max_length=200, blank=True)
    instrument = models.CharField(max_length=40, default="evaluation_partenariale")
    version = models.PositiveIntegerField()
    created = models.DateTimeField(auto_now_add=True)
    synthetic = models.BooleanField(default=False, help_text="jeu de démonstration synthétique")

    def __str__(self) -> str:
        return f"évaluation {self.pk}"

    def current_round(self) -> Round:
        found: Round = self.rounds.order_by("-number").first()
        return found


class Partner(models.Model):  # type: ignore[misc]
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(max_length=200)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    opener = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("order", "pk")

    def __str__(self) -> str:
        return str(self.name)


class Round(models.Model):  # type: ignore[misc]
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField()
    opened = models.DateTimeField(auto_now_add=True)
    closed = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("number",)
        constraints = (
            models.UniqueConstraint(fields=["evaluation", "number"], name="partenariats_round_number"),
        )

    def __str__(self) -> str:
        return f"tour {self.number}"


class Response(models.Model):  # type: ignore[misc]
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="responses")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="responses")
    answers = models.JSONField(default=dict)
    comments = models.JSONField(default=dict)
    updated = models.DateTimeField(auto_now=True)
    submitted = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["round", "partner"], name="partenariats_response_key"),
        )

    def __str__(self) -> str:
        return f"réponse {self.partner_id} / {self.round_id}"


def purge_untouched(before: datetime) -> int:
    """Delete the real evaluations untouched since ``before``: opened earlier, no round opened or closed and
    no grid saved since (``observatoire purger``, registered in :mod:`observatoire.web.retention`).
    Returns how many evaluations were deleted, with their partners, rounds and answers."""
    stale = (
        Evaluation.objects.filter(synthetic=False, created__lt=before)
        .exclude(rounds__opened__gte=before)
        .exclude(rounds__closed__gte=before)
        .exclude(partners__responses__updated__gte=before)
    )
    ids = list(stale.values_list("pk", flat=True))
    Evaluation.objects.filter(pk__in=ids).delete()
    return len(ids)
