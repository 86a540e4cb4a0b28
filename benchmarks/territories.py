"""Territory lookups: first load in a fresh process, then code, name, postcode lookups and search-as-you-type.

Each measure runs in a new interpreter (the index is built once per process, so the first call is what a
CLI command pays); then the warm lookups are timed in-process. Prints times; asserts nothing (target: the
first lookup well under a second, a warm search under 10 ms).

    .venv/bin/python benchmarks/territories.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

COLD = """
import time
t0 = time.perf_counter()
from observatoire.reference import territories
t1 = time.perf_counter()
territories.territory({query!r})
t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""

WARM = ("13055", "Marseille", "06000", "2A", "PACA")
SEARCHES = ("mar", "saint", "cote d", "130", "bretagne")


def cold(query: str, repeat: int) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-c", COLD.format(query=query)], capture_output=True, text=True, check=True
        ).stdout.split()
        runs.append((float(out[0]), float(out[1])))
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def warm(function, arguments, repeat: int) -> float:
    best = []
    for _ in range(repeat):
        start = time.perf_counter()
        for argument in arguments:
            function(argument)
        best.append((time.perf_counter() - start) / len(arguments))
    return min(best)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for query in ("13055", "Marseille"):
        imported, first = cold(query, args.repeat)
        print(f"cold territory({query!r}): import {imported * 1e3:.0f} ms, first lookup {first * 1e3:.0f} ms")

    from observatoire.reference import territories

    territories.search("x")  # build the search index once
    print(f"warm territory(): {warm(territories.territory, WARM, args.repeat) * 1e6:.0f} µs per lookup")
    print(f"warm search(): {warm(territories.search, SEARCHES, args.repeat) * 1e3:.2f} ms per query")


if __name__ == "__main__":
    main()
