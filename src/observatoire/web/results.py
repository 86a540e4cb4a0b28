"""The web's only door to published results: the core's read API, one store per process."""

from __future__ import annotations

import hashlib
from functools import cache

from django.conf import settings
from django.core.cache import caches

from observatoire.diagnosis.store import BuildInfo, ResultsStore

#: How long a process trusts its answer to « which build is published? » (a new build shows within it).
BUILD_SECONDS = 1
#: The process-local cache (never shared: each process asks the database for itself).
LOCAL_CACHE = "local"


@cache
def store() -> ResultsStore:
    """The workspace's results store (the engine pools connections across requests)."""
    return ResultsStore.from_workspace(settings.WORKSPACE)


def published_build() -> BuildInfo | None:
    """The store's published build, asked at most once a second per process (one query a second, not
    one per request); kept by database address, so pointing the web at another store never shows the
    other store's build. Raises the store's error when the database cannot be read."""
    results = store()
    key = "published-build." + hashlib.sha256(str(results.engine.url).encode()).hexdigest()[:16]
    local = caches[LOCAL_CACHE]
    known: tuple[BuildInfo | None] | None = local.get(key)
    if known is None:
        known = (results.current_build(),)  # a tuple, so that « nothing published » is remembered too
        local.set(key, known, BUILD_SECONDS)
    return known[0]


def forget_published_build() -> None:
    """Ask the database again at the next request (tests, and a server that has just published)."""
    caches[LOCAL_CACHE].clear()


def reset() -> None:
    """Close and forget this process's store: no pooled connection is left to the garbage collector."""
    if store.cache_info().currsize:
        store().close()
    store.cache_clear()
    forget_published_build()
