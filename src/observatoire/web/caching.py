"""Public answers through Django's cache framework, keyed by the published build.

A published build never changes, so the page or API answer at one address is rendered once per build
and then read from the cache (locmem by default, Redis when ``OBSERVATOIRE_CACHE_URL`` is set, shared by
every worker and every server). What a public answer shows depends on the request (address, the headers
its ``Vary`` names), the published build, the PDF reports written into the workspace and the approved
local consultations: the key prefix holds the last three, so publishing a build, writing a report or
approving a consultation makes every older answer unreachable on every server at once (the build is
asked at most once a second per process, see :func:`observatoire.web.results.published_build`).

The cache sits above gzip and the security middleware, so a stored answer carries its compressed body,
its ``Vary``, security headers and CSP; conditional GET (Django's ``ConditionalGetMiddleware``) sits
above the cache, so a client holding the strong or the weak (gzip) ETag gets a 304 from a hit.
Curators' pages (``/admin/``), errors and anything that sets a cookie are never stored. An answer that
also shows live data (:func:`fresh_for`) is stored no longer than its ``s-maxage``.

Answers that depend on more than the build (a self-assessment's result page) are
kept by their own views through :func:`remembered`: one entry per key, stored with the ``stamp`` of what
it shows, so a changed stamp renders it again and :func:`forget` removes it.

Some public answers also show curated content that changes between builds (the case base of
``/pratiques/``): their app registers the function naming that content's version
(:func:`depends_on_content`), which joins the key prefix. They are stored whether or not a build is
published, carry no ``Last-Modified`` (the build's date says nothing of them) and tell browsers to ask
again each time (a 304 while the content is unchanged), so a publication shows at once.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import get_cache_key, has_vary_header, learn_cache_key, patch_cache_control
from django.utils.http import http_date

from observatoire.diagnosis.export import ADDED_ROWS
from observatoire.diagnosis.store import BuildInfo
from observatoire.errors import ObservatoireError
from observatoire.messages import t
from observatoire.web.results import published_build, store

PUBLIC_APPS = frozenset({"pages", "map", "api"})
#: Public answers that show curated content too: a URL namespace (``agir``) or one route
#: (``api:pratiques``), and the function naming the content's current version (see the module's note).
CONTENT_VERSIONS: dict[str, Callable[[], str]] = {}
#: Answers are stored until the build changes (their keys then go unused and age out).
TIMEOUT = 7 * 24 * 3600
#: Larger answers are rendered each time rather than stored (bounds one entry; the API pages are ~0.4 MB).
MAX_BODY = 1_000_000
#: What browsers may keep without asking again (then a conditional GET answers 304).
BROWSER_CACHE_CONTROL = "public, max-age=60"
#: Answers showing curated content: browsers ask each time (answered 304 while it is unchanged).
CONTENT_CACHE_CONTROL = "public, max-age=0, must-revalidate"
HIT_HEADER = "X-Cache"
#: What an unreachable Redis raises (redis-py's errors derive from Exception, its connection errors from
#: neither OSError nor a Django class): the page is then rendered, never a 500.
CACHE_DOWN: tuple[type[Exception], ...] = (OSError,)
with contextlib.suppress(ImportError):
    from redis.exceptions import RedisError

    CACHE_DOWN = (OSError, RedisError)
log = logging.getLogger(__name__)
ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # GZipMiddleware's own test
#: The headers a remembered answer keeps (the middleware sets the others again on its way out).
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "HX-Push-Url", "Cache-Control")
T = TypeVar("T")


def _read(key: str) -> Any:
    try:
        return cache.get(key)
    except CACHE_DOWN:
        log.exception(t("cache.unreachable"))
        return None


def _write(key: str, value: Any, timeout: int) -> None:
    try:
        cache.set(key, value, timeout)
    except CACHE_DOWN:
        log.exception(t("cache.unreachable"))


def remembered_value(key: str, make: Callable[[], T], timeout: int) -> T:
    """The value stored under ``key``, or ``make()``'s, stored (an unreachable cache only computes it)."""
    known: tuple[T] | None = _read(key)
    if known is None:
        known = (make(),)  # a tuple, so that a ``None`` or empty value is remembered too
        _write(key, known, timeout)
    return known[0]


