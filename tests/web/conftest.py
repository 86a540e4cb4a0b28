"""Web tests run against the session's demo observatory (tests/conftest.py), the embedded default, so the
pages are tested on what a newcomer sees."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.test import Client

from observatoire.web import results
from observatoire.workspace import Workspace


@pytest.fixture
def published(demo_workspace: Workspace, settings):
    """Point the web at the demo workspace's results store for one test (pytest-django's ``settings``
    puts the previous workspace back)."""
    results.reset()
    caches["default"].clear()  # each test renders its pages afresh (some change settings or count reads)
    settings.WORKSPACE = demo_workspace
    yield results.store()
    results.reset()
    caches["default"].clear()


@pytest.fixture
def curator(db) -> Client:
    """A client logged in as a curator (the observatory's staff, in the admin)."""
    client = Client()
    client.force_login(User.objects.create_superuser("curatrice", "c@example.org", "motdepasse-solide-42"))
    return client
