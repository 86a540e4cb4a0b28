"""The workspace: where microdata, the results database and generated files live.

``$OBSERVATOIRE_HOME`` (default ``./observatoire-data``) holds everything; ``$DATABASE_URL`` overrides the
default SQLite file with another database (PostgreSQL in production). Reading the environment happens
when a :class:`Workspace` is made, never at import time, so that tests need no environment variables.
The workspace names every folder in it (no other module joins names to its root), and
:func:`atomic_write` is how every file the platform produces is written.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Workspace:
    root: Path
    database_url: str

    @classmethod
    def from_env(cls, root: Path | str | None = None) -> Workspace:
        base = Path(root or os.environ.get("OBSERVATOIRE_HOME") or "observatoire-data").resolve()
        url = os.environ.get("DATABASE_URL") or f"sqlite:///{base / 'observatoire.sqlite3'}"
        return cls(root=base, database_url=url)

    @property
    def microdata_dir(self) -> Path:
        return self.root / "microdata"

    @property
    def exports_dir(self) -> Path:
        return self.root / "exports"

    @property
    def reports_dir(self) -> Path:
        return self.root / "reports"

    @property
    def indicators_dir(self) -> Path:
        """Official indicator files (metadata, values, weights) that the build turns into indices."""
        return self.root / "indicateurs"

    @property
    def demo_dir(self) -> Path:
        """The synthetic demo's own files: its sources, manifest and indicators."""
        return self.root / "demo"

    @property
    def demo_indicators_dir(self) -> Path:
        """The demo's indicator files, read by the build when :attr:`indicators_dir` does not exist."""
        return self.demo_dir / "indicateurs"

    @property
    def static_dir(self) -> Path:
        """The web's collected static files (``collectstatic``), served by whitenoise when present."""
        return self.root / "static"

    def ensure(self) -> Workspace:
        for path in (self.root, self.microdata_dir, self.exports_dir, self.reports_dir):
            path.mkdir(parents=True, exist_ok=True)
        return self


def user_cache_dir() -> Path:
    """Where derived data is kept between runs for this user (``$XDG_CACHE_HOME/observatoire``, by default
    ``~/.cache/observatoire``): anything in it can be deleted, it is rebuilt."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "observatoire"


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path`` to write the whole file to; when the block ends without
    error, the file is flushed to disk and renamed over ``path``, else it is deleted and ``path`` is left
    as it was. Readers never see a half-written file, even after a crash.

    The temporary file is created like any new file (mode 0666 less the umask, as ``open`` gives, where
    :func:`tempfile.mkstemp` would make it private), in the same folder so the rename is atomic.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    # hidden, and ending as the target does: writers that choose a format by extension still can
    temporary = target.with_name(f".{target.stem}.{uuid.uuid4().hex[:12]}.tmp{target.suffix}")
    os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    try:
        yield temporary
        with open(temporary, "rb") as written:
            os.fsync(written.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    fsync_folder(target.parent)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where the system allows opening a folder)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
