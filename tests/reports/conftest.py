"""Report tests read a real demo observatory, generated and built once per test session."""

from __future__ import annotations

import pytest

from observatoire.demo import generate_demo
from observatoire.diagnosis.build import run_build
from observatoire.diagnosis.store import ResultsStore
from observatoire.workspace import Workspace


@pytest.fixture(scope="session")
def report_workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    root = tmp_path_factory.mktemp("observatoire-reports")
    workspace = Workspace(root=root, database_url=f"sqlite:///{root / 'results.sqlite3'}").ensure()
    generate_demo(workspace)
    run_build(workspace, n_draws=200)
    return workspace


@pytest.fixture(scope="session")
def report_store(report_workspace: Workspace):
    with ResultsStore.from_workspace(report_workspace) as store:
        yield store
