"""Browser tests: Playwright drives Debian's chromium (headless) against ``observatoire serve`` on the demo.

The server runs in a subprocess, as in production (gunicorn, whitenoise, DEBUG off, the CSP header), on
the session's demo workspace. Playwright's own browsers are never downloaded: the tests use
``/usr/bin/chromium`` and are skipped, with the reason, when it is absent (``scripts/system-deps.sh``
installs it). Each test leaves a full-page screenshot in ``test-artifacts/``.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from observatoire.workspace import Workspace

from ..serving import environment, served


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


LOAD = (
    "import django; django.setup();"
    "from django.core.management import call_command; call_command('migrate', verbosity=0);"
    "from observatoire.web.agir.demo import load_demo_content; load_demo_content()"
)


@pytest.fixture(scope="session")
def acting_base(server: str, demo_workspace: Workspace) -> str:
    """The served workspace with the demo case base (seeds and synthetic set), loaded as the demo does."""
    env = environment(demo_workspace, DJANGO_SETTINGS_MODULE="observatoire.web.settings")
    subprocess.run([sys.executable, "-c", LOAD], env=env, check=True, timeout=300)
    return server


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                reason = f"{CHROMIUM} is absent (scripts/system-deps.sh installs it)"
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def server(demo_workspace: Workspace) -> Iterator[str]:
    """The base URL of ``observatoire serve`` on the demo workspace."""
    with served(demo_workspace, 2, demo_workspace.root / "serve.log") as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


#: Screen widths of the tests that check a layout: a phone and a laptop (CSS pixels).
PHONE, LAPTOP = 390, 1366
AXE = Path(__file__).resolve().parents[3] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def site(browser, server: str, request: pytest.FixtureRequest):
    """A fresh browser page on the server, as a :class:`pages.Site` (its console is watched); photographed
    at the end of the test. Parametrized indirectly with a width (``PHONE``, ``LAPTOP``), the window is
    that wide (as a phone: touch and a device scale of 3 when narrow)."""
    width = getattr(request, "param", None)
    sizing: dict = {}
    if width is not None:
        sizing = {"viewport": {"width": width, "height": 844 if width <= PHONE else 768}}
        if width <= PHONE:
            sizing.update(device_scale_factor=3, is_mobile=True, has_touch=True)
    context = browser.new_context(base_url=server, accept_downloads=True, locale="fr-FR", **sizing)
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    yield page_objects.Site(opened, server, width)
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        opened.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    finally:
        context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's browser build, installed from package-lock.json by ``npm ci`` (``make test`` runs it)."""
    if not AXE.exists():
        pytest.skip(f"{AXE} is absent: run `npm ci` (make test does)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def paca_report(demo_workspace: Workspace) -> Path:
    """The PDF report of Provence-Alpes-Côte d'Azur, as ``observatoire report 93`` writes it, so that the
    journeys that set out to get a PDF find it whether reports are written ahead or on demand."""
    from observatoire.diagnosis.store import ResultsStore
    from observatoire.reports.data import resolve
    from observatoire.reports.write import write_report

    with ResultsStore(demo_workspace.database_url) as store:
        written = write_report(store, resolve("93"), demo_workspace.ensure().reports_dir, ("pdf",))
    return next(path for path in written.paths if path.suffix == ".pdf")
