"""``observatoire serve``: the platform behind gunicorn, never Django's development server.

Migrations run once in the parent before workers fork, and every public page is rendered into the cache
there (the workers share them through the fork, or find them in Redis); each time a new build is
published, they are rendered again in the background (see :mod:`observatoire.web.warm`); debug pages are
off whatever the environment says; without a real secret key it refuses to start, unless ``--dev`` asks
for development mode (loopback only, announced loudly). Requests go to the access log and errors, each
500 with its traceback, to the error log (:mod:`observatoire.web.logs`).
"""

from __future__ import annotations

import gc
import ipaddress
import os
from typing import Any

from observatoire.errors import InputError
from observatoire.messages import t
from observatoire.numbers import number
from observatoire.web import logs
from observatoire.web.secret_key import DEV_ENV, refuse_unsafe_key

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


def prepare(
    host: str, dev: bool = False, error_log: str | None = None, access_log: str | None = None
) -> None:
    """Set up Django for serving: refuse an unsafe key, force debug off, apply migrations.

    The choices reach Django's settings through the environment, read when they are loaded, so that
    ``wsgi.py`` (loaded next, in this process) applies the same rules.
    """
    if dev and not is_loopback(host):
        raise InputError(t("serve.dev_not_loopback", host=host))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "observatoire.web.settings")
    os.environ.pop("OBSERVATOIRE_DEBUG", None)
    os.environ.pop(DEV_ENV, None)
    if dev:
        os.environ[DEV_ENV] = "1"
    for name, value in ((logs.ERROR_ENV, error_log), (logs.ACCESS_ENV, access_log)):
        if value:
            os.environ[name] = value
    import django
    from django.conf import settings

    refuse_unsafe_key(settings.SECRET_KEY)  # before Django is set up: nothing migrated with a refused key
    django.setup()
    settings.DEBUG = False
    from django.core.management import call_command
    from django.db import connections

    settings.WORKSPACE.ensure()
    call_command("migrate", interactive=False, verbosity=0)
    connections.close_all()  # no connection may cross the fork into the workers


def options(host: str, port: int, workers: int) -> dict[str, Any]:
    """Gunicorn's settings: threaded workers, the logs of :mod:`observatoire.web.logs`, graceful stop."""
    return {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "preload_app": True,  # the application, and the pages warmed in it, are loaded once and shared
        "threads": 4,
        "logconfig_dict": logs.from_env(),  # the same destinations as Django's LOGGING
        "access_log_format": logs.ACCESS_FORMAT,
        "loglevel": "warning",
        "graceful_timeout": 10,
        "timeout": 60,
    }


def warm_before_fork(application: Any, host: str, port: int) -> str | None:
    """Render every public page, then close every connection: none may cross the fork into a worker.
    Returns the version of the build rendered (``None`` when nothing is published)."""
    from django.db import connections

    from observatoire.web import results
    from observatoire.web.caching import published_version
    from observatoire.web.warm import visitor_url, warm

    found = published_version()
    answered, seconds = warm(application, visitor_url(host, port))
    results.reset()
    connections.close_all()
    # Objects loaded so far live as long as the server: out of the collector's reach, a worker's first
    # collections neither scan them nor copy their memory pages (copy-on-write after the fork).
    gc.collect()
    gc.freeze()
    print(t("serve.warmed", count=answered, seconds=number(seconds)), flush=True)
    return None if found is None else found[1]


def serve(
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    workers: int | None = None,
    dev: bool = False,
    error_log: str | None = None,
    access_log: str | None = None,
) -> None:
    """Serve ``observatoire.web.wsgi:application`` until interrupted (blocks)."""
    from gunicorn.app.base import BaseApplication

    prepare(host, dev, error_log, access_log)
    print(t("serve.listening", host=host, port=port), flush=True)
    settings = options(host, port, workers or default_workers())
    warmed: list[str | None] = [None]

    def post_fork(server: Any, worker: Any) -> None:
        from observatoire.web.warm import visitor_url, warm_new_builds
        from observatoire.web.wsgi import application

        warm_new_builds(application, visitor_url(host, port), warmed[0])

    settings["post_fork"] = post_fork

    class Application(BaseApplication):
        def load_config(self) -> None:
            for key, value in settings.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            from observatoire.web.wsgi import application

            warmed[0] = warm_before_fork(application, host, port)
            return application

    Application().run()
