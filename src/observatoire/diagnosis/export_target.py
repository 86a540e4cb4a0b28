"""Where an export may be written: never over the workspace's own files, never over a stranger's file.

``observatoire export`` once overwrote a wave's ``data.parquet`` and the database (named ``.csv``), and
every later build failed. A target inside the folders the workspace manages (microdata, indicators,
reports, the demo's sources) or onto the results database is refused, always; an existing file is
replaced only when it is an export of ours (recognised by its content, not its name), or with ``force``.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pyarrow.parquet as pq

from observatoire.diagnosis.schema import FIGURE_COLUMNS
from observatoire.errors import InputError
from observatoire.messages import t
from observatoire.workspace import Workspace

CSV_HEADER = ("\ufeff" + ";".join(FIGURE_COLUMNS) + "\n").encode("utf-8")
PARQUET_KEY = b"observatoire"


def check_target(target: Path, workspace: Workspace | None, database: Path | None, *, force: bool) -> None:
    """Raise :class:`InputError` unless ``target`` is a place an export may be written to."""
    resolved = target.resolve()  # a link into the workspace is the workspace
    if database is not None and _is_database_file(resolved, database.resolve()):
        raise InputError(t("export.target.database", path=target))
    if workspace is not None:
        for folder in _managed_folders(workspace):
            if resolved.is_relative_to(folder):
                raise InputError(t("export.target.managed", path=target, folder=folder))
    if resolved.is_dir():
        raise InputError(t("export.target.directory", path=target))
    if resolved.exists() and not force and not is_our_export(resolved):
        raise InputError(t("export.target.foreign", path=target))


def _managed_folders(workspace: Workspace) -> list[Path]:
    folders = (workspace.microdata_dir, workspace.indicators_dir, workspace.reports_dir, workspace.demo_dir)
    return [folder.resolve() for folder in folders]


_DATABASE_COMPANIONS = ("", "-wal", "-shm", "-journal", ".build-lock")


def _is_database_file(path: Path, database: Path) -> bool:
    """The SQLite file itself or one of its companions (-wal, -shm, -journal, the build lock)."""
    names = {database.name + suffix for suffix in _DATABASE_COMPANIONS}
    return path.parent == database.parent and path.name in names


def is_our_export(path: Path) -> bool:
    """Whether ``path`` holds an open-data export this module's writers made (CSV, Parquet or XLSX)."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            with path.open("rb") as handle:
                return handle.read(len(CSV_HEADER)) == CSV_HEADER
        if suffix == ".parquet":
            metadata = pq.read_schema(path).metadata or {}
            return PARQUET_KEY in metadata
        if suffix == ".xlsx":
            with zipfile.ZipFile(path) as book:
                workbook = book.read("xl/workbook.xml").decode("utf-8")
            names = (t("export.sheet.data"), t("export.sheet.columns"))
            return all(f'name="{name}"' in workbook for name in names)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, UnicodeDecodeError):
        return False
    return False
