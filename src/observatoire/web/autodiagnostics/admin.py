"""Curators see aggregates of at least 10 respondents only: no individual answer is in the admin."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from observatoire.numbers import number
from observatoire.questionnaires import peers
from observatoire.web.admin import AggregatesAdmin, display
from observatoire.web.autodiagnostics.models import PeerHistogram


@admin.register(PeerHistogram)
class PeerHistogramAdmin(AggregatesAdmin):
    list_display = ("instrument", "version", "actor", "size", "scope", "place", "measure", "total", "median")
    list_filter = ("instrument", "scope", "measure")
    readonly_fields = (
        "instrument",
        "version",
        "actor",
        "size",
        "scope",
        "place",
        "measure",
        "total",
        "median",
    )
    exclude = ("counts",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[PeerHistogram]:
        found: QuerySet[PeerHistogram] = super().get_queryset(request).filter(total__gte=peers.MIN_PEERS)
        return found

    @display(description="médiane")
    def median(self, row: PeerHistogram) -> str:
        value = peers.quantile(row.clean_counts(), 0.5)
        return number(value, 0, missing="")
