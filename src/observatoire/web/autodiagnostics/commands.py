"""What ``observatoire autodiagnostics …`` runs: Django set up on the workspace's database, migrated."""

from __future__ import annotations

from observatoire.web.setup import setup


def demo(count: int, seed: int) -> int:
    setup()
    from observatoire.web.autodiagnostics.demo import create_demo

    return create_demo(count, seed)


def purge(days: int | None) -> tuple[int, int]:
    """Delete the expired assessments; returns (deleted, retention days used)."""
    setup()
    from django.conf import settings

    from observatoire.web.autodiagnostics.demo import purge as purge_expired

    chosen = settings.OBSERVATOIRE_ANSWERS_RETENTION_DAYS if days is None else days
    return purge_expired(chosen), chosen
