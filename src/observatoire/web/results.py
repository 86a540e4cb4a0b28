"""The web's only door to published results: the core's read API, one store per process."""

from __future__ import annotations

from functools import cache

from django.conf import settings

from observatoire.diagnosis.store import ResultsStore


@cache
def store() -> ResultsStore:
    """The workspace's results store (the engine pools connections across requests)."""
    return ResultsStore.from_workspace(settings.WORKSPACE)


def reset() -> None:
    """Close and forget this process's store: no pooled connection is left to the garbage collector."""
    if store.cache_info().currsize:
        store().close()
    store.cache_clear()