def remembered(key: str, render: Callable[[], HttpResponse], timeout: int, stamp: str = "") -> HttpResponse:
    """The answer stored under ``key`` for ``stamp``, or ``render()``'s, stored when it is a plain 200 that
    sets no cookie. An entry stored for another stamp is replaced (one entry per key, so that
    :func:`forget` removes it); an unreachable cache renders, never a 500."""
    known = _read(key)
    if known is not None and known[0] == stamp:
        _stamp, content, headers = known
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        return response
    response = render()
    if response.status_code == 200 and not response.streaming and not response.cookies:
        headers = [(name, response[name]) for name in KEPT_HEADERS if response.has_header(name)]
        _write(key, (stamp, response.content, headers), timeout)
    return response


def forget(*keys: str) -> None:
    """Remove what :func:`remembered` stored under ``keys`` (in this process's memory, or in Redis for
    every server)."""
    try:
        cache.delete_many(keys)
    except CACHE_DOWN:
        log.exception(t("cache.unreachable"))


def depends_on_content(names: Iterable[str], version: Callable[[], str]) -> None:
    """Store the public answers of ``names`` (namespaces or ``namespace:route`` names) under the
    content's ``version`` as well as the build's (called by an app when it is ready)."""
    CONTENT_VERSIONS.update(dict.fromkeys(names, version))
    _route.cache_clear()


@lru_cache(maxsize=4096)
def _route(path: str) -> tuple[bool, Callable[[], str] | None]:
    """Whether ``path`` is public, and the version function of the content it shows, if any."""
    try:
        match = resolve(path)
    except Resolver404:
        return False, None
    content = CONTENT_VERSIONS.get(f"{match.namespace}:{match.url_name}") or CONTENT_VERSIONS.get(
        match.namespace
    )
    return match.namespace in PUBLIC_APPS or content is not None, content


def is_public(path: str) -> bool:
    """Whether ``path`` is one of the published pages (pages, map, API, registered curated content),
    never ``/admin/`` or static."""
    return _route(path)[0]


def _modified(path: Path) -> int:
    """The modification time of ``path`` in nanoseconds, 0 when it does not exist."""
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 0


def _where() -> str:
    return _digest(str(store().engine.url))


@lru_cache(maxsize=8)
def _digest(url: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()[:10]


def added_rows_version() -> int:
    """Changes whenever the public figures added to the build (approved consultations) are rewritten."""
    return _modified(Path(settings.WORKSPACE.exports_dir) / ADDED_ROWS)


def build_version(build: BuildInfo) -> str:
    """The published state public answers depend on: database, build, its publication, the reports
    (``observatoire report`` changes the folder's mtime) and the approved consultations."""
    published = int(build.finished_at.timestamp() * 1e6) if build.finished_at else 0
    reports = _modified(Path(settings.WORKSPACE.reports_dir))
    return f"obs.{_where()}.b{build.id}.{published}.r{reports}.c{added_rows_version()}"


def published_version() -> tuple[BuildInfo, str] | None:
    """The published build and its version, or ``None`` when nothing can be served from the cache."""
    try:
        build = published_build()
    except ObservatoireError:
        return None
    return None if build is None else (build, build_version(build))


SHARED_MAX_AGE = re.compile(r"\bs-maxage=(\d+)")


def fresh_for(response: HttpResponse, seconds: int) -> HttpResponse:
    """Marks a public answer that also shows live data (not only the build's): the shared cache keeps it
    at most ``seconds`` (``s-maxage``, what a shared cache honours), browsers as long."""
    patch_cache_control(response, public=True, max_age=seconds, s_maxage=seconds)
    return response


def _timeout(response: HttpResponse) -> int:
    """How long the cache keeps an answer: until the build changes, or its ``s-maxage`` if shorter."""
    found = SHARED_MAX_AGE.search(response.get("Cache-Control", ""))
    return min(TIMEOUT, int(found.group(1))) if found else TIMEOUT


def _answer_version(content: Callable[[], str] | None) -> tuple[BuildInfo | None, str] | None:
    """The published build and the key prefix of an answer, ``None`` when it cannot be stored: nothing
    published (unless it shows curated content only, stored under « unpublished »), or unreadable."""
    if content is None:
        return published_version()
    try:
        build = published_build()
    except ObservatoireError:
        return None
    prefix = build_version(build) if build is not None else f"obs.{_where()}.unpublished"
    return build, f"{prefix}.c{content()}"


def _storable(response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "").lower()
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not has_vary_header(response, "Cookie")
        and not has_vary_header(response, "*")
        and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
        and _timeout(response) > 0
        and len(response.content) <= MAX_BODY
    )


