"""Django's local-memory cache bounded in bytes as well as in entries.

The default cache of public answers lives in each worker's memory: ``MAX_ENTRIES`` alone would let a few
thousand large answers (API pages of 1000 figures) take gigabytes, so the least recently used entries
are also dropped past ``OPTIONS["MAX_BYTES"]`` of stored (pickled) values.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
_sizes: dict[str, dict[str, int]] = {}
_totals: dict[str, list[int]] = {}


class BoundedLocMemCache(LocMemCache):  # type: ignore[misc]  # Django has no type information here
    """A :class:`LocMemCache` whose stored bytes never exceed ``MAX_BYTES`` (least recently used go)."""

    def __init__(self, name: str, params: dict[str, Any]) -> None:
        super().__init__(name, params)
        self._max_bytes = int(params.get("OPTIONS", {}).get("MAX_BYTES", DEFAULT_MAX_BYTES))
        self._sizes = _sizes.setdefault(name, {})
        self._total = _totals.setdefault(name, [0])

    @property
    def stored_bytes(self) -> int:
        return self._total[0]

    def _set(self, key: str, value: bytes, timeout: float | None = DEFAULT_TIMEOUT) -> None:
        self._forget_size(key)
        super()._set(key, value, timeout)
        self._sizes[key] = len(value)
        self._total[0] += len(value)
        while self._total[0] > self._max_bytes and len(self._cache) > 1:
            oldest, _ = self._cache.popitem()  # recently used entries are moved to the front
            self._expire_info.pop(oldest, None)
            self._forget_size(oldest)

    def _forget_size(self, key: str) -> None:
        self._total[0] -= self._sizes.pop(key, 0)

    def _cull(self) -> None:
        super()._cull()
        for key in [key for key in self._sizes if key not in self._cache]:
            self._forget_size(key)

    def _delete(self, key: str) -> bool:
        self._forget_size(key)
        deleted: bool = super()._delete(key)
        return deleted

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()
            self._expire_info.clear()
            self._sizes.clear()
            self._total[0] = 0
