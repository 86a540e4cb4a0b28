"""A per-process memory of the API's answers: a published build never changes, so the answer to one
address of one build is computed once (the database and pandas cost 10 to 70 ms; a copy, microseconds).

Keys hold the build id, so publishing a new build makes every older answer unreachable; the memory is
bounded in entries and skips large bodies, so it cannot grow without limit.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

from django.http import HttpResponse

from observatoire.diagnosis.store import BuildInfo, ResultsStore

MAX_ENTRIES = 512
MAX_BODY = 1_000_000

Stored = tuple[int, bytes, list[tuple[str, str]]]


class Answers:
    """Bounded LRU of rendered responses (status, body, headers), safe across a worker's threads."""

    def __init__(self, entries: int = MAX_ENTRIES, max_body: int = MAX_BODY) -> None:
        self._entries: OrderedDict[str, Stored] = OrderedDict()
        self._size = entries
        self._max_body = max_body
        self._lock = threading.Lock()

    def get(self, key: str) -> HttpResponse | None:
        with self._lock:
            stored = self._entries.get(key)
            if stored is None:
                return None
            self._entries.move_to_end(key)
        status, body, headers = stored
        response = HttpResponse(body, status=status)
        for name, value in headers:
            response.headers[name] = value
        return response

    def put(self, key: str, response: HttpResponse) -> None:
        if len(response.content) > self._max_body:
            return
        stored = (response.status_code, response.content, list(response.headers.items()))
        with self._lock:
            self._entries[key] = stored
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


answers = Answers()

BUILD_TTL_S = 1.0
_published: dict[str, tuple[float, BuildInfo | None]] = {}


def published_build(store: ResultsStore) -> BuildInfo | None:
    """The store's published build, asked at most once a second per worker (a new build shows within 1 s).

    Half the cost of a remembered answer was this one query; it is kept by database address, so
    pointing the web at another store never shows the other store's build.
    """
    now = time.monotonic()
    where = str(store.engine.url)
    known = _published.get(where)
    if known is not None and now - known[0] < BUILD_TTL_S:
        return known[1]
    build = store.current_build()
    _published.clear()
    _published[where] = (now, build)
    return build
