"""Where the server writes: an access log (one line per request) and an error log (each 500 with its
traceback, refused hosts, locked-out logins, gunicorn's own errors).

Both go to standard error unless a file is given (``observatoire serve --access-log/--error-log`` or
``$OBSERVATOIRE_ACCESS_LOG`` / ``$OBSERVATOIRE_ERROR_LOG``). One configuration serves Django (``LOGGING``,
whatever the WSGI server) and gunicorn (``logconfig_dict``), so both write the same files the same way.
Files are reopened when log rotation moves them (``WatchedFileHandler``).
"""

from __future__ import annotations

import os
from typing import Any

ACCESS_ENV = "OBSERVATOIRE_ACCESS_LOG"
ERROR_ENV = "OBSERVATOIRE_ERROR_LOG"
# Apache's combined format, plus the address the reverse proxy saw and the time taken (microseconds).
ACCESS_FORMAT = (
    '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" xff="%({x-forwarded-for}i)s" %(D)sus'
)
ERROR_FORMAT = "%(asctime)s [%(process)d] %(levelname)s %(name)s: %(message)s"


def _handler(path: str | None, formatter: str) -> dict[str, Any]:
    if not path or path == "-":
        return {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": formatter}
    return {"class": "logging.handlers.WatchedFileHandler", "filename": path, "formatter": formatter}


def config(error_log: str | None = None, access_log: str | None = None) -> dict[str, Any]:
    """A ``logging.config.dictConfig`` dictionary; ``None`` or ``-`` means standard error."""
    errors = {"handlers": ["errors"], "propagate": False}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "error": {"format": ERROR_FORMAT},
            "access": {"format": "%(message)s"},
        },
        "handlers": {"errors": _handler(error_log, "error"), "access": _handler(access_log, "access")},
        "root": {"level": "WARNING", "handlers": ["errors"]},
        "loggers": {
            # ERROR: every 500 with its traceback (django.request), refused hosts (django.security)...
            "django": errors | {"level": "ERROR"},
            "axes": errors | {"level": "WARNING"},  # failed and locked-out admin logins
            "gunicorn.error": errors | {"level": "WARNING"},
            "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
        },
    }


def from_env() -> dict[str, Any]:
    return config(os.environ.get(ERROR_ENV), os.environ.get(ACCESS_ENV))
