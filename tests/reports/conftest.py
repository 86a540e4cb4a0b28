"""Report tests read the session's demo observatory (tests/conftest.py)."""

from __future__ import annotations

import pytest

from observatoire.diagnosis.store import ResultsStore
from observatoire.workspace import Workspace


@pytest.fixture(scope="session")
def report_workspace(demo_workspace: Workspace) -> Workspace:
    return demo_workspace


@pytest.fixture(scope="session")
def report_store(demo_workspace: Workspace):
    with ResultsStore.from_workspace(demo_workspace) as store:
        yield store
