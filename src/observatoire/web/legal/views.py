"""The four pages every French public website links from its footer (static text, a few settings)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from observatoire.reference import territories
from observatoire.web.legal import audit


def _legal() -> dict[str, object]:
    """Who publishes the site and how long answers are kept (deployment settings, see settings.py)."""
    return {
        "publisher": settings.OBSERVATOIRE_PUBLISHER,
        "director": settings.OBSERVATOIRE_PUBLICATION_DIRECTOR,
        "contact": settings.OBSERVATOIRE_CONTACT,
        "host": settings.OBSERVATOIRE_HOST,
        "retention_days": settings.OBSERVATOIRE_ANSWERS_RETENTION_DAYS,
    }


def legal_notice(request: HttpRequest) -> HttpResponse:
    return render(request, "legal/mentions.html", {"legal": _legal()})


def personal_data(request: HttpRequest) -> HttpResponse:
    return render(request, "legal/donnees.html", {"legal": _legal()})


def accessibility(request: HttpRequest) -> HttpResponse:
    context = {
        "legal": _legal(),
        "pages": audit.PAGES,
        "widths": audit.WIDTHS,
        "impacts": audit.BLOCKING_IMPACTS,
        "axe_version": audit.AXE_CORE_VERSION,
    }
    return render(request, "legal/accessibilite.html", context)


def site_map(request: HttpRequest) -> HttpResponse:
    regions = [{"name": r.name, "code": r.code} for r in territories.regions()]
    return render(request, "legal/plan.html", {"regions": regions})
