"""A self-assessment belongs to its author: reachable only through its token (the database keeps its digest,
``web.tokens``), deleted for real.

``PeerHistogram`` keeps, per instrument version, actor type, size band, place and measure (each section,
and the overall score), how many completed assessments scored each whole number 0-100, so a result page
reads its peers in one query instead of rescanning every assessment. Each row says when it last
``changed``, so a result page remembered with its peers' figures knows when they moved.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from observatoire.questionnaires.peers import BINS
from observatoire.web.tokens import PrivateLink, new_token  # noqa: F401  (migration 0001's default)


def result_key(token_hash: str) -> str:
    """Where the result page of the assessment with this token digest is remembered in Django's cache
    (removed with its assessment); the digest, so the cache's keys hold no working link."""
    return f"autodiag.result.{token_hash}"


class Assessment(PrivateLink):
    instrument = models.CharField(max_length=40)
    version = models.PositiveIntegerField()
    actor = models.CharField(max_length=40)
    size = models.CharField(max_length=40)
    territory = models.CharField(max_length=40, help_text="clé du territoire déclaré (commune:…, epci:…)")
    territory_name = models.CharField(max_length=200)
    region = models.CharField(max_length=3, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    answers = models.JSONField(default=dict)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    completed = models.DateTimeField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True)
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    section_scores = models.JSONField(default=dict, help_text="score 0-100 par axe, null si non applicable")
    synthetic = models.BooleanField(default=False, help_text="jeu de démonstration synthétique")

    class Meta:
        indexes = (models.Index(fields=["updated"], name="autodiag_updated"),)

    def __str__(self) -> str:
        return f"autodiagnostic {self.instrument} v{self.version}"


class PeerHistogram(models.Model):  # type: ignore[misc]
    instrument = models.CharField(max_length=40)
    version = models.PositiveIntegerField()
    actor = models.CharField(max_length=40)
    size = models.CharField(max_length=40)
    scope = models.CharField(max_length=20)  # region, macro_region, nation
    place = models.CharField(max_length=40)
    measure = models.CharField(max_length=60)  # a section code, or the overall score
    total = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=list)
    changed = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=["instrument", "version", "actor", "size", "scope", "place", "measure"],
                name="autodiag_histogram_key",
            ),
        )
        verbose_name = "agrégat de pairs"
        verbose_name_plural = "agrégats de pairs (10 répondants au moins)"

    def __str__(self) -> str:
        return (
            f"{self.instrument} v{self.version} {self.actor}/{self.size} "
            f"{self.scope}:{self.place} {self.measure}"
        )

    def clean_counts(self) -> list[int]:
        return list(self.counts) if len(self.counts) == BINS else [0] * BINS