class PublishedCacheMiddleware:
    """Answers a public GET or HEAD from the cache when this build already rendered it, stores it
    otherwise (Django's ``get_cache_key``/``learn_cache_key``: the key holds the values of the request
    headers the answer's ``Vary`` names). Says ``X-Cache: hit`` or ``miss``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    @property
    def cache(self) -> Any:
        """The cache answers are kept in (``CACHE_MIDDLEWARE_ALIAS``)."""
        return caches[settings.CACHE_MIDDLEWARE_ALIAS]

    def __call__(self, request: HttpRequest) -> HttpResponse:
        public, content = _route(request.path_info)
        if request.method not in ("GET", "HEAD") or not public:
            return self.get_response(request)
        found = _answer_version(content)
        if found is None:
            return self.get_response(request)
        build, prefix = found
        request.published_build = build
        request.content_version = prefix if content is not None else None
        # One stored copy per encoding, not per browser's spelling of Accept-Encoding (the key holds the
        # values of the headers the answer varies on): gzip below decides on this normalised value.
        accepts = ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        request.META["HTTP_ACCEPT_ENCODING"] = "gzip" if accepts else "identity"
        try:
            key = get_cache_key(request, prefix, request.method, cache=self.cache)
            known = self.cache.get(key) if key is not None else None
        except CACHE_DOWN:
            log.exception(t("cache.unreachable"))
            return self.get_response(request)  # rendered as if there were no cache
        if known is not None:
            known.headers[HIT_HEADER] = "hit"
            return known
        response = self.get_response(request)
        if _storable(response):
            try:
                timeout = _timeout(response)
                key = learn_cache_key(request, response, timeout, prefix, cache=self.cache)
                self.cache.set(key, response, timeout)
            except CACHE_DOWN:
                log.exception(t("cache.unreachable"))
                return response
            response.headers[HIT_HEADER] = "miss"
        return response


def _tag(response: HttpResponse, version: str) -> None:
    """An ``ETag`` of the version and the content (a page and its HTMX fragment differ)."""
    if not response.has_header("ETag"):
        digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()[:20]
        response.headers["ETag"] = f'"{version}-{digest}"'


class BuildValidatorsMiddleware:
    """Gives a public answer its validators from the published build: ``ETag`` (build and content, so
    a page and its HTMX fragment differ), ``Last-Modified`` (the build's publication) and a public
    ``Cache-Control``; an answer showing curated content gets an ``ETag`` only, and is asked again each
    time. Placed below ``GZipMiddleware``, whose compressed copy gets the weak tag."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        build: BuildInfo | None = getattr(request, "published_build", None)
        content: str | None = getattr(request, "content_version", None)
        if response.status_code != 200 or response.streaming:
            return response
        if content is not None:
            _tag(response, "c")
            response.headers.setdefault("Cache-Control", CONTENT_CACHE_CONTROL)
            return response
        if build is None:
            return response
        _tag(response, f"b{build.id}")
        if build.finished_at is not None and not response.has_header("Last-Modified"):
            response.headers["Last-Modified"] = http_date(build.finished_at.timestamp())
        response.headers.setdefault("Cache-Control", BROWSER_CACHE_CONTROL)
        return response
