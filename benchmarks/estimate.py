"""Benchmark of estimation: the core, the end-to-end command and R ``survey``, in one run.

N respondents × 16 rating items (1-10, ~3% missing, pandas Int8) × 13 regions as strata, with weights;
national + per-region means and top-box shares, each region compared to the rest. For each N (default
100k, 1M, 2M, 4M, 8M, 16M): the core's design set-up and estimation (best wall, median, CPU of both
threads; targets ≤ 50 ms for 1M rows and peak memory ≤ 2× the input columns), and ``observatoire
estimate`` end to end on the same data written as Parquet, in a new process (start, read, estimate,
print; best wall and CPU time). Then the marginal cost per million rows between consecutive sizes
(target ≤ 80 ms for the command; the slope that crosses ``cells.NUMBA_LOAD_ROWS``, from where a new
process loads numba, also pays that load; the core is measured with the kernels loaded), and R
``survey`` (svydesign + svymean/svyby; no comparison to the rest, which R would pay on top) on
``--r-n`` rows, its time scaled by the rows beside the larger sizes (target: the command ≥ 200× faster
than R).

    .venv/bin/python benchmarks/estimate.py [--n 100000 1000000 2000000 4000000 8000000 16000000]
        [--r-n 100000] [--repeat 5]

Recorded baseline (this 2-vCPU machine; load average from `uptime`):

- 2026-12-06 14:10-14:30, three runs on a machine whose speed varied (R took 14.4, 18.3 and 23.0 s on
  the same 100k rows; the second run followed a CI run), after: no copy of the Parquet columns and no
  per-row PSU codes on the way to the estimate, a numpy cell path without row selection (16 items on 1M
  rows 226 → 115 ms), numba loaded by a new process from 4M rows. Command on 100 rows 553, 767, 559 ms
  wall. Core 1M: set-up 3.4-4.3 + estimate 27-37 ms. Command end to end, wall ms: 1M 840, 1086, 706; 2M
  846, 1234, 1072; 4M 1421, 1643, 1532; 8M 1635, 1831, 1723; 16M 1974, 2980, 2251. Marginal cost per
  million rows, wall: 4M → 8M 53, 47, 48 (target ≤ 80 met in each run), 8M → 16M 42, 144, 66; below 4M
  the numpy path costs 150-370 ms per million rows, still less than loading numba. Ratio R / command at
  1M: 172×, 169×, 326× (≥ 200× in one run of three); at 2M and above 297× to 1637× in every run.
- 2026-12-06 11:40, quiet (load 1.3 → 1.1), ``--repeat 5``, after: no scipy.special import (the normal
  and Student tails of ``stats/distributions.py``), numba loaded by a new process only from 3M rows.
  Command on 100 rows 604 ms wall / 684 ms CPU (was 768-860 / 970-1075 the same day). Core: 1M set-up
  6.7 + estimate 32.7 ms (median 36.2, CPU 46.9), 8M 58 + 198 ms; peak memory 0.52-0.55× input.
  Command end to end (wall / CPU ms): 100k 737 / 842, 1M 977 / 1127 (was 1507 / 1782 with numba),
  2M 1386 / 1637, 4M 1702 / 2125, 8M 2238 / 2955. Marginal cost per million rows, wall / CPU: 1M → 2M
  409 / 509 (numpy path), 2M → 4M 158 / 244 (with numba's load), 4M → 8M 134 / 208: target ≤ 80 NOT met
  (reading the 17 Parquet columns alone costs 50-80 ms per million rows). R 4.2.2 / survey 4.1.1 on
  100k rows: 20.0 s (200 s per million rows); ratio R / command 27× at 100k (same data, start-up
  included), 205× wall (177× CPU) at 1M, 289× at 2M, 716× at 8M (R scaled by the rows).

- 2026-12-06 08:00, load 7.9 → 8.9, ``--repeat 5`` (Parquet read straight into arrays, no DataFrame):
  command on 100 rows 2453 ms wall / 708 ms CPU (start-up; the wall time is the load's: the same command
  took 0.63-0.74 s wall at load 6-7). Core 1M: set-up 17 ms + estimate 111 ms wall (median 147, CPU
  34 ms); 2M: 30 + 261 ms (CPU 59 ms); peak memory 0.55× input. Command end to end: 100k 2936 ms wall /
  768 ms CPU, 1M 4947 / 1538, 2M 7057 / 1894. Marginal cost 1M → 2M: 2110 ms wall, 356 ms CPU per million
  rows (target ≤ 80 ms not shown under this load: the wall time is mostly waiting for a core; in one
  process, read + estimate cost 126 ms CPU per million rows, the rest of the command's is first-touch
  memory of a new process). R 4.2.2 / survey 4.1.1 on 100k rows: 83.4 s wall, 22.5 s CPU; ratio R /
  command: 28× at 100k (same data, the command's start-up included), 169× at 1M and 236× at 2M (R
  scaled by the rows); R / core 1154× at 100k. Quiet-machine figures are still to be taken.
- 2026-11-23 (quiet): core 1M 35.2 ms (median 41.9, CPU 54 ms), 10M 266-326 ms; R at 1M 275 s, 4789× the
  core's set-up + estimation (57 ms). Where the core's time goes at 1M: the cell pass over 16 items
  (~26 ms on one thread, ~22 ms on two: bound by stores), byte encoding (~3 ms), domains and cell codes
  (~3 ms), the batch of estimates and tests (~4.5 ms), the table (~2-4 ms).
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
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
times <- system.time({
  des <- svydesign(id = ~1, strata = ~region, weights = ~w, data = d)
  for (q in items) {
    f <- as.formula(paste0("~", q))
    tb <- as.formula(paste0("~I(as.numeric(", q, " >= 8))"))
    invisible(svymean(f, des, na.rm = TRUE))
    invisible(svyby(f, ~region, des, svymean, na.rm = TRUE))
    invisible(svymean(tb, des, na.rm = TRUE))
    invisible(svyby(tb, ~region, des, svymean, na.rm = TRUE))
  }
})
cat(sprintf("%.3f %.3f\n", times[["elapsed"]], times[["user.self"]] + times[["sys.self"]]))
"""


