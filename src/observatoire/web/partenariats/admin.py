"""Curators see the open aggregates of closed evaluations (10 at least per line) and nothing else: no
evaluation, partner, answer or comment is registered in the admin (they belong to the partners)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from observatoire.numbers import number
from observatoire.reference import vocabulary
from observatoire.web.admin import AggregatesAdmin, display
from observatoire.web.partenariats.aggregates import THRESHOLD
from observatoire.web.partenariats.models import OpenAggregate


@admin.register(OpenAggregate)
class OpenAggregateAdmin(AggregatesAdmin):
    list_display = ("model_label", "line", "evaluations", "mean_shown")
    list_filter = ("model", "line")
    readonly_fields = ("model", "line", "evaluations", "mean")

    def get_queryset(self, request: HttpRequest) -> QuerySet[OpenAggregate]:
        found: QuerySet[OpenAggregate] = (
            super().get_queryset(request).filter(evaluations__gte=THRESHOLD).order_by("model", "line")
        )
        return found

    @display(description="modèle de partenariat")
    def model_label(self, row: OpenAggregate) -> str:
        known = {m.code: m.label for m in vocabulary.partnership_models()}
        return str(known.get(row.model, row.model))

    @display(description="note moyenne (0 à 4)")
    def mean_shown(self, row: OpenAggregate) -> str:
        return number(row.mean)
