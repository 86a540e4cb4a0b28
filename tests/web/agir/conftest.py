"""A small case base for the agir tests: the publications' examples and a synthetic set, imported."""

from __future__ import annotations

import pytest

from observatoire.demo.acting import seed_rows, synthetic_rows
from observatoire.web.agir import catalog
from observatoire.web.agir.columns import CASES, CATALYSTS, TOOLS
from observatoire.web.agir.transfer import import_rows


def load(rows: dict[str, list[dict[str, str]]]) -> None:
    for kind in (CATALYSTS, CASES, TOOLS):
        import_rows(kind, list(enumerate(rows[kind], start=2)), kind)


@pytest.fixture
def base(db):
    """The publications' examples plus 80 synthetic cases, 20 catalysts and 7 tools (the same every run)."""
    catalog.forget()
    load(seed_rows())
    load(synthetic_rows(seed=7, cases=80, catalysts=20, tools=7))
    catalog.forget()
    yield
    catalog.forget()
