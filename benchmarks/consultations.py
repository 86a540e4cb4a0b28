"""Consultation benchmark: raking and all estimates of a consultation of N answers (50,000 by default).

Times :func:`observatoire.consultations.results.results` end to end (attention screening, raking to
sex × age with capped weights, Kish n_eff, the 16 domain means and top-box shares with their intervals,
the devoir d'alliance, the comparison with région/France references), best of ``--repeat`` runs, and the
raking step alone. Target: <= 1 s for 50,000 answers. Asserts nothing.

Measured (2026-12-06, 2-core machine shared, load average 12-14): 50,000 answers (47,545 valid, n_eff
39,756, deff 1.20): raking + capping best 128 ms; all results best 194 ms, median 207 ms.

    .venv/bin/python benchmarks/consultations.py [--answers 50000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from observatoire.consultations.references import References
from observatoire.consultations.results import ATTENTION_EXPECTED, rating_column, results
from observatoire.consultations.weighting import Margins, weight
from observatoire.reference import vocabulary

AGES = ("a18_24", "a25_34", "a35_49", "a50_64", "a65_plus")


def synthetic(n: int, seed: int = 13) -> pd.DataFrame:
    """Synthetic opt-in answers: women and older people over-represented, 5 % careless, 5 % skipped items."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "sexe": rng.choice(["f", "h"], n, p=[0.62, 0.38]),
            "age": rng.choice(AGES, n, p=[0.04, 0.10, 0.24, 0.30, 0.32]),
            "attention": np.where(rng.random(n) < 0.05, 7, ATTENTION_EXPECTED),
            "alliance": rng.choice(["indispensable", "necessaire", "ni_ni", "pas_necessaire"], n),
        }
    )
    for domain in vocabulary.domain_codes():
        ratings = np.clip(np.round(rng.normal(5.5, 2, n)), 1, 10)
        frame[rating_column(domain)] = np.where(rng.random(n) < 0.05, np.nan, ratings)
    return frame


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    frame = synthetic(args.answers)
    margins = Margins(
        sex={"f": 52_300.0, "h": 47_700.0},
        age=dict(zip(AGES, (10_500.0, 15_000.0, 24_000.0, 24_500.0, 26_000.0), strict=True)),
        source="benchmark",
    )
    results(frame, margins, References())  # warm-up (imports, scipy)
    timings, raking = [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        found = results(frame, margins, References())
        timings.append(time.perf_counter() - start)
        start = time.perf_counter()
        weight(frame, margins)
        raking.append(time.perf_counter() - start)
    print(
        f"answers: {args.answers:,} (valid {found.valid:,}, n_eff {found.effective_n:,.0f}, "
        f"deff {found.design_effect:.2f})"
    )
    print(
        f"raking + capping alone: best {min(raking) * 1000:.0f} ms, median {np.median(raking) * 1000:.0f} ms"
    )
    print(
        f"all results: best {min(timings) * 1000:.0f} ms, median {np.median(timings) * 1000:.0f} ms "
        "(target <= 1000 ms)"
    )


if __name__ == "__main__":
    main()
