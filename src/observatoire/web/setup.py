"""Django set up for a command (``observatoire autodiagnostics …``, ``observatoire practices …``): the
settings, the workspace's database, migrated."""

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
