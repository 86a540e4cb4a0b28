"""Territorial reports written by ``observatoire report`` (HTML and PDF), served as files when they exist.

The web never renders a report in a request: it links to the files the reports module wrote into the
workspace's reports folder, named as :func:`observatoire.reports.write.file_stem` names them (that module
is not imported here: WeasyPrint takes seconds to load).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from observatoire.reference.territories import Territory

FORMATS = {"pdf": "application/pdf", "html": "text/html; charset=utf-8"}


def file_stem(territory: Territory) -> str:
    return f"rapport-{territory.level}-{territory.code}".lower()


def report_file(territory: Territory, fmt: str = "pdf") -> Path | None:
    """The written report of ``territory`` in ``fmt``, or ``None`` when none was written."""
    if fmt not in FORMATS:
        return None
    path = Path(settings.WORKSPACE.reports_dir) / f"{file_stem(territory)}.{fmt}"
    return path if path.is_file() else None
