"""Benchmark of reading a survey CSV: what the whole-file encoding check adds to pandas' own read.

A citizens' wave of N rows (identifier, région, sex, 16 ratings, a weight with a decimal comma, a free
text comment with accents), written as UTF-8 ``;``-separated. Prints the best wall time of
``csv_encoding`` (the check, in 16 MiB pieces), of ``load_table`` (check + pandas) and the check's share.

    .venv/bin/python benchmarks/read_csv.py --n 100000 1000000 [--repeat 3]

Recorded (2026-12-06, this 2-vCPU machine shared with other runs, ``--repeat 3``, best wall): 100,000 rows
(5.8 MiB) check 12.7 ms of a 207 ms read (6 %); 1,000,000 rows (58.8 MiB) check 220 ms of 2.44 s (9 %).
A first version that also decoded as Windows-1252 and counted lines on every piece took 647 ms (20 %):
line numbers are now counted only when an error is reported, Windows-1252 tried only when UTF-8 fails.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from observatoire.surveys.encoding import csv_encoding
from observatoire.surveys.readers import load_table


def write_wave(path: Path, n: int) -> int:
    rng = np.random.default_rng(1)
    frame = pd.DataFrame({"id": np.arange(n), "region": rng.choice(["11", "84", "93", "44"], n)})
    frame["sexe"] = rng.choice(["H", "F", "NA"], n)
    for item in range(16):
        frame[f"q1_{item}"] = rng.integers(1, 11, n)
    frame["poids"] = rng.uniform(0.5, 2.0, n).round(4)
    frame["commentaire"] = rng.choice(["très bien", "", "sécurité d'abord", "N/A", "à revoir"], n)
    frame.to_csv(path, sep=";", decimal=",", index=False, encoding="utf-8")
    return path.stat().st_size


def best(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for n in arguments.n:
            path = Path(folder) / f"vague_{n}.csv"
            size = write_wave(path, n)
            check = best(lambda path=path: csv_encoding(path), arguments.repeat)
            read = best(lambda path=path: load_table(path, text_columns=["region", "sexe"]), arguments.repeat)
            print(
                f"{n:>10,} rows, {size / 2**20:6.1f} MiB: encoding check {check * 1000:7.1f} ms, "
                f"load_table {read * 1000:8.1f} ms, check share {check / read:5.1%}"
            )


if __name__ == "__main__":
    main()
