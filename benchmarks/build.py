"""Build benchmark: ``observatoire demo --build-only`` stage by stage, in a fresh temporary workspace.

Stages: generating and importing the demo waves, the build (each wave, the indices), the CSV export.
Prints times and row counts; asserts nothing (targets: the whole command under 2 minutes on a
fresh machine; the full build, indices with 1,000 Monte Carlo draws included, <= 30 s).

    .venv/bin/python benchmarks/build.py [--respondents N] [--draws 1000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from observatoire.demo import generate_demo
from observatoire.diagnosis.build import run_build
from observatoire.diagnosis.export import export_results
from observatoire.diagnosis.store import ResultsStore
from observatoire.workspace import Workspace


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=None, help="citizens 2019 sample size")
    parser.add_argument("--draws", type=int, default=1000, help="Monte Carlo draws of the indices")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="observatoire-bench-") as folder:
        workspace = Workspace.from_env(Path(folder) / "observatoire-data").ensure()
        total = time.perf_counter()
        started = time.perf_counter()
        manifest = generate_demo(workspace, respondents=options.respondents)
        respondents = sum(wave.n for wave in manifest.waves)
        print(f"generate + import  {time.perf_counter() - started:7.2f} s  {respondents:,} respondents")

        stages: dict[str, float] = {}
        marks = {"last": time.perf_counter()}

        def progress(step: str, done: int, total_steps: int) -> None:
            if done == total_steps:
                now = time.perf_counter()
                stages[step] = now - marks["last"]
                marks["last"] = now

        started = time.perf_counter()
        marks["last"] = started
        report = run_build(workspace, progress=progress, n_draws=options.draws)
        for step, seconds in stages.items():
            print(f"  {step:<58} {seconds:7.2f} s")
        print(
            f"build              {report.seconds:7.2f} s  {report.figures:,} figures, "
            f"{report.suppressed:,} suppressed"
        )
        started = time.perf_counter()
        with ResultsStore.from_workspace(workspace) as store:
            done = export_results(store, workspace.exports_dir / "resultats.csv")
        print(f"export CSV         {time.perf_counter() - started:7.2f} s  {done.rows:,} rows")
        print(f"total              {time.perf_counter() - total:7.2f} s")


if __name__ == "__main__":
    main()
