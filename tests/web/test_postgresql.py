"""The web's PostgreSQL backend: an idle, live connection passes the health check without asking the
server; one the server has ended fails it, and the next query runs on a new connection."""

from __future__ import annotations

import select
import time
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
from django.db.backends.postgresql import base as django_postgresql
from django.db.utils import ConnectionHandler

from observatoire.web.database import django_database

pytestmark = pytest.mark.postgres


def _asked_the_server(self):
    raise AssertionError("SELECT 1 sent to the server")


def _wait_readable(connection, seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not select.select([connection.fileno()], [], [], 0.05)[0]:
        assert time.monotonic() < deadline, "the server did not end the connection"


def _check(wrapper, monkeypatch) -> None:
    wrapper.ensure_connection()
    assert wrapper.health_check_enabled
    with monkeypatch.context() as patched:
        patched.setattr(django_postgresql.DatabaseWrapper, "is_usable", _asked_the_server)
        assert wrapper.is_usable()  # nothing to read: usable, no round trip

    ended = wrapper.connection.info.backend_pid
    with psycopg.connect(**wrapper.get_connection_params(), autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [ended])
    _wait_readable(wrapper.connection)
    assert not wrapper.is_usable()

    wrapper.close_if_unusable_or_obsolete()  # what Django does when a request starts
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != ended


def test_the_health_check_reads_the_socket_before_asking_the_server(
    postgres_url, django_db_blocker, monkeypatch
):
    def in_a_thread() -> None:  # as a server's worker thread (a browser test may hold this one's event loop)
        wrapper = ConnectionHandler({"default": django_database(postgres_url)})["default"]
        try:
            _check(wrapper, monkeypatch)
        finally:
            wrapper.close()

    with django_db_blocker.unblock(), ThreadPoolExecutor(1) as pool:
        pool.submit(in_a_thread).result()
