"""Curators approve a consultation's results for the territory's public page; answers are never listed."""

from __future__ import annotations

from django.contrib import admin

from observatoire.web.consultations.models import Consultation


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):  # type: ignore[misc]  # Django ships no type information
    list_display = (
        "title",
        "territory_name",
        "territory_level",
        "status",
        "approved",
        "synthetic",
        "created",
    )
    list_filter = ("status", "approved", "synthetic", "territory_level")
    search_fields = ("title", "territory_name", "territory_code", "organiser")
    fields = (
        "title",
        "organiser",
        "territory_level",
        "territory_code",
        "territory_name",
        "region",
        "starts",
        "ends",
        "status",
        "approved",
        "synthetic",
        "margins",
        "extra_questions",
    )
    readonly_fields = (
        "territory_level",
        "territory_code",
        "territory_name",
        "region",
        "status",
        "extra_questions",
    )
    actions = ("approve", "withdraw")

    @admin.action(description="Publier les résultats sur la page du territoire")  # type: ignore[untyped-decorator]
    def approve(self, request, queryset) -> None:  # type: ignore[no-untyped-def]
        queryset.update(approved=True)

    @admin.action(description="Retirer les résultats de la page du territoire")  # type: ignore[untyped-decorator]
    def withdraw(self, request, queryset) -> None:  # type: ignore[no-untyped-def]
        queryset.update(approved=False)
