"""Curators see aggregates of at least 10 respondents only: no individual answer is in the admin."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from observatoire.questionnaires import peers
from observatoire.web.autodiagnostics.models import PeerHistogram

#: Django's admin.display, typed for mypy (Django ships no type information).
display: Callable[..., Callable[[Callable[..., str]], Callable[..., str]]] = admin.display


@admin.register(PeerHistogram)
class PeerHistogramAdmin(admin.ModelAdmin):  # type: ignore[misc]  # Django ships no type information
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
        return "" if value is None else f"{value:.0f}"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: PeerHistogram | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: PeerHistogram | None = None) -> bool:
        return False
