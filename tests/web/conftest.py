"""Web tests run against the session's demo observatory (tests/conftest.py), the embedded default, so the
pages are tested on what a newcomer sees."""

from __future__ import annotations

import pytest
from django.core.cache import caches

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
