"""Browser tests: Playwright drives Debian's chromium (headless) against ``observatoire serve`` on the demo.

The server runs in a subprocess, as in production (gunicorn, whitenoise, DEBUG off, the CSP header), on
the session's demo workspace. Playwright's own browsers are never downloaded: the tests use
``/usr/bin/chromium`` and are skipped, with the reason, when it is absent (``scripts/system-deps.sh``
installs it). Each test leaves a full-page screenshot in ``test-artifacts/``.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from observatoire.workspace import Workspace


def _load_page_objects():
    """``pages.py`` beside this file (the tests are not a package: pytest imports them by path)."""
    name = "observatoire_browser_pages"
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("pages.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


page_objects = _load_page_objects()

CHROMIUM = Path(os.environ.get("OBSERVATOIRE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
STARTUP_SECONDS = 30


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                reason = f"{CHROMIUM} is absent (scripts/system-deps.sh installs it)"
                item.add_marker(pytest.mark.skip(reason=reason))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def server(demo_workspace: Workspace) -> Iterator[str]:
    """The base URL of ``observatoire serve`` on the demo workspace."""
    port = _free_port()
    env = {
        **os.environ,
        "OBSERVATOIRE_HOME": str(demo_workspace.root),
        "DATABASE_URL": demo_workspace.database_url,
        "DJANGO_SETTINGS_MODULE": "observatoire.web.settings",
    }
    env.pop("OBSERVATOIRE_DEBUG", None)
    log = (demo_workspace.root / "serve.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from observatoire.cli import main; main()",
            "serve",
            "--port",
            str(port),
            "--workers",
            "2",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_SECONDS
    try:
        while True:
            try:
                with urllib.request.urlopen(base + "/carte/donnees.json", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    output = (demo_workspace.root / "serve.log").read_text()
                    pytest.fail(f"observatoire serve did not start:\n{output[-3000:]}")
                time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def site(browser, server: str, request: pytest.FixtureRequest):
    """A fresh browser page on the server, as a :class:`pages.Site` (its console is watched); photographed
    at the end of the test."""
    context = browser.new_context(base_url=server, accept_downloads=True, locale="fr-FR")
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    yield page_objects.Site(opened, server)
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        opened.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    finally:
        context.close()
