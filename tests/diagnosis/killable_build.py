"""A build that never ends: adds a batch, says so on stdout, and waits to be killed (used by test_kill.py)."""

from __future__ import annotations

import sys
import time

import pandas as pd

from observatoire.diagnosis.store import ResultsStore


def batch(number: int, size: int = 500) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "study": "IMPACT-Citoyens",
            "wave": 2019,
            "population": "citoyens",
            "question": "Q1",
            "item": [f"lot_{number}_{index}" for index in range(size)],
            "territory_level": "nation",
            "territory": "FR",
            "statistic": "mean",
            "estimate": 9.9,
            "n": 1000,
        }
    )


def main(url: str) -> None:
    with ResultsStore(url) as store, store.new_build("tuée en cours", "synthétique") as build:
        for number in range(1_000_000):
            build.add(batch(number))
            print(f"lot {number} écrit, construction {build.id}", flush=True)
            time.sleep(0.05)


if __name__ == "__main__":
    main(sys.argv[1])
