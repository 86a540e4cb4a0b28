"""Objective-index benchmark: the full demo shape with the Monte Carlo at its default size.

16 domains × 3 indicators × (13 régions + 96 départements + nation) × 2 years, 1,000 draws per domain and
level (plus Saltelli's B and three A_B samples for the sensitivity shares: 5,000 evaluations). Prints the
times; asserts nothing (target: well under 10 s on 2 cores).

    .venv/bin/python benchmarks/indices.py [--draws 1000] [--repeat 3] [--no-sensitivity]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import numpy as np
import pandas as pd

from observatoire.indices import IndexConfig, compute_indices, default_indicator_metadata
from observatoire.indices.metadata import IndicatorMetadata

YEARS = (2015, 2019)


def demo_inputs(seed: int = 1) -> tuple[pd.DataFrame, IndicatorMetadata]:
    """Synthetic, skewed values of the packaged indicators for the real metropolitan territories."""
    from observatoire.reference import territories

    keys = [("nation", "FR")]
    keys += [("region", r.code) for r in territories.regions()]
    keys += [("departement", d.code) for d in territories.departements()]
    indicators = list(default_indicator_metadata().values())  # 16 domains × 3 indicators
    rng = np.random.default_rng(seed)
    rows = [
        (level, code, indicator.code, year, float(rng.lognormal(2.0, 0.5)))
        for level, code in keys
        for indicator in indicators
        for year in YEARS
        if rng.random() > 0.03 or level == "nation"  # a few gaps, so that imputation runs
    ]
    frame = pd.DataFrame(rows, columns=["territory_level", "territory", "indicator", "year", "value"])
    return frame, IndicatorMetadata(indicators)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-sensitivity", action="store_true")
    args = parser.parse_args()
    values, metadata = demo_inputs()
    config = IndexConfig(n_draws=args.draws, sensitivity=not args.no_sensitivity)
    print(
        f"{len(values)} values, {len(metadata)} indicators, {values['territory'].nunique()} territories, "
        f"{args.draws} draws, sensitivity {'off' if args.no_sensitivity else 'on'}"
    )
    compute_indices(values, metadata, IndexConfig(n_draws=10), None)  # warm-up (imports, caches)
    walls, cpus = [], []
    for _ in range(args.repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = compute_indices(values, metadata, config)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    wall, cpu = time.perf_counter(), time.process_time()
    compute_indices(values, metadata, IndexConfig(n_draws=0))
    nominal_wall, nominal_cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"load average (1 min): {os.getloadavg()[0]:.1f} (wall times suffer when other jobs run)")
    print(
        f"compute_indices: wall median {statistics.median(walls):.2f} s (min {min(walls):.2f}), "
        f"CPU median {statistics.median(cpus):.2f} s, over {args.repeat} runs"
    )
    print(f"without Monte Carlo: wall {nominal_wall:.2f} s, CPU {nominal_cpu:.2f} s")
    print(f"rows: indices {len(result.indices)}, normalised {len(result.normalised)}")
    widths = (result.indices["rank_high"] - result.indices["rank_low"]).dropna()
    print(f"rank interval width: median {widths.median():.0f}, max {widths.max():.0f}")
    print(
        result.sensitivity.groupby(["territory_level", "assumption"])[["first_order", "total_order"]].mean()
    )


if __name__ == "__main__":
    main()
