"""Results store benchmark: write a 500k-row build, then time the web's typical reads and the exports.

Runs on a SQLite file in a temporary folder and, when it answers, on the local PostgreSQL server (in a
schema of its own, dropped afterwards). Prints times; asserts nothing (targets: web reads p95 <= 50 ms).

    .venv/bin/python benchmarks/store.py [--rows 500000] [--no-postgres] [--xlsx]
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import numpy as np
import pandas as pd

from observatoire.diagnosis.export import export_results
from observatoire.diagnosis.store import ResultsStore

PG_DSN = "host=127.0.0.1 port=5432 dbname=test user=postgres"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
DOMAINS = [f"domaine_{i:02d}" for i in range(16)]
TERRITORIES = (
    [("nation", "FR")]
    + [("region", f"{code:02d}") for code in (11, 24, 27, 28, 32, 44, 52, 53, 75, 76, 84, 93, 94)]
    + [("survey_region", f"SR{i:02d}") for i in range(12)]
    + [("departement", f"{i:02d}") for i in range(1, 102)]
)
STATISTICS = ["mean", "share_8_10", "share_1_3", "change", "rank"]


def frames(rows: int, batch: int = 50_000):
    """Batches of synthetic figures, about ``rows`` in all, shaped like a real build."""
    keys = itertools.product(
        ["IMPACT", "PHARE"],
        ["citoyens", "entreprises", "associations", "maires"],
        ["Q1", "Q2", "Q3", "Q4"],
        ["ensemble", "TPE", "PME"],
        DOMAINS,
        TERRITORIES,
        STATISTICS,
    )
    random = np.random.default_rng(1)
    produced = 0
    while produced < rows:
        chunk = list(itertools.islice(keys, min(batch, rows - produced)))
        if not chunk:
            return
        study, population, question, group, item, territory, statistic = zip(*chunk, strict=True)
        size = len(chunk)
        estimate = random.uniform(1, 10, size)
        yield pd.DataFrame(
            {
                "study": [f"{s}-{p}" for s, p in zip(study, population, strict=True)],
                "wave": [2019 if s == "IMPACT" else 2015 for s in study],
                "population": population,
                "question": question,
                "item": item,
                "territory_level": [level for level, _ in territory],
                "territory": [code for _, code in territory],
                "group": group,
                "statistic": statistic,
                "estimate": estimate,
                "se": 0.1,
                "ci_low": estimate - 0.2,
                "ci_high": estimate + 0.2,
                "n": random.integers(5, 3000, size),
                "weighted_n": random.uniform(5, 3000, size),
                "flag": random.choice(["higher", "lower", None], size),
            }
        )
        produced += size


def timed(call, repeat: int) -> tuple[float, float, int]:
    durations, size = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        answer = call()
        durations.append((time.perf_counter() - start) * 1000)
        size = len(answer) if hasattr(answer, "__len__") else 1
    durations.sort()
    return statistics.median(durations), durations[int(0.95 * (len(durations) - 1))], size


def run(url: str, name: str, rows: int, folder: Path, xlsx: bool) -> None:
    print(f"\n== {name}: {rows:,} lignes".replace(",", " "))
    with ResultsStore(url) as store:
        start = time.perf_counter()
        with store.new_build("benchmark", "synthétique") as build:
            for frame in frames(rows):
                build.add(frame)
        elapsed = time.perf_counter() - start
        print(f"construction : {elapsed:.1f} s ({build.row_count / elapsed:,.0f} lignes/s)".replace(",", " "))

        reads = {
            "carte (1 question, 1 item, régions)": lambda: store.query(
                population="citoyens",
                wave=2019,
                question="Q1",
                item="domaine_03",
                statistic="mean",
                territory_level="region",
                group="ensemble",
            ),
            "question (16 domaines, tous territoires)": lambda: store.query(
                population="citoyens", wave=2019, question="Q1", statistic="mean", group="ensemble"
            ),
            "page territoire (93, 2019)": lambda: store.query(territory="93", wave=2019, group="ensemble"),
            "API page 50 (offset 10 000)": lambda: store.query(population="maires", limit=50, offset=10_000),
            "API count": lambda: [store.count(population="maires")],
            "distinct(territory, région)": lambda: store.distinct("territory", territory_level="region"),
            "current_build()": lambda: [store.current_build()],
        }
        for label, call in reads.items():
            call()  # warm up
            median, p95, size = timed(call, 100)
            print(f"{label:<42} {size:>6} lignes  médiane {median:6.1f} ms  p95 {p95:6.1f} ms")

        for suffix in (".csv", ".parquet", *([".xlsx"] if xlsx else [])):
            start = time.perf_counter()
            done = export_results(store, folder / f"{name}{suffix}")
            size = done.path.stat().st_size / 1e6
            print(f"export {suffix:<8} {time.perf_counter() - start:6.1f} s  {size:6.1f} Mo")

        with store.new_build("benchmark 2", "synthétique") as build:  # replacing a build: retention
            start = time.perf_counter()
            for frame in frames(rows):
                build.add(frame)
        print(f"seconde construction (avec rétention) : {time.perf_counter() - start:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--xlsx", action="store_true", help="time the XLSX export too (slow)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        run(f"sqlite:///{Path(folder) / 'bench.sqlite3'}", "sqlite", options.rows, Path(folder), options.xlsx)
        if options.no_postgres:
            return
        try:
            import psycopg

            admin = psycopg.connect(PG_DSN, autocommit=True, connect_timeout=3)
        except Exception as error:
            print(f"\nPostgreSQL ignoré : {error}")
            return
        schema = f"obs_bench_{uuid.uuid4().hex[:8]}"
        with admin:
            admin.execute(f'CREATE SCHEMA "{schema}"')
            try:
                url = f"{PG_URL}?options=-csearch_path%3D{schema}"
                run(url, "postgresql", options.rows, Path(folder), options.xlsx)
            finally:
                admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


if __name__ == "__main__":
    main()
