"""The Django database of the web platform is the workspace's database (one file or one PostgreSQL base)."""

from __future__ import annotations

import re

import dj_database_url

CONN_MAX_AGE_S = 60
POSTGRESQL = "django.db.backends.postgresql"
# SQLAlchemy names the driver in the scheme (``postgresql+psycopg://``); Django picks its own driver.
_DRIVER = re.compile(r"^([a-z0-9]+)\+[a-z0-9_]+://", re.IGNORECASE)


def django_database(url: str) -> dj_database_url.DBConfig:
    """Django's ``DATABASES['default']`` for the workspace's URL, as ``dj-database-url`` reads it.

    The URL is the one the core's SQLAlchemy store uses (``sqlite:///…``, ``postgresql+psycopg://…``, or a
    hosting platform's ``postgres://…``), so both sides always read the same database.
    """
    config = dj_database_url.parse(
        _DRIVER.sub(r"\1://", url), conn_max_age=CONN_MAX_AGE_S, conn_health_checks=True
    )
    if config["ENGINE"] == POSTGRESQL:
        config["ENGINE"] = "observatoire.web.postgresql"  # Django's, with a health check without round trip
    return config
