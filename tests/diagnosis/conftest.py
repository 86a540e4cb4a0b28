"""Every store test runs on a SQLite file in ``tmp_path`` and on a PostgreSQL schema of its own, skipped
only when no server answers."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest

from observatoire.diagnosis.store import ResultsStore


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request, tmp_path) -> str:
    """A database URL with no store in it yet: a SQLite file, then a PostgreSQL schema (tests/conftest.py)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'observatoire.sqlite3'}"
    return request.getfixturevalue("postgres_url")


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
