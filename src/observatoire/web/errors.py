"""The site's 404: a French JSON error under ``/api/`` (what an API client parses), the French page
elsewhere."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views import defaults

from observatoire.messages import t
from observatoire.web.api import responses


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return responses.error(404, t("api.not_found", path=request.path[:200]))
    return defaults.page_not_found(request, exception)
