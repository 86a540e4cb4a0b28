"""Web tests run against a real demo observatory, generated and built once per test session.

The demo is the embedded default, so the pages are tested on what a newcomer sees; building it takes
about half a minute (fewer Monte Carlo draws than production: ranks intervals are still real).
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from django.conf import settings
from sqlalchemy import create_engine

from observatoire.demo import generate_demo
from observatoire.diagnosis.build import run_build
from observatoire.diagnosis.engine import normalise_url
from observatoire.web import results
from observatoire.web.memory import memory
from observatoire.workspace import Workspace


@pytest.fixture(scope="session")
def demo_workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """On SQLite, or on PostgreSQL if ``$DATABASE_URL`` names one (in a schema of its own, dropped after)."""
    workspace = Workspace.from_env(tmp_path_factory.mktemp("observatoire-demo")).ensure()
    with _results_database(workspace) as url:
        workspace = Workspace(root=workspace.root, database_url=url)
        generate_demo(workspace)
        run_build(workspace, n_draws=200)
        yield workspace


@contextlib.contextmanager
def _results_database(workspace: Workspace) -> Iterator[str]:
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgres"):
        yield f"sqlite:///{workspace.root / 'results.sqlite3'}"
        return
    schema = f"obs_web_{uuid.uuid4().hex[:12]}"
    engine = create_engine(normalise_url(server), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{server}?options={quote(f'-csearch_path={schema}')}"
    finally:
        with engine.connect() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        engine.dispose()


@pytest.fixture
def published(demo_workspace: Workspace):
    """Point the web at the demo workspace's results store for one test."""
    previous = settings.WORKSPACE
    results.reset()
    memory.clear()  # each test renders its pages afresh (some change settings or count reads)
    settings.WORKSPACE = demo_workspace
    yield results.store()
    results.reset()
    memory.clear()
    settings.WORKSPACE = previous
