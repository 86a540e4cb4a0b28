"""A consultation belongs to its organiser (a private manage link, no account: the database keeps its
digest, ``web.tokens``); its answers are never shown one by one to anyone. Results reach the territory's
public page only once a curator approves them."""

from __future__ import annotations

import secrets

from django.db import models

from observatoire.web.tokens import PrivateLink, new_token  # noqa: F401  (migration 0001's default)

PUBLIC_BYTES = 16  # 128 bits: the public answer link is unguessable too (a consultation is not listed)


def new_public_id() -> str:
    return secrets.token_urlsafe(PUBLIC_BYTES)


class Consultation(PrivateLink):
    DRAFT, OPEN, CLOSED = "draft", "open", "closed"
    STATUSES = ((DRAFT, "En préparation"), (OPEN, "Ouverte"), (CLOSED, "Close"))

    public_id = models.CharField(max_length=40, unique=True, default=new_public_id, editable=False)
    title = models.CharField(max_length=200)
    organiser = models.CharField(max_length=200, help_text="collectivité qui consulte")
    territory_level = models.CharField(max_length=20)  # commune, epci, departement
    territory_code = models.CharField(max_length=20)
    territory_name = models.CharField(max_length=200)
    region = models.CharField(max_length=3)
    starts = models.DateField()
    ends = models.DateField()
    status = models.CharField(max_length=10, choices=STATUSES, default=DRAFT)
    MODE_OPEN, MODE_CODES = "open", "codes"
    MODES = (
        (MODE_OPEN, "Ouverte à tous (une réponse par navigateur)"),
        (MODE_CODES, "Sur code à usage unique (panel)"),
    )
    mode = models.CharField(max_length=8, choices=MODES, default=MODE_OPEN)
    extra_questions = models.JSONField(default=list, blank=True, help_text="jusqu'à 5 questions fermées")
    margins = models.JSONField(
        null=True, blank=True, help_text="population par sexe et tranche d'âge : {sex, age, source}"
    )
    approved = models.BooleanField(
        default=False, help_text="résultats publiés sur la page du territoire (validation d'un curateur)"
    )
    synthetic = models.BooleanField(default=False, help_text="consultation de démonstration synthétique")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "consultation locale"
        verbose_name_plural = "consultations locales"

    def __str__(self) -> str:
        return f"{self.title} ({self.territory_name})"


class Response(models.Model):  # type: ignore[misc]
    """One respondent's answers: item code → option code (no free text, nothing identifying)."""

    WEB, PAPER = "web", "paper"
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="responses")
    answers = models.JSONField()
    channel = models.CharField(max_length=8, default=WEB)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "réponse"


#: Panel codes: no look-alike characters (0/O, 1/I/L), 10 characters (about 49 bits; one answer each).
#: Like private links, they are handed out once (the CSV made with them) and stored as their SHA-256.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class AnswerCode(models.Model):  # type: ignore[misc]
    """A single-use code the organiser prints or mails to a panel member; used once, then refused."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)

    class Meta:
        verbose_name = "code de réponse"
