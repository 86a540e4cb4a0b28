"""Public answers of the case base remembered in Django's cache, keyed by the published base's version.

A list, search, map or API answer depends only on its address, the HTMX header and the published base; the
base's version (:func:`catalog.version`, checked once a second) is in the key, so a publication makes older
answers unreachable at once. A repeated search (a shared link, the next visitor of a popular filter)
costs a cache read instead of a search and a rendering.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse

from observatoire.web import caching
from observatoire.web.agir import catalog

TIMEOUT_S = 3600


def _key(request: HttpRequest) -> str:
    address = f"{request.get_full_path()}|{request.headers.get('HX-Request', '')}"
    return f"agir:{catalog.version()}:{hashlib.sha256(address.encode()).hexdigest()}"


def remembered(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve a GET from the cache when the same address was answered 200 for the same base."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if request.method != "GET":
            return view(request, *args, **kwargs)
        return caching.remembered(_key(request), lambda: view(request, *args, **kwargs), TIMEOUT_S)

    return wrapped
