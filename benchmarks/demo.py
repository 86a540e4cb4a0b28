"""Benchmark: generating the demo (all waves, files, imports, indicators) at several sizes.

Usage: ``python benchmarks/demo.py [RESPONDENTS ...]`` (default: the real sizes, 100,000 and 1,000,000
citizens in IMPACT-Citoyens 2019; every other wave scales with it). Prints, per size, the total rows
written, the wall time of building the waves in memory and of the whole generation, and the peak
resident memory of the process.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from observatoire.demo import generate_demo
from observatoire.demo.generate import build_waves
from observatoire.workspace import Workspace


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(respondents: int | None) -> dict[str, float]:
    start = time.perf_counter()
    waves = build_waves(respondents)
    built = time.perf_counter() - start
    rows = sum(w.n for w in waves)
    del waves
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        manifest = generate_demo(Workspace(root=Path(folder), database_url="sqlite://"), respondents)
        total = time.perf_counter() - start
    return {
        "respondents": respondents or 2400,
        "rows": rows,
        "build_s": built,
        "generate_s": total,
        "unmet": len(manifest.unmet),
        "peak_mb": _peak_mb(),
    }


def main(argv: list[str]) -> None:
    sizes: list[int | None] = [int(a) for a in argv] or [None, 100_000, 1_000_000]
    print(
        f"{'citizens 2019':>14} {'rows (all)':>12} {'build s':>9} "
        f"{'generate s':>11} {'unmet':>6} {'peak MB':>8}"
    )
    for size in sizes:
        r = run(size)
        print(
            f"{r['respondents']:>14,} {r['rows']:>12,} {r['build_s']:>9.1f} {r['generate_s']:>11.1f} "
            f"{r['unmet']:>6} {r['peak_mb']:>8.0f}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
