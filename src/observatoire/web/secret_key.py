"""The secret key signs sessions and CSRF tokens: the development one is public, so only ``--dev`` may use it.

Read from ``$OBSERVATOIRE_SECRET_KEY`` (``$OBSERVATOIRE_SECRET_KEY_FALLBACKS``, comma-separated, keeps the
previous keys valid while rotating). Without it the settings still load (tests, management commands), but
``observatoire serve`` and ``wsgi.py`` refuse to serve unless development mode is asked for.
"""

from __future__ import annotations

import os
import sys

from observatoire.errors import InputError
from observatoire.messages import t

DEV_SECRET_KEY = "observatoire-dev-only-not-secret"
DEV_ENV = "OBSERVATOIRE_DEV"
# Django's own test of a key (check --deploy, security.W009): long and varied enough to resist guessing.
MIN_LENGTH = 50
MIN_UNIQUE = 5


def secret_key() -> str:
    return os.environ.get("OBSERVATOIRE_SECRET_KEY") or DEV_SECRET_KEY


def fallbacks() -> list[str]:
    return [key for key in os.environ.get("OBSERVATOIRE_SECRET_KEY_FALLBACKS", "").split(",") if key]


def is_strong(key: str) -> bool:
    return len(key) >= MIN_LENGTH and len(set(key)) >= MIN_UNIQUE and not key.startswith("django-insecure-")


def development_mode() -> bool:
    """Whether the operator asked for development mode (``observatoire serve --dev`` sets it)."""
    return os.environ.get(DEV_ENV) == "1"


_warned: list[bool] = []


def refuse_unsafe_key(key: str) -> None:
    """Raise a French :class:`InputError` for a missing or weak key, unless in development mode, where a
    warning is printed once per process instead (loud: the key is public, sessions can be forged)."""
    if development_mode():
        if not _warned:
            print(t("serve.dev_warning"), file=sys.stderr, flush=True)
            _warned.append(True)
        return
    if key == DEV_SECRET_KEY:
        raise InputError(t("serve.no_key"))
    if not is_strong(key):
        raise InputError(t("serve.weak_key", length=MIN_LENGTH))
