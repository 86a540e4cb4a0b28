"""One build at a time, with a lock the operating system or the server releases when the builder dies.

A killed build cannot clean up after itself; holding this lock is what lets the next build know that any
build still marked ``building`` is abandoned. On PostgreSQL it is a session advisory lock (released when
the connection drops), keyed by the current schema so that separate schemas do not collide; on a SQLite
file it is an ``flock`` on a file next to the database (released when the process dies).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Protocol

from sqlalchemy import Connection, Engine, text

from observatoire.diagnosis.engine import sqlite_path
from observatoire.errors import StoreError
from observatoire.messages import t

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no cross-process lock, one builder assumed
    fcntl = None  # type: ignore[assignment]

_PG_KEY = "hashtextextended('observatoire.build.' || current_schema(), 0)"


class BuildLock(Protocol):
    def release(self) -> None: ...


class _PostgresLock:
    def __init__(self, engine: Engine) -> None:
        self._connection: Connection = engine.connect()
        try:
            got = self._connection.execute(text(f"SELECT pg_try_advisory_lock({_PG_KEY})")).scalar_one()
            self._connection.commit()
        except BaseException:
            self._connection.close()
            raise
        if not got:
            self._connection.close()
            raise StoreError(t("store.build_running"))

    def release(self) -> None:
        try:
            self._connection.execute(text(f"SELECT pg_advisory_unlock({_PG_KEY})"))
            self._connection.commit()
        finally:
            self._connection.close()


class _FileLock:
    def __init__(self, path: Path) -> None:
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self._fd)
            raise StoreError(t("store.build_running")) from None

    def release(self) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)


class _NoLock:
    def release(self) -> None:
        pass


def acquire(engine: Engine) -> BuildLock:
    """Take the build lock of ``engine``'s database, or raise :class:`StoreError` if a build is running."""
    if engine.dialect.name == "postgresql":
        return _PostgresLock(engine)
    database = sqlite_path(engine.url)
    if database is not None and fcntl is not None:
        return _FileLock(database.with_name(database.name + ".build-lock"))
    return _NoLock()
