"""Benchmark of the estimation core (issue #3): national + per-region means, SEs, top-box shares, flags.

N respondents × 16 rating items (1-10, ~3% missing, pandas Int8) × 13 regions as strata, with weights.
Prints the wall time of the design set-up (encoding strata, once per file) and of the estimation (what
the targets are about: ≤ 50 ms for 1M rows, ≤ 0.5 s for 10M), and the peak memory allocated during the
estimation (tracemalloc) against the size of the input columns (target ≤ 2×). With ``--r`` (N ≤ 1M),
runs the same estimates with R's ``survey::svyby`` and prints the ratio. With ``--cli``, also times the
end-to-end command (``observatoire estimate`` on the same data written as Parquet, in a new process: start,
read, estimate, print), on each N and on 100 rows (its start-up); between the smallest and the largest N
its marginal cost per million rows (target ≤ 80 ms), and R's time is compared with the whole command too.

    .venv/bin/python benchmarks/estimate.py --n 1000000 10000000 [--r] [--cli] [--repeat 5]

Recorded baseline (2026-11-23, this 2-vCPU machine, ``--repeat 7``; best wall, median, CPU of both
threads, peak memory / input columns):

- before (commit 26b0b16: one pass per statistic over the cells, rows assembled as dicts), run back to
  back with the "after" runs: 1M 83.5 ms (median 87.8, CPU 116 ms) and 87.4 ms (median 117), 0.73×;
  10M 625 ms (median 682, CPU 946 ms) and 674 ms (median 742), 0.69×.
- after (one vectorised batch for every cell statistic and test, four items per read of a row in the
  cell pass, vectorised byte encoding, the table built once): 1M 35.2 ms (median 41.9, CPU 54 ms),
  36.7 ms (median 45.9) and, with the machine busier, 48.0 ms (median 50.5), 0.55×; 10M 266-326 ms
  (median 301-343, CPU 446-523 ms), 0.52×. Targets: ≤ 50 ms (best wall; the median is at the edge
  when another process holds the second core), ≤ 0.5 s and ≤ 2× met.
- R 4.2.2, survey 4.1.1 (``--r``, 1M): 275 s for svydesign + svymean/svyby of the 32 statistics, 4789×
  our set-up + estimation of that run (57 ms).
- where the time goes at 1M: the cell pass over 16 items (~26 ms on one thread; a second thread only
  brings it to ~22 ms wall: it is bound by stores, which the two vCPUs share), the byte encoding
  (~3 ms), domains and cell codes (~3 ms), the batch of estimates and tests (~4.5 ms), the table
  (~2-4 ms).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

from observatoire.stats import cells
from observatoire.stats.design import Design
from observatoire.stats.table import Statistic, estimate

ITEMS = [f"q{i + 1:02d}" for i in range(16)]
REGIONS = 13


def make_data(n: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    region = rng.integers(0, REGIONS, n).astype(np.int8)
    frame = {
        "region": pd.Categorical.from_codes(region, [f"R{r + 1:02d}" for r in range(REGIONS)]),
        "w": rng.lognormal(0.0, 0.4, n) * (1 + region / 10),
    }
    for j, item in enumerate(ITEMS):
        values = np.clip(np.round(rng.normal(5.5 + 0.1 * region + 0.05 * j, 2.2)), 1, 10).astype(np.int8)
        missing = rng.random(n) < 0.03
        frame[item] = pd.arrays.IntegerArray(values, missing)
    return pd.DataFrame(frame)


def statistics() -> list[Statistic]:
    return [Statistic.mean(q) for q in ITEMS] + [Statistic.top_box(q, 8, 10) for q in ITEMS]


def run(df: pd.DataFrame) -> tuple[float, float, float, pd.DataFrame]:
    """(design set-up wall time, estimation wall time, estimation CPU time of the process, table)."""
    t0 = time.perf_counter()
    design = Design.from_frame(df, weights="w", strata="region")
    t1 = time.perf_counter()
    c1 = time.process_time()
    table = estimate(df, design, statistics(), by="region", compare_to_rest=True)
    c2 = time.process_time()
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, c2 - c1, table


def input_bytes(df: pd.DataFrame) -> int:
    return int(df.memory_usage(deep=True, index=False).sum())


R_SCRIPT = r"""
suppressMessages(library(survey))
args <- commandArgs(TRUE)
d <- read.csv(args[1])
d$region <- factor(d$region)
items <- grep("^q", names(d), value = TRUE)
elapsed <- system.time({
  des <- svydesign(id = ~1, strata = ~region, weights = ~w, data = d)
  for (q in items) {
    f <- as.formula(paste0("~", q))
    tb <- as.formula(paste0("~I(as.numeric(", q, " >= 8))"))
    invisible(svymean(f, des, na.rm = TRUE))
    invisible(svyby(f, ~region, des, svymean, na.rm = TRUE))
    invisible(svymean(tb, des, na.rm = TRUE))
    invisible(svyby(tb, ~region, des, svymean, na.rm = TRUE))
  }
})[["elapsed"]]
cat(sprintf("%.3f\n", elapsed))
"""


def run_r(df: pd.DataFrame) -> float | None:
    if shutil.which("Rscript") is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "data.csv"
        df.to_csv(csv, index=False)
        script = Path(tmp) / "bench.R"
        script.write_text(R_SCRIPT)
        done = subprocess.run(["Rscript", str(script), str(csv)], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print("R failed:", done.stderr.strip().splitlines()[-1:])
            return None
        return float(done.stdout.strip().splitlines()[-1])


def cli_command(path: Path) -> list[str]:
    """The same estimates as :func:`statistics`, asked of ``observatoire estimate``."""
    command = [str(Path(sys.executable).with_name("observatoire")), "estimate", str(path), "--weight", "w"]
    command += ["--strata", "region", "--by", "region", "--compare-to-rest"]
    for item in ITEMS:
        command += ["--mean", item, "--top-box", f"{item}=8-10"]
    return command


def run_cli(df: pd.DataFrame, repeat: int) -> float:
    """Best wall time of the command on ``df`` written as Parquet (output discarded)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "data.parquet"
        df.to_parquet(path, index=False)
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run(cli_command(path), check=True, stdout=subprocess.DEVNULL)
            best = min(best, time.perf_counter() - start)
        return best


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--r", action="store_true", help="also time R survey::svyby (N ≤ 1M)")
    parser.add_argument("--cli", action="store_true", help="also time observatoire estimate end to end")
    args = parser.parse_args()
    run(make_data(cells.NUMBA_MIN_ROWS))  # load the numba kernels (cached on disk afterwards)
    small_cli = run_cli(make_data(100), args.repeat) if args.cli else None
    if small_cli is not None:
        print(f"observatoire estimate on 100 rows (start-up, read, estimate): {small_cli * 1e3:.0f} ms")
    cli_times: dict[int, float] = {}
    for n in args.n:
        df = make_data(n)
        size = input_bytes(df)
        setups, times, cpus = [], [], []
        for _ in range(args.repeat):
            setup, elapsed, cpu, table = run(df)
            setups.append(setup)
            times.append(elapsed)
            cpus.append(cpu)
        tracemalloc.start()
        design = Design.from_frame(df, weights="w", strata="region")
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        estimate(df, design, statistics(), by="region", compare_to_rest=True)
        peak = tracemalloc.get_traced_memory()[1] - before
        tracemalloc.stop()
        best = min(times)
        print(
            f"N={n:>11,}  rows out={len(table)}  design set-up {min(setups) * 1e3:7.1f} ms  "
            f"estimate {best * 1e3:7.1f} ms wall (median {np.median(times) * 1e3:.1f}, "
            f"CPU {min(cpus) * 1e3:.1f} ms)  peak memory during estimate {peak / 2**20:7.1f} MiB "
            f"= {peak / size:.2f}× input ({size / 2**20:.0f} MiB)"
        )
        cli = run_cli(df, args.repeat) if small_cli is not None else None
        if cli is not None:
            cli_times[n] = cli
            print(f"    observatoire estimate (Parquet, end to end): {cli * 1e3:.0f} ms")
        if args.r and n <= 1_000_000:
            r_time = run_r(df)
            if r_time is not None:
                ours = best + min(setups)
                print(f"    R survey svyby: {r_time:.2f} s  → ratio R / observatoire = {r_time / ours:.0f}×")
                if cli is not None:
                    print(f"    ratio R / observatoire estimate end to end = {r_time / cli:.0f}×")
    if len(cli_times) >= 2:
        low, high = min(cli_times), max(cli_times)
        marginal = (cli_times[high] - cli_times[low]) / ((high - low) / 1e6)
        print(f"observatoire estimate marginal cost: {marginal * 1e3:.0f} ms per million rows", end=" ")
        print(f"(from {low:,} to {high:,} rows)")


if __name__ == "__main__":
    main()
