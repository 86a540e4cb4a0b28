"""Composite indices of objective fragility (OECD/JRC handbook, as COINr implements it).

Typical use::

    metadata = load_indicator_metadata("indicateurs.toml")
    values = load_indicator_values("valeurs.csv", metadata)
    result = compute_indices(values, metadata, IndexConfig(n_draws=1000))
    result.indices  # domain, territory_level, peer_level, territory, year, index (1-10), rank, rank_low...

Methodology: ``docs/indices.md``.
"""

from observatoire.indices.audit import IndexAudit
from observatoire.indices.metadata import (
    Indicator,
    IndicatorMetadata,
    default_indicator_metadata,
    load_indicator_metadata,
)
from observatoire.indices.pipeline import IndexConfig, IndexResult, compute_indices
from observatoire.indices.territories import DEPARTEMENT, NATION, REGION
from observatoire.indices.values import load_indicator_values
from observatoire.indices.weights import load_weights

__all__ = [
    "DEPARTEMENT",
    "NATION",
    "REGION",
    "IndexAudit",
    "IndexConfig",
    "IndexResult",
    "Indicator",
    "IndicatorMetadata",
    "compute_indices",
    "default_indicator_metadata",
    "load_indicator_metadata",
    "load_indicator_values",
    "load_weights",
]
