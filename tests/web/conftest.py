"""Web tests run against a real demo observatory, generated and built once per test session.

The demo is the embedded default, so the pages are tested on what a newcomer sees; building it takes
about half a minute (fewer Monte Carlo draws than production: ranks intervals are still real).
"""

from __future__ import annotations

import pytest
from django.conf import settings

from observatoire.demo import generate_demo
from observatoire.diagnosis.build import run_build
from observatoire.web import results
from observatoire.workspace import Workspace


@pytest.fixture(scope="session")
def demo_workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    workspace = Workspace.from_env(tmp_path_factory.mktemp("observatoire-demo")).ensure()
    workspace = Workspace(root=workspace.root, database_url=f"sqlite:///{workspace.root / 'results.sqlite3'}")
    generate_demo(workspace)
    run_build(workspace, n_draws=200)
    return workspace


@pytest.fixture
def published(demo_workspace: Workspace):
    """Point the web at the demo workspace's results store for one test."""
    previous = settings.WORKSPACE
    settings.WORKSPACE = demo_workspace
    results.store.cache_clear()
    yield results.store()
    results.store().close()
    results.store.cache_clear()
    settings.WORKSPACE = previous
