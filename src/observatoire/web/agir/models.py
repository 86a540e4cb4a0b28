"""The case base, the catalysts directory and the toolbox: curated or contributed, public once published.

They were admin-only models of the ``web`` app (``CaseStudy``, ``Catalyst``, ``Tool``); they live here now
with the case base's fields, and ``agir.0002`` copied the earlier rows before ``web.0002`` dropped them.
Every entry stores its search keys (Snowball stems, :mod:`observatoire.recommend.text`), computed on save.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from observatoire.errors import NotFoundError
from observatoire.recommend import codes
from observatoire.recommend.proximity import footprint
from observatoire.recommend.search import document_keys
from observatoire.reference import vocabulary
from observatoire.web import validators as shared
from observatoire.web.agir import validators
from observatoire.web.models import LEVEL_CHOICES, LinkField

PENDING = "a_moderer"
PUBLISHED = "publie"
REFUSED = "refuse"
STATUS_CHOICES = [(PENDING, "À modérer"), (PUBLISHED, "Publié"), (REFUSED, "Refusé")]


def _choices(entries: tuple[codes.Code, ...]) -> list[tuple[str, str]]:
    return [(entry.code, entry.label) for entry in entries]


def reference_number() -> str:
    """A contribution's reference: short enough to quote, random so it reveals nothing (not a token)."""
    return "P-" + secrets.token_hex(4).upper()


class PublishedManager(models.Manager):  # type: ignore[misc]  # Django ships no type information
    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(status=PUBLISHED)


class Entry(models.Model):  # type: ignore[misc]  # Django ships no type information
    """What cases, catalysts and tools share: title, text, domains, where from, moderation status."""

    title = models.CharField("titre", max_length=200)
    slug = models.SlugField("identifiant d'adresse", max_length=200, unique=True, blank=True)
    summary = models.TextField("résumé", max_length=600)
    body = models.TextField("texte", blank=True, max_length=20000)
    territory_level = models.CharField("niveau territorial", max_length=20, choices=LEVEL_CHOICES)
    territory_code = models.CharField(
        "code du territoire", max_length=20, help_text="Code INSEE : 93, 13, 13055…"
    )
    domains = models.JSONField(
        "domaines de fragilité", default=list, blank=True, validators=[shared.validate_domains]
    )
    url = LinkField("lien", blank=True)
    licence = models.CharField("licence", max_length=80, default="CC BY 4.0")
    provenance = models.CharField(
        "provenance", max_length=20, choices=_choices(codes.PROVENANCES), default="observatoire"
    )
    source = models.CharField(
        "source", max_length=300, blank=True, help_text="Document ou organisme d'origine"
    )
    verified_on = models.DateField("vérifié le", null=True, blank=True)
    status = models.CharField("statut", max_length=12, choices=STATUS_CHOICES, default=PENDING, db_index=True)
    reference = models.CharField("référence", max_length=12, unique=True, default=reference_number)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("mis à jour le", auto_now=True, db_index=True)
    search_keys = models.JSONField("clés de recherche", default=dict, blank=True, editable=False)

    objects = models.Manager()
    public = PublishedManager()

    class Meta:
        abstract = True
        ordering = ("title",)
        # The published base's version (count and last update of the published entries, asked once a
        # second by every process) is read from this index alone, not from 10,000 wide rows.
        indexes = (models.Index(fields=("status", "updated_at"), name="%(app_label)s_%(class)s_version"),)

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return str(reverse(f"agir:{self.url_name}", args=[self.slug]))

    @property
    def territory_key(self) -> str:
        return f"{self.territory_level}:{self.territory_code}"

    @property
    def synthetic(self) -> bool:
        return bool(self.provenance == "synthetic")

    @property
    def place_name(self) -> str:
        """The territory's name (« Marseille »), its code when the reference no longer knows it."""
        try:
            return footprint(self.territory_key).name
        except NotFoundError:
            return str(self.territory_code)

    def clean(self) -> None:
        super().clean()
        if self.territory_level and self.territory_code:
            shared.validate_territory(self.territory_level, self.territory_code)

    def search_fields(self) -> dict[str, str]:
        """Texts searched: its own, plus its domains' labels (« mobilité » finds a case of that domain)."""
        return {
            "title": self.title,
            "summary": self.summary,
            "body": self.body,
            "tags": _labels(self.domains),
        }

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = _unique_slug(type(self), self.title)
        self.search_keys = document_keys(self.search_fields())
        super().save(*args, **kwargs)


def _labels(domains: list[str]) -> str:
    known = {d.code: d.label for d in vocabulary.domains()}
    return " ".join(known.get(code, "") for code in domains if isinstance(code, str))


def _unique_slug(model: type[models.Model], title: str) -> str:
    base = slugify(title)[:190] or "fiche"
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


