"""Fixtures every test folder shares: the demo observatory, PostgreSQL schemas, the broken inputs of
``tests/data/bad`` and a workspace's digest.

The demo is generated and built once per test session (once per worker under pytest-xdist: each worker
has its own temporary folder, so no two processes write the same files). Its results store is a SQLite
file, or a schema of its own on PostgreSQL when ``$DATABASE_URL`` names a server (``make test`` runs the
web tests that way). Tests that write files next to the demo write them in ``tmp_path``, not in it.

A PostgreSQL test gets a schema of its own (``search_path`` in the URL), created and dropped around it, so
that workers and parallel sessions sharing one database never see each other's tables or build locks. The
server is ``$OBSERVATOIRE_TEST_PG_URL``, else ``$DATABASE_URL`` when it is PostgreSQL, else the local
``test`` database; PostgreSQL tests are skipped only when no server answers.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from observatoire.demo import DemoManifest, generate_demo
from observatoire.diagnosis.build import run_build
from observatoire.workspace import Workspace

_DATABASE_URL = os.environ.get("DATABASE_URL", "")
PG_SERVER_URL = os.environ.get("OBSERVATOIRE_TEST_PG_URL") or (
    _DATABASE_URL
    if _DATABASE_URL.startswith("postgres")
    else "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
BAD = Path(__file__).parent / "data" / "bad"
DEMO_DRAWS = 200  # fewer Monte Carlo draws than production: rank intervals are still real
_server: bool | None = None


def pg_available() -> bool:
    """Whether the PostgreSQL server answers (asked once per process)."""
    global _server
    if _server is None:
        from sqlalchemy import create_engine

        from observatoire.diagnosis.engine import normalise_url

        engine = create_engine(normalise_url(PG_SERVER_URL), connect_args={"connect_timeout": 3})
        try:
            with engine.connect():
                _server = True
        except Exception:
            _server = False
        finally:
            engine.dispose()
    return _server


@contextlib.contextmanager
def postgres_schema(prefix: str) -> Iterator[str]:
    """The URL of a new, empty schema on the test server; the schema is dropped on exit."""
    from sqlalchemy import create_engine

    from observatoire.diagnosis.engine import normalise_url

    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    engine = create_engine(normalise_url(PG_SERVER_URL), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{PG_SERVER_URL}?options={quote(f'-csearch_path={schema}')}"
    finally:
        with engine.connect() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        engine.dispose()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A database URL on PostgreSQL with no table in it yet (skipped when no server answers)."""
    if not pg_available():
        pytest.skip(f"aucun serveur PostgreSQL ne répond ({PG_SERVER_URL})")
    with postgres_schema("obs_test") as url:
        yield url


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, DemoManifest]]:
    """The demo observatory, generated and built: its workspace and the generator's manifest."""
    root = tmp_path_factory.mktemp("observatoire-demo")
    with contextlib.ExitStack() as stack:
        if _DATABASE_URL.startswith("postgres"):
            url = stack.enter_context(postgres_schema("obs_demo"))
        else:
            url = f"sqlite:///{root / 'results.sqlite3'}"
        workspace = Workspace(root=root, database_url=url).ensure()
        manifest = generate_demo(workspace)
        run_build(workspace, n_draws=DEMO_DRAWS)
        yield workspace, manifest


@pytest.fixture(scope="session")
def demo_workspace(demo_build: tuple[Workspace, DemoManifest]) -> Workspace:
    return demo_build[0]


@pytest.fixture(scope="session")
def demo(demo_build: tuple[Workspace, DemoManifest]) -> DemoManifest:
    return demo_build[1]


def tree_digest(root: Path) -> dict[str, str]:
    """Every directory and file under ``root`` (relative path -> sha256 of its bytes, ``dir`` for folders):
    equal digests mean a byte-identical tree, empty folders and names included."""
    if not root.exists():
        return {}
    return {
        str(path.relative_to(root)): "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
    }


@pytest.fixture
def bad_inputs() -> Path:
    """The folder of small broken input files, one per defect a test guards against."""
    return BAD
