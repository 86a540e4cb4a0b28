"""One generated demo per test session (about ten seconds), shared by the demo tests."""

from __future__ import annotations

import pytest

from observatoire.demo import DemoManifest, generate_demo
from observatoire.workspace import Workspace


@pytest.fixture(scope="session")
def demo_workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return Workspace(root=tmp_path_factory.mktemp("demo"), database_url="sqlite://")


@pytest.fixture(scope="session")
def demo(demo_workspace: Workspace) -> DemoManifest:
    return generate_demo(demo_workspace)
