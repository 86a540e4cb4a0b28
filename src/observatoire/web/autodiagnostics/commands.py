"""What ``observatoire autodiagnostics …`` runs: Django set up on the workspace's database, migrated."""

from __future__ import annotations

import os


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "observatoire.web.settings")
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    settings.WORKSPACE.ensure()
    call_command("migrate", interactive=False, verbosity=0)


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
