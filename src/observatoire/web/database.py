"""The Django database of the web platform is the workspace's database (one file or one PostgreSQL base)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import make_url


def django_database(url: str) -> dict[str, Any]:
    """Django's ``DATABASES['default']`` for a SQLAlchemy URL (``sqlite:///…`` or ``postgresql+psycopg://…``)."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": parsed.database or ":memory:"}
    if backend == "postgresql":
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": parsed.database or "",
            "USER": parsed.username or "",
            "PASSWORD": parsed.password or "",
            "HOST": parsed.host or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": 60,
        }
    raise ValueError(f"unsupported database for the web platform: {backend}")
