"""Scale-out: two ``observatoire serve`` processes (two ports, as behind a load balancer) sharing one
results database and one Redis. A page rendered by one is a cache hit on the other; publishing a build
invalidates both.

The database is the session's demo (PostgreSQL when ``$DATABASE_URL`` names one); Redis is
``$OBSERVATOIRE_TEST_REDIS`` (default ``redis://127.0.0.1:6379/1``), under a key prefix of this run only.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from observatoire.diagnosis.store import ResultsStore
from observatoire.workspace import Workspace

from .serving import served

REDIS_URL = os.environ.get("OBSERVATOIRE_TEST_REDIS", "redis://127.0.0.1:6379/1")
PUBLIC_HOST = "localhost"  # what the reverse proxy forwards to every server
NOT_WARMED = "/territoire/region/93/?domaine=sante&regard=citoyens"
API = "/api/resultats/?territory=FR&statistic=mean&limit=5"

pytestmark = [pytest.mark.slow, pytest.mark.redis]


def _get(base: str, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(base + path, headers={"Host": PUBLIC_HOST, **headers})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def redis_prefix() -> Iterator[str]:
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.exceptions.RedisError:
        pytest.skip(f"no Redis answers at {REDIS_URL}")
    prefix = f"obs-test-{uuid.uuid4().hex[:12]}"
    yield prefix
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)
    client.close()


@pytest.fixture(scope="module")
def logs(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("scale-out")


@pytest.fixture(scope="module")
def servers(demo_workspace: Workspace, redis_prefix: str, logs: Path) -> Iterator[tuple[str, str]]:
    shared = {
        "OBSERVATOIRE_CACHE_URL": REDIS_URL,
        "OBSERVATOIRE_CACHE_PREFIX": redis_prefix,
        "OBSERVATOIRE_PUBLIC_URL": f"http://{PUBLIC_HOST}",  # pages are rendered ahead under this address
    }
    with (
        served(demo_workspace, 1, logs / "a.log", **shared) as first,
        served(demo_workspace, 1, logs / "b.log", **shared) as second,
    ):
        yield first, second


def _republish(workspace: Workspace) -> int:
    """Publish a new build holding the published figures again (as ``observatoire build`` would)."""
    with ResultsStore.from_workspace(workspace) as results:
        current = results.current_build()
        assert current is not None
        figures = results.query()
        with results.new_build("republication", current.source, current.parameters) as build:
            build.add(figures)
        return build.id


def _wait_for(check, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "not within the time allowed"
        time.sleep(0.3)


def test_a_page_rendered_by_one_server_is_a_hit_on_the_other(servers):
    first, second = servers
    status, rendered, body = _get(first, NOT_WARMED, **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert rendered["X-Cache"] == "miss"
    status, served_again, again = _get(second, NOT_WARMED, **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert served_again["X-Cache"] == "hit"
    assert again == body
    assert served_again["ETag"] == rendered["ETag"]
    assert _get(second, NOT_WARMED, **{"If-None-Match": rendered["ETag"]})[0] == 304
    _get(second, API)
    assert _get(first, API)[1]["X-Cache"] == "hit"


def test_publishing_a_build_invalidates_both_servers(servers, demo_workspace, logs):
    first, second = servers
    before = _get(first, API)[1]["ETag"]
    assert _get(second, API)[1]["X-Cache"] == "hit"
    build_id = _republish(demo_workspace)

    def both_serve_the_new_build() -> bool:
        answers = [json.loads(_get(base, API)[2]) for base in servers]
        return all(answer["build"]["id"] == build_id for answer in answers)

    _wait_for(both_serve_the_new_build)  # each server asks for the published build once a second
    assert _get(first, API)[1]["ETag"] != before
    # The new build's pages are rendered in the background, by one of the servers only (the landing pages
    # here, as OBSERVATOIRE_WARM=landing asks: every public page takes minutes on a busy machine).
    said = f"Construction n° {build_id} :"
    _wait_for(lambda: said in (logs / "a.log").read_text() + (logs / "b.log").read_text(), seconds=240)
    assert sum(said in (logs / name).read_text() for name in ("a.log", "b.log")) == 1
    for base, path in ((first, "/territoire/region/93/"), (second, "/carte/")):
        status, headers, _ = _get(base, path, **{"Accept-Encoding": "gzip"})
        assert (status, headers["X-Cache"]) == (200, "hit"), path
        assert headers["ETag"].startswith(f'W/"b{build_id}-')
