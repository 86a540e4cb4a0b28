"""The workspace: where microdata, the results database and generated files live.

``$OBSERVATOIRE_HOME`` (default ``./observatoire-data``) holds everything; ``$DATABASE_URL`` overrides the
default SQLite file with another database (PostgreSQL in production). Reading the environment happens
when a :class:`Workspace` is made, never at import time, so that tests need no environment variables.
"""

from __future__ import annotations

import os
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

    def ensure(self) -> Workspace:
        for path in (self.root, self.microdata_dir, self.exports_dir, self.reports_dir):
            path.mkdir(parents=True, exist_ok=True)
        return self
