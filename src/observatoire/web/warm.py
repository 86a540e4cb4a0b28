"""Rendering the pages visitors land on before the server forks its workers.

A first rendering costs 0.1 to 1.5 s (charts, tables, lazy imports); rendered once in the parent, the
answers are in every worker's memory from its first request (fork shares them), so no visitor waits for
a cold page. The pages go through the whole WSGI application, as a request from the address served.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterable
from wsgiref.util import setup_testing_defaults

from django.conf import settings
from django.http.request import validate_host

from observatoire.reference import territories
from observatoire.web.pages.views import territory_url

FIXED_PATHS = (
    "/",
    "/carte/",
    "/methodologie/",
    "/comparer/",
    "/api/",
    "/pratiques/",
)  # the last builds the case base index


def landing_paths() -> list[str]:
    """The home, map, methodology, compare and API pages, and the nation's and régions' pages."""
    found = [territories.nation(), *territories.regions()]
    return [*FIXED_PATHS, *(territory_url(territory) for territory in found)]


def visitor_host(host: str, port: int) -> tuple[str, dict[str, str]]:
    """The Host header visitors send (a name Django accepts) and the headers a reverse proxy adds.

    Served on a loopback or public address, visitors name it with its port; behind the HTTPS proxy they
    name the site (the first of ``ALLOWED_HOSTS``) and the proxy says the request came over HTTPS.
    """
    named = [name for name in settings.ALLOWED_HOSTS if name != "*" and not name.startswith(".")]
    if settings.BEHIND_HTTPS_PROXY and named:
        return named[0], {"HTTP_X_FORWARDED_PROTO": "https"}
    address = f"[{host}]" if ":" in host else host
    if not validate_host(address, settings.ALLOWED_HOSTS) and named:
        address = named[0]
    return f"{address}:{port}", {}


def _get(application: Callable, path: str, host: str, port: int) -> str:
    named, proxied = visitor_host(host, port)
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": host,
        "SERVER_PORT": str(port),
        "HTTP_HOST": named,
        "wsgi.input": io.BytesIO(),
        **proxied,
    }
    setup_testing_defaults(environ)
    status: list[str] = []
    body = application(environ, lambda code, headers, exc_info=None: status.append(code))
    try:
        for _chunk in body:
            pass
    finally:
        getattr(body, "close", lambda: None)()
    return status[0] if status else ""


def warm(
    application: Callable, host: str, port: int, paths: Iterable[str] | None = None
) -> tuple[int, float]:
    """Request each landing page once; returns (pages answered 200, seconds taken)."""
    started = time.perf_counter()
    territories.search("Paris", limit=1)  # builds the search index (0.7 s) once for every worker
    answered = sum(_get(application, path, host, port).startswith("200") for path in paths or landing_paths())
    return answered, time.perf_counter() - started
