"""Database engines for the results store: one URL, the same behaviour on SQLite and PostgreSQL.

SQLite needs three adjustments to behave like a server database: real transactions (the ``sqlite3``
module would otherwise open them lazily and commit DDL on its own), write-ahead logging so that the web
keeps reading while a build writes, and a busy timeout instead of an immediate "database is locked".
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from observatoire.errors import StoreError
from observatoire.messages import t

SQLITE_BUSY_TIMEOUT_S = 30


def normalise_url(url: str | URL) -> URL:
    """``postgres://`` and ``postgresql://`` (as hosting platforms write them) use psycopg 3."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(t("store.bad_url", url=url)) from None
    if parsed.drivername in ("postgres", "postgresql"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def sqlite_path(url: URL) -> Path | None:
    """The file of a SQLite URL; ``None`` for an in-memory database or another backend."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    if url.database.startswith("file:"):
        return None
    return Path(url.database)


def make_engine(url: str | URL) -> Engine:
    """An engine for ``url``; for SQLite, with transactions, WAL and a busy timeout set on connect."""
    parsed = normalise_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True)
    engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})
    file_backed = sqlite_path(parsed) is not None

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, below
        if file_backed:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine
