"""Rendering every public page of the published build into the cache before visitors ask for it.

A cold page costs database reads and a rendering; under load, visitors landing on never-seen pages
would queue behind those renderings. ``observatoire serve`` renders every public page before its workers
fork (with the default local-memory cache, fork shares them with every worker; with Redis, a server
started after another finds them there and renders nothing), then each worker renders them again in the
background whenever a new build is published. With Redis, one process of all the servers does it for
each build (a lock in the cache); the others find the pages there.

The pages go through the whole WSGI application as a browser's request (gzip accepted) to the public
address, so they are stored under the key a visitor's request looks for.
"""

from __future__ import annotations

import io
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from urllib.parse import urlencode, urlsplit
from wsgiref.util import setup_testing_defaults

from django.conf import settings
from django.http.request import validate_host

from observatoire.messages import t
from observatoire.numbers import number
from observatoire.reference import territories, vocabulary
from observatoire.web.map.data import LENSES as MAP_LENSES
from observatoire.web.pages import data
from observatoire.web.pages.views import territory_url

FIXED_PATHS = (
    "/",
    "/carte/",
    "/methodologie/",
    "/comparer/",
    "/api/",
    "/pratiques/",
)  # the last builds the case base index
WATCH_SECONDS = 2.0
LOCK_SECONDS = 600
log = logging.getLogger(__name__)


def page_territories() -> list[territories.Territory]:
    """Every territory with its own page: the nation, régions, survey regions and macro-regions."""
    found = [
        territories.nation(),
        *territories.regions(metropolitan_only=False),
        *territories.survey_regions(),
        *territories.macro_regions(),
    ]
    return [place for place in found if place.level in data.PAGE_LEVELS]


def landing_paths() -> list[str]:
    """The home, map, methodology, compare and API pages, and the nation's and régions' pages."""
    found = [territories.nation(), *territories.regions()]
    return [*FIXED_PATHS, *(territory_url(territory) for territory in found)]


def public_paths() -> list[str]:
    """Every public page a visitor reaches by following links: the landing pages, every territory page
    (its default view and each actor's), the map for each domain and lens (régions), and the
    départements' objective map; landing pages first."""
    paths = landing_paths()
    lenses = [population.code for population in vocabulary.populations()]
    for place in page_territories():
        paths.append(territory_url(place))
        paths += [f"{territory_url(place)}?{urlencode({'regard': lens})}" for lens in lenses]
    for domain in vocabulary.domains():
        for lens in MAP_LENSES:
            paths.append("/carte/?" + urlencode({"domaine": domain.code, "lens": lens, "niveau": "region"}))
        paths.append(
            "/carte/?" + urlencode({"domaine": domain.code, "lens": "objectif", "niveau": "departement"})
        )
    return list(dict.fromkeys(paths))


def warm_paths() -> list[str]:
    """The pages rendered ahead, at start and for each new build: every public page, or only the landing
    pages with ``OBSERVATOIRE_WARM=landing`` (a quick start and a light new build, for tests and trials)."""
    return landing_paths() if os.environ.get("OBSERVATOIRE_WARM") == "landing" else public_paths()


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


def visitor_url(host: str, port: int) -> str:
    """The address visitors' requests name (the cache key holds it): ``OBSERVATOIRE_PUBLIC_URL`` when set
    (several servers behind one name), else what :func:`visitor_host` says."""
    public = os.environ.get("OBSERVATOIRE_PUBLIC_URL", "").rstrip("/")
    if public:
        return public
    named, proxied = visitor_host(host, port)
    return ("https://" if proxied else "http://") + named


def _get(application: Callable, path: str, base_url: str) -> str:
    address = urlsplit(base_url)
    route, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": route,
        "QUERY_STRING": query,
        "SERVER_NAME": address.hostname or "127.0.0.1",
        "SERVER_PORT": str(address.port or (443 if address.scheme == "https" else 80)),
        "HTTP_HOST": address.netloc,
        "HTTP_ACCEPT_ENCODING": "gzip",
        "wsgi.url_scheme": address.scheme or "http",
        "wsgi.input": io.BytesIO(),
    }
    if address.scheme == "https":
        environ["HTTP_X_FORWARDED_PROTO"] = "https"  # as the reverse proxy says it
    setup_testing_defaults(environ)
    status: list[str] = []
    body = application(environ, lambda code, headers, exc_info=None: status.append(code))
    try:
        for _chunk in body:
            pass
    finally:
        getattr(body, "close", lambda: None)()
    return status[0] if status else ""


def warm(application: Callable, base_url: str, paths: Iterable[str] | None = None) -> tuple[int, float]:
    """Request each public page once as from ``base_url``; returns (pages answered 200, seconds)."""
    started = time.perf_counter()
    territories.search("Paris", limit=1)  # builds the search index (0.7 s) once for every worker
    answered = sum(_get(application, path, base_url).startswith("200") for path in paths or warm_paths())
    return answered, time.perf_counter() - started


def warm_new_builds(application: Callable, base_url: str, warmed: str | None) -> threading.Thread:
    """Start a daemon thread that renders the public pages each time a new build is published
    (``warmed``: the build version already rendered before the fork).

    With a shared cache, the first process to take the build version's lock renders; the others find
    the pages in the cache.
    """
    from django.core.cache import caches
    from django.db import connections

    from observatoire.web.caching import published_version

    def warm_if_new(known: str | None) -> str | None:
        try:
            found = published_version()
            if found is None or found[1] == known:
                return known
            if caches["default"].add(f"warming.{found[1]}", 1, LOCK_SECONDS):
                answered, seconds = warm(application, base_url)
                seconds_text = number(seconds)
                log.warning(t("cache.warmed", build=found[0].id, count=answered, seconds=seconds_text))
            return found[1]
        except Exception:  # a failed warm-up leaves pages to be rendered on demand, never a dead thread
            log.exception(t("cache.warm_failed"))
            return known
        finally:
            connections.close_all()

    def watch() -> None:
        known = warmed
        while True:
            known = warm_if_new(known)
            time.sleep(WATCH_SECONDS)

    thread = threading.Thread(target=watch, name="observatoire-warm", daemon=True)
    thread.start()
    return thread
