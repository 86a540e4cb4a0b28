"""Territorial PDF reports, served as files: written by ``observatoire report``, or on the first request.

Every territory page links to its PDF. A report missing from the workspace's reports folder, or older than
the published build, is written when first asked for (a few seconds: Vega and WeasyPrint), atomically, by
:func:`observatoire.reports.write.write_report`, then served as a file to every later request; one thread
of a process writes a given report while the others wait. The reports module is imported only then
(WeasyPrint takes seconds to load).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from pathlib import Path

from django.conf import settings

from observatoire.diagnosis.store import BuildInfo
from observatoire.reference.territories import Territory
from observatoire.web.results import store

FORMATS = {"pdf": "application/pdf", "html": "text/html; charset=utf-8"}
_writing: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)


def file_stem(territory: Territory) -> str:
    return f"rapport-{territory.level}-{territory.code}".lower()


def report_file(territory: Territory, fmt: str = "pdf") -> Path | None:
    """The written report of ``territory`` in ``fmt``, or ``None`` when none was written."""
    if fmt not in FORMATS:
        return None
    path = Path(settings.WORKSPACE.reports_dir) / f"{file_stem(territory)}.{fmt}"
    return path if path.is_file() else None


def _current(path: Path | None, build: BuildInfo) -> bool:
    """Whether a written report is at least as recent as the published build."""
    if path is None:
        return False
    finished = build.finished_at or build.started_at
    return path.stat().st_mtime >= finished.timestamp()


def written_report(territory: Territory, build: BuildInfo) -> Path:
    """``territory``'s PDF for the published ``build``: the file on disk, written first if need be."""
    path = report_file(territory)
    if _current(path, build):
        return path  # type: ignore[return-value]
    with _writing[territory.key]:
        path = report_file(territory)
        if _current(path, build):
            return path  # type: ignore[return-value]
        from observatoire.reports.write import write_report

        out = Path(settings.WORKSPACE.reports_dir)
        written = write_report(store(), territory, out, formats=("pdf",))
        return next(p for p in written.paths if p.suffix == ".pdf")
