"""Every store test runs on a SQLite file in ``tmp_path`` and on the local PostgreSQL server.

Each PostgreSQL test gets its own schema (``search_path`` in the URL), created and dropped around it, so
that parallel sessions sharing the ``test`` database never see each other's tables or build locks.
The PostgreSQL variant is skipped only when no server answers.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from urllib.parse import quote

import pandas as pd
import pytest

from observatoire.diagnosis.store import ResultsStore

PG_DSN = os.environ.get("OBSERVATOIRE_TEST_PG", "host=127.0.0.1 port=5432 dbname=test user=postgres")
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
_SESSION = uuid.uuid4().hex[:8]
_server: bool | None = None


def _pg_connect():
    import psycopg

    return psycopg.connect(PG_DSN, autocommit=True, connect_timeout=3)


def _pg_available() -> bool:
    global _server
    if _server is None:
        try:
            with _pg_connect():
                _server = True
        except Exception:
            _server = False
    return _server


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request, tmp_path) -> Iterator[str]:
    """A database URL with no store in it yet."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'observatoire.sqlite3'}"
        return
    if not _pg_available():
        pytest.skip("aucun serveur PostgreSQL ne répond sur 127.0.0.1:5432")
    schema = f"obs_test_{_SESSION}_{uuid.uuid4().hex[:8]}"
    with _pg_connect() as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{PG_URL}?options={quote(f'-csearch_path={schema}')}"
    finally:
        with _pg_connect() as connection:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def store(url) -> Iterator[ResultsStore]:
    with ResultsStore(url) as opened:
        yield opened


def figures(count: int = 6, *, wave: int = 2019, n: int = 100, shift: float = 0.0) -> pd.DataFrame:
    """``count`` valid figures: Q1 means of the first domains for FR and two régions."""
    territories = [("nation", "FR"), ("region", "93"), ("region", "11")]
    rows = []
    for index in range(count):
        level, territory = territories[index % len(territories)]
        rows.append(
            {
                "study": "IMPACT-Citoyens" if wave >= 2018 else "PHARE-Citoyens",
                "wave": wave,
                "population": "citoyens",
                "question": "Q1",
                "item": f"domaine_{index // len(territories)}",
                "territory_level": level,
                "territory": territory,
                "statistic": "mean",
                "estimate": 6.0 + index / 10 + shift,
                "se": 0.05,
                "ci_low": 5.9 + index / 10 + shift,
                "ci_high": 6.1 + index / 10 + shift,
                "n": n,
                "weighted_n": n * 1.5,
                "flag": "+" if index % 2 else None,
                "extra": {"df": 40, "p_value": 0.01},
            }
        )
    return pd.DataFrame(rows)


@pytest.fixture
def make_figures():
    return figures
