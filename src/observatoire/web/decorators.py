"""The decorators the acting apps' views stack: which HTTP methods a page answers, and ``private`` for a
page under a private link (self-assessment, evaluation, consultation), one definition for all of them."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods, require_safe

View = Callable[..., HttpResponse]
#: Django's method decorators, typed for mypy (Django ships no type information).
safe_methods: Callable[[View], View] = require_safe
form_methods: Callable[[View], View] = require_http_methods(["GET", "HEAD", "POST"])


def private(view: View) -> View:
    """A page only its link's holder sees: not indexed, not stored by any cache."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store, private"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapped
