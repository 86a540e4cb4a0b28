"""The synthetic objective indicators: coverage, plausibility, and PACA's profile through the real indices."""

from __future__ import annotations

import pandas as pd
import pytest

from observatoire.demo import DemoManifest, published_targets
from observatoire.demo.geography import all_regions, departements
from observatoire.demo.indicators import INDICATORS, PACA_ORDER
from observatoire.indices.metadata import load_indicator_metadata
from observatoire.indices.pipeline import compute_indices
from observatoire.indices.values import load_indicator_values
from observatoire.reference import vocabulary

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def imported(demo: DemoManifest) -> tuple[object, pd.DataFrame]:
    metadata = load_indicator_metadata(demo.indicator_metadata)
    return metadata, load_indicator_values(demo.indicator_values, metadata)


def test_two_or_three_indicators_per_domain(imported: tuple[object, pd.DataFrame]) -> None:
    metadata, _ = imported
    for domain in vocabulary.domain_codes():
        assert 2 <= len(metadata.in_domain(domain)) <= 3, domain
    assert {metadata[code].source for code in metadata} == {"synthétique"}
    assert {metadata[code].direction for code in metadata} == {1, -1}


def test_every_territory_and_year(imported: tuple[object, pd.DataFrame]) -> None:
    _, values = imported
    expected = len(all_regions()) + len(departements()) + 1
    counts = values.groupby(["indicator", "year"]).size()
    assert set(counts) == {expected}
    assert set(values["year"]) == {2015, 2019}
    assert len(counts) == 2 * len(INDICATORS)
    assert (values["value"] > 0).all()


def test_paca_stands_out_in_the_published_order(imported: tuple[object, pd.DataFrame]) -> None:
    metadata, values = imported
    indices = compute_indices(values, metadata).indices
    for year in (2015, 2019):
        paca = indices[
            (indices["territory_level"] == "region")
            & (indices["territory"] == "93")
            & (indices["year"] == year)
        ]
        ranked = list(paca.sort_values("index", ascending=False)["domain"])
        assert tuple(ranked[: len(PACA_ORDER)]) == PACA_ORDER, year
    published = published_targets()
    order = published[published["study"] == "indices"].sort_values("value")["item"]
    assert tuple(order) == PACA_ORDER
    numerique = indices[
        (indices["territory"] == "93") & (indices["domain"] == "numerique") & (indices["year"] == 2019)
    ]
    assert int(numerique["rank"].iloc[0]) <= 3  # objectively fragile among the 18 régions
