"""``observatoire serve``: the platform behind gunicorn, never Django's development server.

Migrations run once in the parent before workers fork, and the landing pages are rendered there (see
:mod:`observatoire.web.warm`); debug pages are off whatever the environment says; the development secret
key is refused unless the server listens on loopback only.
"""

from __future__ import annotations

import gc
import ipaddress
import os
from typing import Any

from observatoire.errors import InputError
from observatoire.messages import t

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def default_workers() -> int:
    """One process per core (at least 2), with a few threads each: the benchmark is slower with more."""
    return max(2, os.cpu_count() or 1)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def prepare(host: str) -> None:
    """Set up Django for serving: refuse an unsafe key, force debug off, apply migrations."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "observatoire.web.settings")
    os.environ.pop("OBSERVATOIRE_DEBUG", None)
    import django
    from django.conf import settings

    django.setup()
    settings.DEBUG = False
    from observatoire.web.settings import DEV_SECRET_KEY

    if settings.SECRET_KEY == DEV_SECRET_KEY and not is_loopback(host):
        raise InputError(t("serve.dev_key", host=host))
    from django.core.management import call_command
    from django.db import connections

    settings.WORKSPACE.ensure()
    call_command("migrate", interactive=False, verbosity=0)
    connections.close_all()  # no connection may cross the fork into the workers


def options(host: str, port: int, workers: int) -> dict[str, Any]:
    """Gunicorn's settings: threaded workers, access log on stdout, graceful stop."""
    return {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "preload_app": True,  # the application, and the pages warmed in it, are loaded once and shared
        "threads": 4,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "graceful_timeout": 10,
        "timeout": 60,
    }


def warm_before_fork(application: Any, host: str, port: int) -> None:
    """Render the landing pages, then close every connection: none may cross the fork into a worker."""
    from django.db import connections

    from observatoire.web import results
    from observatoire.web.warm import warm

    answered, seconds = warm(application, host, port)
    results.reset()
    connections.close_all()
    # Objects loaded so far live as long as the server: out of the collector's reach, a worker's first
    # collections neither scan them nor copy their memory pages (copy-on-write after the fork).
    gc.collect()
    gc.freeze()
    print(t("serve.warmed", count=answered, seconds=f"{seconds:.1f}".replace(".", ",")), flush=True)


def serve(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, workers: int | None = None) -> None:
    """Serve ``observatoire.web.wsgi:application`` until interrupted (blocks)."""
    from gunicorn.app.base import BaseApplication

    prepare(host)
    settings = options(host, port, workers or default_workers())

    class Application(BaseApplication):
        def load_config(self) -> None:
            for key, value in settings.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            from observatoire.web.wsgi import application

            warm_before_fork(application, host, port)
            return application

    Application().run()