class Catalyst(Entry):
    """A « catalyseur territorial »: who brings the actors of a territory together, and how (the kit
    « Apprendre à faire alliance »)."""

    url_name = "catalyst"

    structure = models.CharField("type de structure", max_length=120, blank=True)
    coverage = models.JSONField(
        "territoires couverts",
        default=list,
        blank=True,
        validators=[validators.validate_territory_keys],
        help_text="Clés niveau:code, ex. departement:31, epci:243100518",
    )
    activities = models.JSONField(
        "métiers de la co-construction",
        default=list,
        blank=True,
        validators=[shared.validate_catalyst_activities],
    )
    practices = models.JSONField("activités", default=list, blank=True)
    contact = models.EmailField("courriel de contact public", blank=True)
    networks = models.CharField("réseaux", max_length=300, blank=True)
    founded = models.PositiveSmallIntegerField("année de création", null=True, blank=True)

    class Meta(Entry.Meta):
        verbose_name = "catalyseur territorial"
        verbose_name_plural = "catalyseurs territoriaux"

    @property
    def covered(self) -> tuple[str, ...]:
        return tuple(self.coverage) or (self.territory_key,)


class CaseStudy(Entry):
    """A « pratique inspirante »: an alliance of actors answering fragilities of a territory."""

    url_name = "case"

    latitude = models.FloatField("latitude", null=True, blank=True)
    longitude = models.FloatField("longitude", null=True, blank=True)
    scale = models.CharField("échelle", max_length=12, choices=_choices(codes.SCALES), default="local")
    partnership_model = models.CharField(
        "modèle de partenariat", max_length=40, blank=True, validators=[shared.validate_partnership_model]
    )
    catalyst = models.ForeignKey(
        Catalyst,
        verbose_name="catalyseur",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
    )
    stage = models.CharField(
        "stade", max_length=16, choices=_choices(codes.STAGES), default="experimentation"
    )
    levers = models.JSONField("leviers", default=list, blank=True, validators=[shared.validate_levers])
    impacts = models.JSONField(
        "impacts recherchés", default=list, blank=True, validators=[validators.validate_impacts]
    )
    odd = models.JSONField("ODD", default=list, blank=True, validators=[validators.validate_odd])
    start_year = models.PositiveSmallIntegerField("année de démarrage", null=True, blank=True)
    links = models.TextField("sources et liens", blank=True, help_text="Une adresse par ligne")
    evidence = models.CharField(
        "niveau de preuve", max_length=24, choices=_choices(codes.EVIDENCE_LEVELS), default="temoignage"
    )

    class Meta(Entry.Meta):
        verbose_name = "pratique inspirante"
        verbose_name_plural = "pratiques inspirantes"

    def search_fields(self) -> dict[str, str]:
        names = " ".join(p.name for p in self.partners.all()) if self.pk else ""
        return {**super().search_fields(), "partners": names}


class Partner(models.Model):  # type: ignore[misc]  # Django ships no type information
    """One partner of a case: its actor type and, when public, its name."""

    case = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="partners")
    actor_type = models.CharField("type d'acteur", max_length=20, choices=_choices(codes.ACTOR_TYPES))
    name = models.CharField("nom", max_length=200, blank=True)

    class Meta:
        verbose_name = "partenaire"
        ordering = ("id",)

    def __str__(self) -> str:
        return str(self.name or self.get_actor_type_display())


class Tool(Entry):
    """An « outil »: a guide, method or self-assessment for building an alliance, by lever (the kit
    « Apprendre à faire alliance »). Tools are not placed: their territory is the nation unless a curator
    says otherwise."""

    url_name = "tool"

    territory_level = models.CharField(
        "niveau territorial", max_length=20, choices=LEVEL_CHOICES, default="nation"
    )
    territory_code = models.CharField("code du territoire", max_length=20, default="FR")

    levers = models.JSONField("leviers", default=list, blank=True, validators=[shared.validate_levers])
    questions = models.JSONField("questions des leviers", default=list, blank=True)
    categories = models.JSONField(
        "catégories de partenariat", default=list, blank=True, validators=[validators.validate_categories]
    )
    actor_types = models.JSONField(
        "types d'acteurs", default=list, blank=True, validators=[validators.validate_actor_types]
    )
    format = models.CharField("format", max_length=60, blank=True)
    partnership_model = models.CharField(
        "modèle de partenariat", max_length=40, blank=True, validators=[shared.validate_partnership_model]
    )

    class Meta(Entry.Meta):
        verbose_name = "outil"
        verbose_name_plural = "outils"


def refresh_search_keys(case: CaseStudy) -> None:
    """Store a case's keys again once its partners are saved (their names are searched too); its update
    time moves too, so that the published base's version changes after the keys are stored."""
    case.search_keys = document_keys(case.search_fields())
    CaseStudy.objects.filter(pk=case.pk).update(search_keys=case.search_keys, updated_at=timezone.now())