def run_r(df: pd.DataFrame) -> tuple[float, float] | None:
    """R's wall and CPU time (seconds) for the estimates, read and start-up left out."""
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
        wall, cpu = done.stdout.strip().splitlines()[-1].split()
        return float(wall), float(cpu)


def cli_command(path: Path) -> list[str]:
    """The same estimates as :func:`statistics`, asked of ``observatoire estimate``."""
    command = [str(Path(sys.executable).with_name("observatoire")), "estimate", str(path), "--weight", "w"]
    command += ["--strata", "region", "--by", "region", "--compare-to-rest"]
    for item in ITEMS:
        command += ["--mean", item, "--top-box", f"{item}=8-10"]
    return command


def run_cli(df: pd.DataFrame, repeat: int) -> tuple[float, float]:
    """Best wall time and best CPU time (user + system) of the command on ``df`` written as Parquet, in a
    new process each time (output discarded). CPU time says more than wall time on a busy machine."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "data.parquet"
        df.to_parquet(path, index=False)
        best, cpu = float("inf"), float("inf")
        for _ in range(repeat):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(cli_command(path), check=True, stdout=subprocess.DEVNULL)
            best = min(best, time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = min(cpu, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        return best, cpu


def core(df: pd.DataFrame, repeat: int) -> dict[str, float]:
    """The core's figures on ``df``: design set-up, estimation (best, median, CPU), peak memory."""
    setups, times, cpus = [], [], []
    for _ in range(repeat):
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
    return {
        "rows": len(table),
        "setup": min(setups),
        "best": min(times),
        "median": float(np.median(times)),
        "cpu": min(cpus),
        "peak": peak,
        "size": input_bytes(df),
    }


def slopes(times: dict[int, float]) -> list[tuple[int, int, float]]:
    """Seconds per million rows between consecutive sizes: ``(low, high, slope)``."""
    sizes = sorted(times)
    return [(a, b, (times[b] - times[a]) / ((b - a) / 1e6)) for a, b in itertools.pairwise(sizes)]


