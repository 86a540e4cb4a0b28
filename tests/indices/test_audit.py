"""The methodology audit: correlations and their flags, Cronbach's alpha, the French Markdown."""

import numpy as np
import pandas as pd
import pytest

from observatoire.indices import IndexConfig, compute_indices
from observatoire.indices.audit import correlation_flag, correlations, cronbach_alpha
from observatoire.indices.metadata import Indicator, IndicatorMetadata


def test_cronbach_alpha_by_hand():
    # 3 items × 4 rows. Item variances (n - 1): 1.6667, 1.6667 and (1, 0, 1, 0 squared deviations) 0.6667
    # -> sum 4. Row totals 3, 6, 9, 10: mean 7, squared deviations 16 + 1 + 4 + 9 = 30 -> variance 10.
    # alpha = k/(k - 1) × (1 - 4/10) = 1.5 × 0.6 = 0.9
    items = np.array([[1.0, 1, 1], [2, 2, 2], [3, 3, 3], [4, 4, 2]])
    assert cronbach_alpha(items) == pytest.approx(0.9)
    assert np.isnan(cronbach_alpha(items[:, :1]))


def test_correlation_flags():
    x = np.arange(10.0)
    matrix = np.column_stack([x, 2 * x + 1, -x + np.sin(x)])
    pairs = {(a, b): r for a, b, r in correlations(matrix, ["a", "b", "c"])}
    assert pairs[("a", "b")] == pytest.approx(1.0)
    assert correlation_flag(pairs[("a", "b")]) == "redundant"
    assert correlation_flag(pairs[("a", "c")]) == "negative"
    assert correlation_flag(0.5) == ""


def test_audit_of_a_run_and_its_markdown():
    rng = np.random.default_rng(5)
    territories = [f"D{i:02d}" for i in range(20)]
    base = rng.normal(size=20)
    rows = []
    for i, territory in enumerate(territories):
        rows += [
            ("departement", territory, "a", 2019, 10 + base[i]),
            ("departement", territory, "b", 2019, 20 + 2 * base[i] + 0.01 * rng.normal()),  # r > 0.9 with a
            ("departement", territory, "c", 2019, 5 - base[i] + rng.normal()),  # negative with a
        ]
    rows.append(("nation", "FR", "a", 2019, 10.0))
    values = pd.DataFrame(rows, columns=["territory_level", "territory", "indicator", "year", "value"])
    metadata = IndicatorMetadata(
        [Indicator(code, "sante", code.upper(), "DREES", "2019", "u", 1) for code in ("a", "b", "c")]
    )
    result = compute_indices(values, metadata, IndexConfig(n_draws=100))
    flags = result.audit.correlations.set_index(["indicator_a", "indicator_b"])["flag"]
    assert flags[("a", "b")] == "redundant"
    assert flags[("a", "c")] == "negative"
    alpha = result.audit.alpha
    assert alpha[["domain", "territory_level", "n_indicators"]].values.tolist() == [
        ["sante", "departement", 3]
    ]
    # The nation has only "a": it is scored on the département scale with 1 indicator, and not ranked.
    nation = result.indices[result.indices["territory_level"] == "nation"]
    assert nation[["peer_level", "n_indicators"]].values.tolist() == [["departement", 1]]
    assert nation["rank"].isna().all()
    markdown = result.audit.to_markdown()
    assert markdown.startswith("# Audit méthodologique")
    assert "| sante | départements | a | b |" in markdown
    assert "redondante" in markdown
    assert "Rangs les plus sensibles" in markdown
    assert "| sante | départements | pondération |" in markdown
