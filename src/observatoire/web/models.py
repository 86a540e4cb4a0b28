"""Curated content of the platform, edited by curators in the admin: inspiring cases, territorial
catalysts, tools. Figures are not here: they are the core's results, read through the store's API."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.text import slugify

from observatoire.reference.territories import LEVELS, level_label
from observatoire.web import validators

LEVEL_CHOICES = [(level, level_label(level)) for level in LEVELS]


class LinkField(models.URLField):
    """A URL whose form assumes https for a bare domain (Django 6's default, without its warning)."""

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"assume_scheme": "https", **kwargs})


class Curated(models.Model):
    """What every curated entry has: a title, a territory, the domains it answers, French text."""

    title = models.CharField("titre", max_length=200)
    slug = models.SlugField("identifiant d'adresse", max_length=200, unique=True, blank=True)
    territory_level = models.CharField("niveau territorial", max_length=20, choices=LEVEL_CHOICES)
    territory_code = models.CharField(
        "code du territoire", max_length=20, help_text="Code INSEE : 93, 13, 13055…"
    )
    domains = models.JSONField(
        "domaines de fragilité", default=list, blank=True, validators=[validators.validate_domains]
    )
    summary = models.TextField("résumé", max_length=600)
    body = models.TextField("texte", blank=True)
    url = LinkField("lien", blank=True)
    published = models.BooleanField("publié", default=False)
    updated_at = models.DateTimeField("mis à jour le", auto_now=True)

    class Meta:
        abstract = True
        ordering = ("title",)

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.territory_level and self.territory_code:
            validators.validate_territory(self.territory_level, self.territory_code)

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.slug:
            self.slug = slugify(self.title)[:200]
        super().save(*args, **kwargs)


class CaseStudy(Curated):
    """A « cas inspirant »: an alliance between actors of a territory, with its partnership model."""

    partners = models.TextField(
        "partenaires", blank=True, help_text="Associations, entreprises, collectivités…"
    )
    partnership_model = models.CharField(
        "modèle de partenariat", max_length=40, blank=True, validators=[validators.validate_partnership_model]
    )

    class Meta(Curated.Meta):
        verbose_name = "cas inspirant"
        verbose_name_plural = "cas inspirants"


class Catalyst(Curated):
    """A « catalyseur territorial »: who brings actors together on a territory, and how."""

    activities = models.JSONField(
        "métiers de la co-construction",
        default=list,
        blank=True,
        validators=[validators.validate_catalyst_activities],
    )
    contact = models.EmailField("courriel de contact", blank=True)

    class Meta(Curated.Meta):
        verbose_name = "catalyseur territorial"
        verbose_name_plural = "catalyseurs territoriaux"


class Tool(Curated):
    """An « outil »: a guide, method or self-assessment that helps actors build an alliance."""

    levers = models.JSONField("leviers", default=list, blank=True, validators=[validators.validate_levers])
    partnership_model = models.CharField(
        "modèle de partenariat", max_length=40, blank=True, validators=[validators.validate_partnership_model]
    )

    class Meta(Curated.Meta):
        verbose_name = "outil"
        verbose_name_plural = "outils"
