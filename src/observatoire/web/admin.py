"""The curators' admin: login required for everything (Django's admin), vocabulary codes as checkboxes."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from observatoire.reference import vocabulary
from observatoire.web.models import CaseStudy, Catalyst, Tool

admin.site.site_header = "Observatoire des partenariats : administration"
admin.site.site_title = "Observatoire : administration"
admin.site.index_title = "Contenus éditoriaux"


def _choices(entries: tuple) -> list[tuple[str, str]]:
    return [(entry.code, entry.label) for entry in entries]


def _multiple(entries: tuple, label: str) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=_choices(entries), required=False, widget=forms.CheckboxSelectMultiple
    )


def _model_choice() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Modèle de partenariat",
        choices=[("", "—"), *_choices(vocabulary.partnership_models())],
        required=False,
    )


class CuratedAdmin(admin.ModelAdmin):
    list_display = ("title", "territory_level", "territory_code", "published", "updated_at")
    list_filter = ("published", "territory_level")
    search_fields = ("title", "summary", "territory_code")
    prepopulated_fields = {"slug": ("title",)}  # noqa: RUF012 - Django's admin API


class CaseStudyForm(forms.ModelForm):
    domains = _multiple(vocabulary.domains(), "Domaines de fragilité")
    partnership_model = _model_choice()

    class Meta:
        model = CaseStudy
        fields = "__all__"


class CatalystForm(forms.ModelForm):
    domains = _multiple(vocabulary.domains(), "Domaines de fragilité")
    activities = _multiple(vocabulary.catalyst_activities(), "Métiers de la co-construction")

    class Meta:
        model = Catalyst
        fields = "__all__"


class ToolForm(forms.ModelForm):
    domains = _multiple(vocabulary.domains(), "Domaines de fragilité")
    levers = _multiple(vocabulary.levers(), "Leviers")
    partnership_model = _model_choice()

    class Meta:
        model = Tool
        fields = "__all__"


@admin.register(CaseStudy)
class CaseStudyAdmin(CuratedAdmin):
    form = CaseStudyForm
    list_display = (*CuratedAdmin.list_display, "partnership_model")
    list_filter = (*CuratedAdmin.list_filter, "partnership_model")


@admin.register(Catalyst)
class CatalystAdmin(CuratedAdmin):
    form = CatalystForm


@admin.register(Tool)
class ToolAdmin(CuratedAdmin):
    form = ToolForm
    list_filter = (*CuratedAdmin.list_filter, "partnership_model")
