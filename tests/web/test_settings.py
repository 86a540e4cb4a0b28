from django.core.management import call_command

from observatoire.web.database import django_database
from observatoire.web.security import POLICY


def test_system_checks_pass():
    call_command("check", fail_level="WARNING")


def test_database_urls_map_to_django():
    assert django_database("sqlite:////tmp/x.sqlite3") == {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": "/tmp/x.sqlite3",
    }
    pg = django_database("postgresql+psycopg://postgres@127.0.0.1:5432/test")
    assert pg["ENGINE"] == "django.db.backends.postgresql"
    assert (pg["NAME"], pg["HOST"], pg["PORT"], pg["USER"]) == ("test", "127.0.0.1", "5432", "postgres")


def test_csp_allows_only_our_own_assets():
    assert "script-src 'self'" in POLICY
    assert "unsafe-inline" not in POLICY
