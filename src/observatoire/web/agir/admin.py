"""Curators' side of the case base: vocabulary codes as checkboxes, partners inline, a moderation queue.

Contributions arrive « à modérer » and stay invisible until a curator publishes them (the list filter
« statut » is the queue; the actions publish or refuse several at once).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from observatoire.recommend import codes
from observatoire.reference import vocabulary
from observatoire.web.agir.models import (
    PUBLISHED,
    REFUSED,
    CaseStudy,
    Catalyst,
    Partner,
    Tool,
    refresh_search_keys,
)


def _choices(entries: tuple[Any, ...]) -> list[tuple[str, str]]:
    return [(entry.code, entry.label) for entry in entries]


def _multiple(choices: list[tuple[str, str]], label: str) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
    )


def _model_choice() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Modèle de partenariat",
        choices=[("", "—"), *_choices(vocabulary.partnership_models())],
        required=False,
    )


DOMAINS = _choices(vocabulary.domains())


@admin.action(description="Publier les fiches choisies")  # type: ignore[untyped-decorator]
def publish(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Any]) -> None:
    for entry in queryset:
        entry.status = PUBLISHED
        entry.save()


@admin.action(description="Refuser les fiches choisies")  # type: ignore[untyped-decorator]
def refuse(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Any]) -> None:
    for entry in queryset:  # saved one by one, as published: the public base is asked again at once
        entry.status = REFUSED
        entry.save()


class EntryAdmin(admin.ModelAdmin):  # type: ignore[misc]  # Django ships no type information
    list_display: tuple[str, ...] = (
        "title",
        "territory_level",
        "territory_code",
        "status",
        "provenance",
        "reference",
        "updated_at",
    )
    list_filter: tuple[str, ...] = ("status", "provenance", "territory_level")
    search_fields = ("title", "summary", "territory_code", "reference")
    prepopulated_fields = {"slug": ("title",)}  # noqa: RUF012 - Django's admin API
    actions = (publish, refuse)


class CaseStudyForm(forms.ModelForm):  # type: ignore[misc]  # Django ships no type information
    domains = _multiple(DOMAINS, "Domaines de fragilité")
    partnership_model = _model_choice()
    levers = _multiple(_choices(vocabulary.levers()), "Leviers")
    impacts = _multiple(_choices(vocabulary.impacts()), "Impacts recherchés")
    odd = _multiple(_choices(codes.ODD), "ODD")

    class Meta:
        model = CaseStudy
        fields = "__all__"


class CatalystForm(forms.ModelForm):  # type: ignore[misc]  # Django ships no type information
    domains = _multiple(DOMAINS, "Domaines de fragilité")
    activities = _multiple(_choices(vocabulary.catalyst_activities()), "Métiers de la co-construction")

    class Meta:
        model = Catalyst
        fields = "__all__"


class ToolForm(forms.ModelForm):  # type: ignore[misc]  # Django ships no type information
    domains = _multiple(DOMAINS, "Domaines de fragilité")
    levers = _multiple(_choices(vocabulary.levers()), "Leviers")
    categories = _multiple(_choices(vocabulary.partnership_categories()), "Catégories de partenariat")
    actor_types = _multiple(_choices(codes.ACTOR_TYPES), "Types d'acteurs")
    partnership_model = _model_choice()

    class Meta:
        model = Tool
        fields = "__all__"


class PartnerInline(admin.TabularInline):  # type: ignore[misc]  # Django ships no type information
    model = Partner
    extra = 1


@admin.register(CaseStudy)
class CaseStudyAdmin(EntryAdmin):
    form = CaseStudyForm
    inlines = (PartnerInline,)
    list_display = (*EntryAdmin.list_display, "partnership_model", "evidence")
    list_filter = (*EntryAdmin.list_filter, "partnership_model", "evidence", "stage")

    def save_related(
        self, request: HttpRequest, form: forms.ModelForm, formsets: list[Any], change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        refresh_search_keys(form.instance)  # partners' names are searched too


@admin.register(Catalyst)
class CatalystAdmin(EntryAdmin):
    form = CatalystForm


@admin.register(Tool)
class ToolAdmin(EntryAdmin):
    form = ToolForm
    list_filter = (*EntryAdmin.list_filter, "format")
