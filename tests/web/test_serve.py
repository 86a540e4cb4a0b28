"""``observatoire serve`` as a user runs it: gunicorn on loopback against a demo workspace."""

from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from observatoire.web.serve import is_loopback, options
from observatoire.workspace import Workspace

from .serving import OBSERVATOIRE, environment, free_port, served


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def server(demo_workspace: Workspace) -> Iterator[str]:
    """A served demo (debug asked for in the environment: serve must ignore it)."""
    with served(demo_workspace, 1, demo_workspace.root / "serve-test.log", OBSERVATOIRE_DEBUG="1") as base:
        yield base


@pytest.mark.slow
def test_serves_the_api_with_security_headers(server):
    status, headers, body = _get(f"{server}/api/resultats/?limit=1")
    assert status == 200
    assert headers["Server"] == "gunicorn"
    assert json.loads(body)["build"]["source"] == "synthétique"
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"


@pytest.mark.slow
def test_unknown_addresses_are_french_404s_without_debug_page(server):
    status, _, body = _get(f"{server}/api/nimportequoi/")
    assert status == 404
    assert "Adresse inconnue" in json.loads(body)["erreur"]
    status, _, body = _get(f"{server}/nimportequoi/")
    assert status == 404
    assert b"URLconf" not in body
    assert b"Traceback" not in body


@pytest.mark.slow
def test_static_files_are_served(server):
    status, headers, _ = _get(f"{server}/static/vendor/htmx.min.js")
    assert status == 200
    assert "javascript" in headers["Content-Type"]


def test_development_key_is_refused_off_loopback(demo_workspace):
    env = environment(demo_workspace)
    command = [OBSERVATOIRE, "serve", "--host", "0.0.0.0", "--port", str(free_port())]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "clé secrète de développement" in done.stderr + done.stdout


def test_loopback_and_gunicorn_options():
    assert is_loopback("127.0.0.1")
    assert is_loopback("::1")
    assert is_loopback("localhost")
    assert not is_loopback("0.0.0.0")
    assert not is_loopback("example.org")
    assert options("::1", 8000, 3)["bind"] == "[::1]:8000"
    assert options("127.0.0.1", 8000, 3)["workers"] == 3
