"""Objective fragility indices of the workspace's indicator files, as results-store rows.

Indicator files live in the workspace's ``indicators_dir`` (the demo writes its own in
``demo_indicators_dir``, used when the first folder does not exist): the metadata
(``indicateurs.toml`` or ``indicateurs.csv``, see :mod:`observatoire.indices.metadata`), one or more
value files (``valeurs*.csv``: territory, indicator, year, value) and optionally expert weights
(``poids.csv``).
Without a metadata file the build has no indices; a metadata file without values is an error.

Rows (study ``indices``, population ``territoire``, group ``ensemble``, ``n`` empty: never suppressed):

- question ``indice_objectif``, item = domain: statistic ``index`` (1-10, 10 = most fragile) and ``rank``
  (1 = most fragile among its peers; ``ci_low``/``ci_high`` = the 5-95 % Monte Carlo rank interval), for
  régions and départements, and ``index`` for the nation on the régions' scale;
- question ``indicateur``, item = indicator code: statistic ``value`` (as imported, in its unit), with
  the domain, unit, direction and normalised value in ``extra``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from observatoire.diagnosis.codes import (
    INDEX_POPULATION,
    INDEX_QUESTION,
    INDEX_STUDY,
    INDICATOR_QUESTION,
    OVERALL,
    SYNTHETIC,
)
from observatoire.errors import InputError
from observatoire.indices import (
    IndexConfig,
    compute_indices,
    load_indicator_metadata,
    load_indicator_values,
    load_weights,
)
from observatoire.messages import t
from observatoire.workspace import Workspace

STUDY = INDEX_STUDY
POPULATION = INDEX_POPULATION
METADATA_FILES = ("indicateurs.toml", "indicateurs.csv")
VALUES_PATTERN = "valeurs*.csv"
WEIGHTS_FILE = "poids.csv"


@dataclass(frozen=True)
class IndicatorFiles:
    metadata: Path
    values: tuple[Path, ...]
    weights: Path | None


def indicator_files(workspace: Workspace) -> IndicatorFiles | None:
    """The workspace's indicator files, or ``None`` when it has no indicator metadata."""
    folders = (workspace.indicators_dir, workspace.demo_indicators_dir)
    folder = next((folder for folder in folders if folder.is_dir()), None)
    if folder is None:
        return None
    metadata = next((folder / name for name in METADATA_FILES if (folder / name).is_file()), None)
    if metadata is None:
        return None
    values = tuple(sorted(folder.glob(VALUES_PATTERN)))
    if not values:
        raise InputError(t("build.indices.no_values", folder=folder))
    weights = folder / WEIGHTS_FILE
    return IndicatorFiles(metadata, values, weights if weights.is_file() else None)


def synthetic_indicators(files: IndicatorFiles | None) -> bool:
    """Whether any indicator's declared source is synthetic (the demo's are)."""
    if files is None:
        return False
    return any(
        indicator.source == SYNTHETIC for indicator in load_indicator_metadata(files.metadata).values()
    )


def _sources(metadata, domain: str | None = None) -> str:
    found = sorted({i.source for i in metadata.values() if domain is None or i.domain == domain})
    return ", ".join(found)


def index_rows(files: IndicatorFiles, n_draws: int = 1000, seed: int = 2019) -> pd.DataFrame:
    """Indices, ranks with their intervals, and indicator values as store rows."""
    metadata = load_indicator_metadata(files.metadata)
    values = pd.concat([load_indicator_values(path, metadata) for path in files.values], ignore_index=True)
    weights = load_weights(files.weights, metadata) if files.weights else None
    result = compute_indices(values, metadata, IndexConfig(n_draws=n_draws, seed=seed, weights=weights))
    indices = result.indices
    # The nation is scored on each peer scale; the régions' scale is the one shown beside régions.
    indices = indices[(indices["territory_level"] != "nation") | (indices["peer_level"] == "region")]
    source = {domain: _sources(metadata, domain) for domain in indices["domain"].unique()}
    common = {
        "study": STUDY,
        "population": POPULATION,
        "question": INDEX_QUESTION,
        "group": OVERALL,
        "n": np.nan,
        "weighted_n": np.nan,
    }
    extra = [
        {"peer_level": peer, "n_indicators": int(count)}
        for peer, count in zip(indices["peer_level"], indices["n_indicators"], strict=True)
    ]
    index = pd.DataFrame(
        {
            **common,
            "wave": indices["year"].to_numpy(),
            "item": indices["domain"].to_numpy(),
            "territory_level": indices["territory_level"].to_numpy(),
            "territory": indices["territory"].astype(str).to_numpy(),
            "statistic": "index",
            "estimate": indices["index"].to_numpy(dtype=np.float64),
            "source": indices["domain"].map(source).to_numpy(),
            "extra": extra,
        }
    )
    ranked = indices[indices["rank"].notna()]
    rank = pd.DataFrame(
        {
            **common,
            "wave": ranked["year"].to_numpy(),
            "item": ranked["domain"].to_numpy(),
            "territory_level": ranked["territory_level"].to_numpy(),
            "territory": ranked["territory"].astype(str).to_numpy(),
            "statistic": "rank",
            "estimate": ranked["rank"].to_numpy(dtype=np.float64),
            "ci_low": ranked["rank_low"].to_numpy(dtype=np.float64),
            "ci_high": ranked["rank_high"].to_numpy(dtype=np.float64),
            "source": ranked["domain"].map(source).to_numpy(),
            "extra": [e for e, keep in zip(extra, indices["rank"].notna(), strict=True) if keep],
        }
    )
    return pd.concat([index, rank, _indicator_rows(result.normalised, metadata, common)], ignore_index=True)


def _indicator_rows(normalised: pd.DataFrame, metadata, common: dict) -> pd.DataFrame:
    rows = normalised[normalised["raw"].notna()]
    rows = rows[(rows["territory_level"] != "nation") | (rows["peer_level"] == "region")]
    indicators = [metadata[code] for code in rows["indicator"]]
    extra = [
        {
            "domain": indicator.domain,
            "unit": indicator.unit,
            "direction": indicator.direction,
            **({"normalised": float(value)} if np.isfinite(value) else {}),
        }
        for indicator, value in zip(indicators, rows["normalised"].to_numpy(dtype=np.float64), strict=True)
    ]
    return pd.DataFrame(
        {
            **{**common, "question": INDICATOR_QUESTION},
            "wave": rows["year"].to_numpy(),
            "item": rows["indicator"].to_numpy(),
            "territory_level": rows["territory_level"].to_numpy(),
            "territory": rows["territory"].astype(str).to_numpy(),
            "statistic": "value",
            "estimate": rows["raw"].to_numpy(dtype=np.float64),
            "source": [indicator.source for indicator in indicators],
            "extra": extra,
        }
    )
