"""A per-process memory of public answers: a published build never changes, so the page or API answer at
one address is rendered once per build and then copied (microseconds instead of 10 to 300 ms).

What a public page shows depends on three things only: the request (address, HTMX headers), the
published build and the PDF reports written into the workspace. The key holds all three, so publishing a
new build or writing a report makes older answers unreachable at once (the build is asked at most once a
second). Answers are also kept gzip-compressed for the clients that accept it.
Curators' pages (``/admin/``) and anything that sets a cookie are never remembered; the memory is
bounded in bytes and entries, so it cannot grow without limit.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers

from observatoire.diagnosis.store import BuildInfo, ResultsStore
from observatoire.errors import ObservatoireError
from observatoire.web.results import store

MAX_BYTES = 64 * 1024 * 1024
MAX_ENTRIES = 2048
MAX_BODY = 1_000_000
PUBLIC_APPS = frozenset({"pages", "map", "api"})
# The request headers a public view reads: a view that reads another one must add it here.
VARYING_HEADERS = ("HX-Request", "HX-History-Restore-Request")
VARYING_META = tuple("HTTP_" + name.upper().replace("-", "_") for name in VARYING_HEADERS)
BUILD_TTL_S = 1.0

COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml")
MIN_COMPRESSED = 1024
ACCEPTS_GZIP = re.compile(r"\bgzip\b(?!\s*;\s*q=0(\.0*)?\s*(,|$))")

Stored = tuple[int, bytes, bytes | None, list[tuple[str, str]]]


def _gzipped(response: HttpResponse, body: bytes) -> bytes | None:
    """The body compressed once, when it is text and worth it. Remembered answers are public by
    construction (the same bytes for everyone, no token nor session), so compressing them leaks nothing
    (the BREACH attack needs a secret in a compressed page)."""
    kind = response.headers.get("Content-Type", "")
    if (
        len(body) < MIN_COMPRESSED
        or "Content-Encoding" in response.headers
        or not kind.startswith(COMPRESSIBLE)
    ):
        return None
    packed = gzip.compress(body, compresslevel=6, mtime=0)
    return packed if len(packed) < 0.9 * len(body) else None


class ResponseMemory:
    """Bounded LRU of rendered responses (status, body, headers), safe across a worker's threads."""

    def __init__(
        self, entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES, max_body: int = MAX_BODY
    ) -> None:
        self._entries: OrderedDict[tuple, Stored] = OrderedDict()
        self._size = entries
        self._max_bytes = max_bytes
        self._max_body = max_body
        self._bytes = 0
        self._lock = threading.Lock()
        self._rendering: dict[tuple, threading.Lock] = {}

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def bytes(self) -> int:
        return self._bytes

    def get(self, key: tuple, gzip_ok: bool = False) -> HttpResponse | None:
        """The remembered response, gzip-encoded when the client accepts it and it was worth it."""
        with self._lock:
            stored = self._entries.get(key)
            if stored is None:
                return None
            self._entries.move_to_end(key)
        status, body, packed, headers = stored
        response = HttpResponse(packed if gzip_ok and packed else body, status=status)
        for name, value in headers:
            response.headers[name] = value
        if gzip_ok and packed:
            response.headers["Content-Encoding"] = "gzip"
            response.headers["Content-Length"] = str(len(packed))
            tag = response.headers.get("ETag", "")
            if tag.startswith('"'):
                response.headers["ETag"] = "W/" + tag  # other bytes than the identity answer
        return response

    def put(self, key: tuple, response: HttpResponse) -> None:
        body = response.content
        if len(body) > self._max_body:
            return
        packed = _gzipped(response, body)
        if packed is not None:
            patch_vary_headers(response, ["Accept-Encoding"])
        stored = (response.status_code, body, packed, list(response.headers.items()))
        with self._lock:
            previous = self._entries.pop(key, None)
            if previous is not None:
                self._bytes -= _size(previous)
            self._entries[key] = stored
            self._bytes += _size(stored)
            while len(self._entries) > self._size or self._bytes > self._max_bytes:
                _key, dropped = self._entries.popitem(last=False)
                self._bytes -= _size(dropped)

    @contextlib.contextmanager
    def rendering(self, key: tuple) -> Iterator[None]:
        """One thread renders an address at a time: the others wait, then find it remembered (a cold page
        under load would otherwise be rendered by every thread at once, each slowed by the others)."""
        with self._lock:
            lock = self._rendering.setdefault(key, threading.Lock())
        try:
            with lock:
                yield
        finally:
            with self._lock:
                if self._rendering.get(key) is lock:
                    del self._rendering[key]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0


def _size(stored: Stored) -> int:
    return len(stored[1]) + len(stored[2] or b"")


memory = ResponseMemory()
_published: dict[object, tuple[float, BuildInfo | None]] = {}


def published_build(results: ResultsStore) -> BuildInfo | None:
    """The store's published build, asked at most once a second per worker (a new build shows within 1 s).

    It is kept by database address, so pointing the web at another store never shows the other store's
    build.
    """
    now = time.monotonic()
    where = results.engine.url
    known = _published.get(where)
    if known is not None and now - known[0] < BUILD_TTL_S:
        return known[1]
    build = results.current_build()
    _published.clear()
    _published[where] = (now, build)
    return build


def _reports_version() -> int:
    """Changes whenever ``observatoire report`` adds, replaces or removes a file (the folder's mtime)."""
    try:
        return os.stat(settings.WORKSPACE.reports_dir).st_mtime_ns
    except OSError:
        return 0


@lru_cache(maxsize=4096)
def _is_public(path: str) -> bool:
    try:
        return resolve(path).namespace in PUBLIC_APPS
    except Resolver404:
        return False


def answer_key(request: HttpRequest) -> tuple | None:
    """What the answer at this request depends on, or ``None`` when it must be rendered afresh.

    Read from the WSGI environment (a hit costs ~0.1 ms): the raw host is enough, as a host Django refuses
    is answered 400 and so never remembered.
    """
    meta = request.META
    if request.method != "GET" or "HTTP_IF_NONE_MATCH" in meta or not _is_public(request.path_info):
        return None
    try:
        results = store()
        build = published_build(results)
    except ObservatoireError:
        return None
    if build is None:
        return None
    address = (request.scheme, meta.get("HTTP_HOST", ""), request.path, meta.get("QUERY_STRING", ""))
    varying = tuple(meta.get(name, "") for name in VARYING_META)
    return (results.engine.url, build.id, build.finished_at, _reports_version(), address, varying)


def _rememberable(response: HttpResponse) -> bool:
    vary = response.headers.get("Vary", "").lower()
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "cookie" not in vary
        and "no-store" not in response.headers.get("Cache-Control", "")
    )


class PublishedAnswersMiddleware:
    """Answers a public GET from memory when this build already rendered it; remembers it otherwise."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = answer_key(request)
        if key is None:
            return self.get_response(request)
        gzip_ok = ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) is not None
        known = memory.get(key, gzip_ok)
        if known is not None:
            return known
        with memory.rendering(key):
            known = memory.get(key, gzip_ok)  # rendered by another thread while this one waited
            if known is not None:
                return known
            response = self.get_response(request)
            if _rememberable(response):
                memory.put(key, response)
                return memory.get(key, gzip_ok) or response
        return response
