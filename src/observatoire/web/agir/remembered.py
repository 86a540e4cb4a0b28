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

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from observatoire.web.agir import catalog

TIMEOUT_S = 3600
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "HX-Push-Url", "Cache-Control")


def _key(request: HttpRequest) -> str:
    address = f"{request.get_full_path()}|{request.headers.get('HX-Request', '')}"
    return f"agir:{catalog.version()}:{hashlib.sha256(address.encode()).hexdigest()}"


def remembered(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve a GET from the cache when the same address was answered 200 for the same base."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if request.method != "GET":
            return view(request, *args, **kwargs)
        key = _key(request)
        known = cache.get(key)
        if known is not None:
            content, headers = known
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            headers = [(name, response[name]) for name in KEPT_HEADERS if response.has_header(name)]
            cache.set(key, (response.content, headers), TIMEOUT_S)
        return response

    return wrapped
