"""One retention rule for every app that stores answers: ``observatoire purger`` deletes, for real, what
was left untouched longer than ``OBSERVATOIRE_ANSWERS_RETENTION_DAYS`` (the one setting, stated on the
« Données personnelles » page).

An app that stores answers registers what it purges, once, from its ``AppConfig.ready()``::

    from observatoire.web import retention

    def ready(self) -> None:
        from observatoire.web.partenariats.purge import purge_untouched

        retention.register("evaluations", "Évaluations partenariales", purge_untouched)

``purge_untouched(before)`` deletes the app's answers untouched since ``before`` (never its synthetic demo
ones, which its demo command replaces) and returns how many it deleted; it runs in a transaction of its
own, so an app's purge is whole or nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

Purge = Callable[[datetime], int]


@dataclass(frozen=True)
class Purger:
    code: str
    label: str  # what is purged, as a title: « Évaluations partenariales »
    purge: Purge


_registered: dict[str, Purger] = {}


def register(code: str, label: str, purge: Purge) -> None:
    """Adds an app's purge (registering the same code again replaces it: ``ready()`` may run twice)."""
    _registered[code] = Purger(code, label, purge)


def registered() -> tuple[Purger, ...]:
    return tuple(_registered.values())


def purge(days: int | None = None) -> tuple[list[tuple[Purger, int]], int]:
    """Every registered app's purge of what is untouched for more than ``days`` days (the setting when
    ``None``; 0 keeps everything); returns (each app and how many it deleted, the days used)."""
    chosen = int(settings.OBSERVATOIRE_ANSWERS_RETENTION_DAYS) if days is None else days
    if chosen <= 0:
        return [(purger, 0) for purger in registered()], chosen
    before = timezone.now() - timedelta(days=chosen)
    done = []
    for purger in registered():
        with transaction.atomic():
            done.append((purger, purger.purge(before)))
    return done, chosen
