import subprocess
import sys

import pytest
from django.test import RequestFactory

from observatoire.web.database import django_database
from observatoire.web.proxy import client_ip
from observatoire.web.security import POLICY
from observatoire.workspace import Workspace

from .serving import SECRET_KEY, environment

PRODUCTION = {
    "OBSERVATOIRE_SECRET_KEY": SECRET_KEY,
    "OBSERVATOIRE_ALLOWED_HOSTS": "observatoire.example.org",
    "OBSERVATOIRE_BEHIND_HTTPS_PROXY": "1",
}


def _check(tmp_path, *options: str, **env: str) -> subprocess.CompletedProcess:
    """Django's system checks on the settings as served (in this process, pytest-django has changed
    them: --fail-on-template-vars puts an object where Django's check wants a string)."""
    command = [sys.executable, "-m", "django", "check", *options, "--fail-level", "WARNING"]
    env = environment(Workspace.from_env(tmp_path), DJANGO_SETTINGS_MODULE="observatoire.web.settings", **env)
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


def test_system_checks_pass(tmp_path):
    done = _check(tmp_path)
    assert done.returncode == 0, done.stderr


def test_check_deploy_is_clean_behind_the_https_proxy(tmp_path):
    done = _check(tmp_path, "--deploy", **PRODUCTION)
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout
    # The same check on the development settings finds what production must not have.
    found = _check(tmp_path, "--deploy").stderr
    for warning in ("security.W004", "security.W008", "security.W009", "security.W012", "security.W016"):
        assert warning in found


def test_database_urls_map_to_django():
    assert django_database("sqlite:////tmp/x.sqlite3")["ENGINE"] == "django.db.backends.sqlite3"
    assert django_database("sqlite:////tmp/x.sqlite3")["NAME"] == "/tmp/x.sqlite3"
    for url in (
        "postgresql+psycopg://postgres@127.0.0.1:5432/test",
        "postgres://postgres@127.0.0.1:5432/test",
    ):
        pg = django_database(url)
        assert pg["ENGINE"] == "observatoire.web.postgresql"
        assert (pg["NAME"], pg["HOST"], str(pg["PORT"]), pg["USER"]) == (
            "test",
            "127.0.0.1",
            "5432",
            "postgres",
        )
    schema = django_database("postgresql+psycopg://u:p%40ss@h/db?options=-csearch_path%3Dobs")
    assert (schema["PASSWORD"], schema["OPTIONS"]) == ("p@ss", {"options": "-csearch_path=obs"})


def test_csp_allows_only_our_own_assets():
    assert "script-src 'self'" in POLICY
    assert "unsafe-inline" not in POLICY


@pytest.mark.parametrize(
    ("proxied", "forwarded", "expected"),
    [
        ("", "203.0.113.9", "127.0.0.1"),  # no proxy: the header is the client's word, ignored
        ("1", "203.0.113.9", "203.0.113.9"),
        ("1", "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # only the last address was written by our proxy
        ("1", "", "127.0.0.1"),
    ],
)
def test_the_client_address_is_the_one_our_proxy_saw(monkeypatch, proxied, forwarded, expected):
    monkeypatch.setenv("OBSERVATOIRE_BEHIND_HTTPS_PROXY", proxied)
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