def print_slopes(
    cores: dict[int, dict[str, float]], cli_wall: dict[int, float], cli_cpu: dict[int, float]
) -> None:
    for low, high, slope in slopes({n: c["setup"] + c["best"] for n, c in cores.items()}):
        print(f"core marginal cost {low:,} -> {high:,} rows: {slope * 1e3:.0f} ms per million rows")
    for (low, high, wall), (*_, cpu) in zip(slopes(cli_wall), slopes(cli_cpu), strict=True):
        crosses = low < cells.NUMBA_LOAD_ROWS <= high  # a new process loads numba from there on
        print(
            f"CLI marginal cost {low:,} -> {high:,} rows: {wall * 1e3:.0f} ms wall, {cpu * 1e3:.0f} ms CPU "
            f"per million rows (target <= 80 ms){' (includes loading numba)' if crosses else ''}"
        )


def print_r(
    r_n: int, cores: dict[int, dict[str, float]], cli_wall: dict[int, float], cli_cpu: dict[int, float]
) -> None:
    """R on ``r_n`` rows (R takes minutes per million rows); at the other sizes its time scaled by the rows,
    which overstates R where its fixed cost per call weighs (compare the same-data line)."""
    measured = run_r(make_data(r_n))
    if measured is None:
        return
    r_wall, r_cpu = measured
    print(
        f"R survey (svydesign + svymean/svyby of the 32 statistics, no comparison to the rest) on {r_n:,} "
        f"rows: {r_wall:.2f} s wall, {r_cpu:.2f} s CPU ({r_wall / (r_n / 1e6):.1f} s per million rows)"
    )
    for n in sorted(cores):
        scale = n / r_n
        how = "same data" if n == r_n else f"R scaled from {r_n:,} rows"
        ours = cores[n]["setup"] + cores[n]["best"]
        line = f"ratio R / observatoire at {n:,} rows ({how}): core {r_wall * scale / ours:.0f}x"
        if n in cli_wall:
            line += (
                f", CLI end to end {r_wall * scale / cli_wall[n]:.0f}x wall, "
                f"{r_cpu * scale / cli_cpu[n]:.0f}x CPU (target >= 200x)"
            )
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--n", type=int, nargs="+", default=[100_000, 1_000_000, 2_000_000, 4_000_000, 8_000_000, 16_000_000]
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--r-n", type=int, default=100_000, help="rows for R survey (0: no R)")
    parser.add_argument("--no-cli", action="store_true", help="the core only")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    cells._kernels()  # the core is measured with numba's kernels loaded (a new process loads them later)
    run(make_data(cells.NUMBA_MIN_ROWS))  # and compiled or read from their disk cache
    if not args.no_cli:
        wall, cpu = run_cli(make_data(100), args.repeat)
        print(
            f"observatoire estimate on 100 rows (start-up, read, estimate): {wall * 1e3:.0f} ms wall, "
            f"{cpu * 1e3:.0f} ms CPU"
        )
    cores: dict[int, dict[str, float]] = {}
    cli_wall: dict[int, float] = {}
    cli_cpu: dict[int, float] = {}
    for n in sorted(args.n):
        df = make_data(n)
        c = cores[n] = core(df, args.repeat)
        line = (
            f"N={n:>10,}  core: set-up {c['setup'] * 1e3:6.1f} ms + estimate {c['best'] * 1e3:6.1f} ms "
            f"(median {c['median'] * 1e3:.1f}, CPU {c['cpu'] * 1e3:.1f}), peak {c['peak'] / 2**20:.1f} MiB "
            f"= {c['peak'] / c['size']:.2f}x input"
        )
        if not args.no_cli:
            cli_wall[n], cli_cpu[n] = run_cli(df, args.repeat)
            line += f"  | CLI end to end {cli_wall[n] * 1e3:6.0f} ms wall, {cli_cpu[n] * 1e3:6.0f} ms CPU"
        print(line)
        del df
    print_slopes(cores, cli_wall, cli_cpu)
    if args.r_n:
        print_r(args.r_n, cores, cli_wall, cli_cpu)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
