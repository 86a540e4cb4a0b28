"""Before the first build (or while the results store cannot be read) a page that shows results answers a
French 503 « pas encore de résultats publiés », never a 500."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from observatoire.errors import StoreError
from observatoire.web.pages.context import published_build

RETRY_AFTER_S = 300


def unpublished(request: HttpRequest) -> HttpResponse:
    response = render(request, "pages/unpublished.html", {"nav": ""}, status=503)
    response.headers["Retry-After"] = str(RETRY_AFTER_S)
    response.headers["Cache-Control"] = "no-store"
    return response


def needs_results(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Decorate every public view that reads published results."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if published_build() is None:
            return unpublished(request)
        try:
            return view(request, *args, **kwargs)
        except StoreError:
            return unpublished(request)

    return wrapped
