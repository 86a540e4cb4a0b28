"""The curators' admin: login required for everything (Django's admin). Each app registers its own models
(cases, catalysts and tools: ``observatoire.web.agir.admin``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.http import HttpRequest

admin.site.site_header = "Observatoire des partenariats : administration"
admin.site.site_title = "Observatoire : administration"
admin.site.index_title = "Contenus éditoriaux"

#: Django's admin.display, typed for mypy (Django ships no type information).
display: Callable[..., Callable[[Callable[..., str]], Callable[..., str]]] = admin.display


class AggregatesAdmin(admin.ModelAdmin):  # type: ignore[misc]  # Django ships no type information
    """Aggregates computed from answers (self-assessments' peers, evaluations): curators read them, never
    add, change or delete them (they follow the answers)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
