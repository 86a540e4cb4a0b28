"""Curators approve a consultation's results for the territory's public page; answers are never listed."""

from __future__ import annotations

from django.contrib import admin, messages

from observatoire.messages import t
from observatoire.web.consultations.models import Consultation
from observatoire.web.consultations.public import republish


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
        still_open = queryset.exclude(status=Consultation.CLOSED).count()
        if still_open:
            self.message_user(request, t("consultations.admin.not_closed", count=still_open), messages.ERROR)
        if queryset.filter(status=Consultation.CLOSED).update(approved=True):
            republish()

    @admin.action(description="Retirer les résultats de la page du territoire")  # type: ignore[untyped-decorator]
    def withdraw(self, request, queryset) -> None:  # type: ignore[no-untyped-def]
        if queryset.update(approved=False):
            republish()

    def save_model(self, request, obj, form, change) -> None:  # type: ignore[no-untyped-def]
        """A consultation still open is not approved (its answers would change under the public figures)."""
        if obj.approved and obj.status != Consultation.CLOSED:
            obj.approved = False
            self.message_user(request, t("consultations.admin.not_closed", count=1), messages.ERROR)
        super().save_model(request, obj, form, change)
        if obj.approved or "approved" in form.changed_data:
            republish()

    def delete_model(self, request, obj) -> None:  # type: ignore[no-untyped-def]
        super().delete_model(request, obj)
        if obj.approved:
            republish()

    def delete_queryset(self, request, queryset) -> None:  # type: ignore[no-untyped-def]
        had_approved = queryset.filter(approved=True).exists()
        super().delete_queryset(request, queryset)
        if had_approved:
            republish()
