"""``observatoire serve`` as a user runs it: gunicorn on loopback against a demo workspace."""

from __future__ import annotations

import http.client
import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from observatoire.web.serve import is_loopback, options
from observatoire.workspace import Workspace

from .serving import OBSERVATOIRE, SECRET_KEY, environment, free_port, served


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
    assert "Adresse inconnue" in json.loads(body)["error"]
    status, _, body = _get(f"{server}/nimportequoi/")
    assert status == 404
    assert b"URLconf" not in body
    assert b"Traceback" not in body


@pytest.mark.slow
def test_static_files_are_served(server):
    status, headers, _ = _get(f"{server}/static/vendor/htmx.min.js")
    assert status == 200
    assert "javascript" in headers["Content-Type"]


def _refused(workspace: Workspace, *options: str, **env: str) -> str:
    """What ``observatoire serve`` says when it refuses to start (it must exit non-zero, quickly)."""
    command = [OBSERVATOIRE, "serve", "--port", str(free_port()), *options]
    done = subprocess.run(
        command, env=environment(workspace, **env), capture_output=True, text=True, timeout=60
    )
    assert done.returncode != 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout + done.stderr


def test_serve_refuses_to_start_without_a_real_secret_key(tmp_path):
    empty = Workspace.from_env(tmp_path)
    said = _refused(empty)  # even on loopback: behind a reverse proxy, loopback is the usual address
    assert "sans clé secrète" in said
    assert "--dev" in said
    assert not (tmp_path / "observatoire.sqlite3").exists()  # refused before anything is written
    assert "trop faible" in _refused(empty, OBSERVATOIRE_SECRET_KEY="secret")
    assert "sans clé secrète" in _refused(empty, "--host", "0.0.0.0")
    # Development mode is for this machine only.
    assert "boucle locale" in _refused(empty, "--dev", "--host", "0.0.0.0")


@pytest.mark.slow
def test_dev_mode_serves_on_loopback_and_says_so_loudly(demo_workspace):
    log = demo_workspace.root / "serve-dev.log"
    with served(demo_workspace, 1, log, "--dev", OBSERVATOIRE_SECRET_KEY="") as base:
        status, _, _ = _get(f"{base}/api/domaines/")
    assert status == 200
    assert "MODE DÉVELOPPEMENT" in log.read_text()


def _load_wsgi(**env: str) -> subprocess.CompletedProcess:
    code = "import observatoire.web.wsgi"
    return subprocess.run(
        [sys.executable, "-c", code],
        env=environment(Workspace.from_env("/nonexistent"), **env),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_wsgi_refuses_the_development_key_unless_asked_loudly():
    refused = _load_wsgi()
    assert refused.returncode != 0
    assert "ImproperlyConfigured" in refused.stderr
    assert "sans clé secrète" in refused.stderr
    dev = _load_wsgi(OBSERVATOIRE_DEV="1")
    assert dev.returncode == 0, dev.stderr
    assert "MODE DÉVELOPPEMENT" in dev.stderr
    real = _load_wsgi(OBSERVATOIRE_SECRET_KEY=SECRET_KEY)
    assert real.returncode == 0, real.stderr
    assert real.stderr == ""


@pytest.mark.slow
def test_an_unknown_host_is_refused(server):
    port = server.rsplit(":", 1)[1]
    for host, expected in (("testserver", 400), ("evil.example", 400), (f"localhost:{port}", 200)):
        connection = http.client.HTTPConnection("127.0.0.1", int(port), timeout=10)
        connection.request("GET", "/methodologie/", headers={"Host": host})
        assert connection.getresponse().status == expected, host
        connection.close()


FAILING_SETTINGS = """
from observatoire.web.settings import *  # noqa: F403
ROOT_URLCONF = "failing_urls"
"""
FAILING_URLS = """
from django.urls import include, path


def broken(request):
    raise RuntimeError("panne volontaire pour le test")


urlpatterns = [path("panne/", broken), path("", include("observatoire.web.urls"))]
"""


@pytest.mark.slow
def test_logs_carry_every_request_and_the_traceback_of_every_500(demo_workspace, tmp_path):
    """A site whose one view fails (a test URLconf on top of ours): the visitor gets the French 500 page,
    the error log the traceback, the access log one line per request, in the files asked for."""
    (tmp_path / "failing_settings.py").write_text(FAILING_SETTINGS)
    (tmp_path / "failing_urls.py").write_text(FAILING_URLS)
    access, errors = tmp_path / "logs" / "acces.log", tmp_path / "logs" / "erreurs.log"
    access.parent.mkdir()
    env = {"DJANGO_SETTINGS_MODULE": "failing_settings", "PYTHONPATH": str(tmp_path)}
    options = ("--error-log", str(errors))
    with served(
        demo_workspace, 1, tmp_path / "serve.log", *options, OBSERVATOIRE_ACCESS_LOG=str(access), **env
    ) as base:
        status, _, body = _get(f"{base}/panne/")
        assert status == 500
        assert "Une erreur est survenue" in body.decode()
        assert "panne volontaire" not in body.decode()
        assert _get(f"{base}/methodologie/")[0] == 200
    logged = errors.read_text()
    assert "Internal Server Error: /panne/" in logged
    assert "Traceback" in logged
    assert "RuntimeError: panne volontaire pour le test" in logged
    lines = access.read_text().splitlines()
    assert any('"GET /panne/ HTTP/1.1" 500' in line for line in lines)
    assert any('"GET /methodologie/ HTTP/1.1" 200' in line for line in lines)
    assert "/panne/" not in (tmp_path / "serve.log").read_text()  # the files, not standard error


@pytest.mark.slow
def test_logs_go_to_standard_error_by_default(server, demo_workspace):
    _get(f"{server}/api/domaines/?trace=1")
    log = demo_workspace.root / "serve-test.log"
    deadline = time.monotonic() + 5
    while "/api/domaines/?trace=1" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert '"GET /api/domaines/?trace=1 HTTP/1.1"' in log.read_text()
    assert "/api/domaines/?trace=1" not in log.with_suffix(".stdout").read_text()


def test_loopback_and_gunicorn_options():
    assert is_loopback("127.0.0.1")
    assert is_loopback("::1")
    assert is_loopback("localhost")
    assert not is_loopback("0.0.0.0")
    assert not is_loopback("example.org")
    assert options("::1", 8000, 3)["bind"] == "[::1]:8000"
    assert options("127.0.0.1", 8000, 3)["workers"] == 3


def test_pages_are_warmed_under_the_name_visitors_use(settings):
    from observatoire.web.warm import visitor_host

    assert visitor_host("127.0.0.1", 8000) == ("127.0.0.1:8000", {})
    settings.ALLOWED_HOSTS = ["observatoire.example.org"]
    assert visitor_host("0.0.0.0", 8000) == ("observatoire.example.org:8000", {})  # 0.0.0.0 is refused
    settings.BEHIND_HTTPS_PROXY = True
    proxied = ("observatoire.example.org", {"HTTP_X_FORWARDED_PROTO": "https"})
    assert visitor_host("127.0.0.1", 8000) == proxied
