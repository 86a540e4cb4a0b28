"""A partnership evaluation belongs to its partners: each reaches it only through its own token (192 bits,
DESIGN.md asks at least 128; the database keeps its digest, ``web.tokens``); the opener's token also
manages it, and the other partners' tokens derive from it, so the opener's page rebuilds their links.
Deleting the evaluation deletes its partners, rounds and answers for real (cascade), as does the retention
purge (``partenariats.purge``)."""

from __future__ import annotations

from django.db import models

from observatoire.web.tokens import PrivateLink, derive, digest, new_token  # noqa: F401  (0001's default)

#: The grid every evaluation is opened with (its version is kept with the evaluation).
GRID = "evaluation_partenariale"


class Evaluation(models.Model):  # type: ignore[misc]  # Django ships no type information
    name = models.CharField(max_length=200)
    model = models.CharField(max_length=40, help_text="code du modèle de partenariat (vocabulaire)")
    start_year = models.PositiveSmallIntegerField()
    objectives = models.TextField(blank=True)
    territory = models.CharField(max_length=200, blank=True)
    instrument = models.CharField(max_length=40, default=GRID)
    version = models.PositiveIntegerField()
    created = models.DateTimeField(auto_now_add=True)
    synthetic = models.BooleanField(default=False, help_text="jeu de démonstration synthétique")

    def __str__(self) -> str:
        return f"évaluation {self.pk}"

    def current_round(self) -> Round:
        found: Round = self.rounds.order_by("-number").first()
        return found


class Partner(PrivateLink):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(max_length=200)
    opener = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("order", "pk")

    def __str__(self) -> str:
        return str(self.name)

    def token_from(self, opener_token: str) -> str | None:
        """This partner's token rebuilt from the opener's; None when it was not derived from it (a link
        handed out before links were derived: only its holder has it)."""
        token = derive(opener_token, f"partenaire:{self.pk}")
        return token if digest(token) == self.token_hash else None


def add_partner(evaluation: Evaluation, opener_token: str, name: str, order: int) -> Partner:
    """A partner whose token derives from the opener's (two writes: the label is the new row's key)."""
    partner: Partner = Partner.objects.create(evaluation=evaluation, name=name, order=order)
    partner.issue_token(derive(opener_token, f"partenaire:{partner.pk}"))
    partner.save(update_fields=["token_hash"])
    return partner


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


class OpenAggregate(models.Model):  # type: ignore[misc]
    """One model's mean score on one line (an impact or an object) over its closed evaluations, kept by
    :func:`observatoire.web.partenariats.aggregates.rebuild`; published from 10 evaluations."""

    model = models.CharField("modèle de partenariat", max_length=40)
    line = models.CharField("ligne", max_length=60)
    evaluations = models.PositiveIntegerField("évaluations closes")
    mean = models.FloatField("note moyenne (0 à 4)")

    class Meta:
        constraints = (models.UniqueConstraint(fields=["model", "line"], name="partenariats_aggregate_key"),)
        verbose_name = "agrégat d'évaluations"
        verbose_name_plural = "agrégats d'évaluations closes (10 au moins)"

    def __str__(self) -> str:
        return f"{self.model} / {self.line}"
